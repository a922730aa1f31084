"""The Qt desktop application: widgets, item models, dialogs and workers; talks to services only."""

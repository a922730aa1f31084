"""The Inicio (home) area: what needs attention today, as lines that open the filtered list."""

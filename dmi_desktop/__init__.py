"""DMI Desktop: offline-first case management for Drug Market Intervention programmes."""

__version__ = "0.1.0"
APP_NAME = "DMI Desktop"

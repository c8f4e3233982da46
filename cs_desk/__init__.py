"""cs_desk: offline-first customer-service workstation and its sync server."""

APP_NAME = "cs_desk"
__version__ = "0.1.0"

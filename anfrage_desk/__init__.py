"""Anfrage-Desk: draft council inquiries, log and assess the answers, write follow-ups."""

__version__ = "0.1.0"
APP_NAME = "Anfrage-Desk"

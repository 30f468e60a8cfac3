"""The importers' error and size limit (a module of its own so every importer can use them)."""

from __future__ import annotations

MAX_BYTES = 20 * 1024 * 1024
"""Files above this size are refused: no letter is that large, and reading it would block."""


class UnreadableFile(Exception):
    """A file that cannot be imported; str() is a German sentence for the user."""


MAX_UNPACKED_BYTES = 50 * 1024 * 1024
"""A .docx is a ZIP file: its parts together may unpack to at most this (a "ZIP bomb" of a few
MB can unpack to gigabytes and fill the memory before any text is read)."""
MAX_ZIP_ENTRIES = 5000

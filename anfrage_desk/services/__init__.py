"""Use cases: what the UI and the command line call. They see store functions and plain data."""

from anfrage_desk.services.common import Changes, ServiceError, today

__all__ = ["Changes", "ServiceError", "today"]

"""The Qt user interface. Calls services; never writes SQL.

The Qt-free layers the first window needs are imported here, before PySide6: once PySide6 is
loaded, its import hook looks into every module imported after it (~30 ms of the start).
"""

from anfrage_desk import model, resources, store, words  # noqa: F401
from anfrage_desk.services import overview  # noqa: F401
from anfrage_desk.store import backups, inquiries, lock, migrations  # noqa: F401

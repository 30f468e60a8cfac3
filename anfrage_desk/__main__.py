"""`python -m anfrage_desk` behaves like the `anfrage-desk` command."""

import sys

from anfrage_desk.cli import main

sys.exit(main())

"""``python -m numresp ...``: the ``numresp`` command (see :mod:`numresp.cli`)."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())

"""The bundle's entry point: the same `kiosk` command as from source."""

import sys

from kiosk.__main__ import main

if __name__ == "__main__":
    sys.exit(main())

"""`python -m versus` is the `versus` command."""

import sys

from versus.cli import main

sys.exit(main())

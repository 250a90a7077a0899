"""`python -m walkback_desktop` behaves exactly like the `walkback` command."""

import sys

from walkback_desktop.cli import main

sys.exit(main())

"""The Routines page: browse, filter, start, edit, duplicate, delete, import and export.

`model.py` holds the table's model and filter, `detail.py` the selected
routine's panel, `page.py` the page that wires them to the library.
"""

from walkback_desktop.ui.pages.routines.model import COLUMNS
from walkback_desktop.ui.pages.routines.page import RoutinesPage

__all__ = ["COLUMNS", "RoutinesPage"]

"""The guided 3-m Backward Walk Test (dialog) and its results list."""

from walkback_desktop.ui.walk_test.dialog import WalkTestDialog
from walkback_desktop.ui.walk_test.results import WalkTestResults

__all__ = ["WalkTestDialog", "WalkTestResults"]

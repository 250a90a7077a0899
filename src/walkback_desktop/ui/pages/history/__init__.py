"""The History page, in parts: `page` (the page and its loading), `table` (the
view, its editors and column fitting), `filters` (the filter bar), `actions`
(actions and buttons), `writes` (saves with Retry and undo) and `folding_row`
(a row that folds when the page is narrow)."""

from walkback_desktop.ui.pages.history.page import HistoryPage

__all__ = ["HistoryPage"]

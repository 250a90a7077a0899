"""A row of groups that folds into a column when the page is too narrow for it
(large text, longer languages), so nothing is cut off and the page never needs
a sideways scroll bar. Decided on every resize from the groups' own sizes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QWidget


class FoldingRow(QWidget):
    def __init__(
        self, groups: list[QBoxLayout], *, spacing: int = 16, stretch_first: bool = False
    ) -> None:
        super().__init__()
        self._groups = groups
        self._box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._box.setSpacing(spacing)
        for n, group in enumerate(groups):
            group.addStretch(1)  # each group keeps to the left when the row folds
            self._box.addLayout(group, 1 if stretch_first and n == 0 else 0)
        if not stretch_first:
            self._box.addStretch(1)

    @property
    def folded(self) -> bool:
        return self._box.direction() == QBoxLayout.Direction.TopToBottom

    def one_row_width(self) -> int:
        spacing = self._box.spacing() * (len(self._groups) - 1)
        return sum(group.sizeHint().width() for group in self._groups) + spacing

    def minimumSizeHint(self) -> QSize:
        """As narrow as the widest group: the row folds rather than overflow."""
        hint = super().minimumSizeHint()
        return QSize(max(group.minimumSize().width() for group in self._groups), hint.height())

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # a label or button changed size
            self.fold_for(self.width())
        return super().event(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.fold_for(event.size().width())
        super().resizeEvent(event)

    def fold_for(self, width: int) -> None:
        fold = width < self.one_row_width()
        if fold != self.folded:
            self._box.setDirection(
                QBoxLayout.Direction.TopToBottom if fold else QBoxLayout.Direction.LeftToRight
            )
            self.updateGeometry()

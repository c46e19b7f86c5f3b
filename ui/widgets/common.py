"""Small kiosk widgets: a line edit without context menu, role-styled labels, a message card."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QVBoxLayout, QWidget


class KioskLineEdit(QLineEdit):
    """No context menu (Paste, Select All …) and no drops: nothing reaches the clipboard or files."""

    def __init__(self, parent: QWidget | None = None, **props: object) -> None:
        super().__init__(parent, **props)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setAcceptDrops(False)
        self.setDragEnabled(False)

    def clear(self) -> None:
        """Empty, and forget the undo history too (QLineEdit.clear keeps it: Ctrl+Z would bring text back)."""
        self.setText("")


def role_label(role: str = "", parent: QWidget | None = None, *, wrap: bool = True) -> QLabel:
    """A label styled by its role (title, subtitle, hint, error, busy, reference); plain text only."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # data (names!) is never parsed as rich text
    label.setWordWrap(wrap)
    label.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    if role:
        label.setProperty("role", role)
    return label


class Card(QFrame):
    """A framed block of text lines (a finding, a booking, an applicant list)."""

    def __init__(self, role: str = "card", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", role)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(16, 10, 16, 10)

    def add_line(self, text: str, role: str = "") -> QLabel:
        label = role_label(role, self)
        label.setText(text)
        self._layout.addWidget(label)
        return label


def clear_layout(layout) -> None:  # type: ignore[no-untyped-def]
    """Delete every widget in a layout (content that changes per visit is rebuilt, not reused)."""
    while layout.count():
        item = layout.takeAt(0)
        w = item.widget()
        if w is not None:
            w.setParent(None)
            w.deleteLater()
        elif item.layout() is not None:
            clear_layout(item.layout())

"""Small kiosk widgets: a line edit without context menu, role-styled labels, a check box's wrapping words,
a message card."""

from __future__ import annotations

from typing import Any, TypeVar

from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (QCheckBox, QFrame, QHBoxLayout, QLabel, QLayout, QLineEdit, QPushButton,
                               QSizePolicy, QVBoxLayout, QWidget)

CHECK_MARK = "✓ "
Named = TypeVar("Named", bound=QObject)


def named(obj: Named, name: str) -> Named:
    """`obj` with its objectName (what the style sheet and the tests find it by).

    Qt takes any property as a constructor keyword, but PySide6's stubs list only the class's own:
    objectName=… passed that way type-checks nowhere.
    """
    obj.setObjectName(name)
    return obj


class KioskLineEdit(QLineEdit):
    """No context menu (Paste, Select All …) and no drops: nothing reaches the clipboard or files."""

    def __init__(self, parent: QWidget | None = None, **props: Any) -> None:
        super().__init__(parent, **props)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setAcceptDrops(False)
        self.setDragEnabled(False)

    def clear(self) -> None:
        """Empty, and forget the undo history too (QLineEdit.clear keeps it: Ctrl+Z would bring text back)."""
        self.setText("")


class ToggleButton(QPushButton):
    """A checkable button whose chosen state shows as a ✓ in its text, not by colour alone."""

    def __init__(self, text: str = "", parent: QWidget | None = None, **props: Any) -> None:
        super().__init__(parent, **props)
        self._plain = text
        self.setCheckable(True)
        self.toggled.connect(lambda _on: self._show())
        self._show()

    def setText(self, text: str) -> None:
        self._plain = text
        self._show()

    def plain_text(self) -> str:
        return self._plain

    def _show(self) -> None:
        super().setText((CHECK_MARK if self.isChecked() else "") + self._plain)
        self.setAccessibleName(self._plain)  # the state is announced as "checked", not read as a ✓


def numeric_hints(widget: QWidget, *, date: bool = False) -> None:
    """On-screen keyboard: case numbers on the Latin letters (uppercase first, digits in the top row: never
    pinyin, never the symbols page); dates on the digits pad (19880730 is read as 1988-07-30; no calculator)."""
    h = Qt.InputMethodHint
    if date:
        widget.setInputMethodHints(h.ImhDigitsOnly | h.ImhNoPredictiveText)
    else:
        widget.setInputMethodHints(h.ImhLatinOnly | h.ImhPreferUppercase | h.ImhNoPredictiveText
                                   | h.ImhNoAutoUppercase)


def latin_hints(widget: QWidget) -> None:
    """User names and e-mail addresses: Latin letters whatever the visit's language (pinyin would turn "chen" into 陈)."""
    h = Qt.InputMethodHint
    widget.setInputMethodHints(h.ImhLatinOnly | h.ImhNoAutoUppercase | h.ImhNoPredictiveText | h.ImhPreferLowercase)


def describe(widget: QWidget, name: str, description: str = "") -> None:
    """The accessible name (what a screen reader calls the control) and description (what it does)."""
    widget.setAccessibleName(name)
    widget.setAccessibleDescription(description or name)


def role_label(role: str = "", parent: QWidget | None = None, *, wrap: bool = True) -> QLabel:
    """A label styled by its role (title, subtitle, hint, error, busy, reference); plain text only."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # data (names!) is never parsed as rich text
    label.setWordWrap(wrap)
    label.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    if role:
        label.setProperty("role", role)
    return label


class CheckLabel(QLabel):
    """A check box's words beside it, wrapped to the room there is (a QCheckBox's own text never wraps and
    widens the page); touching them toggles the box, as touching the words of a QCheckBox does."""

    def __init__(self, box: QCheckBox) -> None:
        super().__init__()
        self.box = box
        self.setObjectName(box.objectName() + "Label")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setBuddy(box)

    def setText(self, text: str) -> None:  # the box is called by its words
        super().setText(text)
        self.box.setAccessibleName(text)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if (event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint())
                and self.box.isEnabled()):
            self.box.setFocus(Qt.FocusReason.MouseFocusReason)
            self.box.toggle()
        super().mouseReleaseEvent(event)


class ShortFirstLabel(QLabel):
    """A wrapping label kept on one line while its words take at most `share` of the row: a short state ("Demo
    database") stays on one line beside a long neighbour (the clock) that wraps instead (seen live in portrait
    with larger text: "Demo" over "database")."""

    def __init__(self, share: float) -> None:
        super().__init__()
        self._share = share

    def _whole(self) -> int:
        edges = self.width() - self.contentsRect().width()  # frame and the style sheet's padding
        fm = self.fontMetrics()  # a character's slack: the wrapped layout measures a few px wider than this
        return fm.horizontalAdvance(self.text()) + fm.averageCharWidth() + edges + 2 * self.margin()

    def sizeHint(self) -> QSize:  # one line, when the row has room for it
        hint = super().sizeHint()
        return QSize(max(hint.width(), self._whole()), hint.height())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        parent = self.parentWidget()
        # At most its share of the row: such labels side by side leave room for the row's margins, icon and
        # outbox count, so the row never holds the window wider than the screen.
        row = int(parent.width() * self._share) if parent is not None else hint.width()
        whole = self._whole()  # a longer text wraps freely, as any label: its neighbours keep their room
        return QSize(max(hint.width(), whole if whole <= row else 0), hint.height())


def check_row(box: QCheckBox) -> tuple[QHBoxLayout, CheckLabel]:
    """The box (its indicator only) with its wrapping words beside it, top-aligned."""
    row = QHBoxLayout()
    row.setSpacing(8)
    box.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)  # the words give way, never the box
    row.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
    label = CheckLabel(box)
    row.addWidget(label, 1)
    return row, label


class Card(QFrame):
    """A framed block of text lines (a finding, a booking, an applicant list)."""

    def __init__(self, role: str = "card", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", role)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(16, 8, 16, 8)
        self._layout.setSpacing(2)

    def add_line(self, text: str, role: str = "") -> QLabel:
        label = role_label(role, self)
        label.setText(text)
        self._layout.addWidget(label)
        return label

    def add_widget(self, widget: QWidget) -> None:
        """A button (or any widget) under the lines."""
        self._layout.addWidget(widget)


def clear_layout(layout: QLayout | None) -> None:
    """Delete every widget in a layout (content that changes per visit is rebuilt, not reused)."""
    while layout is not None and layout.count():
        item = layout.takeAt(0)
        if item is None:
            break
        w = item.widget()
        if w is not None:
            w.hide()  # hidden first: a parentless visible widget would become a window (and take the focus)
            w.setParent(None)
            w.deleteLater()
        elif (inner := item.layout()) is not None:
            clear_layout(inner)

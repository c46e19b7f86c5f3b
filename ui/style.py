"""The kiosk's look: large type (≥ 18 pt) and touch targets of at least 44×44 px, in one stylesheet."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from kiosk.resources import resource

BODY_PT = 18
TOUCH_PX = 56  # comfortably above the 44 px minimum
FONT_FILE = resource("fonts", "wqy-microhei.ttc")

STYLESHEET = f"""
* {{ font-size: {BODY_PT}pt; }}
QWidget#shell {{ background: #f5f7fa; }}
QLabel[role="title"] {{ font-size: 28pt; font-weight: bold; color: #102a43; }}
QLabel[role="subtitle"] {{ font-size: 20pt; color: #334e68; }}
QLabel[role="hint"] {{ color: #486581; }}
QLabel[role="error"] {{ color: #b00020; font-weight: bold; }}
QLabel[role="busy"] {{ color: #0b5394; font-style: italic; }}
QLabel[role="reference"] {{ font-size: 34pt; font-weight: bold; color: #0b5394; }}
QLabel#demoBanner {{ background: #d9480f; color: white; font-size: 20pt; font-weight: bold; padding: 6px; }}
QLabel#statusLine {{ color: #334e68; padding: 4px 12px; }}
QFrame[role="card"] {{ background: white; border: 1px solid #bcccdc; border-radius: 8px; }}
QFrame[role="finding"] {{ background: #fffbea; border-left: 6px solid #f0b429; border-radius: 4px; }}
QFrame[role="finding-block"] {{ background: #ffe3e3; border-left: 6px solid #e12d39; border-radius: 4px; }}
QFrame#idleWarning {{ background: #102a43; }}  /* opaque: a passer-by sees no data */
QFrame#idleWarning QLabel {{ color: white; font-size: 28pt; }}
QPushButton {{ min-height: {TOUCH_PX}px; min-width: 120px; padding: 6px 24px; border-radius: 8px;
              background: #e4e7eb; border: 1px solid #9aa5b1; }}
QPushButton:default, QPushButton[role="primary"] {{ background: #0b5394; color: white; border: none; }}
QPushButton:disabled {{ background: #f0f4f8; color: #9aa5b1; border: 1px solid #d9e2ec; }}
QPushButton:checked {{ background: #0b5394; color: white; }}
QPushButton[role="day"] {{ min-width: {TOUCH_PX}px; min-height: 44px; padding: 0px; }}
QPushButton[role="day"]:disabled {{ background: transparent; border: none; color: #bcccdc; }}
QLineEdit {{ min-height: {TOUCH_PX}px; padding: 4px 12px; border: 2px solid #9aa5b1; border-radius: 6px;
            background: white; }}
QLineEdit:focus {{ border-color: #0b5394; }}
QCheckBox {{ min-height: {TOUCH_PX}px; spacing: 14px; }}
QCheckBox::indicator {{ width: 36px; height: 36px; }}
QScrollArea, QScrollArea > QWidget > QWidget {{ background: transparent; }}
QScrollBar:vertical {{ width: 28px; }}
"""


def apply_style(app: QApplication) -> None:
    """The embedded font covers Latin, Polish and Chinese names; 18 pt body everywhere."""
    family = "WenQuanYi Micro Hei"
    if FONT_FILE.exists():
        fid = QFontDatabase.addApplicationFont(str(FONT_FILE))
        families = QFontDatabase.applicationFontFamilies(fid) if fid >= 0 else []
        family = families[0] if families else family
    font = QFont(family)
    font.setPointSize(BODY_PT)
    app.setFont(font)
    app.setStyleSheet(STYLESHEET)

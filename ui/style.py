"""The kiosk's look: large type (≥ 18 pt), touch targets ≥ 44 px, and two display modes a visitor can pick.

Every colour comes from a `Palette`; the stylesheet is built from it, so a test can compute
the WCAG 2.2 contrast of every text/background and control/background pair it declares.
Modes: standard, high contrast (white/yellow on black, ≥ 7:1), and large text (+33 %),
which combine. Nothing is said by colour alone: selected buttons get a thick outline and
a ✓, findings a worded heading (✘ / ※), errors a "▲" (see the pages).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

from kiosk.resources import resource

BODY_PT = 18
LARGE_BODY_PT = 24  # the large-text mode
TOUCH_PX = 56  # comfortably above the 44 px minimum
FONT_FILE = resource("fonts", "wqy-microhei.ttc")


@dataclass(frozen=True)
class Palette:
    window: str  # page background
    surface: str  # cards, fields
    text: str
    title: str
    subtitle: str
    hint: str
    error: str
    busy: str
    reference: str
    border: str  # field and button outlines (a control's boundary: ≥ 3:1 against window and surface)
    focus: str  # the keyboard focus ring (≥ 3:1)
    button: str
    button_text: str
    primary: str
    primary_text: str
    disabled: str
    disabled_text: str  # inactive controls are exempt from WCAG contrast; kept readable anyway
    finding: str
    finding_edge: str
    blocking: str
    blocking_edge: str
    banner: str
    banner_text: str
    overlay: str
    overlay_text: str


STANDARD = Palette(
    window="#f5f7fa", surface="#ffffff", text="#102a43", title="#102a43", subtitle="#243b53", hint="#3e5469",
    error="#a1001b", busy="#0b4f8a", reference="#0b4f8a", border="#627d98", focus="#c25e00",
    button="#e4e7eb", button_text="#102a43", primary="#0b4f8a", primary_text="#ffffff",
    disabled="#eef1f4", disabled_text="#6b7c8d", finding="#fffbea", finding_edge="#b7791f",
    blocking="#ffe3e3", blocking_edge="#c81e2b", banner="#b23c0a", banner_text="#ffffff",
    overlay="#102a43", overlay_text="#ffffff",
)  # fmt: skip

HIGH_CONTRAST = Palette(
    window="#000000", surface="#000000", text="#ffffff", title="#ffffff", subtitle="#ffffff", hint="#ffff00",
    error="#ff9e9e", busy="#9fd8ff", reference="#ffff00", border="#ffffff", focus="#00ffff",
    button="#000000", button_text="#ffffff", primary="#ffff00", primary_text="#000000",
    disabled="#000000", disabled_text="#a0a0a0", finding="#000000", finding_edge="#ffff00",
    blocking="#000000", blocking_edge="#ff9e9e", banner="#ffff00", banner_text="#000000",
    overlay="#000000", overlay_text="#ffffff",
)  # fmt: skip


def palette(high_contrast: bool) -> Palette:
    return HIGH_CONTRAST if high_contrast else STANDARD


# (foreground, background, minimum ratio, what) — the pairs the stylesheet puts on screen.
def contrast_pairs(p: Palette) -> list[tuple[str, str, float, str]]:
    text_on = [("text", "window"), ("text", "surface"), ("title", "window"), ("subtitle", "window"),
               ("subtitle", "surface"), ("hint", "window"), ("hint", "surface"), ("error", "window"),
               ("error", "surface"), ("busy", "window"), ("reference", "window"), ("reference", "surface"),
               ("button_text", "button"), ("primary_text", "primary"), ("text", "finding"), ("hint", "finding"),
               ("subtitle", "finding"), ("text", "blocking"), ("hint", "blocking"), ("subtitle", "blocking"),
               ("error", "blocking"), ("banner_text", "banner"), ("overlay_text", "overlay"),
               ("text", "button"), ("hint", "button"), ("text", "surface")]  # fmt: skip
    controls = [("border", "window"), ("border", "surface"), ("focus", "window"), ("focus", "surface"),
                ("primary", "window"), ("finding_edge", "finding"), ("blocking_edge", "blocking"),
                ("focus", "button")]  # fmt: skip
    return ([(getattr(p, f), getattr(p, b), 4.5, f"{f} on {b}") for f, b in text_on]
            + [(getattr(p, f), getattr(p, b), 3.0, f"{f} against {b}") for f, b in controls])


@dataclass(frozen=True)
class Screen:
    """The size class of the window: compact (≤ 900 px tall), regular, or tall (portrait floor kiosk)."""

    body_pt: float
    large_pt: float
    touch_px: int
    spacing_px: int

    @property
    def name(self) -> str:
        return next((k for k, v in SCREENS.items() if v == self), "regular")


SCREENS = {
    "compact": Screen(body_pt=BODY_PT, large_pt=20, touch_px=48, spacing_px=8),
    "regular": Screen(body_pt=20, large_pt=26, touch_px=TOUCH_PX, spacing_px=14),
    "tall": Screen(body_pt=22, large_pt=28, touch_px=64, spacing_px=18),
}


def screen_class(width: int, height: int) -> Screen:
    """Point sizes and touch targets grow with the screen; a short screen keeps 18 pt and tighter spacing."""
    if height <= 900:
        return SCREENS["compact"]
    return SCREENS["tall"] if height > width else SCREENS["regular"]


def stylesheet(*, high_contrast: bool = False, large_text: bool = False, screen: Screen | None = None) -> str:
    p = palette(high_contrast)
    sc = screen or SCREENS["compact"]
    body = sc.large_pt if large_text else sc.body_pt
    k = body / BODY_PT
    title, subtitle, ref, banner = round(26 * k), round(20 * k), round(32 * k), round(18 * k)
    touch = round(sc.touch_px * (1.15 if large_text else 1))
    small = max(44, round(touch * 0.85))
    day = 44 if sc.touch_px <= 48 else small  # six weeks of days fit a short screen
    return f"""
* {{ font-size: {body}pt; color: {p.text}; }}
QWidget#shell {{ background: {p.window}; }}
QWizard, QWizardPage, QWizard > QWidget {{ background: {p.window}; }}
QLabel {{ background: transparent; }}
QLabel[role="title"] {{ font-size: {title}pt; font-weight: bold; color: {p.title}; }}
QLabel[role="subtitle"] {{ font-size: {subtitle}pt; color: {p.subtitle}; }}
QLabel[role="step"] {{ color: {p.subtitle}; }}
QLabel[role="hint"] {{ color: {p.hint}; }}
QLabel[role="error"] {{ color: {p.error}; font-weight: bold; }}
QLabel#errorLine {{ border: 3px solid {p.error}; padding: 8px; }}
QLineEdit[invalid="true"] {{ border: 4px solid {p.error}; }}
QLabel[role="busy"] {{ color: {p.busy}; font-style: italic; }}
QLabel[role="reference"] {{ font-size: {ref}pt; font-weight: bold; color: {p.reference}; }}
QLabel#demoBanner {{ background: {p.banner}; color: {p.banner_text}; font-size: {banner}pt; font-weight: bold;
                     padding: 2px; }}
QLabel#statusLine {{ color: {p.subtitle}; padding: 2px 12px; }}
QFrame[role="card"] {{ background: {p.surface}; border: 1px solid {p.border}; border-radius: 8px; }}
QFrame[role="finding"] {{ background: {p.finding}; border: 1px solid {p.finding_edge};
                          border-left: 8px solid {p.finding_edge}; border-radius: 4px; }}
QFrame[role="finding-block"] {{ background: {p.blocking}; border: 3px solid {p.blocking_edge};
                                border-left: 12px solid {p.blocking_edge}; border-radius: 4px; }}
QFrame[role="card"] QLabel, QFrame[role="finding"] QLabel, QFrame[role="finding-block"] QLabel {{ border: none; }}
QFrame#idleWarning {{ background: {p.overlay}; }}  /* opaque: a passer-by sees no data */
QFrame#idleWarning QLabel {{ color: {p.overlay_text}; font-size: {title}pt; }}
QPushButton {{ min-height: {touch}px; min-width: 120px; padding: 4px 20px; border-radius: 8px;
              background: {p.button}; color: {p.button_text}; border: 2px solid {p.border}; }}
QPushButton:default, QPushButton[role="primary"] {{ background: {p.primary}; color: {p.primary_text};
                                                    border: 2px solid {p.primary}; }}
/* A focused button in the wizard (a dialog) becomes its default: a secondary one keeps its plain fill. */
QPushButton[role="secondary"]:default {{ background: {p.button}; color: {p.button_text}; border: 2px solid {p.border}; }}
QPushButton:disabled {{ background: {p.disabled}; color: {p.disabled_text}; border: 1px dashed {p.disabled_text}; }}
QPushButton:checked {{ background: {p.primary}; color: {p.primary_text}; border: 4px solid {p.text}; font-weight: bold; }}
QLineEdit:focus, QPlainTextEdit:focus, QCheckBox:focus {{ border: 4px solid {p.focus}; }}
QPushButton[role="day"] {{ min-width: {day}px; min-height: {day}px; padding: 0px; }}
QPushButton[role="day"]:disabled {{ background: transparent; border: none; color: {p.disabled_text}; }}
QPushButton[role="small"] {{ min-height: {small}px; min-width: 80px; padding: 2px 14px; }}
QLineEdit, QPlainTextEdit {{ min-height: {touch}px; padding: 4px 12px; border: 2px solid {p.border};
                             border-radius: 6px; background: {p.surface}; color: {p.text};
                             placeholder-text-color: {p.hint}; }}
QCheckBox {{ min-height: {small}px; spacing: 14px; border: 4px solid transparent; }}
QCheckBox::indicator {{ width: {round(32 * k)}px; height: {round(32 * k)}px; border: 3px solid {p.border};
                        background: {p.surface}; }}
QCheckBox::indicator:checked {{ background: {p.primary}; }}
/* Focus is added, never instead: the ring replaces only the outline's colour, so a chosen day or time and
   the primary action keep their fill (on a touchscreen the last touched button keeps the focus). */
QPushButton:focus {{ border: 4px solid {p.focus}; }}
QScrollArea, QScrollArea > QWidget > QWidget {{ background: transparent; }}
QScrollBar:vertical {{ width: 28px; background: {p.window}; }}
QScrollBar::handle:vertical {{ background: {p.border}; min-height: 40px; border-radius: 6px; }}
"""


STYLESHEET = stylesheet()


@dataclass
class DisplayMode:
    """What the visitor chose on Welcome; the wipe sets it back to standard."""

    high_contrast: bool = False
    large_text: bool = False
    screen: Screen = SCREENS["compact"]


_mode = DisplayMode()


def current_mode() -> DisplayMode:
    return DisplayMode(_mode.high_contrast, _mode.large_text, _mode.screen)


def set_display_mode(*, high_contrast: bool | None = None, large_text: bool | None = None,
                     screen: Screen | None = None) -> None:
    """Switch the whole application at once (every window, the shell's banner and overlays included)."""
    if ((high_contrast in (None, _mode.high_contrast)) and (large_text in (None, _mode.large_text))
            and screen in (None, _mode.screen)):
        return
    if screen is not None:
        _mode.screen = screen
    if high_contrast is not None:
        _mode.high_contrast = high_contrast
    if large_text is not None:
        _mode.large_text = large_text
    app = QApplication.instance()
    if isinstance(app, QApplication):
        font = app.font()
        sc = _mode.screen
        font.setPointSizeF(sc.large_pt if _mode.large_text else sc.body_pt)
        app.setFont(font)
        _placeholder(app, palette(_mode.high_contrast))
        app.setStyleSheet(stylesheet(high_contrast=_mode.high_contrast, large_text=_mode.large_text, screen=sc))


def _placeholder(app: QApplication, p: Palette) -> None:
    """Placeholder text ("e.g. GUZ2019541234") in the hint colour: readable (≥ 4.5:1), not the faint default."""
    qp = app.palette()
    qp.setColor(QPalette.ColorRole.PlaceholderText, QColor(p.hint))
    app.setPalette(qp)


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
    _mode.high_contrast = _mode.large_text = False
    _mode.screen = SCREENS["compact"]
    _placeholder(app, STANDARD)
    app.setStyleSheet(STYLESHEET)


WINDOW_FRAME_PX = 48  # room for a window manager's title bar and border


def windowed_size(width: int, height: int, room_width: int, room_height: int) -> tuple[int, int]:
    """A window's size (`kiosk --windowed`, the clerk console), smaller on a smaller screen so all of it, the
    status line too, is on the screen (1280x800 on a 1366x768 screen, 1400x900 on 1280x800: seen live)."""
    return min(width, room_width), min(height, room_height - WINDOW_FRAME_PX)

"""Reading a page aloud: Qt TextToSpeech on a thread of its own, with a voice for the visit's language."""

from __future__ import annotations

import logging
import os
import unicodedata
from PySide6.QtCore import QLocale, QObject, QPoint, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QWidget

try:  # PySide6-Addons; a build without it simply has no reading aloud
    from PySide6.QtTextToSpeech import QTextToSpeech, QVoice
except ImportError:  # pragma: no cover — the packaged build decides
    QTextToSpeech = QVoice = None  # type: ignore[assignment,misc]

from ui.widgets.common import ToggleButton, named

log = logging.getLogger(__name__)
ENGINE_VAR = "KIOSK_SPEECH"  # "auto" (default: the first real engine), "off", or an engine's name ("mock" in tests)
LOCALES = {"en": QLocale("en_US"), "zh_CN": QLocale("zh_CN")}
# Name words that pick the right voice where locales alone cannot: speech-dispatcher reports espeak-ng's
# Mandarin ("cmn") under no locale Qt knows, and lists Caribbean English first among en_US voices.
NAME_HINTS = {"en": ("America",), "zh_CN": ("Mandarin",)}
START_MS = 1500
State = QTextToSpeech.State if QTextToSpeech is not None else None


def engine_setting() -> str:
    """The engine to use: $KIOSK_SPEECH, else "auto"; "off" (or empty) turns reading aloud off."""
    value = os.environ.get(ENGINE_VAR, "auto").strip()
    return "" if value.lower() in ("", "off", "none", "0") else value


def real_engines() -> list[str]:
    """The installed engines that make sound: Qt's "mock" plugin only pretends to."""
    return [name for name in QTextToSpeech.availableEngines() if name != "mock"]


def pick_voice(voices: list[tuple[QVoice, QLocale]], language: str) -> QVoice | None:
    """The voice for the visit's language: the exact locale first, a name hint next, no "+variant"; else None."""
    want, hints = LOCALES[language], NAME_HINTS[language]

    def fits(voice: QVoice, locale: QLocale) -> bool:
        named = locale.language() == QLocale.Language.C and any(h in voice.name() for h in hints)
        return locale.language() == want.language() or named

    ranked = sorted(
        (not (loc.language() == want.language() and loc.territory() == want.territory()),
         not any(h in v.name() for h in hints), "+" in v.name(), i)
        for i, (v, loc) in enumerate(voices) if fits(v, loc))
    return voices[ranked[0][3]][0] if ranked else None


class _Voice(QObject):
    """Lives on the speech thread and owns the engine (starting speech-dispatcher takes over a second)."""

    ready = Signal(str)  # "language=voice name" lines, one per language with a voice; "" when no engine works
    state_changed = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self._tts: QTextToSpeech | None = None
        self._voices: dict[str, QVoice] = {}

    @Slot(str)
    def start(self, engine: str) -> None:
        name = (real_engines() or [""])[0] if engine == "auto" else engine
        if not name or name not in QTextToSpeech.availableEngines():
            self.ready.emit("")
            return
        self._tts = QTextToSpeech(name, self)
        self._tts.stateChanged.connect(self._state)
        if self._tts.state() != QTextToSpeech.State.Ready:
            return  # an engine that starts slowly (or failed) says so through stateChanged
        self._found_voices()

    def _state(self, state: QTextToSpeech.State) -> None:
        if not self._voices and state in (QTextToSpeech.State.Ready, QTextToSpeech.State.Error):
            self._found_voices()  # first Ready (or Error): now we know what the engine offers
            return
        self.state_changed.emit(state.value)

    def _found_voices(self) -> None:
        tts = self._tts
        voices: list[tuple[QVoice, QLocale]] = []
        if tts is not None and tts.state() == QTextToSpeech.State.Ready:
            for locale in tts.availableLocales():
                tts.setLocale(locale)
                voices += [(v, locale) for v in tts.availableVoices()]
        self._voices = {code: v for code in LOCALES if (v := pick_voice(voices, code)) is not None}
        self.ready.emit("\n".join(f"{code}={v.name()}" for code, v in self._voices.items()))

    @Slot(str, str)
    def say(self, text: str, language: str) -> None:
        voice = self._voices.get(language)
        if self._tts is None or voice is None:
            return
        self._tts.setVoice(voice)
        self._tts.say(text)

    @Slot()
    def stop(self) -> None:
        busy = (QTextToSpeech.State.Speaking, QTextToSpeech.State.Paused, QTextToSpeech.State.Synthesizing)
        if self._tts is not None and self._tts.state() in busy:
            self._tts.stop()

    def engine(self) -> QTextToSpeech | None:
        return self._tts


class Reader(QObject):
    """The kiosk's one reading voice; lives in the GUI thread and never waits on the engine.

    Pages show their "Read aloud" button only while `available(language)` is true, so a kiosk
    without a working engine (or without a voice for the visit's language) shows none.
    """

    availability_changed = Signal()
    speaking_changed = Signal(bool)
    _start = Signal(str)
    _say = Signal(str, str)
    _stop = Signal()

    def __init__(self, parent: QObject | None = None, *, engine: str | None = None) -> None:
        super().__init__(parent)
        self.voices: dict[str, str] = {}  # language -> the name of its voice
        self._state: QTextToSpeech.State | None = State.Ready if State is not None else None
        self._thread: QThread | None = None
        engine = engine_setting() if engine is None else engine
        if not engine or QTextToSpeech is None:
            self._voice = None
            return
        self._thread = named(QThread(), "speech")
        self._voice = _Voice()
        self._voice.moveToThread(self._thread)
        self._thread.finished.connect(self._voice.deleteLater)  # the engine is destroyed on its own thread
        self._start.connect(self._voice.start)
        self._say.connect(self._voice.say)
        self._stop.connect(self._voice.stop)
        self._voice.ready.connect(self._ready)
        self._voice.state_changed.connect(self._state_changed)
        # After Welcome is painted: PySide6 holds Python's lock while the engine is made (about 1.5 s
        # for speech-dispatcher), which would hold up the first paint of a kiosk starting up; starting
        # the thread itself costs start-up ~10 ms, so it starts then too.
        QTimer.singleShot(START_MS, self, lambda: self._begin(engine))

    def _begin(self, engine: str) -> None:
        if self._thread is not None:  # (not shut down meanwhile)
            self._thread.start()
            self._start.emit(engine)

    # -- what the pages ask -----------------------------------------------------------------------
    def available(self, language: str) -> bool:
        return language in self.voices

    @property
    def state(self) -> QTextToSpeech.State | None:
        return self._state

    @property
    def speaking(self) -> bool:
        return State is not None and self._state in (State.Speaking, State.Paused)

    def say(self, texts: list[str], language: str) -> None:
        """Read these texts, one after another, in the voice of `language` (nothing if it has none)."""
        if self.available(language) and texts:
            stop = "。" if language == "zh_CN" else "."
            # A pause between the pieces: each ends as a sentence (a title or a time has no full stop).
            whole = "\n".join(t if t[-1] in ".。!！?？:：" else t + stop for t in texts)
            self._say.emit(whole, language)

    def stop(self) -> None:
        if self._thread is not None:
            self._stop.emit()

    def shutdown(self) -> None:
        """Stop speaking and end the speech thread (the shell calls this before it closes)."""
        if self._thread is None:
            return
        self._stop.emit()
        self._thread.quit()
        self._thread.wait()
        self._thread = None
        self.voices = {}
        self.availability_changed.emit()

    def engine(self) -> QTextToSpeech | None:
        """The engine itself (tests listen to what it says)."""
        return self._voice.engine() if self._voice is not None and self._thread is not None else None

    # -- answers from the speech thread -----------------------------------------------------------
    def _ready(self, voices: str) -> None:
        self.voices = dict(line.split("=", 1) for line in voices.splitlines() if "=" in line)
        log.info("reading aloud: %s", self.voices or "no engine or no voice for our languages")
        self.availability_changed.emit()

    def _state_changed(self, value: int) -> None:
        was = self.speaking
        self._state = QTextToSpeech.State(value)  # only a speech thread (so QtTextToSpeech) sends this
        if self._state == QTextToSpeech.State.Error:
            self.voices = {}  # the engine broke: no button that cannot work
            self.availability_changed.emit()
        if self.speaking != was:
            self.speaking_changed.emit(self.speaking)


# -- what a page says -----------------------------------------------------------------------------
def spoken(text: str) -> str:
    """Text as a voice should say it: the marks shown for sighted readers (✓ ✘ ※ ▲) left out."""
    # ※ is punctuation; format characters (Done's word joiners in names) are not for a voice either.
    kept = "".join(ch for ch in text if unicodedata.category(ch) not in ("So", "Cf") and ch not in "※")
    return " ".join(kept.split())


def page_texts(page: QWidget, chosen: str, skip: tuple[QWidget, ...] = ()) -> list[str]:
    """Every visible label and choice on the page, top to bottom and left to right (reading order).

    `chosen` says a selected choice ("%1, chosen"), in the visit's language.
    """
    found: list[tuple[int, int, str]] = []
    for w in page.findChildren(QWidget):
        if w in skip or not w.isVisibleTo(page):
            continue
        if isinstance(w, QLabel):
            text = w.text()
        elif isinstance(w, ToggleButton):  # times on the calendar, the choices on Welcome and Sign in
            text = w.plain_text()
            if w.isChecked():
                text = chosen.replace("%1", text)
        else:
            continue
        if text := spoken(text):
            at = w.mapTo(page, QPoint(0, 0))
            found.append((at.y(), at.x(), text))
    return [text for _y, _x, text in sorted(found)]

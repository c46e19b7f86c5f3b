"""The embedded font draws the names this post's applicants write; its licence ships beside it."""

from __future__ import annotations

from kiosk.pdf.fonts import FONT_FILE, missing_glyphs


def test_embedded_font_covers_chinese_and_latin_extended_names() -> None:
    assert missing_glyphs("Łukasz Żółć 张伟 林美 欧阳 Nguyễn Văn Ánh Müller ß İğş Ç ñ O'Brien <&> “”—…") == []


def test_missing_glyph_check_reports_what_the_font_lacks() -> None:
    assert missing_glyphs("LIN \U0001f600") == ["\U0001f600"]  # an emoji: the font has none


def test_font_licence_ships_with_the_font() -> None:
    assert FONT_FILE.is_file()
    assert "Apache" in (FONT_FILE.parent / "wqy-microhei.COPYRIGHT").read_text()
    assert (FONT_FILE.parent / "wqy-microhei.LICENSE-Apache-2.0").is_file()

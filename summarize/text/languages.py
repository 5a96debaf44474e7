"""The languages we support and the names and ISO codes users may give for them."""

from __future__ import annotations

from summarize.errors import UnknownLanguageError

# language name -> ISO 639-1 code. Every language here has stop words in sumy's data.
LANGUAGES: dict[str, str] = {
    "english": "en",
}

_BY_CODE = {code: name for name, code in LANGUAGES.items()}


def resolve_language(name: str) -> str:
    """Turn a user's ``--language`` value (a name or an ISO code) into our language name."""
    key = name.strip().lower()
    if key in LANGUAGES:
        return key
    if key in _BY_CODE:
        return _BY_CODE[key]
    known = ", ".join(sorted(LANGUAGES))
    raise UnknownLanguageError(f"unknown language {name!r} (supported: {known})")


def iso_code(language: str) -> str:
    """The ISO 639-1 code of one of our language names."""
    return LANGUAGES[language]

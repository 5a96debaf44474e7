"""The languages we support and the names and ISO codes users may give for them."""

from __future__ import annotations

from summarize.errors import UnknownLanguageError

# language name -> ISO 639-1 code. Every language here has stop words in sumy's data, a sentence
# splitter (sentencex's rules plus ours) and, where Snowball has one, a stemmer.
LANGUAGES: dict[str, str] = {
    "arabic": "ar",
    "chinese": "zh",
    "czech": "cs",
    "english": "en",
    "french": "fr",
    "german": "de",
    "greek": "el",
    "hebrew": "he",
    "italian": "it",
    "japanese": "ja",
    "korean": "ko",
    "polish": "pl",
    "portuguese": "pt",
    "slovak": "sk",
    "spanish": "es",
    "swedish": "sv",
    "thai": "th",
    "ukrainian": "uk",
}

# Other spellings users give: ISO 639-2/3 codes, the old code for Hebrew, a few common names.
_ALIASES: dict[str, str] = {
    "ara": "arabic",
    "zho": "chinese",
    "chi": "chinese",
    "mandarin": "chinese",
    "ces": "czech",
    "cze": "czech",
    "eng": "english",
    "fra": "french",
    "fre": "french",
    "deu": "german",
    "ger": "german",
    "ell": "greek",
    "gre": "greek",
    "heb": "hebrew",
    "iw": "hebrew",
    "ita": "italian",
    "jpn": "japanese",
    "kor": "korean",
    "pol": "polish",
    "por": "portuguese",
    "slk": "slovak",
    "slo": "slovak",
    "spa": "spanish",
    "castilian": "spanish",
    "swe": "swedish",
    "tha": "thai",
    "ukr": "ukrainian",
}

_BY_CODE = {code: name for name, code in LANGUAGES.items()}


def resolve_language(name: str) -> str:
    """Turn a user's ``--language`` value (a name or an ISO code) into our language name."""
    key = name.strip().lower().replace("_", "-")
    key = key.split("-")[0] if "-" in key else key  # "pt-BR", "zh_Hans" -> the language
    if key in LANGUAGES:
        return key
    if key in _BY_CODE:
        return _BY_CODE[key]
    if key in _ALIASES:
        return _ALIASES[key]
    known = ", ".join(sorted(LANGUAGES))
    raise UnknownLanguageError(f"unknown language {name!r} (supported: {known}, or auto)")


def iso_code(language: str) -> str:
    """The ISO 639-1 code of one of our language names."""
    return LANGUAGES[language]

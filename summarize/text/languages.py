"""The languages we support and the names and ISO codes users may give for them."""

from __future__ import annotations

from summarize.errors import UnknownLanguageError

# language name -> ISO 639-1 code. Every language here has a stop-word list of our own
# (summarize/text/stopwords/), a sentence splitter (sentencex's rules plus ours) and, where
# Snowball has one, a stemmer: all of Snowball's languages are here.
LANGUAGES: dict[str, str] = {
    "arabic": "ar",
    "armenian": "hy",
    "basque": "eu",
    "catalan": "ca",
    "chinese": "zh",
    "czech": "cs",
    "danish": "da",
    "dutch": "nl",
    "english": "en",
    "esperanto": "eo",
    "estonian": "et",
    "finnish": "fi",
    "french": "fr",
    "german": "de",
    "greek": "el",
    "hebrew": "he",
    "hindi": "hi",
    "hungarian": "hu",
    "indonesian": "id",
    "irish": "ga",
    "italian": "it",
    "japanese": "ja",
    "korean": "ko",
    "lithuanian": "lt",
    "nepali": "ne",
    "norwegian": "no",
    "persian": "fa",
    "polish": "pl",
    "portuguese": "pt",
    "romanian": "ro",
    "russian": "ru",
    "serbian": "sr",
    "sesotho": "st",
    "slovak": "sk",
    "spanish": "es",
    "swedish": "sv",
    "tamil": "ta",
    "thai": "th",
    "turkish": "tr",
    "ukrainian": "uk",
    "yiddish": "yi",
}

# Other spellings users give: ISO 639-2/3 codes, old and regional codes, a few common names.
_ALIASES: dict[str, str] = {
    "ara": "arabic",
    "hye": "armenian",
    "arm": "armenian",
    "eus": "basque",
    "baq": "basque",
    "cat": "catalan",
    "valencian": "catalan",
    "zho": "chinese",
    "chi": "chinese",
    "mandarin": "chinese",
    "ces": "czech",
    "cze": "czech",
    "dan": "danish",
    "nld": "dutch",
    "dut": "dutch",
    "flemish": "dutch",
    "eng": "english",
    "epo": "esperanto",
    "est": "estonian",
    "fin": "finnish",
    "fra": "french",
    "fre": "french",
    "deu": "german",
    "ger": "german",
    "ell": "greek",
    "gre": "greek",
    "heb": "hebrew",
    "iw": "hebrew",
    "hin": "hindi",
    "hun": "hungarian",
    "ind": "indonesian",
    "in": "indonesian",
    "gle": "irish",
    "ita": "italian",
    "jpn": "japanese",
    "kor": "korean",
    "lit": "lithuanian",
    "nep": "nepali",
    "nor": "norwegian",
    "nb": "norwegian",
    "nob": "norwegian",
    "nn": "norwegian",
    "nno": "norwegian",
    "bokmal": "norwegian",
    "bokmål": "norwegian",
    "nynorsk": "norwegian",
    "fas": "persian",
    "per": "persian",
    "farsi": "persian",
    "pol": "polish",
    "por": "portuguese",
    "ron": "romanian",
    "rum": "romanian",
    "mo": "romanian",
    "moldavian": "romanian",
    "rus": "russian",
    "srp": "serbian",
    "sot": "sesotho",
    "sotho": "sesotho",
    "slk": "slovak",
    "slo": "slovak",
    "spa": "spanish",
    "castilian": "spanish",
    "swe": "swedish",
    "tam": "tamil",
    "tha": "thai",
    "tur": "turkish",
    "ukr": "ukrainian",
    "yid": "yiddish",
    "ji": "yiddish",
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

"""Which language a text is in: by script, then by stop words, on a sample from the start.

Most of our languages have a script of their own (Arabic, Greek, Hebrew, Thai, Ukrainian's
Cyrillic, Korean's Hangul, Japanese kana; Chinese is Han without kana). The Latin-script ones are
told apart by their stop words: each word of the sample votes for the languages whose sumy
stop-word list holds it, a vote shared by the languages that have the word in common, and a few
letters that only one language uses add their own votes. It reads at most ``SAMPLE`` characters,
so a whole book costs the same as a page.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from summarize.text.languages import resolve_language
from summarize.text.words import stop_words

AUTO = "auto"
DEFAULT = "english"
SAMPLE = 20_000

_LATIN = (
    "english",
    "french",
    "german",
    "italian",
    "polish",
    "portuguese",
    "slovak",
    "spanish",
    "swedish",
    "czech",
)
_WORD = re.compile(r"[^\W\d_]+")
# Letters that point to one language among the Latin-script ones.
_LETTERS = {
    "czech": "ěřů",
    "slovak": "ľĺŕô",
    "polish": "łąęśźżń",
    "german": "ßäöü",
    "swedish": "åäö",
    "french": "èêëçœîûù",
    "spanish": "ñ¿¡",
    "portuguese": "ãõç",
    "italian": "ìò",
}


def choose_language(text: str, requested: str) -> str:
    """The language to process ``text`` in: the requested one, or the detected one for auto."""
    if requested.strip().lower() == AUTO:
        return detect_language(text)
    return resolve_language(requested)


def _script_counts(sample: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for char in sample:
        code = ord(char)
        if code < 0x0370:
            if char.isalpha():
                counts["latin"] += 1
        elif code < 0x0400:
            counts["greek"] += 1
        elif code < 0x0530:
            counts["cyrillic"] += 1
        elif 0x0590 <= code < 0x0600:
            counts["hebrew"] += 1
        elif 0x0600 <= code < 0x0700 or 0xFB50 <= code < 0xFE00 or 0xFE70 <= code < 0xFF00:
            counts["arabic"] += 1
        elif 0x0E00 <= code < 0x0E80:
            counts["thai"] += 1
        elif 0x3040 <= code < 0x3100:
            counts["kana"] += 1
        elif 0xAC00 <= code < 0xD7B0 or 0x1100 <= code < 0x1200:
            counts["hangul"] += 1
        elif 0x4E00 <= code < 0xA000 or 0x3400 <= code < 0x4DC0:
            counts["han"] += 1
    return counts


_SCRIPTS = {
    "greek": "greek",
    "cyrillic": "ukrainian",
    "hebrew": "hebrew",
    "arabic": "arabic",
    "thai": "thai",
    "hangul": "korean",
}


@cache
def _votes() -> dict[str, dict[str, float]]:
    """word -> {language: vote} for the stop words of the Latin-script languages."""
    holders: dict[str, list[str]] = {}
    for language in _LATIN:
        for word in stop_words(language):
            holders.setdefault(word, []).append(language)
    return {word: {lang: 1 / len(langs) for lang in langs} for word, langs in holders.items()}


def _latin_language(sample: str) -> str:
    votes = _votes()
    scores: dict[str, float] = dict.fromkeys(_LATIN, 0.0)
    for word in _WORD.findall(sample.lower()):
        for language, vote in votes.get(word, {}).items():
            scores[language] += vote
    words = max(1, sum(scores.values()))
    for language, letters in _LETTERS.items():
        found = sum(sample.count(letter) for letter in letters)
        scores[language] += min(found, words) * 0.5
    if not any(scores.values()):
        return DEFAULT
    return max(_LATIN, key=lambda language: scores[language])


def detect_language(text: str) -> str:
    """The most likely supported language of ``text`` (English when there is nothing to go on)."""
    sample = text[:SAMPLE]
    counts = _script_counts(sample)
    if not counts:
        return DEFAULT
    cjk = counts["han"] + counts["kana"]
    if counts["kana"] and counts["kana"] >= 0.1 * cjk:
        counts["japanese"] = cjk
    elif counts["han"]:
        counts["chinese"] = counts["han"]
    del counts["han"], counts["kana"]
    script, _ = max(counts.items(), key=lambda item: item[1])
    if script == "latin":
        return _latin_language(sample)
    return _SCRIPTS.get(script, script)

"""Which script a text is written in, and the languages of each script.

Letters are counted per script (the ASCII ones with one ``bytes.translate``), Han and kana told
apart as Chinese or Japanese; a script other than Latin wins when it holds a good share of the
letters, as a Latin-script text's foreign names and terms do not.
"""

from __future__ import annotations

from collections import Counter

# script -> the languages written in it, the more widely written first: a tie goes to the first.
SCRIPT_LANGUAGES: dict[str, tuple[str, ...]] = {
    "latin": (
        "english",
        "spanish",
        "french",
        "german",
        "portuguese",
        "italian",
        "indonesian",
        "turkish",
        "polish",
        "dutch",
        "romanian",
        "hungarian",
        "czech",
        "swedish",
        "serbian",
        "finnish",
        "danish",
        "norwegian",
        "slovak",
        "lithuanian",
        "catalan",
        "sesotho",
        "estonian",
        "basque",
        "irish",
        "esperanto",
    ),
    "cyrillic": ("russian", "ukrainian", "serbian"),
    "arabic": ("arabic", "persian"),
    "hebrew": ("hebrew", "yiddish"),
    "devanagari": ("hindi", "nepali"),
    "greek": ("greek",),
    "armenian": ("armenian",),
    "tamil": ("tamil",),
    "thai": ("thai",),
    "hangul": ("korean",),
    "japanese": ("japanese",),
    "chinese": ("chinese",),
}

# A script other than Latin wins when it has at least this share of the Latin letters.
_OVER_LATIN = 0.5


def _script_of(char: str) -> str | None:
    code = ord(char)
    if code < 0x0370:
        return "latin" if char.isalpha() else None
    if code < 0x0400:
        return "greek"
    if code < 0x0530:
        return "cyrillic"
    if code < 0x0590:
        return "armenian"
    if code < 0x0600:
        return "hebrew"
    if code < 0x0780:
        return "arabic"
    if 0x0900 <= code < 0x0980:
        return "devanagari"
    if 0x0B80 <= code < 0x0C00:
        return "tamil"
    if 0x0E00 <= code < 0x0E80:
        return "thai"
    if 0x1E00 <= code < 0x1F00:
        return "latin"
    if 0x1F00 <= code < 0x2000:
        return "greek"
    if 0x3040 <= code < 0x3100:
        return "kana"
    if 0x3400 <= code < 0x4DC0 or 0x4E00 <= code < 0xA000 or 0xF900 <= code < 0xFB00:
        return "han"
    if 0xAC00 <= code < 0xD7B0 or 0x1100 <= code < 0x1200 or 0x3130 <= code < 0x3190:
        return "hangul"
    if 0xFB1D <= code < 0xFB50:
        return "hebrew"
    if 0xFB50 <= code < 0xFE00 or 0xFE70 <= code < 0xFF00:
        return "arabic"
    return None


# A Han, kana or Hangul character carries about as much as a few letters of an alphabet.
_WEIGHTS = {"han": 3, "kana": 3, "hangul": 3}


# ASCII letters, deleted from an ASCII text's bytes to count them; and every ASCII byte, deleted
# from a text's UTF-8 bytes to leave its other characters.
_ASCII_LETTERS = bytes(range(ord("A"), ord("Z") + 1)) + bytes(range(ord("a"), ord("z") + 1))
_ASCII = bytes(range(128))


def beyond_ascii(text: str) -> str:
    """The characters of ``text`` other than ASCII, in their order."""
    return (
        text.encode("utf-8", "surrogatepass")
        .translate(None, _ASCII)
        .decode("utf-8", "surrogatepass")
    )


def _script_counts(sample: str) -> Counter[str]:
    """Letters per script, with Han and kana told apart as Chinese or Japanese.

    The ASCII letters, Latin all, are counted with one ``bytes.translate``; only the other
    characters are looked at one by one (in English text, a few quotes and dashes).
    """
    counts: Counter[str] = Counter()
    raw = sample.encode("utf-8", "surrogatepass")
    ascii_letters = len(raw) - len(raw.translate(None, _ASCII_LETTERS))
    if ascii_letters:
        counts["latin"] = ascii_letters
    rest = "" if sample.isascii() else beyond_ascii(sample)
    for char, count in Counter(rest).items():
        script = _script_of(char)
        if script is not None:
            counts[script] += count * _WEIGHTS.get(script, 1)
    kana = counts.pop("kana", 0)
    cjk = counts.pop("han", 0) + kana
    if cjk:
        counts["japanese" if kana >= 0.1 * cjk else "chinese"] = cjk
    return counts


def text_script(sample: str) -> str | None:
    """The script most of ``sample``'s letters are in (Latin unless another holds a good share
    of them), or None when it has no letters."""
    counts = _script_counts(sample)
    if not counts:
        return None
    others = [(n, s) for s, n in counts.items() if s != "latin"]
    if others:
        count, script = max(others)
        if count >= _OVER_LATIN * counts["latin"]:
            return script
    return "latin"

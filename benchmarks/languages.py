"""Language detection on real text of every supported language: accuracy and confusions.

The text is the translations that Debian's packages install as gettext catalogues
(``/usr/share/locale/<code>/LC_MESSAGES/*.mo``: GTK, GLib, coreutils, apt, dpkg, ...), each
written by that language's translators; English is the catalogues' original text (the
message ids). Only messages of at least five words (ten characters in Chinese, Japanese and
Thai) count, with format codes, markup and mnemonics removed. Per language, up to ``--sentences``
of them are drawn in a fixed pseudo-random order; each is detected alone ("sentence"), and
groups of five of them are detected as one text ("5 sentences").

    python benchmarks/languages.py [--sentences 300] [--locale-dir /usr/share/locale]

A language with no catalogue installed is reported as skipped; with none at all the script
says which Debian packages bring them (libgtk-3-common, libglib2.0-data, coreutils, ...).
"""

from __future__ import annotations

import argparse
import gettext
import hashlib
import re
import sys
import time
from collections import Counter
from pathlib import Path

from summarize.text.detect import detect_language
from summarize.text.languages import LANGUAGES

# our language -> the locale folders that hold it (regional and script variants too)
LOCALES: dict[str, tuple[str, ...]] = {
    "chinese": ("zh_CN", "zh_TW", "zh_HK"),
    "norwegian": ("nb", "nn", "no", "nb_NO"),
    "portuguese": ("pt", "pt_BR", "pt_PT"),
    "serbian": ("sr", "sr@latin", "sr@Latn"),
}
_NO_SPACES = {"chinese", "japanese", "thai"}
_CODES = re.compile(r"%(?:\d+\$)?[-+ #0]*\d*(?:\.\d+)?[hlLqjzt]*[a-zA-Z%]|\{[^}]*\}|<[^>]*>|&\w+;")
_MNEMONIC = re.compile(r"_(?=\w)|&(?=\w)")
_SPACE = re.compile(r"\s+")


def _clean(message: str) -> str:
    return _SPACE.sub(" ", _MNEMONIC.sub("", _CODES.sub(" ", message))).strip()


def _long_enough(text: str, language: str) -> bool:
    if language in _NO_SPACES:
        return sum(c.isalpha() for c in text) >= 10
    return sum(any(c.isalpha() for c in word) for word in text.split()) >= 5


def _catalogue_pairs(folder: Path) -> list[tuple[str, str]]:
    pairs = []
    for path in sorted(folder.glob("LC_MESSAGES/*.mo")):
        try:
            with path.open("rb") as handle:
                catalogue = gettext.GNUTranslations(handle)
        except (OSError, ValueError, UnicodeDecodeError):
            continue
        for key, value in catalogue._catalog.items():  # type: ignore[attr-defined]
            msgid = key[0] if isinstance(key, tuple) else key
            if msgid and isinstance(value, str) and value != msgid:
                pairs.append((msgid, value))
    return pairs


def sentences(language: str, locale_dir: Path, limit: int) -> list[str]:
    """Up to ``limit`` distinct cleaned messages of ``language``, in a fixed shuffled order."""
    found: set[str] = set()
    if language == "english":
        for folder in sorted(locale_dir.glob("de")):  # the original text of every catalogue
            found.update(_clean(msgid) for msgid, _ in _catalogue_pairs(folder))
    else:
        for name in LOCALES.get(language, (LANGUAGES[language],)):
            folder = locale_dir / name
            if folder.is_dir():
                found.update(_clean(text) for _, text in _catalogue_pairs(folder))
    kept = [text for text in found if _long_enough(text, language)]
    kept.sort(key=lambda text: hashlib.sha1(text.encode()).digest())
    return kept[:limit]


def _confusions(wrong: Counter[str]) -> str:
    return ", ".join(f"{name} {count}" for name, count in wrong.most_common(4)) or "-"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sentences", type=int, default=300)
    parser.add_argument("--locale-dir", type=Path, default=Path("/usr/share/locale"))
    args = parser.parse_args()
    if not any(args.locale_dir.glob("*/LC_MESSAGES/*.mo")):
        print(
            f"skipped: no gettext catalogues under {args.locale_dir}; Debian's libgtk-3-common, "
            "libglib2.0-data, coreutils and apt install them",
        )
        return 0
    print("| language | sentences | sentence accuracy | misdetected as | 5 sentences |")
    print("| --- | ---: | ---: | --- | ---: |")
    totals = Counter[str]()
    skipped = []
    started = time.perf_counter()
    for language in sorted(LANGUAGES):
        texts = sentences(language, args.locale_dir, args.sentences)
        if not texts:
            skipped.append(language)
            continue
        wrong: Counter[str] = Counter()
        for text in texts:
            detected = detect_language(text)
            if detected != language:
                wrong[detected] += 1
        groups = [" ".join(texts[i : i + 5]) for i in range(0, len(texts) - 4, 5)]
        group_right = sum(detect_language(group) == language for group in groups)
        right = len(texts) - sum(wrong.values())
        totals.update(
            sentences=len(texts), right=right, groups=len(groups), groups_right=group_right
        )
        in_groups = f"{group_right / len(groups):.1%}" if groups else "-"
        print(
            f"| {language} | {len(texts)} | {right / len(texts):.1%} | {_confusions(wrong)} "
            f"| {in_groups} |"
        )
    elapsed = time.perf_counter() - started
    print(
        f"| **all** | {totals['sentences']} | {totals['right'] / max(1, totals['sentences']):.1%} "
        f"| | {totals['groups_right'] / max(1, totals['groups']):.1%} |"
    )
    if skipped:
        print(f"\nskipped (no catalogue installed): {', '.join(skipped)}")
    detections = totals["sentences"] + totals["groups"]
    print(f"\n{detections} detections in {elapsed:.2f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""How often the decoder tells damaged UTF-8 from legacy encodings, as Markdown tables.

    python benchmarks/decoding_rule.py [--data ../shared/data] [--variants 1000] [--seed 1]

Real texts (the web benchmark's gold article bodies: English news with curly quotes and
dashes, Russian, Japanese and Korean pages; BBC stories with pound signs) are cut into windows
of 60 characters to whole articles and then either damaged as UTF-8 (stray high bytes, random
bytes, a pasted Windows-1252 word, a character cut short at the end) or encoded in a legacy
code page they fit. Each variant goes through :func:`summarize.sources.decoding.decode`; the
tables count how each kind was read, and the share of valid sequences the rule looks at.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

from summarize.errors import InputError
from summarize.sources.decoding import UTF8_SHARE, decode, utf8_counts

SIZES = (60, 200, 1000, 5000, None)  # characters of the window; None = the whole text
LEGACY = (
    "cp1252", "latin-1", "cp1250", "iso-8859-15", "mac-roman", "cp1251", "koi8-r",
    "iso-8859-5", "shift_jis", "euc-jp", "gbk", "gb18030", "big5", "euc-kr",
)  # fmt: skip
BUCKETS = (("20 or more", 20), ("5 to 19", 5), ("1 to 4", 1), ("none", 0))
PASTED = ("café", "naïve", "it\u2019s", "\u201cquoted\u201d", "résumé", "Zürich", "£20", "\u2013")


def load_texts(data: Path) -> list[str]:
    """Article bodies with at least one character outside ASCII."""
    texts = []
    with open(data / "web" / "gold.jsonl", encoding="utf-8") as rows:
        texts += [json.loads(row)["text"] for row in rows]
    with open(data / "bbc_dev.jsonl", encoding="utf-8") as rows:
        texts += [json.loads(row)["text"] for index, row in enumerate(rows) if index < 200]
    return [text for text in texts if not text.isascii()]


def window(text: str, size: int | None, rng: random.Random) -> str:
    if size is None or len(text) <= size:
        return text
    start = rng.randrange(len(text) - size)
    return text[start : start + size]


def _stray(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 5)):
        out[rng.randrange(len(out))] = rng.randrange(0x80, 0x100)
    return bytes(out)


def _random_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 5)):
        out[rng.randrange(len(out))] = rng.randrange(1, 0x100)
    return bytes(out)


def _pasted(data: bytes, rng: random.Random) -> bytes:
    out = data
    for _ in range(rng.randint(1, 3)):
        at = out.rfind(b" ", 0, rng.randrange(len(out) + 1)) + 1
        out = out[:at] + rng.choice(PASTED).encode("cp1252") + b" " + out[at:]
    return out


def _truncated(data: bytes, rng: random.Random) -> bytes:
    starts = [i for i, byte in enumerate(data) if byte >= 0xC2]
    at = rng.choice(starts)
    width = 2 if data[at] < 0xE0 else 3 if data[at] < 0xF0 else 4
    return data[: at + rng.randrange(1, width)]


DAMAGE: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "stray high bytes (1-5)": _stray,
    "random bytes (1-5)": _random_bytes,
    "pasted cp1252 words (1-3)": _pasted,
    "cut inside a character": _truncated,
}


def damaged(texts: list[str], count: int, rng: random.Random) -> Iterator[tuple[str, bytes]]:
    made = 0
    while made < count:
        kind = rng.choice(sorted(DAMAGE))
        text = window(rng.choice(texts), rng.choice(SIZES), rng)
        data = text.encode("utf-8")
        if text.isascii() and kind == "cut inside a character":
            continue
        broken = DAMAGE[kind](data, rng)
        if b"\x00" in broken:
            continue
        try:
            broken.decode("utf-8")
        except UnicodeDecodeError:
            made += 1
            label = kind if not text.isascii() else kind + ", ASCII window"
            yield label, broken


def legacy(texts: list[str], rng: random.Random) -> Iterator[tuple[str, bytes, str]]:
    """Windows encoded in each code page that holds at least 99% of their characters."""
    for text in texts:
        for codec in LEGACY:
            encoded = text.encode(codec, "replace")
            if encoded.count(b"?") - text.count("?") > 0.01 * len(text):
                continue
            for size in SIZES:
                piece = window(text, size, rng)
                data = piece.encode(codec, "replace")
                try:
                    data.decode("utf-8")
                except UnicodeDecodeError:
                    yield codec, data, data.decode(codec)


def outcome(data: bytes, expected: str | None) -> str:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            text = decode(data, "x")
        except InputError:
            return "refused"
    message = str(caught[0].message) if caught else ""
    if "invalid UTF-8" in message:
        return "UTF-8, replaced"
    if expected is not None and text == expected:
        return "legacy, right text"
    return "legacy, other text"


def share(data: bytes) -> float:
    valid, invalid = utf8_counts(data)
    return valid / (valid + invalid) if valid + invalid else 1.0


COLUMNS = ("UTF-8, replaced", "legacy, right text", "legacy, other text", "refused")


def table(
    title: str,
    counts: dict[str, collections.Counter[str]],
    shares: dict[str, list[float]],
    lost: dict[str, int] | None = None,
) -> None:
    extra = " most valid sequences read as legacy |" if lost is not None else ""
    print(f"\n{title}\n")
    print("| input | variants | " + " | ".join(COLUMNS) + f" | share min | share max |{extra}")
    print(
        "| --- | ---: | "
        + " | ".join("---:" for _ in COLUMNS)
        + " | ---: | ---: |"
        + (" ---: |" if lost is not None else "")
    )
    for label in sorted(counts):
        row = counts[label]
        cells = " | ".join(str(row[c]) for c in COLUMNS)
        low, high = min(shares[label]), max(shares[label])
        tail = f" {lost.get(label, 0)} |" if lost is not None else ""
        print(f"| {label} | {sum(row.values())} | {cells} | {low:.3f} | {high:.3f} |{tail}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_data = Path(__file__).resolve().parents[2] / "shared" / "data"
    parser.add_argument("--data", type=Path, default=default_data)
    parser.add_argument("--variants", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    texts = load_texts(args.data)
    print(f"{len(texts)} texts with characters outside ASCII; rule: UTF-8 when valid sequences")
    print(f">= {UTF8_SHARE} of (valid sequences + invalid bytes) and at least one is valid")
    counts: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    shares: dict[str, list[float]] = collections.defaultdict(list)
    lost: dict[str, int] = {}
    by_size: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    size_shares: dict[str, list[float]] = collections.defaultdict(list)
    for label, data in damaged(texts, args.variants, rng):
        read = outcome(data, None)
        counts[label][read] += 1
        shares[label].append(share(data))
        if read != "UTF-8, replaced":  # its valid sequences become mojibake
            lost[label] = max(lost.get(label, 0), utf8_counts(data)[0])
        valid = utf8_counts(data)[0]
        bucket = next(name for name, low in BUCKETS if valid >= low)
        by_size[bucket][read] += 1
        size_shares[bucket].append(share(data))
    title = f"Damaged UTF-8 ({args.variants} variants; want: UTF-8, replaced)"
    table(title, counts, shares, lost)
    table("The same, by valid multi-byte sequences left in the variant", by_size, size_shares)
    counts.clear()
    shares.clear()
    for codec, data, expected in legacy(texts, rng):
        counts[codec][outcome(data, expected)] += 1
        shares[codec].append(share(data))
    table("Legacy encodings (want: legacy; 'right text' = the same text back)", counts, shares)


if __name__ == "__main__":
    main()

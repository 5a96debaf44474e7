"""Key phrase quality and speed on the Inspec development abstracts, beside YAKE and summa.

    python benchmarks/keyphrases.py [--data ../shared/data] [--half tune|test|all]
                                    [--window W] [--length-damping A] [--no-position]

Scored as ``keyphrases/README.md`` says (pke's protocol): the document is title + ". " + abstract;
every phrase, gold and predicted, is lower-cased, split on white space and Porter-stemmed word by
word (nltk's PorterStemmer); the top k predictions with duplicates after stemming removed;
exact match; P = matches / phrases returned (at most k), R = matches / gold phrases (all of them,
also those absent from the text); F1 averaged over documents, times 100.

The 500 documents are split in two halves in file order: the first 250 ("tune") chose the
settings of ``summarize.analysis.keyphrases``; the last 250 ("test", the default) are the
held-out half the table reports. Seconds per document include our sentence segmentation.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from summarize.analysis.keyphrases import LENGTH_DAMPING, WINDOW, rank_phrases
from summarize.text.segment import segment

Extractor = Callable[[str, int], list[str]]


def _stemmer() -> Callable[[str], str]:
    from nltk.stem.porter import PorterStemmer

    porter = PorterStemmer()

    def normalise(phrase: str) -> str:
        return " ".join(porter.stem(word) for word in phrase.lower().split())

    return normalise


def _ours(window: int, length_damping: float, position_bias: bool) -> Extractor:
    def extract(text: str, k: int) -> list[str]:
        document = segment(text, "english")
        found = rank_phrases(
            document,
            k,
            window=window,
            position_bias=position_bias,
            length_damping=length_damping,
        )
        return [phrase.text for phrase in found]

    return extract


def _yake() -> Extractor:
    import yake  # type: ignore[import-untyped]

    def extract(text: str, k: int) -> list[str]:
        extractor = yake.KeywordExtractor(lan="en", n=3, top=k)
        return [phrase for phrase, _ in extractor.extract_keywords(text)]

    return extract


def _summa(ratio: float | None = None) -> Extractor:
    """summa's TextRank keywords: by default the top fifth of the words (its own default),
    with ``ratio`` 1.0 every word, so that it has ten phrases to offer more often."""
    from summa import keywords  # type: ignore[import-untyped]

    def extract(text: str, k: int) -> list[str]:
        extra = {} if ratio is None else {"ratio": ratio}
        found = keywords.keywords(text, scores=True, **extra)
        return [phrase for phrase, _ in found][:k]

    return extract


def _top(phrases: list[str], k: int, stem: Callable[[str], str]) -> list[str]:
    seen: list[str] = []
    for phrase in phrases:
        key = stem(phrase)
        if key and key not in seen:
            seen.append(key)
        if len(seen) == k:
            break
    return seen


def _f1(predicted: list[str], gold: set[str]) -> float:
    matches = sum(1 for p in predicted if p in gold)
    if not matches:
        return 0.0
    precision, recall = matches / len(predicted), matches / len(gold)
    return 2 * precision * recall / (precision + recall)


def score(
    extract: Extractor, records: list[dict[str, object]], stem: Callable[[str], str]
) -> tuple[float, float, float]:
    """F1@5, F1@10 (times 100) and the median seconds per document."""
    at5, at10, seconds = [], [], []
    for record in records:
        text = f"{record['title']}. {record['text']}"
        gold = {stem(str(g)) for g in record["keyphrases"]}  # type: ignore[attr-defined]
        started = time.perf_counter()
        phrases = extract(text, 10)
        seconds.append(time.perf_counter() - started)
        at5.append(_f1(_top(phrases, 5, stem), gold))
        at10.append(_f1(_top(phrases, 10, stem), gold))
    return 100 * statistics.mean(at5), 100 * statistics.mean(at10), statistics.median(seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_data = Path(__file__).resolve().parents[2] / "shared" / "data"
    parser.add_argument("--data", type=Path, default=default_data)
    parser.add_argument("--half", choices=("tune", "test", "all"), default="test")
    parser.add_argument("--window", type=int, default=WINDOW)
    parser.add_argument("--length-damping", type=float, default=LENGTH_DAMPING)
    parser.add_argument("--no-position", action="store_true")
    parser.add_argument("--only-ours", action="store_true")
    args = parser.parse_args()
    path = args.data / "keyphrases" / "inspec_dev.jsonl"
    if not path.exists():
        sys.exit(f"keyphrases benchmark: {path} not found")
    with path.open(encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines]
    half = len(records) // 2
    records = {"tune": records[:half], "test": records[half:], "all": records}[args.half]
    stem = _stemmer()
    ours = _ours(args.window, args.length_damping, not args.no_position)
    ours("Warm up the stemmer and the sentence splitter.", 10)
    systems: list[tuple[str, Extractor]] = [("summarize (PositionRank)", ours)]
    if not args.only_ours:
        systems += [
            ("yake (n=3)", _yake()),
            ("summa keywords", _summa()),
            ("summa keywords, ratio 1.0", _summa(1.0)),
        ]
    print(f"\n{path.name}, {args.half} half: {len(records)} documents\n")
    print("| method | F1@5 | F1@10 | ms per document (median) |")
    print("| --- | ---: | ---: | ---: |")
    for name, extract in systems:
        f5, f10, seconds = score(extract, records, stem)
        print(f"| {name} | {f5:.2f} | {f10:.2f} | {1000 * seconds:.2f} |", flush=True)


if __name__ == "__main__":
    main()

"""Story grouping and multi-document summaries on Multi-News, and the groups of real news feeds.

    python benchmarks/stories.py [--data ../shared/data] [--keep-dirt] [--threshold T] [--feeds]
        [--halves]

Multi-News (``multinews/dev.jsonl``): every cluster's articles become entries of 5 synthetic
feeds (article j of cluster c in feed (c + j) mod 5, the entries shuffled), the digest groups
them, and the grouping is scored by pairwise precision and recall against the clusters (at
the threshold and 0.02 either side, to show how sharp the choice is). Each cluster is then
summarised (about 300 words, as in Multi-News) and scored with ROUGE-1/2 F1
(rouge-score, stemmed) against the editors' summary, beside First-3 (the first 3 sentences of
every article, concatenated) and our ``lexrank`` over the concatenated articles, all cut to
the same 300 words. The dataset's known dirt (archive and social-media stubs: articles under 50
words, and the Internet Archive's crawl notes) is left out unless ``--keep-dirt``.

``--halves``: the clusters of even and of odd number are also grouped and scored on their own,
at the threshold, so a change that helps only some of the 155 clusters shows as uneven halves.

``--feeds``: the 13 world-news feeds of ``feeds/news_*`` (their entries' own descriptions),
grouped; every story with items from two or more feeds is printed with its titles.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from summarize.digest.grouping import GROUP_THRESHOLD, group_documents, item_bag
from summarize.digest.stories import build_stories
from summarize.digest.story_summary import summarise_group
from summarize.evaluation.rouge import score_summary
from summarize.pipeline import summarize
from summarize.sources.base import Source
from summarize.text.segment import segment

FEEDS = 5
WORDS = 300
DIRT_WORDS = 50
NEAR = 0.02  # the grouping is also scored this far below and above the threshold
# The dataset's archive and social-media pages that are no news (its README lists them).
STUBS = (
    "These crawls are part of an effort",
    "Starting in 1996, Alexa Internet",
    "Tweet with a location",
    "This is a set of web collections curated",
    "WARCZone is a collection",
)


def is_dirt(article: str) -> bool:
    return len(article.split()) < DIRT_WORDS or article.startswith(STUBS)


def truncate(sentences: list[str], words: int = WORDS) -> list[str]:
    """The sentences up to ``words`` words, the last one cut."""
    kept: list[str] = []
    left = words
    for sentence in sentences:
        tokens = sentence.split()
        if left <= 0:
            break
        kept.append(" ".join(tokens[:left]))
        left -= len(tokens)
    return kept


def pairwise(found: list[list[int]], gold: list[int]) -> tuple[float, float]:
    """Pairwise precision and recall of a grouping against gold labels."""
    label = {}
    for g, group in enumerate(found):
        for i in group:
            label[i] = g
    same_found = same_gold = both = 0
    n = len(gold)
    for i in range(n):
        for j in range(i + 1, n):
            f = label[i] == label[j]
            g = gold[i] == gold[j]
            same_found += f
            same_gold += g
            both += f and g
    return both / (same_found or 1), both / (same_gold or 1)


def first3(articles: list[str]) -> list[str]:
    sentences: list[str] = []
    for article in articles:
        sentences += [s.text for s in segment(article).sentences[:3]]
    return sentences


def lexrank(articles: list[str]) -> list[str]:
    text = "\n\n".join(articles)
    return [s.text for s in summarize(text, words=WORDS + 60, method="lexrank", language="english")]


def ours(articles: list[str]) -> list[str]:
    documents = [segment(a) for a in articles]
    return [s.text for s in summarise_group(documents, sentences=None, words=WORDS + 60)]


def halves(bags: list[dict[str, float]], gold: list[int], threshold: float) -> None:
    """Precision and recall of the even-numbered and the odd-numbered clusters, each grouped
    alone."""
    print("| clusters | entries | pairwise precision | pairwise recall |")
    print("| --- | --- | --- | --- |")
    for half, name in enumerate(("even", "odd")):
        kept = [i for i, c in enumerate(gold) if c % 2 == half]
        found = group_documents([bags[i] for i in kept], threshold)
        p, r = pairwise(found, [gold[i] for i in kept])
        print(f"| {name} | {len(kept)} | {p:.3f} | {r:.3f} |")
    print()


def multinews(data: Path, keep_dirt: bool, threshold: float, by_halves: bool = False) -> None:
    rows = [json.loads(line) for line in (data / "multinews" / "dev.jsonl").open()]
    entries: list[tuple[int, int, str]] = []  # (cluster, feed, text)
    for c, row in enumerate(rows):
        for j, article in enumerate(row["articles"]):
            if keep_dirt or not is_dirt(article):
                entries.append((c, (c + j) % FEEDS, article))
    random.Random(7).shuffle(entries)
    started = time.perf_counter()
    bags = [item_bag(segment(text), ()) for _, _, text in entries]
    found = group_documents(bags, threshold)
    took = time.perf_counter() - started
    precision, recall = pairwise(found, [c for c, _, _ in entries])
    clusters = len({c for c, _, _ in entries})
    print(f"## Grouping: {len(entries)} entries of {clusters} clusters in {FEEDS} feeds")
    print()
    print("| threshold | groups | pairwise precision | pairwise recall | seconds |")
    print("| --- | --- | --- | --- | --- |")
    for near in (round(threshold - NEAR, 3), threshold, round(threshold + NEAR, 3)):
        if near == threshold:
            groups, p, r, seconds = found, precision, recall, took
        else:
            started = time.perf_counter()
            groups = group_documents(bags, near)
            seconds = time.perf_counter() - started
            p, r = pairwise(groups, [c for c, _, _ in entries])
        print(f"| {near} | {len(groups)} | {p:.3f} | {r:.3f} | {seconds:.2f} |")
    print()
    if by_halves:
        halves(bags, [c for c, _, _ in entries], threshold)
    articles_of: dict[int, list[str]] = {}
    for c, _, text in sorted(entries, key=lambda e: e[0]):
        articles_of.setdefault(c, []).append(text)
    # Keep each cluster's articles in the dataset's order.
    for c in articles_of:
        kept = [a for a in rows[c]["articles"] if keep_dirt or not is_dirt(a)]
        articles_of[c] = kept
    group_of = {}
    for g, group in enumerate(found):
        for i in group:
            group_of[i] = g
    found_articles: dict[int, list[str]] = {}
    for c in articles_of:
        votes = Counter(group_of[i] for i, e in enumerate(entries) if e[0] == c)
        best = votes.most_common(1)[0][0]
        found_articles[c] = [entries[i][2] for i in found[best]]
    methods = {
        "First-3": lambda c: first3(articles_of[c]),
        "lexrank (concatenation)": lambda c: lexrank(articles_of[c]),
        "digest story (gold cluster)": lambda c: ours(articles_of[c]),
        "digest story (found group)": lambda c: ours(found_articles[c]),
    }
    print(f"## Story summaries: {len(articles_of)} clusters, {WORDS} words, ROUGE F1 x 100")
    print()
    print("| method | R-1 | R-2 | seconds |")
    print("| --- | --- | --- | --- |")
    for name, method in methods.items():
        started = time.perf_counter()
        r1, r2 = [], []
        for c in articles_of:
            scores = score_summary(truncate(method(c)), [rows[c]["summary"]])
            r1.append(scores["rouge1"].f1)
            r2.append(scores["rouge2"].f1)
        took = time.perf_counter() - started
        print(
            f"| {name} | {100 * statistics.mean(r1):.2f} | {100 * statistics.mean(r2):.2f} "
            f"| {took:.1f} |"
        )
    print()


def feed_items(path: Path) -> list[Source]:
    """The entries of one feed file with their own descriptions as text."""
    import io
    from datetime import datetime, timezone

    import feedparser
    import lxml.html

    parsed = feedparser.parse(io.BytesIO(path.read_bytes()))
    items = []
    for entry in parsed.entries:
        html = entry.get("summary") or ""
        text = lxml.html.fromstring(html).text_content() if html.strip() else ""
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = datetime(*stamp[:6], tzinfo=timezone.utc) if stamp else None
        items.append(
            Source(
                name=entry.get("link") or entry.get("id") or path.name,
                text=" ".join(text.split()),
                title=entry.get("title"),
                url=entry.get("link"),
                id=entry.get("id"),
                published=published,
                feed=path.name,
            )
        )
    return items


def feeds(data: Path, threshold: float) -> None:
    items: list[Source] = []
    for path in sorted((data / "feeds").glob("news_*")):
        items += feed_items(path)
    started = time.perf_counter()
    stories = build_stories(items, threshold=threshold, language="english")
    took = time.perf_counter() - started
    shared = [s for s in stories if s.sources > 1]
    print(
        f"## Real feeds: {len(items)} entries of 13 news feeds -> {len(stories)} stories, "
        f"{len(shared)} carried by 2+ feeds ({took:.2f} s)"
    )
    print()
    for story in sorted(shared, key=lambda s: -s.sources):
        print(f"### {story.sources} feeds, {len(story.items)} items")
        for item in story.items:
            print(f"- [{item.feed}] {item.title}")
        for sentence in story.sentences:
            print(f"  > {sentence.text}")
        print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_data = Path(__file__).resolve().parents[2] / "shared" / "data"
    parser.add_argument("--data", type=Path, default=default_data)
    parser.add_argument("--keep-dirt", action="store_true")
    parser.add_argument("--threshold", type=float, default=GROUP_THRESHOLD)
    parser.add_argument("--feeds", action="store_true", help="also group the real news feeds")
    parser.add_argument("--no-multinews", action="store_true")
    parser.add_argument(
        "--halves", action="store_true", help="also score even and odd clusters on their own"
    )
    args = parser.parse_args()
    if not (args.data / "multinews" / "dev.jsonl").exists():
        sys.exit(f"stories.py: {args.data}/multinews/dev.jsonl is not present")
    if not args.no_multinews:
        multinews(args.data, args.keep_dirt, args.threshold, args.halves)
    if args.feeds:
        feeds(args.data, args.threshold)


if __name__ == "__main__":
    main()

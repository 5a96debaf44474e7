"""Summarise several texts with the same options, in worker processes when asked.

Summaries come back in the order of the texts whatever the number of workers, so the output of
``summarize a.txt b.txt -j 2`` is the output of ``-j 1``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

from summarize.document import Summary
from summarize.parallel import ordered_map
from summarize.pipeline import DEFAULT_METHOD, Order, summarize


@dataclass(frozen=True)
class SummaryOptions:
    """The options of :func:`summarize.summarize` other than the text and its name."""

    sentences: int | None = None
    ratio: float | None = None
    words: int | None = None
    method: str = DEFAULT_METHOD
    language: str = "auto"
    order: Order = "document"


def summarize_texts(
    texts: Iterable[tuple[str, str]], options: SummaryOptions, jobs: int = 1
) -> list[Summary]:
    """Summaries of ``(text, source name)`` pairs, in order; ``jobs`` > 1 runs that many workers.

    With one job the texts are taken one at a time, so only one is in memory.
    """
    work = partial(_summarize_one, options)
    if jobs > 1:
        return list(ordered_map(work, texts, jobs))
    return list(map(work, texts))


def _summarize_one(options: SummaryOptions, item: tuple[str, str]) -> Summary:
    text, source = item
    return summarize(
        text,
        sentences=options.sentences,
        ratio=options.ratio,
        words=options.words,
        method=options.method,
        language=options.language,
        order=options.order,
        source=source,
    )

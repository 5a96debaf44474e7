"""Items from different sources that tell the same story, grouped and summarised as one:
:mod:`~summarize.digest.grouping` finds the groups, :mod:`~summarize.digest.story_summary`
summarises each."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from summarize.digest.grouping import GROUP_THRESHOLD, group_documents, item_bag
from summarize.digest.story_summary import DEFAULT_SENTENCES, StorySentence, summarise_group
from summarize.document import Document
from summarize.sources.base import Source
from summarize.text.detect import choose_language
from summarize.text.segment import segment

__all__ = ["Story", "StorySentence", "build_stories"]


@dataclass(frozen=True)
class Story:
    """Items telling one story (most recent first) and their summary."""

    items: tuple[Source, ...]
    sentences: tuple[StorySentence, ...]

    @property
    def title(self) -> str:
        """The headline: the title of the item the summary opens with (the most central), else
        the first titled item's, else the summary's first sentence."""
        if self.sentences and self.items[self.sentences[0].item].title:
            return self.items[self.sentences[0].item].title or ""
        for item in self.items:
            if item.title:
                return item.title
        return self.sentences[0].text if self.sentences else self.items[0].name

    @property
    def sources(self) -> int:
        """How many distinct sources carry the story."""
        return len({item.feed or item.url or item.name for item in self.items})

    @property
    def published(self) -> datetime | None:
        """When its most recent item was published, if any says."""
        dates = [item.published for item in self.items if item.published is not None]
        return max(dates, key=_sortable) if dates else None


def _sortable(moment: datetime) -> float:
    return moment.timestamp()


def _language(source: Source, language: str) -> str:
    """The item's language: detected once from its text (or its title), for both."""
    sample = source.text if source.text and source.text.strip() else (source.title or "")
    return choose_language(sample, language) if sample.strip() else "english"


def _document(source: Source, language: str) -> Document:
    return segment(source.text or "", language)


def _title_terms(title: str | None, language: str) -> tuple[str, ...]:
    if not title or not title.strip():
        return ()
    document = segment(title, language)
    return tuple(term for sentence in document.sentences for term in sentence.terms)


def build_stories(
    items: Sequence[Source],
    *,
    language: str = "auto",
    threshold: float = GROUP_THRESHOLD,
    sentences: int | None = DEFAULT_SENTENCES,
    words: int | None = None,
) -> list[Story]:
    """Group ``items`` into stories and summarise each; stories in order of their first item."""
    languages = [_language(item, language) for item in items]
    documents = [_document(item, lang) for item, lang in zip(items, languages, strict=True)]
    bags = [
        item_bag(document, _title_terms(item.title, lang))
        for item, document, lang in zip(items, documents, languages, strict=True)
    ]
    stories = []
    for group in group_documents(bags, threshold):
        ordered = sorted(group, key=lambda i: (-_timestamp(items[i]), i))
        summary = summarise_group([documents[i] for i in ordered], sentences=sentences, words=words)
        stories.append(Story(tuple(items[i] for i in ordered), tuple(summary)))
    return stories


def _timestamp(item: Source) -> float:
    return item.published.timestamp() if item.published is not None else -math.inf

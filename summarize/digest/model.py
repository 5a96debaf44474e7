"""A digest as the renderers see it: its stories, when it was made, what failed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Literal

from summarize.digest.stories import Story
from summarize.errors import UsageError
from summarize.sources.base import Source

StoryOrder = Literal["time", "sources"]
ORDERS: tuple[StoryOrder, ...] = ("time", "sources")


@dataclass(frozen=True)
class FailedSource:
    """A source that could not be read on this run, as the digest reports it."""

    name: str
    reason: str
    failing_since: datetime | None = None
    failures: int = 1  # consecutive failed runs


@dataclass(frozen=True)
class Digest:
    """What one run found: stories (in the order shown), and the sources that failed."""

    stories: tuple[Story, ...]
    created: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    failures: tuple[FailedSource, ...] = ()
    updated: frozenset[Source] = frozenset()  # items already sent once, whose text changed
    title: str = "Digest"

    @property
    def item_count(self) -> int:
        return sum(len(story.items) for story in self.stories)

    @property
    def source_count(self) -> int:
        """How many distinct sources the stories' items come from."""
        return len({item.feed or item.url or item.name for s in self.stories for item in s.items})


def _newest(story: Story) -> float:
    published = story.published
    return published.timestamp() if published is not None else float("-inf")


def order_stories(stories: Sequence[Story], order: StoryOrder = "time") -> tuple[Story, ...]:
    """``time``: the most recent story first; ``sources``: the story most sources carry first
    (then the most recent). Ties keep the given order."""
    if order not in ORDERS:
        raise UsageError(f"order must be 'time' or 'sources', not {order!r}")
    if order == "sources":
        return tuple(sorted(stories, key=lambda s: (-s.sources, -_newest(s))))
    return tuple(sorted(stories, key=lambda s: -_newest(s)))

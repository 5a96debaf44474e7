"""A digest as JSON: stories with their items, links, dates, summary sentences and scores.

The shape (documented in the README)::

    {"title", "created", "counts": {"stories", "items", "sources", "failed"},
     "stories": [{"title", "sources", "published",
                  "items": [{"title", "link", "source", "feed", "id", "published", "author",
                             "status"}],
                  "summary": [{"text", "score", "item", "index"}]}],
     "failures": [{"source", "reason", "failing_since", "failures"}]}

Dates are ISO 8601 (null when unknown); ``status`` is ``new`` or ``updated``; a summary
sentence's ``item`` is the index of its item in the story's ``items``.
"""

from __future__ import annotations

import json
from datetime import datetime

from summarize.digest.model import Digest
from summarize.sources.base import Source


def _date(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _item(item: Source, digest: Digest) -> dict[str, object]:
    return {
        "title": item.title,
        "link": item.url,
        "source": item.name,
        "feed": item.feed,
        "id": item.id,
        "published": _date(item.published),
        "author": item.author,
        "status": "updated" if item in digest.updated else "new",
    }


def digest_dict(digest: Digest) -> dict[str, object]:
    """The documented JSON shape of a digest."""
    return {
        "title": digest.title,
        "created": digest.created.isoformat(),
        "counts": {
            "stories": len(digest.stories),
            "items": digest.item_count,
            "sources": digest.source_count,
            "failed": len(digest.failures),
        },
        "stories": [
            {
                "title": story.title,
                "sources": story.sources,
                "published": _date(story.published),
                "items": [_item(item, digest) for item in story.items],
                "summary": [
                    {"text": s.text, "score": s.score, "item": s.item, "index": s.index}
                    for s in story.sentences
                ],
            }
            for story in digest.stories
        ],
        "failures": [
            {
                "source": f.name,
                "reason": f.reason,
                "failing_since": _date(f.failing_since),
                "failures": f.failures,
            }
            for f in digest.failures
        ],
    }


def render_json(digest: Digest) -> str:
    return json.dumps(digest_dict(digest), ensure_ascii=False, indent=2) + "\n"

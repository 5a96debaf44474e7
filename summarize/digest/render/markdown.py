"""A digest as Markdown: the default, for a terminal, a file or a notes app."""

from __future__ import annotations

import re

from summarize.digest.model import Digest
from summarize.digest.render import common

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def escape(text: str) -> str:
    """Text that Markdown shows as it is (no links, emphasis or HTML from a feed's title)."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def render_markdown(digest: Digest) -> str:
    lines = [f"# {escape(common.heading(digest))}", "", common.counts(digest), ""]
    for number, story in enumerate(digest.stories, start=1):
        carried = f" ({common.plural(story.sources, 'source')})" if story.sources > 1 else ""
        lines += [f"## {number}. {escape(story.title)}{carried}", ""]
        if story.sentences:
            lines += [" ".join(escape(s.text) for s in story.sentences), ""]
        for item in story.items:
            label = escape(common.item_label(item))
            link = common.safe_link(item.url)
            entry = f"[{label}](<{link}>)" if link else label
            details = [common.source_label(item), common.stamp(item.published)]
            if item in digest.updated:
                details.append("updated")
            said = ", ".join(d for d in details if d)
            lines.append(f"- {entry} — {escape(said)}" if said else f"- {entry}")
        lines.append("")
    if digest.failures:
        lines += ["---", "", common.failure_line(digest.failures), ""]
        lines += [f"- {escape(common.failure_text(f))}" for f in digest.failures]
        lines.append("")
    return "\n".join(lines)

"""A digest as plain text: for a pipe, a log or a mail body; lines are never wrapped."""

from __future__ import annotations

from summarize.digest.model import Digest
from summarize.digest.render import common


def render_text(digest: Digest) -> str:
    title = common.heading(digest)
    lines = [title, "=" * len(title), common.counts(digest), ""]
    for number, story in enumerate(digest.stories, start=1):
        headline = f"{number}. {' '.join(story.title.split())}"
        if story.sources > 1:
            headline += f" ({common.plural(story.sources, 'source')})"
        lines += [headline, ""]
        lines += [s.text for s in story.sentences]
        if story.sentences:
            lines.append("")
        for item in story.items:
            details = [common.source_label(item), common.stamp(item.published)]
            if item in digest.updated:
                details.append("updated")
            lines.append(f"  * {' '.join(common.item_label(item).split())}")
            said = ", ".join(d for d in details if d)
            if said:
                lines.append(f"    {said}")
            if item.url:
                lines.append(f"    {item.url}")
        lines.append("")
    if digest.failures:
        lines += [common.failure_line(digest.failures)]
        lines += [f"  * {common.failure_text(f)}" for f in digest.failures]
        lines.append("")
    return "\n".join(lines)

"""The formats for pipes and files: plain text, JSON, JSON Lines and Markdown."""

from __future__ import annotations

import json
from collections.abc import Sequence

from summarize.document import Summary


def render_plain(summaries: Sequence[Summary]) -> str:
    """One sentence per line and nothing else; several inputs get ``==> name <==`` headers."""
    if len(summaries) == 1:
        return "".join(f"{s.text}\n" for s in summaries[0].sentences)
    blocks = []
    for summary in summaries:
        lines = [f"==> {summary.source} <=="] + [s.text for s in summary.sentences]
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


def render_json(summaries: Sequence[Summary]) -> str:
    """One JSON object for one input, a JSON array of them for several."""
    data: object = (
        summaries[0].to_dict() if len(summaries) == 1 else [s.to_dict() for s in summaries]
    )
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_jsonl(summaries: Sequence[Summary]) -> str:
    """One JSON object per line, one line per input."""
    return "".join(json.dumps(s.to_dict(), ensure_ascii=False) + "\n" for s in summaries)


def render_markdown(summaries: Sequence[Summary]) -> str:
    """A bullet list of sentences; a heading per input when there are several."""
    blocks = []
    for summary in summaries:
        lines = []
        if len(summaries) > 1:
            lines += [f"## {summary.source}", ""]
        lines += [f"- {s.text}" for s in summary.sentences]
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)

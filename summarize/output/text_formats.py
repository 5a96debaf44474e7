"""The formats for pipes and files: plain text, JSON, JSON Lines and Markdown."""

from __future__ import annotations

import json
from typing import TextIO

from summarize.document import Summary
from summarize.output import carries_insight


class PlainRenderer:
    """One sentence per line and nothing else; several inputs get ``==> name <==`` headers."""

    def __init__(self, stream: TextIO | None = None) -> None:
        pass

    def start(self, many: bool) -> str:
        return ""

    def block(self, summary: Summary, position: int, many: bool) -> str:
        if carries_insight(summary):
            from summarize.output.insight import plain_body

            lines = plain_body(summary)
        else:
            lines = "".join(f"{s.text}\n" for s in summary.sentences)
        if not many:
            return lines
        return ("\n" if position else "") + f"==> {summary.source} <==\n" + lines

    def end(self, many: bool, count: int) -> str:
        return ""


class JsonRenderer:
    """One JSON object for one input, a JSON array of them for several."""

    def __init__(self, stream: TextIO | None = None) -> None:
        pass

    def start(self, many: bool) -> str:
        return "[\n" if many else ""

    def block(self, summary: Summary, position: int, many: bool) -> str:
        text = json.dumps(summary.to_dict(), ensure_ascii=False, indent=2)
        if not many:
            return text + "\n"
        indented = "\n".join("  " + line for line in text.splitlines())
        return (",\n" if position else "") + indented

    def end(self, many: bool, count: int) -> str:
        if not many:
            return ""
        return "\n]\n" if count else "]\n"


class JsonLinesRenderer:
    """One JSON object per line, one line per input."""

    def __init__(self, stream: TextIO | None = None) -> None:
        pass

    def start(self, many: bool) -> str:
        return ""

    def block(self, summary: Summary, position: int, many: bool) -> str:
        return json.dumps(summary.to_dict(), ensure_ascii=False) + "\n"

    def end(self, many: bool, count: int) -> str:
        return ""


class MarkdownRenderer:
    """A bullet list of sentences; a heading per input when there are several."""

    def __init__(self, stream: TextIO | None = None) -> None:
        pass

    def start(self, many: bool) -> str:
        return ""

    def block(self, summary: Summary, position: int, many: bool) -> str:
        lines = []
        if many:
            title = summary.metadata.get("title")
            heading = f"{title} ({summary.source})" if title else summary.source
            lines += [f"## {heading}", ""]
        if carries_insight(summary):
            from summarize.output.insight import markdown_body

            body = markdown_body(summary, heading_level=2 if many else 1)
            return ("\n" if position else "") + "\n".join(lines) + ("\n" if lines else "") + body
        lines += [f"- {s.text}" for s in summary.sentences]
        return ("\n" if position else "") + "\n".join(lines) + "\n"

    def end(self, many: bool, count: int) -> str:
        return ""

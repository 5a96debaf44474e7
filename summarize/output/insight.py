"""The parts of each output format that show a summary's reasons: key phrases, features,
the highlighted text and the score line. A renderer hands a summary here only when it carries
them (see :func:`has_insight`), so the plain path never imports this module.

* plain: the sentences (or with ``--highlight`` the whole text, chosen sentences in ``[[ ]]``),
  with ``--explain`` an indented line of rank, score and features under each sentence, and a
  last line ``key phrases: a, b, c``;
* Markdown: the bullet list (or the whole text with the chosen sentences in bold), a table of
  features, and a "Key phrases" section;
* Rich: the panel's body is the list with feature bars under each sentence (or the whole text,
  chosen sentences bright), a key phrases line, and under the panel the score line of every
  sentence.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from summarize.document import ScoredSentence, Summary
from summarize.output.highlight import (
    BAR_WIDTH,
    highlight_markdown,
    highlight_plain,
    highlight_rich,
    score_line,
)

if TYPE_CHECKING:
    from rich.console import Console, RenderableType


def has_insight(summary: Summary) -> bool:
    """Whether the summary carries anything this module shows."""
    return bool(
        summary.keyphrases
        or getattr(summary, "highlight", False)
        or any(s.features for s in summary.sentences)
    )


def _number(value: float) -> str:
    return f"{value:.4g}"


def feature_line(sentence: ScoredSentence) -> str:
    """``rank 1 · score 1.998 · centrality 0.9977, opening 1`` for one sentence."""
    line = f"rank {sentence.rank} · score {_number(sentence.score)}"
    if sentence.features:
        line += " · " + ", ".join(f"{k} {_number(v)}" for k, v in sentence.features.items())
    return line


def keyphrase_line(summary: Summary) -> str:
    return "key phrases: " + ", ".join(k.text for k in summary.keyphrases)


def _explained(summary: Summary) -> bool:
    return bool(getattr(summary, "explain", False)) or any(
        s.features is not None for s in summary.sentences
    )


def _highlighted_text(summary: Summary) -> str | None:
    text: str | None = getattr(summary, "document_text", None)
    return text if getattr(summary, "highlight", False) else None


def _ended(text: str) -> str:
    """The text as written, with a line break added only if it does not end with one."""
    return text if text.endswith(("\n", "\r")) else text + "\n"


def plain_body(summary: Summary) -> str:
    """The plain block of one summary, without its ``==> name <==`` header."""
    text = _highlighted_text(summary)
    explain = _explained(summary)
    lines: list[str] = []
    if text is not None:
        lines.append(_ended(highlight_plain(text, summary.sentences))[:-1])
        if explain:
            lines.append("")
            lines += [f"[{s.index + 1}] {feature_line(s)}" for s in summary.sentences]
    else:
        for s in summary.sentences:
            lines.append(s.text)
            if explain:
                lines.append(f"    {feature_line(s)}")
    if summary.keyphrases:
        if text is not None:
            lines.append("")
        lines.append(keyphrase_line(summary))
    return "".join(f"{line}\n" for line in lines)


def _feature_names(sentences: Sequence[ScoredSentence]) -> list[str]:
    names: dict[str, None] = {}
    for s in sentences:
        names.update(dict.fromkeys(s.features or {}))
    return list(names)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def markdown_body(summary: Summary, heading_level: int) -> str:
    """The Markdown block of one summary after its heading; sections one level below."""
    text = _highlighted_text(summary)
    lines: list[str] = []
    if text is not None:
        lines.append(_ended(highlight_markdown(text, summary.sentences))[:-1])
    else:
        lines += [f"- {s.text}" for s in summary.sentences]
    names = _feature_names(summary.sentences)
    section = "#" * min(6, heading_level + 1)
    if _explained(summary):
        lines += ["", f"{section} Why these sentences", ""]
        lines.append("| " + " | ".join(["sentence", "rank", "score", *names]) + " |")
        lines.append("| ---: | ---: | ---: |" + " ---: |" * len(names))
        for s in summary.sentences:
            values = [
                _number(s.features[n]) if s.features and n in s.features else "" for n in names
            ]
            row = [str(s.index + 1), str(s.rank), _number(s.score), *values]
            lines.append("| " + " | ".join(_cell(v) for v in row) + " |")
    if summary.keyphrases:
        lines += ["", f"{section} Key phrases", ""]
        lines.append(", ".join(_cell(k.text) for k in summary.keyphrases))
    return "\n".join(lines) + "\n"


def _bars(sentence: ScoredSentence, tops: Mapping[str, float]) -> RenderableType:
    """One row per feature: its name, a bar against the largest value among the chosen
    sentences, and the value."""
    from rich.table import Table
    from rich.text import Text

    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(no_wrap=True)
    grid.add_column(style="dim", no_wrap=True, justify="right")
    for name, value in (sentence.features or {}).items():
        top = tops.get(name, 0.0)
        share = abs(value) / top if top > 0 else 0.0
        filled = round(share * BAR_WIDTH)
        bar = Text("█" * filled, style="cyan")
        bar.append("·" * (BAR_WIDTH - filled), style="dim")
        grid.add_row(Text(name), bar, Text(_number(value)))
    return grid


def rich_body(summary: Summary) -> RenderableType:
    """The body of the summary's panel."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    parts: list[RenderableType] = []
    text = _highlighted_text(summary)
    if text is not None:
        parts.append(highlight_rich(summary, text))
    else:
        tops: dict[str, float] = {}
        for s in summary.sentences:
            for name, value in (s.features or {}).items():
                tops[name] = max(tops.get(name, 0.0), abs(value))
        body = Table.grid(padding=(0, 1))
        body.add_column(style="bold cyan", no_wrap=True)
        body.add_column(overflow="fold")
        for s in summary.sentences:
            body.add_row("•", Text(s.text))
            if _explained(summary):
                body.add_row("", Text(f"rank {s.rank} · score {_number(s.score)}", style="dim"))
                body.add_row("", _bars(s, tops))
        parts.append(body)
    if text is not None and _explained(summary):
        parts.append(Text(""))
        for s in summary.sentences:
            parts.append(Text(f"sentence {s.index + 1} · {feature_line(s)}", style="dim"))
    if summary.keyphrases:
        line = Text("key phrases ", style="dim")
        for i, phrase in enumerate(summary.keyphrases):
            if i:
                line.append(" · ", style="dim")
            line.append(phrase.text, style="bold cyan")
        parts.append(Text(""))
        parts.append(line)
    return Group(*parts)


def rich_after(summary: Summary, console: Console) -> RenderableType | None:
    """What follows the panel: with ``--explain``, the score of every sentence in one line."""
    scores: Sequence[float] = getattr(summary, "scores", ())
    if not scores or not _explained(summary):
        return None
    return score_line(summary, scores, console.width)

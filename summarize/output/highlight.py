"""The whole text with the chosen sentences marked where they stand.

Marks go in at the sentences' character offsets into the text as it was read, and nothing else
in the text changes: line ends (CRLF too), tabs, emoji and combining characters come out as
they went in. Each format marks in its own way:

* plain: ``[[`` before and ``]]`` after each chosen sentence (no styling in a pipe);
* Markdown: ``**`` around each chosen sentence (the text is not escaped: it is shown as written);
* HTML: a self-contained page (inline CSS, no script, nothing loaded from elsewhere), the text
  escaped and kept as written (``white-space: pre-wrap``), each chosen sentence a ``<mark>``;
* Rich: the chosen sentences bright and the rest dim, with a score bar in the margin.

A line of block characters (:func:`sparkline`) shows the score of every sentence across the text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from summarize.document import ScoredSentence, Summary

if TYPE_CHECKING:
    from rich.console import RenderableType

PLAIN_OPEN, PLAIN_CLOSE = "[[", "]]"
MARK_COLOUR = "#ffd21f"  # the <mark> background; tests look for it in a screenshot
BLOCKS = "▁▂▃▄▅▆▇█"
BAR_WIDTH = 8
_LINE_BREAK = re.compile(r"\r\n|\n|\r")


def chosen_spans(sentences: Sequence[ScoredSentence]) -> list[tuple[int, int]]:
    """The (start, end) offsets of the chosen sentences in text order."""
    return sorted({(s.start, s.end) for s in sentences if s.end > s.start})


def pieces(text: str, spans: Sequence[tuple[int, int]]) -> Iterator[tuple[str, bool]]:
    """The text cut at the spans: (piece, whether it is a chosen sentence), in order."""
    done = 0
    for start, end in spans:
        if start < done:  # overlapping spans cannot come from one segmentation; keep the text
            start = done
        if start > done:
            yield text[done:start], False
        if end > start:
            yield text[start:end], True
        done = max(done, end)
    if done < len(text):
        yield text[done:], False


def _marked(text: str, spans: Sequence[tuple[int, int]], before: str, after: str) -> str:
    return "".join(f"{before}{p}{after}" if chosen else p for p, chosen in pieces(text, spans))


def highlight_plain(text: str, sentences: Sequence[ScoredSentence]) -> str:
    """The whole text with ``[[`` and ``]]`` around each chosen sentence."""
    return _marked(text, chosen_spans(sentences), PLAIN_OPEN, PLAIN_CLOSE)


def highlight_markdown(text: str, sentences: Sequence[ScoredSentence]) -> str:
    """The whole text with each chosen sentence in bold."""
    return _marked(text, chosen_spans(sentences), "**", "**")


_HEAD = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
body {{ margin: 2em auto; max-width: 46em; padding: 0 1em; background: #ffffff; color: #555555;
  font: 17px/1.55 Georgia, "DejaVu Serif", serif; }}
h1 {{ font-size: 1.2em; color: #111111; }}
section + section {{ border-top: 1px solid #dddddd; margin-top: 2em; }}
.text {{ white-space: pre-wrap; overflow-wrap: break-word; }}
mark {{ background: {mark}; color: #000000; padding: 0.1em 0; }}
p.meta {{ color: #777777; font-size: 0.85em; }}
</style>
</head>
<body>
"""
_TAIL = "</body>\n</html>\n"
_LANG = {"english": "en", "german": "de", "french": "fr", "spanish": "es", "italian": "it"}


def html_head(title: str, language: str = "english") -> str:
    """The start of a self-contained page: its inline style and nothing loaded from elsewhere."""
    return _HEAD.format(lang=_LANG.get(language, "und"), title=html.escape(title), mark=MARK_COLOUR)


def html_tail() -> str:
    return _TAIL


def html_section(summary: Summary, text: str | None) -> str:
    """One summary: a heading, a line about it, and the whole text with its sentences marked
    (each ``<mark>`` titled with its rank and score). Without the text, only the sentences."""
    by_start = {s.start: s for s in summary.sentences}
    body = []
    if text is None:
        text = "\n\n".join(s.text for s in summary.sentences)
        spans = []
        done = 0
        for s in summary.sentences:
            spans.append((done, done + len(s.text)))
            by_start[done] = s
            done += len(s.text) + 2
    else:
        spans = chosen_spans(summary.sentences)
    done = 0
    for piece, chosen in pieces(text, spans):
        escaped = html.escape(piece, quote=False)
        sentence = by_start.get(done)
        if chosen and sentence is not None:
            label = f"rank {sentence.rank}, score {sentence.score:.4g}"
            body.append(f'<mark title="{html.escape(label)}">{escaped}</mark>')
        elif chosen:
            body.append(f"<mark>{escaped}</mark>")
        else:
            body.append(escaped)
        done += len(piece)
    meta = (
        f"{len(summary.sentences)} of {summary.sentence_count} sentences chosen by {summary.method}"
    )
    if summary.keyphrases:
        meta += " · key phrases: " + ", ".join(k.text for k in summary.keyphrases)
    heading = summary.metadata.get("title") or summary.source
    return (
        f'<section>\n<h1>{html.escape(heading)}</h1>\n<p class="meta">{html.escape(meta)}</p>\n'
        f'<div class="text">{"".join(body)}</div>\n</section>\n'
    )


def highlight_html(summary: Summary, text: str) -> str:
    """A self-contained HTML page of the whole text with the chosen sentences marked."""
    return html_head(summary.source, summary.language) + html_section(summary, text) + html_tail()


class HtmlRenderer:
    """``-f html``: one self-contained page, a section per summary."""

    def __init__(self, stream: object | None = None) -> None:
        pass

    def start(self, many: bool) -> str:
        return ""

    def block(self, summary: Summary, position: int, many: bool) -> str:
        head = (
            "" if position else html_head("summaries" if many else summary.source, summary.language)
        )
        return head + html_section(summary, getattr(summary, "document_text", None))

    def end(self, many: bool, count: int) -> str:
        return (html_head("summaries") if not count else "") + html_tail()


def sparkline(scores: Sequence[float], chosen: set[int], width: int) -> list[tuple[str, bool]]:
    """One block character per bin of sentences, at most ``width`` bins, and whether it holds
    a chosen sentence.

    A bin's height is the highest score in it, scaled between the lowest and highest score of
    the text; with no more sentences than ``width``, every sentence is a bin of its own.
    """
    n = len(scores)
    if n == 0 or width <= 0:
        return []
    bins = min(n, width)
    low, high = min(scores), max(scores)
    spread = high - low
    line = []
    for b in range(bins):
        first, last = b * n // bins, (b + 1) * n // bins
        top = max(scores[first:last])
        level = round((top - low) / spread * (len(BLOCKS) - 1)) if spread > 0 else 0
        line.append((BLOCKS[level], any(i in chosen for i in range(first, last))))
    return line


def lines(text: str) -> Iterator[tuple[int, int]]:
    """The (start, end) of each line of the text, its line break left out."""
    start = 0
    for found in _LINE_BREAK.finditer(text):
        yield start, found.start()
        start = found.end()
    if start < len(text):
        yield start, len(text)


def highlight_rich(summary: Summary, text: str) -> RenderableType:
    """The whole text for a terminal: chosen sentences bright, the rest dim, and in the margin
    of the line where a chosen sentence starts a bar of its score (against the best) and its
    rank."""
    from rich.table import Table
    from rich.text import Text

    spans = chosen_spans(summary.sentences)
    top = max((s.score for s in summary.sentences), default=0.0)
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, width=BAR_WIDTH + 4)
    grid.add_column(overflow="fold")
    for start, end in lines(text):
        inside = [s for s in summary.sentences if start <= s.start < end]
        body = Text()
        for piece, chosen in pieces(text[start:end], [(a - start, b - start) for a, b in spans]):
            body.append(piece, style="bold" if chosen else "dim")
        margin = Text()
        if inside:
            best = max(inside, key=lambda s: s.score)
            share = best.score / top if top > 0 else 0.0
            filled = max(1, round(share * BAR_WIDTH)) if share > 0 else 0
            margin.append("█" * filled, style="yellow")
            margin.append("·" * (BAR_WIDTH - filled), style="dim")
            margin.append(f" {best.rank:>2}", style="bold")
        grid.add_row(margin, body)
    return grid


def score_line(summary: Summary, scores: Sequence[float], width: int) -> RenderableType:
    """The sparkline of every sentence's score, chosen ones bright, fitted to ``width``."""
    from rich.text import Text

    chosen = {s.index for s in summary.sentences}
    line = Text("scores ", style="dim")
    for block, is_chosen in sparkline(scores, chosen, max(1, width - len(line))):
        line.append(block, style="bold yellow" if is_chosen else "dim")
    return line

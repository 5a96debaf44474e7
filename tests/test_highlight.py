"""--highlight: the original text back byte for byte, chosen sentences marked at their offsets."""

from __future__ import annotations

import html.parser
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from rich.console import Console

from summarize.analysis.insight import Insight, InsightSummary, summarize_with_insight
from summarize.backends.registry import get_backend
from summarize.output.highlight import (
    BLOCKS,
    MARK_COLOUR,
    PLAIN_CLOSE,
    PLAIN_OPEN,
    highlight_html,
    highlight_markdown,
    highlight_plain,
    highlight_rich,
    score_line,
    sparkline,
)
from summarize.selection import Length
from summarize.text.display import display_text
from summarize.text.segment import segment

from .conftest import Runner
from .pngread import read_png

CRLF = (
    "Harbour Report\r\n\r\n"
    "The harbour opened a new pier on Friday.\tIt cost\r\nfour million euros. "
    "Fishermen welcomed it.\r\n\r\n"
    "Storms closed the old pier twice last winter. Repairs will start in May.\r\n"
)
UNICODE = (
    "Caf\u00e9 owners in M\u00fcnchen cheered \U0001f389 the new rules. "
    "The cafe\u0301 on the corner (with a combining accent) stays open till 2\u202fam. "
    "\u201cWe\u2019re thrilled,\u201d said Zo\u00eb \U0001f469\u200d\U0001f373, the owner.\n\n"
    "Critics worry about noise \U0001f50a at night. "
    "\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8 also appears here. "
    "The council will review the rules in a year."
)
TEXTS = {"crlf": CRLF, "unicode": UNICODE}


def summarize_text(text: str, method: str = "position-centroid", n: int = 2) -> InsightSummary:
    return summarize_with_insight(
        segment(text, "english"),
        get_backend(method),
        Length("sentences", n),
        "document",
        Insight(highlight=True),
    )


@pytest.mark.parametrize("name", list(TEXTS))
def test_offsets_are_into_the_original_text(name: str) -> None:
    text = TEXTS[name]
    document = segment(text, "english")
    assert len(document.sentences) >= 4
    for sentence in document.sentences:
        raw = text[sentence.start : sentence.end]
        assert display_text(raw) == sentence.text
        assert raw == raw.strip()
    summary = summarize_text(text)
    assert summary.document_text == text
    for s in summary.sentences:
        assert display_text(text[s.start : s.end]) == s.text


def _unmarked(marked: str, before: str, after: str) -> tuple[str, list[str]]:
    """The text with the markers taken out, and what each pair of markers held."""
    pattern = re.compile(re.escape(before) + "(.*?)" + re.escape(after), re.DOTALL)
    held = pattern.findall(marked)
    return pattern.sub(lambda m: m.group(1), marked), held


@pytest.mark.parametrize("name", list(TEXTS))
@pytest.mark.parametrize(
    ("render", "before", "after"),
    [(highlight_plain, PLAIN_OPEN, PLAIN_CLOSE), (highlight_markdown, "**", "**")],
)
def test_plain_and_markdown_mark_in_place_and_keep_every_character(
    name: str, render: object, before: str, after: str
) -> None:
    text = TEXTS[name]
    summary = summarize_text(text)
    marked = render(text, summary.sentences)  # type: ignore[operator]
    back, held = _unmarked(marked, before, after)
    assert back == text  # CRLF, tabs, emoji, combining marks: byte for byte
    assert back.encode("utf-8") == text.encode("utf-8")
    assert held == [text[s.start : s.end] for s in sorted(summary.sentences, key=lambda s: s.start)]


class _Page(html.parser.HTMLParser):
    """Collects the text of the text <div>, what each <mark> holds, and every tag and attribute."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.main: list[str] = []
        self.marks: list[str] = []
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.style = ""
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        self._in.append(tag)
        if tag == "mark":
            self.marks.append("")

    def handle_endtag(self, tag: str) -> None:
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        if "div" in self._in:
            self.main.append(data)
            if self._in[-1] == "mark":
                self.marks[-1] += data
        if self._in and self._in[-1] == "style":
            self.style += data


@pytest.mark.parametrize("name", list(TEXTS))
def test_html_page_is_self_contained_escaped_and_keeps_the_text(name: str) -> None:
    text = TEXTS[name] + " <script>alert('x')</script> & more."
    summary = summarize_text(text, "lead", 2)
    page = highlight_html(summary, text)
    parser = _Page()
    parser.feed(page)
    parser.close()
    assert "".join(parser.main) == text
    assert parser.marks == [text[s.start : s.end] for s in summary.sentences]
    tags = [tag for tag, _ in parser.tags]
    assert "script" not in tags
    assert not {"link", "img", "iframe", "object", "embed"} & set(tags)
    assert all(name not in ("src", "href") for _, attrs in parser.tags for name, _ in attrs)
    assert "url(" not in parser.style and "@import" not in parser.style
    assert MARK_COLOUR in parser.style
    assert "<script>alert" not in page


def _chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("chromium is not installed (Debian: apt-get install chromium)")


def test_html_page_shows_the_marked_sentence_highlighted_in_chromium(tmp_path: Path) -> None:
    browser = _chromium()
    paragraphs = [
        "The first sentence is the one the lead method chooses, and it is long enough to "
        "fill most of a line of text on the page.",
        *(
            f"Paragraph {n} talks about something else entirely, in plain unmarked text that "
            "should show no highlight colour at all anywhere on the page."
            for n in range(2, 14)
        ),
    ]
    text = "\n\n".join(paragraphs)
    summary = summarize_text(text, "lead", 1)
    assert [s.index for s in summary.sentences] == [0]
    page = tmp_path / "page.html"
    page.write_text(highlight_html(summary, text), encoding="utf-8")
    shot = tmp_path / "out.png"
    subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--screenshot={shot}",
            "--window-size=800,1200",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    image = read_png(shot)
    mark = tuple(int(MARK_COLOUR[i : i + 2], 16) for i in (1, 3, 5))
    rows = [
        y
        for y in range(0, image.height, 2)
        if any(image.pixel(x, y) == mark for x in range(0, image.width, 4))
    ]
    assert rows, "no pixel of the mark colour in the screenshot"
    # the marked sentence is the first of the text: the colour sits near the top of the page,
    # under the title and the line about the summary, and nowhere in the unmarked paragraphs
    assert min(rows) < image.height // 4
    assert max(rows) - min(rows) < 120
    marked_pixels = sum(image.pixel(x, y) == mark for y in rows for x in range(0, image.width, 4))
    assert marked_pixels > 200


def test_rich_view_shows_the_whole_text_with_bars_and_ranks() -> None:
    text = CRLF
    summary = summarize_text(text, "lead", 2)
    console = Console(
        file=io.StringIO(), width=120, record=True, force_terminal=True, color_system="truecolor"
    )
    console.print(highlight_rich(summary, text))
    styled = console.export_text(styles=True, clear=False)
    shown = console.export_text()
    flat = " ".join(shown.split())
    for sentence in segment(text).sentences:
        assert sentence.text in flat
    assert "█" in shown and " 1 " in shown and " 2 " in shown
    assert "\x1b[1m" in styled and "\x1b[2m" in styled  # bright chosen, dim the rest
    assert "\r" not in shown


def test_sparkline_bins_scores_and_marks_the_chosen() -> None:
    scores = [0.0, 1.0, 0.5, 0.25, 1.0, 0.0]
    assert sparkline(scores, {1}, 10) == [
        (BLOCKS[0], False),
        (BLOCKS[7], True),
        (BLOCKS[4], False),
        (BLOCKS[2], False),
        (BLOCKS[7], False),
        (BLOCKS[0], False),
    ]
    # more sentences than columns: each bin shows its highest score and any chosen one
    binned = sparkline(scores, {3}, 3)
    assert binned == [(BLOCKS[7], False), (BLOCKS[4], True), (BLOCKS[7], False)]
    many = sparkline([float(i % 7) for i in range(1000)], {999}, 80)
    assert len(many) == 80 and many[-1][1] and not any(c for _, c in many[:-1])
    assert sparkline([], set(), 80) == []
    assert sparkline([2.0, 2.0], {0}, 80) == [(BLOCKS[0], True), (BLOCKS[0], False)]


def test_score_line_fits_the_width() -> None:
    text = " ".join(f"Sentence number {i} says a thing about topic {i % 5}." for i in range(300))
    summary = summarize_text(text, "position-centroid", 3)
    console = Console(file=io.StringIO(), width=60, record=True)
    console.print(score_line(summary, summary.scores, 60))
    lines = console.export_text().splitlines()
    assert len(lines) == 1 and len(lines[0]) <= 60
    assert set(lines[0][len("scores ") :]) <= set(BLOCKS)


# --- through the command line: every format, offsets into the file as written ---------------


@pytest.fixture(params=list(TEXTS))
def text_file(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, str]:
    text = TEXTS[request.param]
    path = tmp_path / f"{request.param}.txt"
    path.write_bytes(text.encode("utf-8"))  # bytes: CRLF stays CRLF
    return path, text


def test_cli_json_gives_offsets_into_the_original_text(
    run: Runner, text_file: tuple[Path, str]
) -> None:
    path, text = text_file
    result = run(str(path), "--highlight", "-f", "json", "-n", "2")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert data["text"] == text
    assert len(data["sentences"]) == 2
    for sentence in data["sentences"]:
        raw = text[sentence["start"] : sentence["end"]]
        assert display_text(raw) == sentence["text"]
        assert raw.encode("utf-8") in text.encode("utf-8")


@pytest.mark.parametrize(
    ("fmt", "before", "after"), [("plain", "[[", "]]"), ("markdown", "**", "**")]
)
def test_cli_plain_and_markdown_highlight_keep_the_text(
    run: Runner, text_file: tuple[Path, str], fmt: str, before: str, after: str
) -> None:
    path, text = text_file
    result = run(str(path), "--highlight", "-f", fmt, "-n", "2")
    assert result.exit_code == 0, result.stderr
    back, held = _unmarked(result.stdout, before, after)
    # the text as written, then one line break if it had none at its end
    assert back == (text if text.endswith("\n") else text + "\n")
    summary = json.loads(run(str(path), "-f", "json", "-n", "2").stdout)
    assert held == [text[s["start"] : s["end"]] for s in summary["sentences"]]


def test_cli_html_page(run: Runner, text_file: tuple[Path, str]) -> None:
    path, text = text_file
    result = run(str(path), "-f", "html", "-n", "2", "-k", "3")
    assert result.exit_code == 0, result.stderr
    parser = _Page()
    parser.feed(result.stdout)
    parser.close()
    assert "".join(parser.main) == text
    assert len(parser.marks) == 2
    assert "script" not in [tag for tag, _ in parser.tags]
    assert "key phrases: " in result.stdout


def test_cli_rich_highlight_with_explain_shows_the_score_line(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "many.txt"
    path.write_text(" ".join(f"Sentence {i} is about topic {i % 4} today." for i in range(40)))
    result = run(str(path), "--highlight", "--explain", "-f", "rich", "-n", "2")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(
        line.startswith("scores ") and set(line[7:].strip()) <= set(BLOCKS) for line in lines
    )
    assert "Sentence 39 is about topic 3 today." in " ".join(result.stdout.split())

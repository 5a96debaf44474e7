"""``summarize extract``: the text exactly as the summariser sees it, for every kind of input."""

from __future__ import annotations

import json
from pathlib import Path

from . import servers
from .conftest import ROOT, SAMPLES, Runner
from .servers import LocalServer

ARTICLE = ROOT / "tests" / "fixtures" / "article.html"
RSS = ROOT / "tests" / "fixtures" / "rss2.xml"
CHROME = ("COOKIEBANNER", "Subscribe", "All rights reserved")


def _normalised(text: str) -> str:
    return " ".join(text.split())


def test_the_summary_is_made_of_the_extracted_text(run: Runner) -> None:
    extracted = run("extract", str(ARTICLE))
    assert extracted.exit_code == 0, extracted.stderr
    text = extracted.stdout.removesuffix("\n")
    summary = json.loads(run(str(ARTICLE), "-f", "json", "-n", "4").stdout)
    assert len(summary["sentences"]) == 4
    for sentence in summary["sentences"]:  # offsets index the extracted text
        assert _normalised(text[sentence["start"] : sentence["end"]]) == sentence["text"]


def test_extract_leaves_out_the_page_chrome_and_reports_metadata(run: Runner) -> None:
    result = run("extract", str(ARTICLE), "-f", "json")
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["metadata"]["title"] == "Harbour Library reopens after flood repairs"
    assert record["metadata"]["author"] == "Mira Okafor"
    assert record["metadata"]["published"].startswith("2024-03-14")
    for marker in CHROME:
        assert marker not in record["text"]
    assert "eleven months after floodwater" in record["text"]


def test_extract_of_a_page_served_over_http(run: Runner) -> None:
    html = ARTICLE.read_bytes()
    with LocalServer({"/a.html": servers.page(html, "text/html; charset=utf-8")}) as site:
        url = site.url("/a.html")
        over_http = run("extract", url, "-f", "json")
    assert over_http.exit_code == 0, over_http.stderr
    record = json.loads(over_http.stdout)
    from_file = json.loads(run("extract", str(ARTICLE), "-f", "json").stdout)
    assert record["text"] == from_file["text"]
    assert record["metadata"]["url"] == url  # the address it was read from


def test_extract_of_a_folder_is_one_line_per_file(run: Runner) -> None:
    result = run("extract", str(SAMPLES), "-f", "jsonl")
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    files = sorted(p for p in SAMPLES.iterdir() if p.is_file())
    assert [r["source"] for r in records] == [str(p) for p in files]
    assert [r["text"] for r in records] == [p.read_text(encoding="utf-8") for p in files]


def test_extract_of_a_feed_gives_each_entry_with_its_metadata(run: Runner) -> None:
    result = run("extract", str(RSS), "--feed-content", "-f", "jsonl")
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) >= 2
    for record in records:
        assert record["source"].startswith(f"{RSS} \u203a ")
        assert record["metadata"]["url"].startswith("http")
        assert record["text"].strip()


def test_extract_goes_on_after_a_bad_input(run: Runner, tmp_path: Path) -> None:
    missing = tmp_path / "gone.txt"
    result = run("extract", str(SAMPLES / "news_river_bridge.txt"), str(missing))
    assert result.exit_code == 1
    assert result.stderr == f"summarize: {missing}: no such file\n"
    assert result.stdout.startswith(f"==> {SAMPLES / 'news_river_bridge.txt'} <==\n")


def test_extract_of_several_inputs_as_json_is_one_array(run: Runner) -> None:
    result = run("extract", str(SAMPLES / "news_river_bridge.txt"), str(ARTICLE), "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert [r["source"] for r in json.loads(result.stdout)] == [
        str(SAMPLES / "news_river_bridge.txt"),
        str(ARTICLE),
    ]

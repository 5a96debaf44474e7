"""HTML pages to sources: the main text only, the page's metadata, bounded work, no network."""

from __future__ import annotations

import socket
import time
import tracemalloc
import warnings
from datetime import datetime, timezone
from pathlib import Path

import pytest

from summarize.errors import EmptyInputError, InputTooLargeError
from summarize.sources.base import ReadOptions
from summarize.sources.html import html_source, looks_like_html
from summarize.sources.html_parse import page_text

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLE = FIXTURES / "article.html"
CHROME = (
    "NAVSTRING",
    "FOOTERSTRING",
    "COOKIEBANNER",
    "SCRIPTSTRING",
    "STYLESTRING",
    "COMMENTSTRING",
    "SIDEBARSTRING",
    "HTMLCOMMENTSTRING",
)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to resolve a name or open a connection fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        pytest.fail(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_article_text_without_chrome(no_network: None) -> None:
    source = html_source("article.html", ARTICLE.read_bytes())
    assert "eleven months after floodwater" in source.text
    assert "chess evening every Friday" in source.text
    for marker in CHROME:
        assert marker not in source.text, marker
    assert "\n\n" in source.text  # paragraphs stay apart
    assert source.text.startswith("The Harbour Library opened")  # the headline is the title


def test_article_metadata(no_network: None) -> None:
    source = html_source("article.html", ARTICLE.read_bytes())
    assert source.title == "Harbour Library reopens after flood repairs"
    assert source.author == "Mira Okafor"
    assert source.site_name == "The Quayside Courier"
    assert source.published == datetime(2024, 3, 14, 9, 30, tzinfo=timezone.utc)
    assert source.url == "https://courier.example/news/harbour-library-reopens"
    assert source.media_type == "text/html"
    assert source.name == "article.html"


def test_given_url_wins_over_the_canonical_one() -> None:
    source = html_source("a", ARTICLE.read_bytes(), url="https://mirror.example/library")
    assert source.url == "https://mirror.example/library"


def test_str_input_is_read_like_bytes() -> None:
    text = ARTICLE.read_text(encoding="utf-8")
    assert html_source("a", text).text == html_source("a", ARTICLE.read_bytes()).text


def test_declared_legacy_encoding_is_used() -> None:
    page = (
        "<html><head><meta charset='windows-1252'><title>Caf\xe9</title></head><body>"
        "<p>Le caf\xe9 du port ouvre \xe0 six heures, et les p\xeacheurs y prennent leur "
        "petit d\xe9jeuner avant de partir en mer pour la journ\xe9e enti\xe8re.</p>"
        "</body></html>"
    ).encode("cp1252")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a declared encoding needs no guess and no warning
        source = html_source("cafe.html", page)
    assert "Le café du port ouvre à six heures" in source.text
    assert source.title == "Café"


def test_no_main_text_falls_back_to_visible_text_with_a_warning() -> None:
    page = (
        b"<html><head><title>Menu</title><script>var hidden = 'SCRIPTSTRING';</script></head>"
        b"<body><nav>NAVSTRING Home</nav><div class='cookie-consent'>COOKIEBANNER</div>"
        b"<div><a href='/soup'>Soup of the day</a> <a href='/bread'>Bread</a></div>"
        b"<footer>FOOTERSTRING</footer></body></html>"
    )
    with pytest.warns(UserWarning, match=r"menu\.html: no main text found"):
        source = html_source("menu.html", page)
    assert "Soup of the day" in source.text
    assert "Bread" in source.text
    for marker in ("SCRIPTSTRING", "NAVSTRING", "FOOTERSTRING", "COOKIEBANNER", "Menu"):
        assert marker not in source.text
    assert source.title == "Menu"


@pytest.mark.parametrize(
    "page",
    [
        b"",
        b"   \n",
        b"<html><head><title>Only a title</title></head><body></body></html>",
        b"<html><body><script>document.write('SCRIPTSTRING')</script><!-- x --></body></html>",
    ],
)
def test_page_without_text_is_an_error(page: bytes) -> None:
    with pytest.raises(EmptyInputError, match=r"^empty\.html: the page has no text"):
        html_source("empty.html", page)


def test_page_with_nothing_but_chrome_is_an_error() -> None:
    page = b"<html><body><nav>Home About</nav><div id='cookie-notice'>Accept</div></body></html>"
    with pytest.raises(EmptyInputError, match="no text outside navigation, banners and forms"):
        html_source("chrome.html", page)


def test_page_over_max_bytes_is_refused() -> None:
    with pytest.raises(InputTooLargeError, match="larger than the limit"):
        html_source("big.html", ARTICLE.read_bytes(), options=ReadOptions(max_bytes=1000))


@pytest.mark.slow
def test_huge_deeply_nested_page_is_bounded(no_network: None) -> None:
    """50 MB with 100,000 nested elements: seconds and well under 300 MB, text or one error."""
    depth = 100_000
    nested = "<div>" * depth + "deep text" + "</div>" * depth
    filler = "<p>" + "Filler words make this page long. " * 30 + "</p>\n"
    page = (
        "<!DOCTYPE html><html><body><p>The opening paragraph is readable.</p>"
        + nested
        + filler * ((50_000_000 - len(nested)) // len(filler))
        + "</body></html>"
    ).encode()
    assert len(page) > 49_000_000
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.warns(UserWarning, match="256 levels deep"):
            source = html_source("deep.html", page, options=ReadOptions(max_bytes=0))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.monotonic() - started < 30
    assert peak < 300 * 1024 * 1024
    assert "opening paragraph" in source.text


@pytest.mark.slow
def test_huge_page_of_text_is_one_clear_error() -> None:
    filler = "<p>" + "Filler words make this page long. " * 30 + "</p>\n"
    page = ("<html><body>" + filler * 50_000 + "</body></html>").encode()
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(InputTooLargeError, match="characters of text, more than"):
            html_source("text.html", page, options=ReadOptions(max_bytes=0))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.monotonic() - started < 30
    assert peak < 300 * 1024 * 1024


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"<!DOCTYPE html><html><body>x</body></html>", True),
        (b"\xef\xbb\xbf\n  <!doctype HTML>\n<p>x", True),
        (b"<html lang='en'>", True),
        (b"\n\n<head><title>x</title></head>", True),
        (b"<body>", True),
        ("<html>".encode("utf-16"), True),
        (b"<?xml version='1.0'?><rss version='2.0'><channel/></rss>", False),
        (b"Plain text that mentions <html> later on.", True),  # within the first kilobyte
        (b"Plain text. " * 200 + b"<html>", False),  # past the first kilobyte
        (b"# Markdown title\n\nText.", False),
        (b"%PDF-1.7", False),
        (b"", False),
    ],
)
def test_looks_like_html(data: bytes, expected: bool) -> None:
    assert looks_like_html(data) is expected


def test_page_text_of_a_fragment() -> None:
    text = page_text(
        "<p>One <b>bold</b> word.</p><p>Second&nbsp;paragraph.</p><script>x()</script>"
    )
    assert text == "One bold word.\n\nSecond paragraph."
    assert page_text("") == ""

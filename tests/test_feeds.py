"""Feeds and OPML lists to pending sources: entries, metadata, limits, links, hostile input."""

from __future__ import annotations

import json
import threading
import time
import urllib.request
import warnings
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from summarize.errors import EmptyInputError, InputError, SummarizeError
from summarize.many import load_in_order
from summarize.sources.base import ReadOptions, Source
from summarize.sources.feed_trim import quick_timestamp
from summarize.sources.feeds import feed_pendings, looks_like_feed
from summarize.sources.opml import looks_like_opml, opml_feeds
from summarize.sources.registry import expand_all

from .conftest import SHARED_DATA

FIXTURES = Path(__file__).parent / "fixtures"
FEEDS_DATA = SHARED_DATA / "feeds"
CONTENT = ReadOptions(feed_content=True)

Fetch = Callable[[str], tuple[bytes, "str | None", str]]


def never_fetch(url: str) -> tuple[bytes, str | None, str]:
    pytest.fail(f"fetched {url} although nothing should be")


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


# --- recognising and reading feeds ------------------------------------------------------------


@pytest.mark.parametrize("name", ["rss2.xml", "rss1.xml", "atom.xml"])
def test_fixture_feeds_are_recognised(name: str) -> None:
    assert looks_like_feed(fixture(name))
    assert not looks_like_opml(fixture(name))


@pytest.mark.parametrize(
    "data",
    [
        fixture("article.html"),
        fixture("feeds.opml"),
        b"Plain text about <rss> feeds.",
        b"<?xml version='1.0'?><note><rss/></note>",
        b"",
    ],
)
def test_other_documents_are_not_feeds(data: bytes) -> None:
    assert not looks_like_feed(data)


def test_feed_recognised_after_bom_comments_and_doctype() -> None:
    data = (
        b"\xef\xbb\xbf\n\n<?xml version='1.0'?>\n<!-- generated -->\n"
        b'<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        b'"http://my.netscape.com/publish/formats/rss-0.91.dtd">\n<rss version="0.91">'
    )
    assert looks_like_feed(data)
    assert looks_like_feed("<feed xmlns='http://www.w3.org/2005/Atom'>".encode("utf-16"))


def test_rss2_entries_newest_first_with_metadata() -> None:
    pendings = list(feed_pendings("rss2.xml", fixture("rss2.xml"), options=CONTENT))
    assert [p.name for p in pendings] == [
        "rss2.xml \u203a Orchard festival draws record crowd",
        "rss2.xml \u203a Bridge on Mill Road closes for repairs",
        "rss2.xml \u203a Council approves new cycle lanes",
    ]
    bridge = pendings[1].load()
    assert bridge.name == pendings[1].name
    assert bridge.title == "Bridge on Mill Road closes for repairs"
    assert bridge.url == "https://gazette.example/news/bridge"
    assert bridge.id == "gazette-1001"
    assert bridge.published == datetime(2024, 3, 5, 7, 0, tzinfo=timezone.utc)  # +0100 -> UTC
    assert bridge.author == "Ana Lindqvist"
    assert bridge.site_name == "Valley Gazette"
    assert bridge.feed == "rss2.xml"
    assert (
        bridge.text
        == "The Mill Road bridge will close for six weeks while engineers replace its deck."
    )
    orchard = pendings[0].load()
    assert orchard.text == (
        "More than five thousand people came to the orchard festival on Saturday.\n\n"
        "The cider press ran all day."
    )


def test_rss1_entries() -> None:
    pendings = list(feed_pendings("rss1.xml", fixture("rss1.xml"), options=CONTENT))
    sources = [p.load() for p in pendings]
    assert [s.title for s in sources] == [
        "A faint comet returns",
        "Moss survives a winter under snow",
    ]
    assert sources[0].published == datetime(2024, 2, 3, 20, 15, tzinfo=timezone.utc)
    assert sources[1].author == "L. Haddad"
    assert sources[1].site_name == "Science Notes"
    assert "thirty centimetres of snow" in sources[1].text


def test_atom_entries_with_html_title_relative_link_and_xhtml_content() -> None:
    pendings = list(
        feed_pendings(
            "diary", fixture("atom.xml"), url="https://blog.example/atom.xml", options=CONTENT
        )
    )
    chisels, bench = (p.load() for p in pendings)
    assert chisels.title == "Sharpening chisels by hand"  # the <em> is gone
    assert pendings[0].name == "diary \u203a Sharpening chisels by hand"
    assert chisels.url == "https://blog.example/posts/chisels"  # resolved against xml:base
    assert chisels.id == "tag:blog.example,2024:chisels"
    assert chisels.text == (
        "A sharp chisel is safer than a blunt one.\n\n"
        "Start with a coarse stone and finish on a fine one."
    )
    assert chisels.feed == "https://blog.example/atom.xml"
    assert bench.published == datetime(2024, 3, 20, 22, 45, tzinfo=timezone.utc)
    assert bench.text == "The bench top is made of three laminated beech boards."


def test_limit_keeps_the_newest_entries() -> None:
    options = ReadOptions(feed_content=True, limit=2)
    titles = [p.load().title for p in feed_pendings("f", fixture("rss2.xml"), options=options)]
    assert titles == [
        "Orchard festival draws record crowd",
        "Bridge on Mill Road closes for repairs",
    ]


def test_undated_entries_follow_the_dated_ones_in_feed_order() -> None:
    items = "".join(
        f"<item><title>{title}</title><link>https://x.example/{title}</link>{date}</item>"
        for title, date in [
            ("undated-a", ""),
            ("old", "<pubDate>Mon, 01 Jan 2024 00:00:00 GMT</pubDate>"),
            ("undated-b", ""),
            ("new", "<pubDate>Wed, 01 May 2024 00:00:00 GMT</pubDate>"),
        ]
    )
    data = f"<rss version='2.0'><channel><title>T</title>{items}</channel></rss>".encode()
    names = [p.name.split(" \u203a ")[1] for p in feed_pendings("f", data, options=CONTENT)]
    assert names == ["new", "old", "undated-a", "undated-b"]


def test_feed_content_never_fetches() -> None:
    for name in ("rss2.xml", "rss1.xml", "atom.xml"):
        for pending in feed_pendings(name, fixture(name), options=CONTENT, fetch=never_fetch):
            assert pending.load().text


def test_limit_applies_before_any_fetching() -> None:
    fetched: list[str] = []

    def fetch(url: str) -> tuple[bytes, str | None, str]:
        fetched.append(url)
        return fixture("article.html"), "text/html; charset=utf-8", url

    pendings = list(
        feed_pendings("f", fixture("rss2.xml"), options=ReadOptions(limit=1), fetch=fetch)
    )
    assert fetched == []  # expanding fetches nothing
    assert len(pendings) == 1
    source = pendings[0].load()
    assert fetched == ["https://gazette.example/news/orchard"]
    assert "eleven months after floodwater" in source.text  # the linked page's text
    assert source.title == "Orchard festival draws record crowd"  # the entry's title wins
    assert source.url == "https://gazette.example/news/orchard"
    assert source.site_name == "Valley Gazette"
    assert source.author == "Mira Okafor"  # the entry has none: the page's


@pytest.mark.parametrize(
    ("link", "reason"),
    [
        ("file:///etc/passwd", "not an http"),
        ("javascript:alert(1)", "not an http"),
        ("data:text/html,<p>hi</p>", "not an http"),
        ("ftp://files.example/a.txt", "not an http"),
        ("https://user:secret@site.example/a", "carries credentials"),
        ("/relative/only", "not an http"),
    ],
)
def test_links_that_are_never_followed(link: str, reason: str) -> None:
    data = (
        "<rss version='2.0'><channel><title>T</title><item><title>Odd</title>"
        f"<link>{link.replace('&', '&amp;').replace('<', '&lt;')}</link>"
        "<description>Its own text.</description></item></channel></rss>"
    ).encode()
    (pending,) = feed_pendings("odd.xml", data, options=ReadOptions(), fetch=never_fetch)
    with pytest.raises(InputError, match=reason) as caught:
        pending.load()
    assert str(caught.value).startswith("odd.xml \u203a Odd: ")
    assert "--feed-content" in str(caught.value)
    # The entry's own text is still there for the asking.
    (pending,) = feed_pendings("odd.xml", data, options=CONTENT, fetch=never_fetch)
    assert pending.load().text == "Its own text."


def test_entry_without_content_is_an_empty_input() -> None:
    data = b"<rss version='2.0'><channel><title>T</title><item><title>Bare</title></item></channel>"
    (pending,) = feed_pendings("bare.xml", data, options=CONTENT)
    with pytest.raises(EmptyInputError, match="no content of its own"):
        pending.load()


def test_repeated_titles_get_distinct_names() -> None:
    item = "<item><title>Same</title><description>x</description></item>"
    data = f"<rss version='2.0'><channel><title>T</title>{item * 3}</channel></rss>".encode()
    names = [p.name for p in feed_pendings("f", data, options=CONTENT)]
    assert names == ["f \u203a Same", "f \u203a Same (2)", "f \u203a Same (3)"]


# --- what is not a feed -----------------------------------------------------------------------


def test_html_page_posing_as_a_feed() -> None:
    with pytest.raises(InputError, match=r"^page\.xml: an HTML page, not a feed$"):
        list(feed_pendings("page.xml", fixture("article.html")))


@pytest.mark.parametrize(
    "data",
    [
        b"just some words",
        b"<?xml version='1.0'?><rss><channel><title>T</title><item><title>x",
        b"\x00\x01",
    ],
)
def test_unparsable_input_is_one_input_error(data: bytes) -> None:
    try:
        pendings = list(feed_pendings("bad", data, options=CONTENT))
    except InputError as error:
        assert str(error).startswith("bad: ")
    else:  # feedparser's loose parser may still find the entry of a truncated feed
        assert all(p.name.startswith("bad \u203a ") for p in pendings)


def test_feed_without_entries_is_empty() -> None:
    with pytest.raises(EmptyInputError, match="the feed has no entries"):
        list(feed_pendings("f", b"<rss version='2.0'><channel><title>T</title></channel></rss>"))


def test_ill_formed_feed_with_entries_is_usable() -> None:
    data = (
        b"<rss version='2.0'><channel><title>T</title>"
        b"<item><title>One &amp; only</title><description>Broken <b>markup</description></item>"
        b"</channel>"  # no closing </rss>, an unclosed <b>
    )
    (pending,) = feed_pendings("f", data, options=CONTENT)
    assert pending.load().text.startswith("Broken")


# --- hostile feeds ----------------------------------------------------------------------------


def _laughs() -> str:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    return f"<!DOCTYPE rss [{entities}]>"


def test_billion_laughs_is_bounded() -> None:
    data = (
        f"<?xml version='1.0'?>{_laughs()}<rss version='2.0'><channel><title>T &lol9;</title>"
        "<item><title>Laugh &lol9;</title><description>Text &lol9; end.</description></item>"
        "</channel></rss>"
    ).encode()
    started = time.monotonic()
    try:
        sources = [p.load() for p in feed_pendings("lol.xml", data, options=CONTENT)]
    except InputError:
        sources = []
    assert time.monotonic() - started < 10
    for source in sources:
        assert source.text.count("lol") < 100
        assert len(source.text) < 1000


def test_external_entities_are_never_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRETVALUE", encoding="utf-8")
    data = (
        f"<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY xxe SYSTEM '{secret.as_uri()}'>"
        f"<!ENTITY % remote SYSTEM 'http://127.0.0.1:9/evil.dtd'> %remote;]>"
        "<rss version='2.0'><channel><title>T</title>"
        "<item><title>X &xxe;</title><description>Body &xxe; end.</description></item>"
        "</channel></rss>"
    ).encode()
    try:
        pendings = list(feed_pendings("xxe.xml", data, options=CONTENT, fetch=never_fetch))
    except InputError:
        return
    for pending in pendings:
        assert "TOPSECRETVALUE" not in pending.name
        assert "TOPSECRETVALUE" not in pending.load().text


def test_a_name_is_never_opened_as_a_file(tmp_path: Path) -> None:
    feed = tmp_path / "real.xml"
    feed.write_bytes(fixture("rss2.xml"))
    # Handed the bytes of a file name, feedparser would open the file; here it is just text.
    with pytest.raises(InputError):
        list(feed_pendings("f", str(feed).encode(), options=CONTENT))


@pytest.mark.slow
def test_huge_feed_with_a_limit_is_cheap() -> None:
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    items = "".join(
        f"<item><title>Item {i}</title><link>https://x.example/{i}</link>"
        f"<pubDate>{days[i % 7]}, {1 + i % 28:02d} Jan 2024 {i % 24:02d}:{i % 60:02d}:00 GMT"
        f"</pubDate><description>Item {i}.</description></item>"
        for i in range(100_000)
    )
    data = f"<rss version='2.0'><channel><title>Big</title>{items}</channel></rss>".encode()
    started = time.monotonic()
    pendings = list(feed_pendings("big", data, options=ReadOptions(feed_content=True, limit=3)))
    assert time.monotonic() - started < 30  # feedparser alone takes about 95 s on it
    newest = sorted(range(100_000), key=lambda i: (1 + i % 28, i % 24, i % 60), reverse=True)[:3]
    assert [p.load().title for p in pendings] == [f"Item {i}" for i in newest]


# --- the shared feeds -------------------------------------------------------------------------


def _shared_feeds() -> list[str]:
    index = FEEDS_DATA / "index.jsonl"
    if not index.exists():
        return []
    return [json.loads(line)["file"] for line in index.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("name", _shared_feeds() or ["absent"])
def test_every_shared_feed_gives_entries_or_one_input_error(name: str) -> None:
    path = FEEDS_DATA / name
    if not path.exists():
        pytest.skip(f"{FEEDS_DATA} is absent (shared data not available)")
    record = next(
        json.loads(line)
        for line in (FEEDS_DATA / "index.jsonl").read_text(encoding="utf-8").splitlines()
        if json.loads(line)["file"] == name
    )
    started = time.monotonic()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            pendings = list(
                feed_pendings(name, path.read_bytes(), options=CONTENT, fetch=never_fetch)
            )
        except InputError as error:
            assert str(error).startswith(f"{name}: ")
            assert record["entries"] == 0 or record["kind"] == "html", "entries were expected"
            return
        loaded = 0
        for pending in pendings:
            try:
                source = pending.load()
            except SummarizeError as error:
                assert isinstance(error, EmptyInputError)
                continue
            loaded += 1
            assert source.text.strip()
            assert source.feed == name
    assert time.monotonic() - started < 60
    assert len(pendings) == record["entries"]
    if len(pendings) >= 5:  # a few entries without text of their own are fine
        assert loaded >= len(pendings) * 0.8


# --- a feed of 20 entries linking to 20 pages on a local server ---------------------------------


def _story(number: int) -> bytes:
    paragraphs = "".join(
        f"<p>Paragraph {part} of story {number}: the harbour committee met again on day "
        f"{number} and discussed the ferry timetable, the new moorings and the budget for "
        f"repairs, and agreed to publish the minutes within a week of each meeting.</p>"
        for part in range(1, 5)
    )
    return (
        f"<!DOCTYPE html><html><head><title>Story {number} | Local Times</title></head><body>"
        f"<nav>NAVSTRING</nav><article><h1>Story {number}</h1>{paragraphs}</article>"
        f"<footer>FOOTERSTRING</footer></body></html>"
    ).encode()


class _Site(BaseHTTPRequestHandler):
    pages: ClassVar[dict[str, tuple[bytes, str]]] = {}

    def do_GET(self) -> None:
        found = self.pages.get(self.path)
        if found is None:
            self.send_error(404)
            return
        body, content_type = found
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[tuple[str, dict[str, tuple[bytes, str]]]]:
    """A web server on 127.0.0.1 serving the pages put in the returned dictionary."""
    pages: ClassVar[dict[str, tuple[bytes, str]]] = {}
    handler = type("Handler", (_Site,), {"pages": pages})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", pages
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def local_fetch(url: str) -> tuple[bytes, str | None, str]:
    """A plain urllib fetch, loopback only, standing in for the HTTP client."""
    assert url.startswith("http://127.0.0.1:"), url
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(url, timeout=5) as response:
        return response.read(5_000_000), response.headers.get("Content-Type"), response.geturl()


def _rss(base: str, title: str, count: int) -> bytes:
    items = "".join(
        f"<item><title>{title} story {n}</title><link>{base}/{title}/{n}.html</link>"
        f"<pubDate>Mon, {n:02d} Jan 2024 10:00:00 GMT</pubDate></item>"
        for n in range(1, count + 1)
    )
    return f"<rss version='2.0'><channel><title>{title}</title>{items}</channel></rss>".encode()


def test_feed_of_twenty_linked_pages(site: tuple[str, dict[str, tuple[bytes, str]]]) -> None:
    base, pages = site
    for n in range(1, 21):
        pages[f"/local/{n}.html"] = (_story(n), "text/html; charset=utf-8")
    feed = _rss(base, "local", 20)
    pendings = list(feed_pendings("local.xml", feed, url=f"{base}/feed.xml", fetch=local_fetch))
    assert len(pendings) == 20
    sources = [p.load() for p in pendings]
    assert [s.title for s in sources] == [f"local story {n}" for n in range(20, 0, -1)]
    assert [s.url for s in sources] == [f"{base}/local/{n}.html" for n in range(20, 0, -1)]
    for n, source in zip(range(20, 0, -1), sources, strict=True):
        assert f"story {n}: the harbour committee" in source.text
        assert "NAVSTRING" not in source.text
        assert "FOOTERSTRING" not in source.text
        assert source.media_type == "text/html"
        assert source.site_name == "local"


def test_opml_lists_its_http_feeds() -> None:
    with pytest.warns(
        UserWarning, match=r"subs\.opml: 1 feed\(s\) not http\(s\), skipped: 'file:///etc/passwd'"
    ):
        feeds = opml_feeds(fixture("feeds.opml"), "subs.opml")
    assert feeds == [
        "https://gazette.example/rss.xml",
        "http://science.example/rss",
        "https://blog.example/atom.xml",
    ]
    assert looks_like_opml(fixture("feeds.opml"))
    assert not looks_like_opml(fixture("rss2.xml"))


def test_opml_with_entities_is_refused() -> None:
    data = f"<?xml version='1.0'?>{_laughs()}<opml><body><outline xmlUrl='http://a/&lol9;'/></body></opml>"
    with pytest.raises(InputError, match="refused for safety"):
        opml_feeds(data.encode(), "evil.opml")


def test_ill_formed_opml_is_an_input_error() -> None:
    with pytest.raises(InputError, match=r"^bad\.opml: not well-formed OPML"):
        opml_feeds(b"<opml><body><outline xmlUrl='http://a/'>", "bad.opml")


def test_opml_of_three_feeds_expands(
    site: tuple[str, dict[str, tuple[bytes, str]]], tmp_path: Path
) -> None:
    base, pages = site
    outlines = ""
    for name, count in (("alpha", 2), ("beta", 3), ("gamma", 1)):
        pages[f"/{name}.xml"] = (_rss(base, name, count), "application/rss+xml")
        for n in range(1, count + 1):
            pages[f"/{name}/{n}.html"] = (_story(n), "text/html")
        outlines += f"<outline text='{name}' xmlUrl='{base}/{name}.xml'/>"
    outlines += f"<outline text='gone' xmlUrl='{base}/missing.xml'/>"
    opml = f"<opml version='2.0'><body>{outlines}</body></opml>".encode()

    path = tmp_path / "subs.opml"
    path.write_bytes(opml)
    loaded = list(load_in_order(expand_all([str(path)], ReadOptions()), fetch_jobs=4))
    names = [name for name, _ in loaded]
    assert names[:6] == [
        f"{base}/alpha.xml \u203a alpha story 2",
        f"{base}/alpha.xml \u203a alpha story 1",
        f"{base}/beta.xml \u203a beta story 3",
        f"{base}/beta.xml \u203a beta story 2",
        f"{base}/beta.xml \u203a beta story 1",
        f"{base}/gamma.xml \u203a gamma story 1",
    ]
    assert names[6] == f"{base}/missing.xml"
    sources = [item for _, item in loaded[:6]]
    assert all(isinstance(s, Source) for s in sources)
    assert {s.site_name for s in sources} == {"alpha", "beta", "gamma"}  # type: ignore[union-attr]
    assert all("harbour committee" in s.text for s in sources)  # type: ignore[union-attr]
    error = loaded[6][1]
    assert isinstance(error, InputError)
    assert "404" in str(error)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tue, 05 Mar 2024 08:00:00 +0100", datetime(2024, 3, 5, 7, 0, tzinfo=timezone.utc)),
        ("05 Mar 2024 08:00 GMT", datetime(2024, 3, 5, 8, 0, tzinfo=timezone.utc)),
        ("Sun, 3 March 2024 23:30:00 -05:00", datetime(2024, 3, 4, 4, 30, tzinfo=timezone.utc)),
        ("2024-03-05T08:00:00Z", datetime(2024, 3, 5, 8, 0, tzinfo=timezone.utc)),
        ("2024-03-05T08:00:00+02:00", datetime(2024, 3, 5, 6, 0, tzinfo=timezone.utc)),
        ("2024-03-05", datetime(2024, 3, 5, tzinfo=timezone.utc)),
        ("not a date at all", None),
    ],
)
def test_quick_timestamps_of_large_feeds(text: str, expected: datetime | None) -> None:
    stamp = quick_timestamp(text)
    if expected is None:
        assert stamp is None
    else:
        assert stamp == expected.timestamp()


def test_linked_pages_of_other_kinds(site: tuple[str, dict[str, tuple[bytes, str]]]) -> None:
    base, pages = site
    pages["/plain.txt"] = (b"A plain text page. It has two sentences.", "text/plain")
    pages["/other.xml"] = (fixture("rss2.xml"), "text/html")  # a feed served as HTML
    items = "".join(
        f"<item><title>{name}</title><link>{base}/{name}</link></item>"
        for name in ("plain.txt", "other.xml")
    )
    feed = f"<rss version='2.0'><channel><title>T</title>{items}</channel></rss>".encode()
    plain, other = feed_pendings("mixed.xml", feed, fetch=local_fetch)
    source = plain.load()
    assert source.text == "A plain text page. It has two sentences."
    assert source.title == "plain.txt"
    with pytest.raises(InputError, match="links to a feed or a list of feeds, not a page"):
        other.load()

"""HTML bytes to a bounded lxml tree, and a tree to its visible text.

Parsing: the page is turned into UTF-8 first (a byte-order mark, ``--encoding``, valid UTF-8,
the HTTP header's charset, the page's own declaration, else a detected encoding with a warning),
then parsed by lxml's HTML parser in its default, bounded mode: elements nested deeper than 256
levels end the parse (``huge_tree`` stays off, with a warning) and nothing is ever fetched (no
DTDs, scripts, frames or images: ``no_network``). Comments and processing instructions are
dropped by the parser.

Visible text: what a reader sees, without scripts, styles, forms, navigation, headers, footers,
asides, hidden elements and overlays (cookie and consent banners, pop-ups, newsletters), with
paragraphs separated by blank lines. It is the fallback when no main text is found, and how the
HTML inside feed entries becomes text.
"""

from __future__ import annotations

import codecs
import re
import warnings
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from summarize.errors import EmptyInputError, InputError
from summarize.sources.base import ReadOptions

if TYPE_CHECKING:
    from lxml.html import HtmlElement

SNIFF_BYTES = 1024
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""")
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_BLANK_LINES = re.compile(r"\n\s*\n")
_SPACES = re.compile(r"[^\S\n]+")
# What browsers read instead of the labels that pages declare (WHATWG Encoding Standard).
_BROWSER_ENCODINGS = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252"}

# Elements whose text is never visible, or is chrome around the page's content.
_HIDDEN = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "title",
        "meta",
        "link",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "svg",
        "math",
        "canvas",
        "audio",
        "video",
        "map",
        "button",
        "select",
        "option",
        "textarea",
        "input",
        "form",
        "nav",
        "footer",
        "header",
        "aside",
        "dialog",
    ]
)
_BLOCKS = frozenset(
    [
        "address",
        "article",
        "blockquote",
        "body",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
        "br",
    ]
)
# id or class words of cookie banners, consent walls and other overlays.
_OVERLAY = re.compile(
    r"cookie|consent|gdpr|newsletter|popup|modal|subscribe|navigation|navbar|breadcrumb|sidebar",
    re.IGNORECASE,
)
# Never dropped as overlays, whatever their class says (a body is "modal-open" under a popup).
_CONTAINERS = frozenset(("html", "body", "main", "article"))


def page_text(data: bytes | str, name: str = "<html>") -> str:
    """The visible text of an HTML fragment or page, paragraphs separated by blank lines.

    For the HTML inside feed entries: no main-text extraction, nothing dropped but hidden or
    chrome elements. Empty when there is no text.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if not raw.strip():
        return ""
    return visible_text(parse_html(raw, name))


def to_utf8(data: bytes, name: str, options: ReadOptions, content_type: str | None) -> bytes:
    """The page as UTF-8: by BOM, --encoding, valid UTF-8, the header, the page, or a guess."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace").encode("utf-8")
    if options.encoding:
        try:
            return data.decode(options.encoding, errors="replace").encode("utf-8")
        except LookupError:
            from summarize.errors import UsageError

            raise UsageError(f"unknown encoding {options.encoding!r}") from None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return data
    encoding = _declared_encoding(data, content_type)
    if encoding is not None:
        return data.decode(encoding, errors="replace").encode("utf-8")
    from summarize.sources.decoding import decode

    # Refuses binary data; warns with the encoding it detects.
    return decode(data, name).encode("utf-8", errors="replace")


def _declared_encoding(data: bytes, content_type: str | None) -> str | None:
    """The first usable charset of the HTTP header, the XML declaration, a ``<meta>`` tag."""
    declared: list[str] = []
    if content_type:
        match = _HEADER_CHARSET.search(content_type)
        if match:
            declared.append(match.group(1))
    head = data[: SNIFF_BYTES * 4]
    for pattern in (_XML_ENCODING, _CHARSET):
        found = pattern.search(head)
        if found:
            declared.append(found.group(1).decode("ascii"))
    for label in declared:
        try:
            encoding = codecs.lookup(label).name
        except LookupError:
            continue
        if "utf-16" in encoding or "utf-32" in encoding or encoding == "utf-8":
            continue  # the data is not UTF-8, and a page without a BOM is not UTF-16
        return _BROWSER_ENCODINGS.get(encoding, encoding)
    return None


def parse_html(data: bytes, name: str) -> HtmlElement:
    """The tree of a UTF-8 page, parsed without network access and at most 256 levels deep."""
    import lxml.etree
    import lxml.html

    parser = lxml.html.HTMLParser(
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
        default_doctype=False,
        no_network=True,
        huge_tree=False,
    )
    try:
        tree = lxml.html.document_fromstring(data, parser=parser)
    except (lxml.etree.ParserError, ValueError) as error:
        # lxml refuses a document that is empty or holds nothing but comments or white space.
        raise EmptyInputError(f"{name}: the page has no text ({error})") from None
    except lxml.etree.LxmlError as error:
        raise InputError(f"{name}: cannot parse the page as HTML ({error})") from None
    if any("Excessive depth" in entry.message for entry in parser.error_log):
        warnings.warn(
            f"{name}: the page nests elements more than 256 levels deep; "
            "the text past that point is not read",
            UserWarning,
            stacklevel=3,
        )
    return tree


def visible_chars(tree: HtmlElement) -> int:
    """How many characters of text the page holds outside scripts, styles and the like."""
    count = 0
    skipped = ("script", "style", "noscript", "template")
    for element in tree.iter():
        if element.tag not in skipped and element.text:
            count += len(element.text.strip())
        if element.tail:
            count += len(element.tail.strip())
    return count


def visible_text(tree: HtmlElement) -> str:
    """The page's visible text without chrome (navigation, footers, forms, overlays)."""
    parts: list[str] = []
    for piece in _walk(tree):
        parts.append(piece)
    text = _SPACES.sub(" ", "".join(parts))
    paragraphs = (line.strip() for line in _BLANK_LINES.split(text.replace("\n", "\n\n")))
    return "\n\n".join(p for p in paragraphs if p)


def _walk(root: HtmlElement) -> Iterator[str]:
    """The text pieces of ``root`` in document order, with newlines at block boundaries.

    Iterative (a stack, not recursion), so deep trees cannot exhaust Python's stack.
    """
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        element, closing = stack.pop()
        if closing:
            if element.tag in _BLOCKS:
                yield "\n"
            if element.tail and element is not root:
                yield element.tail
            continue
        tag = element.tag if isinstance(element.tag, str) else ""
        if not tag or tag in _HIDDEN or _is_overlay(element):
            if element.tail and element is not root:
                yield element.tail
            continue
        if tag in _BLOCKS:
            yield "\n"
        if element.text:
            yield element.text
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))


def _is_overlay(element: HtmlElement) -> bool:
    """Whether an element's id, class or role marks it as a banner, a menu or hidden."""
    if element.tag in _CONTAINERS:
        return False
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    marks = f"{element.get('id', '')} {element.get('class', '')} {element.get('role', '')}"
    return _OVERLAY.search(marks) is not None or "hidden" in marks.split()

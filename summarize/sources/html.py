"""An HTML page to a :class:`Source`: its main text (trafilatura) and what the page says of itself.

The page is parsed once, here, with lxml's HTML parser in its default, bounded mode: elements
nested deeper than 256 levels end the parse (``huge_tree`` stays off) and nothing is ever fetched
(no DTDs, scripts, frames or images: ``no_network``). The tree goes to trafilatura's
``bare_extraction`` with ``favor_precision=True`` and without comments, the settings that scored
best on the extraction benchmark (``benchmarks/extraction.py``). When trafilatura finds no main
text, the page's whole visible text is used instead, with a warning; a page with no visible text
at all is an :class:`~summarize.errors.EmptyInputError`.

Two limits keep time and memory bounded whatever the page: its size (``ReadOptions.max_bytes``)
and the amount of visible text handed to trafilatura (:data:`MAX_EXTRACTED_CHARS`).
"""

from __future__ import annotations

import codecs
import re
import warnings
from collections.abc import Iterator
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from summarize.errors import EmptyInputError, InputError, InputTooLargeError
from summarize.sources.base import ReadOptions, Source

if TYPE_CHECKING:
    from lxml.html import HtmlElement

MEDIA_TYPE = "text/html"

# trafilatura needs about a second and 25 MB of memory per megabyte of visible text; beyond
# four million characters (a long novel) a page is refused rather than extracted for minutes.
MAX_EXTRACTED_CHARS = 4_000_000

_SNIFF_BYTES = 1024
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body)[\s>/]", re.IGNORECASE)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""")
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.IGNORECASE)
# Chrome that trafilatura's own fallbacks sometimes take for text on pages with little of it:
# navigation, footers, dialogs, and small cookie or consent banners (a wrapper whose class
# mentions cookies is not small). Neutral on the extraction benchmark (F1 0.964 either way).
_BANNER_WORDS = " or ".join(
    f"contains(translate(@{attribute}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', "
    f"'abcdefghijklmnopqrstuvwxyz'), '{word}')"
    for attribute in ("id", "class")
    for word in ("cookie", "consent", "gdpr")
)
_PRUNED = [
    "//nav",
    "//footer",
    "//dialog",
    "//*[@role='navigation' or @role='dialog' or @role='alertdialog']",
    f"//*[({_BANNER_WORDS}) and string-length(normalize-space(.)) < 2000]",
]
# The publication date with its time and offset when the page gives them (htmldate's settings).
_DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
_DATE_PARAMS = {"extensive_search": True, "original_date": True, "outputformat": _DATE_FORMAT}
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


def looks_like_html(data: bytes) -> bool:
    """Whether ``data`` starts like an HTML page: a doctype or an html/head/body tag.

    Only the first kilobyte is read, after a byte-order mark, white space, an XML declaration
    and comments.
    """
    head = data[: _SNIFF_BYTES * 4]
    for bom in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        if head.startswith(bom):
            head = head[len(bom) :]
            if bom != codecs.BOM_UTF8:
                head = head.decode("utf-16", errors="ignore").encode("utf-8")
            break
    head = head.lstrip()
    return _HTML_START.search(head[:_SNIFF_BYTES]) is not None


def html_source(
    name: str,
    data: bytes | str,
    *,
    url: str | None = None,
    options: ReadOptions | None = None,
    content_type: str | None = None,
) -> Source:
    """The main text of the page in ``data`` and its title, author, date, site and URL.

    ``url`` is where the page came from (it resolves relative links and is the Source's URL);
    ``content_type`` is the HTTP header, whose charset wins over the page's own declaration.
    """
    options = options or ReadOptions()
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if options.max_bytes > 0 and len(raw) > options.max_bytes:
        from summarize.sources import format_size

        raise InputTooLargeError(
            f"{name}: the page is larger than the limit of {format_size(options.max_bytes)}; "
            "raise it with --max-bytes (0 for no limit)"
        )
    if not isinstance(data, str):
        raw = _utf8(raw, name, options, content_type)
    tree = _parse(raw, name)
    visible = _visible_chars(tree)
    if visible == 0:
        raise EmptyInputError(f"{name}: the page has no text")
    if visible > MAX_EXTRACTED_CHARS:
        raise InputTooLargeError(
            f"{name}: the page holds {visible:,} characters of text, more than the "
            f"{MAX_EXTRACTED_CHARS:,} that main-text extraction reads"
        )
    return _extract(name, tree, url)


def page_text(data: bytes | str, name: str = "<html>") -> str:
    """The visible text of an HTML fragment or page, paragraphs separated by blank lines.

    For the HTML inside feed entries: no main-text extraction, nothing dropped but hidden or
    chrome elements. Empty when there is no text.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if not raw.strip():
        return ""
    return _visible_text(_parse(raw, name))


def _utf8(data: bytes, name: str, options: ReadOptions, content_type: str | None) -> bytes:
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
    head = data[: _SNIFF_BYTES * 4]
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


def _parse(data: bytes, name: str) -> HtmlElement:
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


def _visible_chars(tree: HtmlElement) -> int:
    """How many characters of text the page holds outside scripts, styles and the like."""
    count = 0
    skipped = ("script", "style", "noscript", "template")
    for element in tree.iter():
        if element.tag not in skipped and element.text:
            count += len(element.text.strip())
        if element.tail:
            count += len(element.tail.strip())
    return count


def _extract(name: str, tree: HtmlElement, url: str | None) -> Source:
    """trafilatura's main text and metadata, or the whole visible text with a warning."""
    import trafilatura

    document: Any = trafilatura.bare_extraction(
        tree,
        url=url,
        favor_precision=True,
        include_comments=False,
        include_tables=True,
        with_metadata=True,
        date_extraction_params=_DATE_PARAMS,
        prune_xpath=_PRUNED,
    )
    text = _paragraphs(document.text) if document is not None and document.text else ""
    if text and document is not None and document.title:
        text = _without_headline(text, document.title)
    if not text:
        text = _visible_text(tree)
        if not text:
            raise EmptyInputError(
                f"{name}: the page has no text outside navigation, banners and forms"
            )
        warnings.warn(
            f"{name}: no main text found in the page; its whole visible text is used",
            UserWarning,
            stacklevel=3,
        )
    title = document.title if document is not None else None
    if not title:
        found = tree.findtext(".//title")
        title = " ".join(found.split()) if found else None
    return Source(
        name=name,
        text=text,
        title=title or None,
        url=url or (document.url if document is not None else None) or None,
        published=_date(document.date if document is not None else None),
        media_type=MEDIA_TYPE,
        author=(document.author if document is not None else None) or None,
        site_name=(document.sitename if document is not None else None) or None,
    )


def _without_headline(text: str, title: str) -> str:
    """The text without a first paragraph that repeats the title (it is in the metadata).

    The headline is not a sentence of the article: left in, it is often picked first. On the
    extraction benchmark this raises F1 from 0.9639 to 0.9649 (10 of 92 pages change).
    """
    first, _, rest = text.partition("\n\n")
    if rest and first.casefold() == " ".join(title.split()).casefold():
        return rest
    return text


def _paragraphs(text: str) -> str:
    """trafilatura's one paragraph per line as paragraphs separated by blank lines."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


def _date(value: str | None) -> datetime | None:
    """trafilatura's date (``_DATE_FORMAT``, or ISO 8601) as an aware datetime, UTC if unsaid."""
    if not value:
        return None
    try:
        parsed = datetime.strptime(value, _DATE_FORMAT)
    except ValueError:
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def _visible_text(tree: HtmlElement) -> str:
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

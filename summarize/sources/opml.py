"""OPML subscription lists: the feed URLs they hold, and their feeds' entries as pending sources.

The XML is parsed by the standard library's expat after a guard: a document that declares a
DOCTYPE (and with it, possibly, entities that expand a billion times or name outside files) is
refused, since no OPML file needs one. Only http and https feed URLs are kept; the others are
named in one warning.
"""

from __future__ import annotations

import re
import warnings
from urllib.parse import urlsplit

from summarize.errors import InputError
from summarize.sources.xml_head import xml_head

_PROLOG = re.compile(rb"\s*(?:<\?[^>]*\?>\s*|<!--.*?-->\s*)*", re.S)
_OPML_ROOT = re.compile(rb"<opml[\s>/]")
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


def looks_like_opml(data: bytes) -> bool:
    """Whether the first element of ``data`` is ``<opml>``."""
    head = xml_head(data)
    start = _PROLOG.match(head)
    return _OPML_ROOT.match(head[start.end() if start else 0 :]) is not None


def opml_feeds(data: bytes, name: str) -> list[str]:
    """The http(s) feed URLs of the outlines (nested ones too), in order, without repeats."""
    import xml.etree.ElementTree as ElementTree

    if _DOCTYPE.search(data):
        raise InputError(f"{name}: the OPML declares a DOCTYPE or entities; refused for safety")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise InputError(f"{name}: not well-formed OPML ({error})") from None
    if root.tag.rsplit("}", 1)[-1].lower() != "opml":
        raise InputError(f"{name}: not an OPML document (its root is <{root.tag}>)")
    feeds: list[str] = []
    skipped: list[str] = []
    for outline in root.iter():
        if not isinstance(outline.tag, str) or outline.tag.rsplit("}", 1)[-1] != "outline":
            continue
        url = next((v for k, v in outline.attrib.items() if k.lower() == "xmlurl"), "").strip()
        if not url:
            continue
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            skipped.append(url)
        elif parts.username is not None or parts.password is not None:
            skipped.append(f"{parts.scheme}://…@{parts.hostname} (credentials)")
        elif url not in feeds:
            feeds.append(url)
    if skipped:
        shown = ", ".join(repr(s[:60]) for s in skipped[:5])
        more = f" and {len(skipped) - 5} more" if len(skipped) > 5 else ""
        warnings.warn(
            f"{name}: {len(skipped)} feed(s) not http(s), skipped: {shown}{more}",
            UserWarning,
            stacklevel=2,
        )
    return feeds

"""What a response's Content-Type says, and whether summarize reads what it names."""

from __future__ import annotations

import email.message

from summarize.errors import NotTextError

# Types that say nothing about the content: the bytes decide (binary data is refused when
# decoded, by its signature or its NUL bytes).
_UNKNOWN_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream"})
_PDF_TYPES = frozenset({"application/pdf", "application/x-pdf"})
_XML_TYPES = frozenset({"application/xml", "application/xhtml+xml"})


def check_type(name: str, content_type: str) -> None:
    """Refuse what summarize cannot read before reading it: images, archives, JSON, video."""
    if (
        content_type in _UNKNOWN_TYPES
        or content_type.startswith("text/")
        or content_type in _XML_TYPES
        or content_type.endswith("+xml")
        or content_type in _PDF_TYPES
    ):
        return
    raise NotTextError(f"{name}: not text: {content_type}")


def parse_content_type(value: str) -> tuple[str, str | None]:
    """The media type of a Content-Type header, lower-cased without parameters ("" when it is
    absent or malformed), and its charset."""
    message = email.message.Message()
    message["content-type"] = value
    media = message.get_content_type() if value.strip() else ""
    # email's default for a missing or malformed type is text/plain; an absent header is "".
    if value.strip() and "/" not in value.split(";", 1)[0]:
        media = ""
    charset = message.get_param("charset")
    return media.lower(), (charset.strip().lower() or None) if isinstance(charset, str) else None

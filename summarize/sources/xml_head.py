"""The start of an XML document as ASCII-compatible bytes, to tell a feed or an OPML file by its
first element whatever its encoding."""

from __future__ import annotations


def xml_head(data: bytes, size: int = 4096) -> bytes:
    """The first bytes of ``data`` as ASCII-compatible bytes (UTF-16 and UTF-32 decoded)."""
    head = data[:size]
    for bom, encoding in (
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, errors="ignore").encode("utf-8")
    if head[:4] in (b"<\x00?\x00", b"\x00<\x00?"):
        encoding = "utf-16-le" if head[0] == ord("<") else "utf-16-be"
        return head.decode(encoding, errors="ignore").encode("utf-8")
    return head

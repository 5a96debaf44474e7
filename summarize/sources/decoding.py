"""Bytes to text: byte-order marks, UTF-8, detected legacy encodings, and refusing binary data.

Decoding only: no format is extracted here. A caller that reads files of every kind asks
:func:`is_pdf` first and hands a PDF to :func:`summarize.sources.pdf.pdf_text`.

The order of the checks:

1. a byte-order mark (UTF-8, UTF-16, UTF-32) decides the encoding and is dropped;
2. ``encoding`` given by the user (``--encoding``) is used as is;
3. known binary formats (PDF, images, archives, programs) and any data with NUL bytes are
   refused;
4. valid UTF-8 is UTF-8;
5. mostly UTF-8 is UTF-8 too: its invalid bytes become U+FFFD, with one warning that counts
   them (see :func:`mostly_utf8` for where "mostly" ends);
6. anything else is detected with charset-normalizer, with a warning naming the encoding used;
7. decoded text that is mostly control characters is refused as binary.
"""

from __future__ import annotations

import codecs
import unicodedata
import warnings

from summarize.errors import InputError, NotTextError, UsageError

# Leading bytes of common binary formats, and what to call them in a message.
_PDF = b"%PDF-"
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (_PDF, "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a DOCX, XLSX, ODT or EPUB file)"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"BZh", "a bzip2-compressed file"),
    (b"\xfd7zXZ\x00", "an xz-compressed file"),
    (b"(\xb5/\xfd", "a zstd-compressed file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an executable program"),
    (b"\xca\xfe\xba\xbe", "a Java class file or program"),
    (b"\xcf\xfa\xed\xfe", "an executable program"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
)

# Byte-order marks, longest first (the UTF-32-LE mark begins with the UTF-16-LE one).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
_CONTROL_SAMPLE = 65536
_CONTROL_LIMIT = 0.1  # more than this share of control characters: not text
_WESTERN_MESS = 0.2  # charset-normalizer's mess ratio under which Windows-1252 is accepted
# Data that is not valid UTF-8 is still read as UTF-8 when its valid multi-byte sequences are
# at least this share of (valid sequences + invalid bytes). Text in a legacy encoding measured
# at most 0.36 (60-character windows in GBK or EUC-JP; Western code pages and KOI8-R 0), UTF-8
# with a few stray bytes is near 1: see benchmarks/decoding_rule.py.
UTF8_SHARE = 0.5
_ASCII = bytes(range(128))


def _bom_encoding(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def _decode_as(data: bytes, encoding: str, name: str) -> str:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise UsageError(f"unknown encoding {encoding!r} (try utf-8, latin-1, cp1252)") from None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(
            f"{name}: not valid {encoding} text (invalid byte at offset {error.start})"
        ) from None


def is_pdf(data: bytes) -> bool:
    """Whether ``data`` is a PDF document (whose text :mod:`summarize.sources.pdf` extracts)."""
    return data.startswith(_PDF)


def utf8_counts(data: bytes) -> tuple[int, int]:
    """``(valid multi-byte sequences, invalid bytes)`` of ``data`` read as UTF-8."""
    # Decoding with "ignore" and encoding back runs in C throughout: a regular expression over
    # the decoded text would take seconds on a 30 MB file.
    kept = data.decode("utf-8", "ignore")
    ascii_bytes = len(data) - len(data.translate(None, _ASCII))
    return len(kept) - ascii_bytes, len(data) - len(kept.encode("utf-8"))


def mostly_utf8(valid: int, invalid: int) -> bool:
    """Whether data with these :func:`utf8_counts` is UTF-8 with some damage, not a legacy text.

    A legacy text has no valid multi-byte sequence, or only a few made by chance from pairs of
    its bytes; UTF-8 damaged by a stray byte, a truncated character or a pasted Windows-1252
    word still has more good sequences than bad bytes. With no multi-byte sequence at all, a
    high byte is far more likely a Windows-1252 letter than damage.
    """
    return valid > 0 and valid >= UTF8_SHARE * (valid + invalid)


def _replace_invalid(data: bytes, name: str, invalid: int, encoding: str = "utf-8") -> str:
    plural = "byte" if invalid == 1 else "bytes"
    warnings.warn(
        f"{name}: {invalid} invalid UTF-8 {plural} replaced (set --encoding to override)",
        UserWarning,
        stacklevel=3,
    )
    return data.decode(encoding, "replace")


def _binary_kind(data: bytes) -> str | None:
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    return None


def _western(data: bytes) -> str | None:
    """``data`` as Windows-1252 if that reads as clean text, else None.

    Windows-1252 (a superset of Latin-1) is by far the most common legacy encoding, and
    charset-normalizer often names a Baltic or Central European code page for short Western
    texts (``très`` becomes ``trčs``). Cyrillic, Greek or Polish bytes read as Windows-1252 are
    a jumble of accented letters, which the mess measure rejects.
    """
    from charset_normalizer.md import mess_ratio

    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return text if mess_ratio(text[:_CONTROL_SAMPLE], _WESTERN_MESS) < _WESTERN_MESS else None


def _detect(data: bytes, name: str) -> str:
    """Decode non-UTF-8 data: Windows-1252 when it fits, else what charset-normalizer finds."""
    from charset_normalizer import from_bytes

    text = _western(data)
    encoding = "cp1252"
    if text is None:
        best = from_bytes(data).best()
        if best is None or best.encoding is None:
            raise NotTextError(
                f"{name}: not text in any encoding recognised; "
                "if it is text, name its encoding with --encoding"
            )
        text, encoding = str(best), best.encoding
    warnings.warn(
        f"{name}: not UTF-8; read as {encoding} (set --encoding to override)",
        UserWarning,
        stacklevel=3,
    )
    return text


def _mostly_controls(text: str) -> bool:
    sample = text[:_CONTROL_SAMPLE]
    if not sample:
        return False
    controls = sum(
        1 for c in sample if c not in _ALLOWED_CONTROLS and unicodedata.category(c) == "Cc"
    )
    return controls > _CONTROL_LIMIT * len(sample)


def decode(data: bytes, name: str, encoding: str | None = None) -> str:
    """The text of ``data``; an :class:`InputError` if it is not text (see the module doc)."""
    bom = _bom_encoding(data)
    if bom == "utf-8-sig" and encoding is None:
        try:
            return data.decode(bom)
        except UnicodeDecodeError:
            return _replace_invalid(data, name, utf8_counts(data)[1], bom)
    if bom is not None and encoding is None:
        return _decode_as(data, bom, name)
    if encoding is not None:
        text = _decode_as(data, encoding, name)
    else:
        kind = _binary_kind(data)
        if kind is not None:
            raise NotTextError(f"{name}: looks like {kind}, not text")
        if b"\x00" in data:
            raise NotTextError(
                f"{name}: looks like a binary file (it contains NUL bytes), not text; "
                "for UTF-16 text without a byte-order mark give --encoding utf-16-le or utf-16-be"
            )
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            valid, invalid = utf8_counts(data)
            if mostly_utf8(valid, invalid):
                text = _replace_invalid(data, name, invalid)
            else:
                text = _detect(data, name)
    if _mostly_controls(text):
        raise NotTextError(
            f"{name}: looks like a binary file (mostly control characters), not text"
        )
    return text

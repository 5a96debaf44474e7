"""The text of a PDF, extracted with pypdf; pages are separated by blank lines."""

from __future__ import annotations

import io
import logging

from summarize.errors import EmptyInputError, InputError


def pdf_text(data: bytes, name: str) -> str:
    """The text layer of the PDF in ``data``; an :class:`InputError` when there is none."""
    from pypdf import PdfReader

    # pypdf logs repairs of slightly broken files as warnings; they are not the user's concern.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = bool(reader.decrypt(""))
            except Exception:
                opened = False
            if not opened:
                raise InputError(f"{name}: the PDF is encrypted with a password")
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except Exception as error:  # pypdf raises many kinds of error for damaged files
        raise InputError(f"{name}: cannot read the PDF ({type(error).__name__}: {error})") from None
    text = "\n\n".join(page.strip() for page in pages)
    if not text.strip():
        raise EmptyInputError(f"{name}: the PDF has no text layer (a scan?); run OCR on it first")
    return text

"""Digest formats, chosen by name; each renderer is a pure function of the digest."""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarize.errors import UsageError

if TYPE_CHECKING:
    from summarize.digest.model import Digest
    from summarize.digest.render.email_message import MailSettings

FORMATS = ("markdown", "html", "text", "json", "email")
DEFAULT_FORMAT = "markdown"


def render_digest(
    digest: Digest, fmt: str = DEFAULT_FORMAT, mail: MailSettings | None = None
) -> str:
    """The whole digest in ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "markdown":
        from summarize.digest.render.markdown import render_markdown

        return render_markdown(digest)
    if fmt == "html":
        from summarize.digest.render.html_page import render_html

        return render_html(digest)
    if fmt == "text":
        from summarize.digest.render.text import render_text

        return render_text(digest)
    if fmt == "json":
        from summarize.digest.render.json_format import render_json

        return render_json(digest)
    if fmt == "email":
        from summarize.digest.render.email_message import render_email

        return render_email(digest, mail)
    raise UsageError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")

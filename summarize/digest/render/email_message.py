"""A digest as a complete e-mail (text and HTML alternatives), ready for ``sendmail -t``."""

from __future__ import annotations

import getpass
import socket
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from summarize.digest.model import Digest
from summarize.digest.render import common
from summarize.digest.render.html_page import render_html
from summarize.digest.render.text import render_text


@dataclass(frozen=True)
class MailSettings:
    """Who the digest is from and to; by default the local user, as cron mails its output."""

    sender: str | None = None
    recipient: str | None = None
    subject: str | None = None


def _local_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "root"


def build_message(digest: Digest, settings: MailSettings | None = None) -> EmailMessage:
    settings = settings or MailSettings()
    host = socket.gethostname() or "localhost"
    message = EmailMessage()
    message["Subject"] = settings.subject or common.subject(digest)
    message["From"] = settings.sender or f"summarize <{_local_user()}@{host}>"
    message["To"] = settings.recipient or _local_user()
    message["Date"] = format_datetime(digest.created)
    message["Message-ID"] = make_msgid("digest", domain=host)
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(render_text(digest))
    message.add_alternative(render_html(digest), subtype="html")
    return message


def render_email(digest: Digest, settings: MailSettings | None = None) -> str:
    return build_message(digest, settings).as_string()

"""Which URLs summarize fetches (http and https, a host, no credentials), and how a message
shows one (without its password)."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from summarize.errors import UnsupportedUrlError


def redact(url: str) -> str:
    """``url`` fit for a message: a password in it is replaced by ``***``."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if parts.password is None:
        return url
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{parts.username or ''}:***@{host}"))


def check_url(url: str) -> str:
    """``url`` if summarize may fetch it: http or https, a host, no credentials."""
    shown = redact(url)
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError as error:
        raise UnsupportedUrlError(f"{shown}: not a valid URL ({error})") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        what = f"{scheme}:" if scheme else "a URL without a scheme"
        raise UnsupportedUrlError(f"{shown}: only http and https URLs are fetched, not {what}")
    if "@" in parts.netloc:
        raise UnsupportedUrlError(
            f"{shown}: URLs with a user name or password are refused "
            "(they would be sent in clear to every server the page redirects to)"
        )
    if not parts.hostname:
        raise UnsupportedUrlError(f"{shown}: the URL has no host")
    return url

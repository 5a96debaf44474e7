"""Who an item is and whether its text changed: keys, canonical links and text sketches.

An item is known by its feed id, else by its canonical link, else (a file) by its path, else by
a hash of its text, so a feed that drops its ids or a link with a new tracking parameter does
not look like news. Whether a known item's text changed enough to count as updated is judged
from a bottom-k sketch of its word 3-shingles (64 hashes, a few hundred bytes in the state),
which estimates their Jaccard similarity without keeping the old text.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that say where a click came from, not what the page is.
_TRACKING = re.compile(
    r"^(utm_\w*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|_hsenc|_hsmi"
    r"|mkt_tok|igshid|ref_src|ref_url|cmpid|s_cid|ncid|ocid|sr_share|at_medium|at_campaign)$",
    re.IGNORECASE,
)
_DEFAULT_PORTS = {"http": 80, "https": 443}
_WORD = re.compile(r"\w+")

SHINGLE = 3  # words per shingle
SKETCH_SIZE = 64  # hashes kept per text
# Below this estimated Jaccard similarity of its shingles, a known item counts as updated:
# a typo fixed or a sentence reworded stays above it (a word touches 3 of the shingles), a new
# paragraph in a short text or a rewrite falls below.
UPDATED_BELOW = 0.7


def canonical_link(link: str) -> str:
    """``link`` without what does not change the page: case of scheme and host, default port,
    fragment, tracking parameters; the remaining query parameters sorted."""
    parts = urlsplit(link.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port is None or _DEFAULT_PORTS.get(scheme) == port else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    query = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)
    )
    path = parts.path or ("/" if netloc else "")
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


def normalized_words(text: str) -> list[str]:
    """The words of ``text``, case-folded: what the hash and the sketch see."""
    return _WORD.findall(text.casefold())


def text_hash(text: str) -> str:
    """A hash of the words of ``text``, blind to case, spacing and punctuation."""
    return hashlib.sha256(" ".join(normalized_words(text)).encode("utf-8")).hexdigest()


def item_key(id: str | None, link: str | None, text: str, path: str | None = None) -> str:
    """The identity of an item within its source: ``id:``, ``url:``, ``path:`` (a file, known
    by its path) or ``text:`` and a value."""
    if id and id.strip():
        return f"id:{id.strip()}"
    if link and link.strip():
        return f"url:{canonical_link(link)}"
    if path:
        return f"path:{path}"
    return f"text:{text_hash(text)}"


def _hash64(shingle: str) -> int:
    return int.from_bytes(hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest(), "big")


def sketch(text: str) -> bytes:
    """The bottom-k sketch of the text's word 3-shingles: the 64 smallest hashes, 8 bytes each."""
    words = normalized_words(text)
    if len(words) < SHINGLE:
        shingles = {" ".join(words)} if words else set()
    else:
        shingles = {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
    smallest = sorted({_hash64(s) for s in shingles})[:SKETCH_SIZE]
    return b"".join(h.to_bytes(8, "big") for h in smallest)


def _hashes(blob: bytes) -> set[int]:
    return {int.from_bytes(blob[i : i + 8], "big") for i in range(0, len(blob), 8)}


def similarity(first: bytes, second: bytes) -> float:
    """The estimated Jaccard similarity of two texts' shingle sets, from their sketches.

    Of the k smallest hashes of the union (k the smaller sketch's size), the share found in both.
    """
    a, b = _hashes(first), _hashes(second)
    if not a and not b:
        return 1.0
    k = min(len(a), len(b)) or max(len(a), len(b))
    union = sorted(a | b)[:k]
    return sum(1 for h in union if h in a and h in b) / len(union)

"""A digest as one self-contained HTML page, for a browser and for a mail client.

No scripts, no external resources (fonts, images, style sheets): only the items' own links.
Styles are inline, which is what mail clients keep, plus one ``<style>`` block for what inline
styles cannot say: the dark colours (``prefers-color-scheme``) and long words that must wrap.
Nothing is wider than its container, so a 400-pixel phone screen never scrolls sideways.
"""

from __future__ import annotations

from html import escape

from summarize.digest.model import Digest
from summarize.digest.render import common

_STYLE = """
body{margin:0;padding:0}
a{color:#0b57d0}
.d-body *{overflow-wrap:anywhere;word-wrap:break-word}
@media (prefers-color-scheme: dark){
  .d-page,body{background:#16181c!important;color:#e6e6e6!important}
  .d-muted{color:#a8adb5!important}
  .d-story{border-color:#33373d!important}
  a{color:#8ab4f8!important}
}
"""

_PAGE = (
    "max-width:42em;margin:0 auto;padding:16px;box-sizing:border-box;"
    "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;"
    "font-size:16px;line-height:1.5;color:#1f1f1f;background:#ffffff"
)
_MUTED = "color:#5f6368;font-size:14px"
_STORY = "border-top:1px solid #dadce0;padding:12px 0 4px 0"


def _e(text: str) -> str:
    return escape(" ".join(text.split()), quote=True)


def render_html(digest: Digest) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light dark">',
        '<meta name="supported-color-schemes" content="light dark">',
        f"<title>{_e(common.heading(digest))}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        '<body class="d-body">',
        f'<div class="d-page" style="{_PAGE}">',
        f'<h1 style="font-size:24px;line-height:1.25;margin:0 0 4px 0">'
        f"{_e(common.heading(digest))}</h1>",
        f'<p class="d-muted" style="{_MUTED};margin:0 0 16px 0">{_e(common.counts(digest))}</p>',
    ]
    for story in digest.stories:
        carried = ""
        if story.sources > 1:
            carried = (
                f' <span class="d-muted" style="{_MUTED};font-weight:normal">'
                f"&#183; {_e(common.plural(story.sources, 'source'))}</span>"
            )
        parts.append(f'<div class="d-story" style="{_STORY}">')
        parts.append(
            f'<h2 style="font-size:19px;line-height:1.3;margin:0 0 6px 0">'
            f"{_e(story.title)}{carried}</h2>"
        )
        if story.sentences:
            text = " ".join(_e(s.text) for s in story.sentences)
            parts.append(f'<p style="margin:0 0 8px 0">{text}</p>')
        parts.append('<ul style="margin:0 0 8px 0;padding-left:20px">')
        for item in story.items:
            label = _e(common.item_label(item))
            link = common.safe_link(item.url)
            entry = f'<a href="{escape(link, quote=True)}">{label}</a>' if link else label
            details = [common.source_label(item), common.stamp(item.published)]
            if item in digest.updated:
                details.append("updated")
            shown = _e(", ".join(d for d in details if d))
            note = f'<br><span class="d-muted" style="{_MUTED}">{shown}</span>' if shown else ""
            parts.append(f'<li style="margin:0 0 4px 0">{entry}{note}</li>')
        parts.append("</ul>")
        parts.append("</div>")
    if digest.failures:
        parts.append(f'<div class="d-story" style="{_STORY}">')
        parts.append(
            f'<p class="d-muted" style="{_MUTED};margin:0 0 4px 0">'
            f"{_e(common.failure_line(digest.failures))}</p>"
        )
        parts.append(f'<ul class="d-muted" style="{_MUTED};margin:0;padding-left:20px">')
        parts += [f"<li>{_e(common.failure_text(f))}</li>" for f in digest.failures]
        parts.append("</ul></div>")
    parts += ["</div>", "</body>", "</html>", ""]
    return "\n".join(parts)

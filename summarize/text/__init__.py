"""Text processing: languages, paragraphs, sentences and words, all offline."""

from summarize.text.languages import resolve_language
from summarize.text.segment import segment

__all__ = ["resolve_language", "segment"]

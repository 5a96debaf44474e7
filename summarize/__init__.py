"""summarize: the key sentences of a text, from the command line or from Python.

>>> from summarize import summarize
>>> result = summarize(text, sentences=3)
>>> for sentence in result:
...     print(sentence.index, sentence.score, sentence.text)
"""

from summarize.backends.base import Backend
from summarize.document import Document, ScoredSentence, Sentence, Summary
from summarize.errors import (
    EmptyInputError,
    ExitCode,
    InputError,
    OutputError,
    SummarizeError,
    UnknownLanguageError,
    UnknownMethodError,
    UsageError,
)
from summarize.pipeline import summarize, summarize_document
from summarize.text.segment import segment

__version__ = "0.1.0"

__all__ = [
    "Backend",
    "Document",
    "EmptyInputError",
    "ExitCode",
    "InputError",
    "OutputError",
    "ScoredSentence",
    "Sentence",
    "SummarizeError",
    "Summary",
    "UnknownLanguageError",
    "UnknownMethodError",
    "UsageError",
    "__version__",
    "segment",
    "summarize",
    "summarize_document",
]

"""summarize: the key sentences of a text, from the command line or from Python.

>>> from summarize import summarize
>>> result = summarize(text, sentences=3)
>>> for sentence in result:
...     print(sentence.index, sentence.score, sentence.text)

The public names are imported on first use, so that the command can start (and answer Ctrl-C
cleanly) before the numerical libraries are loaded.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Public name -> the module that defines it.
_EXPORTS = {
    "Backend": "summarize.backends.base",
    "Document": "summarize.document",
    "ScoredSentence": "summarize.document",
    "Sentence": "summarize.document",
    "Summary": "summarize.document",
    "EmptyInputError": "summarize.errors",
    "ExitCode": "summarize.errors",
    "InputError": "summarize.errors",
    "OutputError": "summarize.errors",
    "SummarizeError": "summarize.errors",
    "UnknownLanguageError": "summarize.errors",
    "UnknownMethodError": "summarize.errors",
    "UsageError": "summarize.errors",
    "summarize": "summarize.pipeline",
    "summarize_document": "summarize.pipeline",
    "segment": "summarize.text.segment",
    "BatchReport": "summarize.scale.batch",
    "run_batch": "summarize.scale.batch",
    "summarize_bag": "summarize.scale.bags",
}

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

if TYPE_CHECKING:
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


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'summarize' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})

"""The one interface every backend implements."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from summarize.document import Document


@runtime_checkable
class Backend(Protocol):
    """Ranks the sentences of a document.

    ``rank`` returns one finite score per sentence, higher meaning more important. The pipeline
    turns scores into a selection (length options, duplicates, document order), so a backend
    never selects. Greedy methods that choose sentence by sentence (SumBasic, KL) fit the same
    interface: they score sentences by the order in which they would be chosen, so the top k by
    score is exactly their k-sentence summary.
    """

    name: str
    description: str

    def rank(self, document: Document) -> Sequence[float]:
        """One score per sentence of the document; higher is more important."""
        ...

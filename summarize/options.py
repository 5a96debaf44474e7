"""One frozen set of summary settings, validated once, whose errors name the setting.

The same object comes from flags, environment variables, the config file or a Python call, so
messages say ``sentences must be ...``, never ``--sentences must ...``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from summarize.errors import UsageError
from summarize.selection import Length

DEFAULT_METHOD = "position-centroid"

Order = Literal["document", "score"]
ORDERS: tuple[Order, ...] = ("document", "score")


@dataclass(frozen=True)
class SummaryOptions:
    """How to summarise one text: length, method, language and output order."""

    length: Length = field(default_factory=lambda: Length("sentences", 3))
    method: str = DEFAULT_METHOD
    language: str = "auto"
    order: Order = "document"

    def __post_init__(self) -> None:
        if self.order not in ORDERS:
            raise UsageError(f"order must be 'document' or 'score', not {self.order!r}")
        if not isinstance(self.method, str) or not self.method.strip():
            raise UsageError("method must be the name of a method (see 'summarize methods')")
        if not isinstance(self.language, str) or not self.language.strip():
            raise UsageError("language must be a language name, an ISO code or 'auto'")

    @classmethod
    def build(
        cls,
        *,
        sentences: int | None = None,
        ratio: float | None = None,
        words: int | None = None,
        method: str = DEFAULT_METHOD,
        language: str = "auto",
        order: str = "document",
    ) -> SummaryOptions:
        """Options from the separate length settings (at most one of them may be given)."""
        return cls(
            length=Length.from_options(sentences, ratio, words),
            method=method.strip().lower(),
            language=language,
            order=order,  # type: ignore[arg-type]
        )

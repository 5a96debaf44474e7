"""A big document's sentences found by two processes: this one and a forked child.

sentencex can pair two quotation marks thousands of characters apart: where it would pair any
(``masking.pairs_nothing``), its boundaries are found in the whole text first; otherwise each
part finds its own. The child then corrects the boundaries of the later part (from a little
before the middle) and finds its sentences' display texts, tokens and terms, while this process
does the same for the earlier part (to a little after it). Every correction reads a few
hundred characters around a boundary, and the child's part is kept only when both agree on
every boundary of the overlap; otherwise the caller does the whole in one process.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from summarize import forked
from summarize.text.masking import pairs_nothing
from summarize.text.sentence_words import Plain, SentenceWords, sentence_words
from summarize.text.sentences import raw_ends, sentence_ends
from summarize.text.splitting import sentence_spans, spans_of_cuts, unit_ends_of

# A text at least this long has the words of its later half found by a forked child, beside
# the earlier half here, where the command runs alone (``segment.split_big_documents``).
TWO_CORES_FROM = 500_000  # characters


def words_on_two_cores(text: str, language: str) -> SentenceWords | None:
    """:func:`sentence_words` of every sentence, the later part found by a forked child when
    the text can be divided and both parts agree (else all here, from the units and sentencex
    ends already found); None, before any work, when the text is too short to gain or this
    process cannot fork."""
    if len(text) < TWO_CORES_FROM or not forked.can_fork():
        return None
    unit_ends, unit_paragraphs = unit_ends_of(text)
    # Each part finds sentencex's boundaries itself (0.07 s of serial work the less for War and
    # Peace) when sentencex pairs nothing in the text; else both are given those of the whole.
    raw = None if pairs_nothing(text) else raw_ends(text, language)
    divided = _divided_words(text, language, unit_ends, unit_paragraphs, raw)
    if divided is not None:
        return divided
    spans = sentence_spans(text, language, unit_ends, unit_paragraphs, raw)
    return sentence_words(text, spans, language)


def _divided_words(
    text: str,
    language: str,
    unit_ends: list[int],
    unit_paragraphs: list[int],
    raw: list[int] | None,
) -> SentenceWords | None:
    """The words of the earlier part found here and of the later part by a forked child; None
    when there is no place to divide, no child could be started, it failed, or the two parts
    disagree on the sentences they share."""
    bounds = _division(unit_ends, len(text))
    if bounds is None:
        return None
    overlap_start, middle, overlap_end = bounds
    child = forked.start(_later_words, text, language, unit_ends, unit_paragraphs, raw, bounds)
    if child is None:
        return None
    try:
        cuts = _cuts_between(text, language, unit_ends, raw, 0, overlap_end)
        mine = cuts[: bisect_right(cuts, middle)]
        earlier = sentence_words(
            text, spans_of_cuts(text, mine, 0, unit_ends, unit_paragraphs), language
        )
        _load_while_waiting()
        later = child.result()
    finally:
        child.close()
    if later is None:
        return None
    their_overlap, plain = later
    if their_overlap != cuts[bisect_right(cuts, overlap_start) :]:
        return None  # the two parts disagree on the sentences they share
    return earlier + SentenceWords.from_plain(plain)


def _load_while_waiting() -> None:
    """Import now what the ranking imports next, while the child finishes its half: numpy,
    which every ranking method but the baselines uses, in 0.06-0.07 s."""
    import numpy  # noqa: F401


# Both processes find the sentences of this much text on each side of the division (at least),
# and the division holds only if they agree on every one: a sentence boundary is decided by
# the few hundred characters around it (a quote's opening is looked for 300 back at most).
_OVERLAP = 3_000  # characters
# Where the division falls: at the middle. The child's half costs it more (it makes its objects
# in memory shared with this process until written, and it writes its answer), but this process
# loads numpy meanwhile; 0.55 for this part took 2-7% longer end to end (16 pairs, twice).
_EARLIER_SHARE = 0.50


def _division(unit_ends: list[int], length: int) -> tuple[int, int, int] | None:
    """Unit ends around the middle of a text: where the child starts finding sentences, where
    its part starts, and where this process stops finding them; None for no such three."""
    middle_unit = bisect_left(unit_ends, int(length * _EARLIER_SHARE))
    if middle_unit >= len(unit_ends) - 1:
        return None
    middle = unit_ends[middle_unit]
    before = bisect_right(unit_ends, middle - _OVERLAP) - 1
    after = bisect_left(unit_ends, middle + _OVERLAP)
    if before < 0 or after >= len(unit_ends):
        return None
    return unit_ends[before], middle, unit_ends[after]


def _cuts_between(
    text: str, language: str, unit_ends: list[int], raw: list[int] | None, start: int, stop: int
) -> list[int]:
    """The sentence ends of ``text`` after ``start`` up to ``stop`` (both unit ends, or the
    text's ends): :func:`sentence_ends` of that part, given the ``raw`` ends of the whole (or
    finding sentencex's in the part, when None)."""
    first, last = bisect_right(unit_ends, start), bisect_right(unit_ends, stop)
    units = [end - start for end in unit_ends[first:last]]
    within = None
    if raw is not None:
        within = [end - start for end in raw[bisect_right(raw, start) : bisect_right(raw, stop)]]
    return [cut + start for cut in sentence_ends(text[start:stop], language, units, within)]


def _later_words(
    text: str,
    language: str,
    unit_ends: list[int],
    unit_paragraphs: list[int],
    raw: list[int] | None,
    bounds: tuple[int, int, int],
) -> tuple[list[int], Plain]:
    """What the child computes: its cuts before ``overlap_end`` (for the check) and the words
    of the sentences after ``middle``."""
    overlap_start, middle, overlap_end = bounds
    cuts = _cuts_between(text, language, unit_ends, raw, overlap_start, len(text))
    spans = spans_of_cuts(
        text, cuts[bisect_right(cuts, middle) :], middle, unit_ends, unit_paragraphs
    )
    return cuts[: bisect_right(cuts, overlap_end)], sentence_words(text, spans, language).plain()

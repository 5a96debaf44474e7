"""Paragraphs, units and sentences on the kinds of text people paste in, with expected splits."""

from __future__ import annotations

import importlib
import json
import re
from bisect import bisect_right
from itertools import accumulate
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarize.text import masking, sentence_cuts, sentence_lists
from summarize.text import sentences as sentences_module
from summarize.text.display import display_text
from summarize.text.segment import Span, segment, split_sentences

# summarize.text exports a function called segment, which hides its module of that name.
segment_module = importlib.import_module("summarize.text.splitting")
DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


def sentences(text: str, language: str = "english") -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text, language)]


def shown(text: str) -> list[str]:
    return [s.text for s in segment(text).sentences]


def test_headline_without_full_stop_is_its_own_sentence() -> None:
    text = "Storm Hits the Coast\nThousands of homes lost power on Monday. Crews worked late.\n"
    assert sentences(text) == [
        "Storm Hits the Coast",
        "Thousands of homes lost power on Monday.",
        "Crews worked late.",
    ]


def test_markdown_heading_is_its_own_sentence() -> None:
    text = "# Packing list\nBring what you need for three days in the hills."
    assert sentences(text) == ["# Packing list", "Bring what you need for three days in the hills."]


def test_list_items_without_punctuation_are_sentences() -> None:
    text = "Things to pack:\n- a warm coat\n- two pairs of boots\n* a torch\n• a map\n"
    assert sentences(text) == [
        "Things to pack:",
        "- a warm coat",
        "- two pairs of boots",
        "* a torch",
        "• a map",
    ]


def test_numbered_list_items_keep_their_numbers() -> None:
    text = "Steps:\n1. Check the weather.\n2. Leave early\n3) Call home"
    assert sentences(text) == ["Steps:", "1. Check the weather.", "2. Leave early", "3) Call home"]


def test_inline_list_is_split_at_its_markers() -> None:
    assert sentences("1) The first item 2) The second item") == [
        "1) The first item",
        "2) The second item",
    ]
    assert sentences("a. Buy milk b. Buy bread") == ["a. Buy milk", "b. Buy bread"]


def test_hard_wrapped_lines_are_joined() -> None:
    text = (
        "It was the best of times, it was the worst of times, and the town\n"
        "was quiet. Nobody in the town had seen the river rise so high\n"
        "before that spring.\n"
        "\n"
        "The next morning the water fell.\n"
    )
    assert shown(text) == [
        "It was the best of times, it was the worst of times, and the town was quiet.",
        "Nobody in the town had seen the river rise so high before that spring.",
        "The next morning the water fell.",
    ]
    assert [s.paragraph for s in segment(text).sentences] == [0, 0, 1]


def test_short_line_inside_a_wrapped_paragraph_ends_a_unit() -> None:
    text = (
        "CHAPTER ONE\n"
        "The old house stood at the end of a long lane lined with tall trees\n"
        "and nobody had lived in it for years.\n"
    )
    assert shown(text) == [
        "CHAPTER ONE",
        "The old house stood at the end of a long lane lined with tall trees and nobody had "
        "lived in it for years.",
    ]


def test_short_line_that_continues_is_joined() -> None:
    text = (
        "The list of things we bought at the market that day included apples,\npears, and\nplums."
    )
    assert shown(text) == [
        "The list of things we bought at the market that day included apples, pears, and plums."
    ]


def test_unwrapped_lines_are_paragraphs() -> None:
    first = (
        "This line was never wrapped by hand, so it runs on well past the seventy columns of a "
        "printed book."
    )
    second = (
        "The same goes for this one, which is also far too long to be a hard-wrapped line of "
        "any kind of text."
    )
    text = f"{first}\n{second}\nA short headline"
    document = segment(text)
    assert [s.text for s in document.sentences] == [first, second, "A short headline"]
    assert [s.paragraph for s in document.sentences] == [0, 1, 2]


def test_windows_line_endings() -> None:
    text = (
        "First line of a paragraph that\r\nwraps here. Second sentence.\r\n\r\nNew paragraph.\r\n"
    )
    assert shown(text) == [
        "First line of a paragraph that wraps here.",
        "Second sentence.",
        "New paragraph.",
    ]
    assert [s.paragraph for s in segment(text).sentences] == [0, 0, 1]


def test_old_mac_line_endings() -> None:
    assert shown("One paragraph.\r\rAnother one.") == ["One paragraph.", "Another one."]


def test_quotes() -> None:
    text = 'He said, "Stop right there." She did not stop. "Why?" he asked. \'Fine,\' she said.'
    assert sentences(text) == [
        'He said, "Stop right there."',
        "She did not stop.",
        '"Why?" he asked.',
        "'Fine,' she said.",
    ]


def test_exclamation_inside_a_quote_goes_on_in_lower_case() -> None:
    text = "\u201cHeavens! what an attack!\u201d replied the prince. He sat down."
    assert sentences(text) == [
        "\u201cHeavens! what an attack!\u201d replied the prince.",
        "He sat down.",
    ]
    assert sentences("we won! it was great") == ["we won!", "it was great"]


@pytest.mark.parametrize(
    "text",
    [
        "She works at Yahoo! in the accounting department.",
        "They met on the quiz show Who Wants to Be a Millionaire? on Friday.",
        "The band led a poll of Kerrang! magazine readers.",
    ],
)
def test_a_name_ending_in_a_mark_goes_on_in_lower_case(text: str) -> None:
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The mark ends the sentence's first word, not a name inside it.
        ("Great! thanks for the tip.", ["Great!", "thanks for the tip."]),
        # The next word is not all lower-case: a brand or "I".
        ("I bought it on Amazon! eBay was dearer.", ["I bought it on Amazon!", "eBay was dearer."]),
        ("Who asked Tom? I did.", ["Who asked Tom?", "I did."]),
    ],
)
def test_a_mark_after_a_capital_still_ends_a_sentence(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_unclosed_quote_does_not_swallow_the_text() -> None:
    text = 'He wrote: "The first point is clear. The second is not. The third is worse.'
    assert len(sentences(text)) == 3


def test_sentence_ends_before_an_opening_quote() -> None:
    assert sentences('They waited for me. "Go home," said Anna.') == [
        "They waited for me.",
        '"Go home," said Anna.',
    ]


def test_brackets() -> None:
    text = "He teaches science (he worked as an engineer.) at the school. (Laughter.) Then he left."
    assert sentences(text) == [
        "He teaches science (he worked as an engineer.) at the school.",
        "(Laughter.)",
        "Then he left.",
    ]


def test_ellipses() -> None:
    text = "I waited... and waited. Then it came\u2026 Nothing else happened. Well . . . maybe."
    assert sentences(text) == [
        "I waited... and waited.",
        "Then it came\u2026",
        "Nothing else happened.",
        "Well . . . maybe.",
    ]


def test_urls_and_email_addresses() -> None:
    text = (
        "Visit https://example.com/a.html?x=1 for details. Mail jane.doe@example.org today. "
        "See www.example.net. Links: https://example.com/one https://example.com/two"
    )
    assert sentences(text) == [
        "Visit https://example.com/a.html?x=1 for details.",
        "Mail jane.doe@example.org today.",
        "See www.example.net.",
        "Links: https://example.com/one",
        "https://example.com/two",
    ]


def test_decimals_and_money() -> None:
    text = (
        "The price rose 3.5% to $12.75 on Friday. It cost \u20ac1,250.50 in 2021. "
        "Version 2.0 is out."
    )
    assert sentences(text) == [
        "The price rose 3.5% to $12.75 on Friday.",
        "It cost \u20ac1,250.50 in 2021.",
        "Version 2.0 is out.",
    ]


def test_initials_and_abbreviations() -> None:
    text = (
        "Gen. Qamar Javed Bajwa met Mr. J. R. Smith in the U.S. capital. The U.S. Army was "
        "there. Dr. Jones arrived at 5 p.m. yesterday, e.g. by train."
    )
    assert sentences(text) == [
        "Gen. Qamar Javed Bajwa met Mr. J. R. Smith in the U.S. capital.",
        "The U.S. Army was there.",
        "Dr. Jones arrived at 5 p.m. yesterday, e.g. by train.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'She said: "Mr. Hale will speak first." Then she sat down.',
            ['She said: "Mr. Hale will speak first."', "Then she sat down."],
        ),
        (
            "(Reuters)U.S. officials met on Monday. The talks went on.",
            ["(Reuters)U.S. officials met on Monday.", "The talks went on."],
        ),
        (
            "The new mayor (Gov. Lane's niece) took office. Nobody objected.",
            ["The new mayor (Gov. Lane's niece) took office.", "Nobody objected."],
        ),
        (
            "\u201cJ. Alder wrote it,\u201d he said. We agreed.",
            ["\u201cJ. Alder wrote it,\u201d he said.", "We agreed."],
        ),
        (
            "They sold the (U.S.) rights. It paid well.",
            ["They sold the (U.S.) rights.", "It paid well."],
        ),
    ],
)
def test_initial_or_title_right_after_a_quote_or_bracket(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_a_quoted_letter_can_still_end_a_sentence() -> None:
    assert sentences('Her grade was "B." Then term ended.') == [
        'Her grade was "B."',
        "Then term ended.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'She said: "We tried. ... Nobody came." Then she left.',
            ['She said: "We tried.', '... Nobody came."', "Then she left."],
        ),
        (
            'He spoke of the past. "... Those were hard years," he said.',
            ["He spoke of the past.", '"... Those were hard years," he said.'],
        ),
    ],
)
def test_an_ellipsis_alone_starts_the_next_sentence(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_an_apostrophe_that_starts_a_word_opens_no_quote() -> None:
    # "'em" is not a quote; read as one, it and the next apostrophe that ends a word
    # ("the boys' room") would enclose everything between them.
    text = (
        "Tell 'em the coach leaves at nine. The driver waits for nobody. "
        "They shared the boys' room at the inn."
    )
    assert sentences(text) == [
        "Tell 'em the coach leaves at nine.",
        "The driver waits for nobody.",
        "They shared the boys' room at the inn.",
    ]


def test_a_single_quote_after_a_full_stop_closes_its_sentence() -> None:
    text = (
        "She named it 'A Plan to Keep.' It's on loan from a friend in Texas. "
        "Later we sang the hymn called, 'A Plan to Keep.'"
    )
    assert sentences(text) == [
        "She named it 'A Plan to Keep.'",
        "It's on loan from a friend in Texas.",
        "Later we sang the hymn called, 'A Plan to Keep.'",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Glued to the sentence before it.
        ("We won!... Now the work starts.", ["We won!...", "Now the work starts."]),
        # Nothing after it in its paragraph.
        ("He left. ...\n\nThe next day came.", ["He left.", "...", "The next day came."]),
        # A paragraph of its own.
        ("The end.\n\n* * *\n\nChapter two.", ["The end.", "* * *", "Chapter two."]),
    ],
)
def test_punctuation_alone_is_not_moved_elsewhere(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_emoticon_stays_with_its_sentence() -> None:
    assert sentences("I love this place. :) The staff are kind.") == [
        "I love this place. :)",
        "The staff are kind.",
    ]


def test_letter_closing() -> None:
    assert sentences("See you on Monday. Best regards, Jane Smith") == [
        "See you on Monday.",
        "Best regards,",
        "Jane Smith",
    ]


def test_offsets_point_into_the_original_text() -> None:
    text = "  A first sentence.\n\n\tA second one,\nwrapped.  "
    document = segment(text)
    for sentence in document.sentences:
        assert display_text(text[sentence.start : sentence.end]) == sentence.text
    assert [s.text for s in document.sentences] == ["A first sentence.", "A second one, wrapped."]


def test_words_are_lower_cased_and_stemmed() -> None:
    sentence = segment("The Runners were running quickly.").sentences[0]
    assert sentence.tokens == ("the", "runners", "were", "running", "quickly")
    assert sentence.terms == ("runner", "run", "quick")


def test_empty_and_blank_text() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\n \t ") == []
    assert len(segment("")) == 0


def test_white_space_after_the_last_paragraph() -> None:
    # \x1f is white space to Python; sentencex once ended a sentence after it, past every unit.
    assert split_sentences("Hello.\n\n\x1f") == [Span(0, 6, 0)]
    assert split_sentences("A.\n\n\x1f \x1f") == [Span(0, 2, 0)]


def test_list_item_inside_a_wrapped_paragraph_starts_a_unit() -> None:
    text = (
        "The committee met on Tuesday and agreed on the following points\n"
        "after a long discussion that went on until late in the evening:\n"
        "12. The bridge will be repaired before the winter comes back.\n"
    )
    assert shown(text)[-1] == "12. The bridge will be repaired before the winter comes back."


def test_openers_after_more_than_one_space() -> None:
    for gap in ("  ", "   ", "\n\n", "\n\n    "):
        assert sentences(f'They waited for me.{gap}"Go home," said Anna.') == [
            "They waited for me.",
            '"Go home," said Anna.',
        ]


def test_ellipsis_of_more_than_three_dots() -> None:
    assert sentences("It came.... Nothing else.") == ["It came....", "Nothing else."]
    assert sentences("It came...... Nothing else.") == ["It came......", "Nothing else."]


def test_letter_closings_of_every_ending() -> None:
    assert sentences("See you soon. Many THANKS, Jane") == ["See you soon.", "Many THANKS,", "Jane"]
    assert sentences("Thank you, Jane") == ["Thank you,", "Jane"]
    assert sentences("Yours sincerely, Jane Smith") == ["Yours sincerely,", "Jane Smith"]


# Reference versions of the shortcuts that segmentation takes on big texts: the rule itself,
# read one paragraph, line, quote or full stop at a time.


def _unit_ends_line_by_line(text: str) -> tuple[list[int], list[int]]:
    if "\r" in text and "\n" not in text:
        text = text.replace("\r", "\n")
    breaks = list(segment_module._PARAGRAPH_BREAK.finditer(text))
    starts = [0, *(found.end() for found in breaks)]
    stops = [*(found.start() for found in breaks), len(text)]
    marked = [found.start() for found in segment_module._MARKED_LINE.finditer(text)]
    widths = [len(line) for line in text.split("\n")]
    line_ends = list(accumulate(width + 1 for width in widths))
    ends: list[int] = []
    paragraphs: list[int] = []
    number = -1
    for start, stop in zip(starts, stops, strict=True):
        if not text[start:stop].strip():
            continue
        number += 1
        lines = widths[bisect_right(line_ends, start) : bisect_right(line_ends, stop - 1) + 1]
        if len(lines) > 1 and (
            max(lines) > segment_module.UNWRAPPED_WIDTH
            or min(lines[:-1]) < segment_module.SHORT_LINE * max(lines)
            or any(start <= line < stop for line in marked)
        ):
            units, lines_are_paragraphs = segment_module._units(text, start, stop, marked)
        else:
            units, lines_are_paragraphs = [stop], False
        for unit, end in enumerate(units):
            if unit:
                number += lines_are_paragraphs
            ends.append(end)
            paragraphs.append(number)
    return ends, paragraphs


_WRAPPED_LINE = st.tuples(
    st.sampled_from(["", "", "", "  ", "\t", "- ", "12. ", "(b) ", "# "]),
    st.sampled_from(["the town was quiet and ", "It rained. ", "over, under; ", "Nobody knew "]),
    st.sampled_from([0, 1, 30, 55, 59, 60, 61, 66, 72, 99, 100, 101, 140, 300]),
    st.sampled_from(["\n", "\n", "\n", "\n\n", "\n \n", "\r\n", "\r\n\r\n", "\n\x85\n", "\r"]),
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_WRAPPED_LINE, max_size=24),
    st.sampled_from(["", " ", "\n", "\n\n", "\x1f"]),
    st.sampled_from(["", "  ", "Short", "\x1f"]),
)
def test_units_are_those_read_line_by_line(
    lines: list[tuple[str, str, int, str]], edge: str, tail: str
) -> None:
    text = "".join(head + (words * 20)[:width] + end for head, words, width, end in lines)
    text = edge + text + tail
    assert segment_module.unit_ends_of(text) == _unit_ends_line_by_line(text)


_PHRASE = st.tuples(
    st.sampled_from(["", "", '"', "\u201c", "(", "- ", "a) ", "b) ", "1. ", "2) ", "- a) ", "'"]),
    st.sampled_from(["Nothing", "it", "I", "Mr", "Jane", "Regards", "THANKS", "thank you"]),
    st.sampled_from(
        ["", ".", "...", "....", "......", "\u2026", "!", "?", ",", ":)", " http://a.b/c"]
    ),
    st.sampled_from(["", "", '"', "\u201d", ")", "'"]),
    st.sampled_from([" ", " ", "  ", "   ", "\n", "\n\n", "\n\n   ", " www.b.com ", ""]),
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_PHRASE, max_size=12).map(lambda phrases: "".join(map("".join, phrases))))
def test_corrections_are_those_read_one_at_a_time(text: str) -> None:
    flat = masking.masked(text)
    mask = masking.MASK

    ellipses = []
    for mark in ("...", "\u2026"):
        found = flat.find(mark)
        while found >= 0:
            end = found + len(mark)
            after = re.match(r" +\x1f*(\w+)", flat[end:])
            if after and after.group(1)[0].isupper() and after.group(1) != "I":
                ellipses.append(end)
            found = flat.find(mark, end)
    assert sorted(sentence_cuts.ellipsis_cuts(flat)) == sorted(ellipses)

    letters = []
    found = flat.find("://")
    while found >= 0:
        end = found + len(re.match(r"\S*", flat[found:]).group())  # type: ignore[union-attr]
        if re.match(r" +(?:https?://|www\.)", flat[end:]):
            letters.append(end)
        found = flat.find("://", end)
    for comma in re.finditer(r",(?= [A-Z])", flat):
        if (
            flat[max(0, comma.start() - 12) : comma.start()]
            .lower()
            .endswith(sentence_cuts._SALUTATIONS)
        ):
            letters.append(comma.end())
    assert sorted(sentence_cuts.letter_cuts(flat)) == sorted(letters)

    cuts = set(segment_module.unit_ends_of(text)[0])
    openers = []
    for opener in re.finditer(r"\x1f(?=[^\W\d_])", flat):
        start = before = opener.start()
        while flat[before - 1] == " ":
            before -= 1
        if before < start and before not in cuts and flat[before - 1] in ".!?" + mask:
            cut = sentences_module._end_before_opener(flat, start)
            if cut and sentences_module._next_visible(flat, cut).isupper():
                openers.append(cut)
    assert sorted(sentences_module._cuts_before_openers(flat, cuts)) == sorted(openers)

    unit_ends = sorted(cuts)
    starts = [0, *unit_ends][: len(unit_ends)]
    marked = [
        unit
        for unit, (start, end) in enumerate(zip(starts, unit_ends, strict=True))
        if sentence_lists._LEADING_MARKER.match(text, start, end)
    ]
    assert sentence_lists.units_with_list_markers(text, unit_ends) == marked


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from('ab. \n\r!?"()-1:\u2026A'), max_size=200))
def test_spans_are_ordered_trimmed_and_cover_every_visible_character(text: str) -> None:
    spans = split_sentences(text)
    covered = set()
    previous_end = 0
    for span in spans:
        assert previous_end <= span.start < span.end <= len(text)
        piece = text[span.start : span.end]
        assert piece == piece.strip()
        covered.update(range(span.start, span.end))
        previous_end = span.end
    visible = {i for i, char in enumerate(text) if not char.isspace()}
    assert visible <= covered
    assert [s.paragraph for s in spans] == sorted(s.paragraph for s in spans)


def _gold(name: str) -> list[dict[str, object]]:
    path = DATA / name
    if not path.exists():
        pytest.skip(f"{path} not found: the gold sentence data lives outside the repository")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def test_trailing_stray_headline_of_the_seed_article() -> None:
    path = DATA / "seed_article.txt"
    if not path.exists():
        pytest.skip(f"{path} not found: the seed article lives outside the repository")
    text = path.read_text(encoding="utf-8")
    last_line = text.rstrip().splitlines()[-1].strip()
    document = segment(text)
    assert document.sentences[-1].text == last_line
    assert document.sentences[-2].text.endswith(".")


@pytest.mark.parametrize(
    ("name", "target"), [("sbd_golden_rules_en.jsonl", 0.97), ("sbd_ud_ewt_dev.jsonl", 0.94)]
)
def test_boundary_f1_on_gold_data(name: str, target: float) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "segmentation_benchmark", Path(__file__).parent.parent / "benchmarks" / "segmentation.py"
    )
    assert spec is not None and spec.loader is not None
    benchmark = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(benchmark)
    assert benchmark.f1(_gold(name), benchmark.ours) >= target


def test_segments_a_whole_book() -> None:
    """Speed is measured in benchmarks/segmentation.py; here, that a whole book holds up."""
    path = DATA / "books" / "pg2600_war_and_peace.txt"
    if not path.exists():
        pytest.skip(f"{path} not found: the books live outside the repository")
    text = path.read_text(encoding="utf-8")
    document = segment(text)
    assert len(document) > 30_000
    ends = [s.end for s in document.sentences]
    assert ends == sorted(ends)
    assert all(" ".join(text[s.start : s.end].split()) == s.text for s in document.sentences)

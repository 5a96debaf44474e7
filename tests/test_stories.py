"""Story grouping and story summaries on texts written for these tests."""

from __future__ import annotations

from datetime import datetime, timezone

import numpy as np

from summarize.digest.grouping import _join_unambiguous
from summarize.digest.stories import build_stories
from summarize.sources.base import Source

BRIDGE = [
    (
        "https://one.example/feed",
        "Lowmere closes Kestrel Bridge after cracks found",
        "The council of Lowmere voted on Monday to close the Kestrel Bridge after engineers "
        "found cracks in two of its steel supports. The bridge carries twelve thousand cars a "
        "day across the river Wend. A ferry will run while the Kestrel Bridge is closed. The "
        "repairs are expected to take four months.",
    ),
    (
        "https://two.example/rss",
        "Kestrel Bridge shut for four months",
        "Engineers found cracks in two steel supports of the Kestrel Bridge, and the Lowmere "
        "council voted on Monday to close the bridge. The council of Lowmere voted on Monday to "
        "close the Kestrel Bridge after engineers found cracks in two of its steel supports. "
        "Commuters face long detours, and shops near the river Wend fear a quiet spring. The "
        "repairs will cost nine million pounds.",
    ),
    (
        "https://three.example/atom",
        "Ferry to replace Kestrel Bridge during repairs",
        "A ferry across the river Wend will replace the Kestrel Bridge while it is repaired, "
        "Lowmere council said. The bridge was closed on Monday when cracks were found in its "
        "steel supports. The council expects the Kestrel Bridge to reopen in four months.",
    ),
]
OTHERS = [
    (
        "https://one.example/feed",
        "Harriers win the northern cup final",
        "The Dunmore Harriers won the northern cup final on Saturday, beating Castlegate three "
        "goals to one. Their captain scored twice in the second half. It is the club's first "
        "trophy in eleven years, and fans filled the town square to celebrate.",
    ),
    (
        "https://two.example/rss",
        "Orchard growers expect a record apple harvest",
        "Apple growers in the Brennan valley expect a record harvest after a warm, wet summer. "
        "Pickers have been hired from neighbouring towns, and the cider press will run day and "
        "night through October. Prices for dessert apples are likely to fall.",
    ),
    (
        "https://three.example/atom",
        "Observatory spots a new comet",
        "Astronomers at the Hollin Observatory have spotted a new comet in the outer solar "
        "system. The comet will pass closest to the sun in March and may be visible through "
        "binoculars. It was found in images taken by the observatory's wide-field camera.",
    ),
]


def _items(rows: list[tuple[str, str, str]]) -> list[Source]:
    return [
        Source(
            name=f"{feed}#{number}",
            text=text,
            title=title,
            url=f"{feed.rsplit('/', 1)[0]}/story/{number}",
            feed=feed,
            published=datetime(2026, 12, 1, 6, number, tzinfo=timezone.utc),
        )
        for number, (feed, title, text) in enumerate(rows)
    ]


def test_three_feeds_carrying_the_same_story_give_one_story_with_three_links() -> None:
    items = _items(BRIDGE + OTHERS)
    stories = build_stories(items, language="english")
    bridge = [s for s in stories if any("Kestrel" in i.title for i in s.items if i.title)]
    assert len(bridge) == 1
    story = bridge[0]
    assert story.sources == 3
    assert sorted(i.url for i in story.items if i.url) == sorted(i.url for i in items[:3] if i.url)
    assert "Kestrel" in story.title


def test_unrelated_stories_are_not_merged() -> None:
    stories = build_stories(_items(BRIDGE + OTHERS), language="english")
    assert sorted(len(s.items) for s in stories) == [1, 1, 1, 3]
    for story in stories:
        if len(story.items) == 1:
            assert story.items[0].title in {title for _, title, _ in OTHERS}


LABEL = (
    "https://four.example/feed",
    "Kestrel Records signs a folk band from the coast",
    "Kestrel Records, the small label behind last year's surprise hit album, has signed the "
    "Saltmarsh Five, a folk band from the coast. The band will record in the label's Kestrel "
    "studio this winter, and a first single is due in the spring.",
)


def test_two_stories_sharing_one_rare_name_are_not_merged() -> None:
    # The record label is the bridge story's only neighbour, but one shared name is no story.
    stories = build_stories(_items(BRIDGE + OTHERS + [LABEL]), language="english")
    assert sorted(len(s.items) for s in stories) == [1, 1, 1, 1, 3]
    (label,) = [s for s in stories if s.items[0].title == LABEL[1]]
    assert len(label.items) == 1


def _similarity(pairs: dict[tuple[int, int], float], n: int) -> np.ndarray:
    matrix = np.eye(n)
    for (a, b), value in pairs.items():
        matrix[a, b] = matrix[b, a] = value
    return matrix


def test_a_group_joins_its_only_close_neighbour() -> None:
    # Items 0 and 1 are a story; item 2 tells it in other words (below the threshold of 0.12)
    # and is close to nothing else; item 3 is close to nothing.
    sim = _similarity({(0, 1): 0.5, (0, 2): 0.1, (1, 2): 0.06, (2, 3): 0.01, (0, 3): 0.01}, 4)
    joined = _join_unambiguous(sim, [[0, 1], [2], [3]], floor=0.06, margin=4.0)
    assert sorted(joined) == [[0, 1, 2], [3]]


def test_a_group_with_two_close_neighbours_joins_neither() -> None:
    # Item 2 is as close to the story of 0 and 1 as to item 3's: it is not clear which it
    # belongs to, so it stays alone; and nothing below the floor is joined.
    sim = _similarity({(0, 1): 0.5, (0, 2): 0.09, (1, 2): 0.07, (2, 3): 0.05}, 4)
    assert sorted(_join_unambiguous(sim, [[0, 1], [2], [3]], 0.06, 4.0)) == [[0, 1], [2], [3]]
    far = _similarity({(0, 1): 0.5, (0, 2): 0.05, (1, 2): 0.05}, 4)
    assert sorted(_join_unambiguous(far, [[0, 1], [2], [3]], 0.06, 4.0)) == [[0, 1], [2], [3]]


def test_no_sentence_or_fact_is_repeated_in_a_story_summary() -> None:
    (story,) = [s for s in build_stories(_items(BRIDGE), language="english")]
    texts = [s.text for s in story.sentences]
    assert len(texts) >= 2
    assert len(set(texts)) == len(texts)
    # The first two items both say that the council voted to close the bridge (the second in
    # the first item's very words): the summary says it once.
    voted = [t for t in texts if "voted on Monday to close" in t]
    assert len(voted) == 1
    # Every summary sentence comes from one of the story's items, and is named by its place.
    for sentence in story.sentences:
        assert sentence.text in story.items[sentence.item].text


def test_a_word_budget_bounds_the_summary() -> None:
    (story,) = build_stories(_items(BRIDGE), language="english", sentences=None, words=40)
    assert 0 < sum(len(s.text.split()) for s in story.sentences) <= 40


def test_no_items_no_stories_and_an_item_without_text_is_its_own_story() -> None:
    assert build_stories([]) == []
    lone = Source(name="x", text="", title="Only a headline", feed="f")
    (story,) = build_stories([lone])
    assert story.title == "Only a headline"
    assert story.sentences == ()

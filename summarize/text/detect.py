# ruff: noqa: RUF001 (the tables hold words and letters in their own scripts)
"""Which language a text is in: by script, then by stop words and letters, on a sample.

The script (:mod:`summarize.text.scripts`) narrows the choice: Greek, Armenian, Tamil, Thai,
Korean's Hangul, Japanese kana and Chinese Han (without kana) each belong to one of our
languages. Cyrillic (Russian,
Ukrainian, Serbian), Arabic script (Arabic, Persian), Hebrew script (Hebrew, Yiddish),
Devanagari (Hindi, Nepali) and the Latin script (most languages) are shared; there each word
of the sample votes for the languages of that script whose stop-word list holds it, a vote
shared by the languages that have the word in common. A short table of common words that tell
close languages apart (Danish and Norwegian, Spanish and Catalan, Czech and Slovak...) adds
whole votes, and letters that only some languages use add votes of their own. A script that
holds a good share of the letters wins over the Latin one, whose words are then names and
technical terms. Detection reads at most ``SAMPLE`` characters, so a whole book costs the
same as a page. benchmarks/languages.py measures it on real text of every language.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Set as AbstractSet
from functools import cache

from summarize.text.languages import resolve_language
from summarize.text.scripts import SCRIPT_LANGUAGES, beyond_ascii, text_script
from summarize.text.words import stop_words, tokenize

AUTO = "auto"
DEFAULT = "english"
SAMPLE = 20_000

# Letters that only some languages of a script use: letters -> those languages.
_LETTERS: dict[str, tuple[str, ...]] = {
    # Latin
    "ěřů": ("czech",),
    "ľĺŕô": ("slovak",),
    "łśźżń": ("polish",),
    "ąę": ("polish", "lithuanian"),
    "ėįųū": ("lithuanian",),
    "ß": ("german",),
    "ü": ("german", "hungarian", "turkish", "estonian", "catalan"),
    "ä": ("german", "swedish", "finnish", "estonian", "slovak"),
    "ö": ("german", "swedish", "finnish", "estonian", "hungarian", "turkish"),
    "å": ("swedish", "danish", "norwegian"),
    "æø": ("danish", "norwegian"),
    "őű": ("hungarian",),
    "õ": ("estonian", "portuguese"),
    "ã": ("portuguese",),
    "ç": ("french", "portuguese", "catalan", "turkish"),
    "èà": ("french", "italian", "catalan"),
    "êâ": ("french", "portuguese", "romanian"),
    "ëœîûù": ("french",),
    "ìò": ("italian", "catalan"),
    "ñ¿¡": ("spanish",),
    "á": ("spanish", "portuguese", "hungarian", "czech", "slovak", "irish"),
    "ŀ": ("catalan",),
    "ăîșțşţ": ("romanian",),
    "ığ": ("turkish",),
    "ĉĝĥĵŝŭ": ("esperanto",),
    "ćđ": ("serbian",),
    "čšž": ("czech", "slovak", "lithuanian", "serbian", "estonian"),
    # Cyrillic
    "ыэъё": ("russian",),
    "іїєґ": ("ukrainian",),
    "ђјљњћџ": ("serbian",),
    "йьяющ": ("russian", "ukrainian"),
    # Arabic script: Persian's own letters, and the forms Persian writes otherwise
    "پچژگکی": ("persian",),
    "ةيكى": ("arabic",),
    # Hebrew script: Yiddish's double letters, points and their presentation forms
    "\u05f0\u05f1\u05f2\u05b7\u05b8\u05bf\ufb1f\ufb2e\ufb2f\ufb4e": ("yiddish",),
}
# Common words that tell apart languages close to each other (Danish and Norwegian, Spanish,
# Catalan and Portuguese, Czech and Slovak, Finnish and Estonian, Hindi and Nepali, Russian,
# Ukrainian and Serbian): each adds a whole vote for its language on top of the stop words'.
_TELLING_WORDS: dict[str, str] = {
    "danish": "af ud nogle noget mellem uden bliver hvad meget",
    "norwegian": "etter noen noe mellom uten blir ble hva meg deg nå mye å ikkje eit kva",
    "spanish": "y los las por pero muy puede sin sus hay también cuando",
    "catalan": "els amb perquè però també aquest aquesta quan seva és són què cal hi ho",
    "portuguese": "não com uma ao os em são também pelo pela você",
    "italian": "il che della sono gli questo anche più è",
    "french": "est pas une avec dans sur être vous cette",
    "czech": "jsou není nebo být byl byla byly který která které také jako pro již může jste jsme "
    "lze",
    "slovak": "sa ako pre alebo byť bol bola boli ktorý ktorá ktoré tiež sú môže ste sme aj",
    "finnish": "että tai jos tämä ovat mutta kuin myös joka jota sen niin kanssa vain voidaan olla",
    "estonian": "või ning mis oma ka pole peab olema seda selle mida siis kõik aga",
    "hindi": "है हैं में की से और यह नहीं लिए करें किया आप करने होता होगा सकता सकते जाता रहा हुआ हुई",
    "nepali": "छ छन् र मा लाई गर्न हुन्छ पनि यो गर्नुहोस् भएको थियो नै भन्दा छैन भयो हुँदैन गरिएको "
    "हुने तपाईं तपाईँ सकिएन सकिँदैन गर्दा गरेर",
    "russian": "что это как или его быть он она они был если нет чтобы при от также только уже",
    "ukrainian": "і й та що це як або бути він вона вони був якщо немає щоб від також тільки вже",
    "serbian": "је није који која које може ће су бити овај ова ово нема да се од са након док ако "
    "све шта што треба мора",
    "sesotho": "hore ho ya tse tsa mme haholo ena hape",
}
_TELLING_WEIGHT = 1.0
# A letter's vote against a stop word's: Latin letters are frequent and shared, so each counts
# for less; the letters of the other scripts in the table are each one language's own.
_LATIN_LETTER_WEIGHT = 0.3
_LETTER_WEIGHT = 1.0


def choose_language(text: str, requested: str) -> str:
    """The language to process ``text`` in: the requested one, or the detected one for auto."""
    if requested.strip().lower() == AUTO:
        return detect_language(text)
    return resolve_language(requested)


class _VoteTable:
    """word -> {language: vote}, each word's votes made when it is first looked up.

    Building every word's votes at once cost a single text more than the detection itself.
    """

    def __init__(
        self,
        holders: dict[str, list[str]],
        telling: dict[str, list[str]],
        words: AbstractSet[str] | None = None,
    ) -> None:
        self._holders = holders
        self._telling = telling
        self._words = words if words is not None else holders.keys() | telling.keys()
        self._made: dict[str, dict[str, float]] = {}

    def keys(self) -> AbstractSet[str]:
        return self._words

    def __getitem__(self, word: str) -> dict[str, float]:
        made = self._made.get(word)
        if made is None:
            if word not in self._words:
                raise KeyError(word)
            langs = self._holders.get(word, ())
            made = {lang: 1 / len(langs) for lang in langs}
            for language in self._telling.get(word, ()):
                made[language] = made.get(language, 0.0) + _TELLING_WEIGHT
            self._made[word] = made
        return made

    def get(self, word: str, default: dict[str, float]) -> dict[str, float]:
        return self[word] if word in self._words else default

    def without_numbers(self) -> _VoteTable:
        """The same votes without the words that start with a digit."""
        words = {word for word in self._words if not word[0].isdigit()}
        return _VoteTable(self._holders, self._telling, words)


@cache
def _votes(script: str) -> _VoteTable:
    """word -> {language: vote} for the stop words of the languages of one script."""
    holders: dict[str, list[str]] = {}
    for language in SCRIPT_LANGUAGES[script]:
        for word in stop_words(language):
            holders.setdefault(word, []).append(language)
    telling: dict[str, list[str]] = {}
    for language in SCRIPT_LANGUAGES[script]:
        for word in _TELLING_WORDS.get(language, "").split():
            telling.setdefault(word, []).append(language)
    return _VoteTable(holders, telling)


@cache
def _letter_votes(script: str) -> dict[str, dict[str, float]]:
    """letter -> {language: vote} for the telling letters of the languages of one script."""
    languages = set(SCRIPT_LANGUAGES[script])
    weight = _LATIN_LETTER_WEIGHT if script == "latin" else _LETTER_WEIGHT
    votes: dict[str, dict[str, float]] = {}
    for letters, holders in _LETTERS.items():
        mine = [language for language in holders if language in languages]
        for letter in letters if mine else ():
            votes[letter] = {language: weight / len(mine) for language in mine}
    return votes


# Two languages' scores closer than this share of the larger are compared the slow way, adding
# each word's votes in the text's order: counting each distinct word once adds the same votes
# in another order, and only a near tie could be told apart differently by the rounding.
_NEAR_TIE = 1e-9


def _language_of_script(sample: str, script: str) -> str:
    languages = SCRIPT_LANGUAGES[script]
    if len(languages) == 1:
        return languages[0]
    lowered = sample.lower()
    words = tokenize(lowered)
    scores = _word_scores(languages, script, words)
    # Only letters beyond ASCII tell languages apart; their order is that of the whole text.
    letters = Counter("" if lowered.isascii() else beyond_ascii(lowered))
    letter_votes = _letter_votes(script)
    for letter, count in letters.items():
        for language, vote in letter_votes.get(letter, {}).items():
            scores[language] += vote * count
    if not any(scores.values()):
        return languages[0]
    best = max(languages, key=scores.__getitem__)
    runner_up = max((scores[lang] for lang in languages if lang != best), default=0.0)
    if scores[best] - runner_up <= _NEAR_TIE * scores[best]:
        return _language_in_order(lowered, words, languages, script)
    return best


def _word_scores(languages: tuple[str, ...], script: str, words: list[str]) -> dict[str, float]:
    """Each language's stop-word votes from the text's ``words``, counted by pattern of votes
    (the order is of no account here: a near tie is counted again in order)."""
    patterns = _vote_patterns(script)
    voting = filter(patterns.words.__contains__, words)
    scores: dict[str, float] = dict.fromkeys(languages, 0.0)
    for pattern, count in Counter(map(patterns.__getitem__, voting)).items():
        for language, vote in patterns.votes[pattern]:
            scores[language] += vote * count
    return scores


class _VotePatterns(dict[str, int]):
    """voting word -> the number of its pattern of votes, made on first sight of the word.

    Most stop words vote alike (for one language alone, or shared by the same few), so a text's
    few hundred voting words come to a few dozen patterns, each counted once.
    """

    def __init__(self, table: _VoteTable) -> None:
        super().__init__()
        self.words = table.keys()
        self.votes: list[tuple[tuple[str, float], ...]] = []
        self._table = table
        self._numbers: dict[tuple[tuple[str, float], ...], int] = {}
        self._lock = threading.Lock()  # threads detecting at once number each pattern once

    def __missing__(self, word: str) -> int:
        votes = tuple(self._table[word].items())
        with self._lock:
            number = self._numbers.get(votes)
            if number is None:
                number = self._numbers[votes] = len(self.votes)
                self.votes.append(votes)
            self[word] = number
        return number


@cache
def _vote_patterns(script: str) -> _VotePatterns:
    return _VotePatterns(_word_votes(script))


@cache
def _word_votes(script: str) -> _VoteTable:
    """:func:`_votes` without the words that start with a digit: numbers do not vote."""
    return _votes(script).without_numbers()


def _language_in_order(
    lowered: str, words: list[str], languages: tuple[str, ...], script: str
) -> str:
    """The vote counted word by word and letter by letter, in the order of the text."""
    scores: dict[str, float] = dict.fromkeys(languages, 0.0)
    votes = _votes(script)
    for word in words:
        if word[0].isdigit():
            continue
        for language, vote in votes.get(word, {}).items():
            scores[language] += vote
    letter_votes = _letter_votes(script)
    for letter, count in Counter(lowered).items():
        for language, vote in letter_votes.get(letter, {}).items():
            scores[language] += vote * count
    if not any(scores.values()):
        return languages[0]
    return max(languages, key=scores.__getitem__)


def detect_language(text: str) -> str:
    """The most likely supported language of ``text`` (English when there is nothing to go on)."""
    sample = text[:SAMPLE]
    script = text_script(sample)
    if script is None:
        return DEFAULT
    return _language_of_script(sample, script)

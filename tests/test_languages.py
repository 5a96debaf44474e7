# ruff: noqa: RUF001 (the texts are in their own scripts)
"""Every supported language: names and codes, detection, sentences, words, stems, stop words.

Each language has a short plain text written for this test: three sentences about a boy going
to school on a cold morning.
"""

from __future__ import annotations

import importlib.util

import pytest

from summarize.errors import UnknownLanguageError, UsageError
from summarize.text.detect import choose_language, detect_language
from summarize.text.languages import LANGUAGES, iso_code, resolve_language
from summarize.text.segment import segment, split_sentences
from summarize.text.words import EXTRAS, MissingExtraError, stop_words

# language -> its three sentences, as the splitter must return them.
TEXTS: dict[str, list[str]] = {
    "arabic": ["ذهب الولد إلى المدرسة في الصباح.", "كان الجو باردا جدا!", "هل درس جيدا للامتحان؟"],
    "chinese": ["我今天早上去了学校。", "天气非常冷！", "你为考试好好学习了吗？"],
    "czech": [
        "Chlapec šel ráno do školy, protože se musel učit.",
        "Počasí bylo velmi chladné a všude ležel sníh!",
        "Učil se dobře na zkoušku, nebo ne?",
    ],
    "english": [
        "The boy went to school in the morning.",
        "The weather was very cold!",
        "Did he study well for the test?",
    ],
    "french": [
        "Le garçon est allé à l'école ce matin.",
        "Il faisait très froid et la neige tombait sur la ville.",
        "Est-ce qu'il a bien étudié pour l'examen ?",
    ],
    "german": [
        "Der Junge ging am Morgen in die Schule.",
        "Das Wetter war sehr kalt und es lag Schnee auf der Straße!",
        "Hat er gut für die Prüfung gelernt?",
    ],
    "greek": [
        "Το αγόρι πήγε στο σχολείο το πρωί.",
        "Ο καιρός ήταν πολύ κρύος!",
        "Διάβασε καλά για το διαγώνισμα;",
    ],
    "hebrew": ["הילד הלך לבית הספר בבוקר.", "מזג האוויר היה קר מאוד!", "האם הוא למד טוב למבחן?"],
    "italian": [
        "Il ragazzo è andato a scuola questa mattina.",
        "Faceva molto freddo e la neve cadeva sulla città!",
        "Ha studiato bene per l'esame?",
    ],
    "japanese": ["少年は朝学校へ行きました。", "とても寒かったです！", "試験の勉強をしましたか？"],
    "korean": [
        "소년은 아침에 학교에 갔습니다.",
        "날씨가 매우 추웠습니다!",
        "시험 공부를 잘 했습니까?",
    ],
    "polish": [
        "Chłopiec poszedł rano do szkoły.",
        "Pogoda była bardzo zimna, a na ulicach leżał śnieg!",
        "Czy dobrze uczył się do egzaminu?",
    ],
    "portuguese": [
        "O menino foi para a escola de manhã.",
        "O tempo estava muito frio e não parava de nevar!",
        "Ele estudou bem para a prova?",
    ],
    "slovak": [
        "Chlapec išiel ráno do školy, lebo sa musel učiť.",
        "Počasie bolo veľmi chladné a všade ležal sneh!",
        "Učil sa dobre na skúšku, alebo nie?",
    ],
    "spanish": [
        "El niño fue a la escuela por la mañana.",
        "¡Hacía mucho frío y la nieve cubría las calles!",
        "¿Estudió bien para el examen?",
    ],
    "swedish": [
        "Pojken gick till skolan på morgonen.",
        "Vädret var mycket kallt och det låg snö på gatorna!",
        "Pluggade han bra till provet?",
    ],
    "thai": ["เด็กชายไปโรงเรียนตอนเช้า", "อากาศหนาวมาก", "เขาเตรียมตัวสอบดีไหม"],
    "ukrainian": [
        "Хлопчик пішов до школи вранці.",
        "Погода була дуже холодна!",
        "Чи добре він підготувався до іспиту?",
    ],
}

# language -> (word, its stem) for the languages Snowball has a stemmer for.
STEMS = {
    "arabic": ("المدرسة", "مدرس"),
    "czech": ("školy", "škol"),
    "english": ("studying", "studi"),
    "french": ("étudiantes", "étudi"),
    "german": ("schulen", "schul"),
    "greek": ("σχολεία", "σχολει"),
    "italian": ("ragazzi", "ragazz"),
    "polish": ("szkołach", "szkoł"),
    "portuguese": ("escolas", "escol"),
    "spanish": ("escuelas", "escuel"),
    "swedish": ("skolorna", "skol"),
}


def _installed(language: str) -> bool:
    return language not in EXTRAS or importlib.util.find_spec(EXTRAS[language][1]) is not None


def test_every_language_has_a_text() -> None:
    assert sorted(TEXTS) == sorted(LANGUAGES)


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_sumy_ships_stop_words_for_every_language(language: str) -> None:
    assert len(stop_words(language)) > 50


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_names_and_codes_resolve(language: str) -> None:
    assert resolve_language(language) == language
    assert resolve_language(language.upper()) == language
    assert resolve_language(iso_code(language)) == language
    assert choose_language("", language) == language


@pytest.mark.parametrize(
    ("given", "language"),
    [("EN", "english"), ("pt-BR", "portuguese"), ("zh_Hans", "chinese"), ("deu", "german")],
)
def test_regional_and_three_letter_codes_resolve(given: str, language: str) -> None:
    assert resolve_language(given) == language


def test_unknown_language_is_a_usage_error_listing_the_supported_ones() -> None:
    with pytest.raises(UnknownLanguageError, match=r"unknown language 'klingon'.*english"):
        resolve_language("klingon")


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_detects_the_language(language: str) -> None:
    text = " ".join(TEXTS[language])
    assert detect_language(text) == language
    assert choose_language(text, "auto") == language


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_splits_sentences(language: str) -> None:
    text = " ".join(TEXTS[language]) if language not in EXTRAS else "".join(TEXTS[language])
    spans = split_sentences(text, language)
    assert [text[s.start : s.end] for s in spans] == TEXTS[language]


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_segment_gives_words_and_terms(language: str) -> None:
    if not _installed(language):
        pytest.skip(f"the '{EXTRAS[language][0]}' extra is not installed")
    document = segment("\n\n".join(TEXTS[language]), language)
    assert document.language == language
    assert len(document) == 3
    for sentence in document.sentences:
        assert sentence.tokens, sentence.text
        assert all(t == t.lower() for t in sentence.tokens)
        assert set(sentence.terms) <= {t for t in sentence.terms if t}


@pytest.mark.parametrize("language", sorted(STEMS))
def test_stems_with_snowball(language: str) -> None:
    word, stem = STEMS[language]
    document = segment(f"{word} {word}.", language)
    assert document.sentences[0].terms == (stem, stem)


def test_stop_words_are_dropped_from_terms() -> None:
    document = segment("The boy and the dog ran to the school.", "english")
    assert document.sentences[0].terms == ("boy", "dog", "ran", "school")


@pytest.mark.parametrize("language", sorted(EXTRAS))
def test_missing_extra_is_a_one_line_usage_error(
    language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from summarize.text import words

    extra, module = EXTRAS[language]
    words._segmenter.cache_clear()
    monkeypatch.setitem(__import__("sys").modules, module, None)
    try:
        with pytest.raises(MissingExtraError) as caught:
            segment(" ".join(TEXTS[language]), language)
    finally:
        words._segmenter.cache_clear()
    assert isinstance(caught.value, UsageError)
    message = str(caught.value)
    assert "\n" not in message
    assert f"pip install 'summarize[{extra}]'" in message


@pytest.mark.parametrize("language", sorted(EXTRAS))
def test_words_of_languages_written_without_spaces(language: str) -> None:
    if not _installed(language):
        pytest.skip(f"the '{EXTRAS[language][0]}' extra is not installed")
    document = segment("".join(TEXTS[language]), language)
    words = document.sentences[0].tokens
    assert len(words) >= 3  # words, not one run of characters
    assert "".join(words) in TEXTS[language][0]  # punctuation dropped, nothing invented


def test_detection_reads_a_sample_of_a_long_text_quickly() -> None:
    import time

    text = " ".join(TEXTS["german"]) * 20_000  # about 2 MB
    started = time.perf_counter()
    assert detect_language(text) == "german"
    assert time.perf_counter() - started < 0.5


def test_detection_of_nothing_is_english() -> None:
    assert detect_language("") == "english"
    assert detect_language("1234 5678 !!!") == "english"

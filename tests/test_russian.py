# ruff: noqa: RUF001 (the text is in Cyrillic)
"""A Russian news text is detected as Russian and summarised with Russian stems and stop words.

Russian was not among sumy's languages, so it used to be read as Ukrainian (the only Cyrillic
language then), with Ukrainian stop words and no stemmer. The text is written for this test.
"""

from __future__ import annotations

import pytest

from summarize.backends.sumy_backends import SumyLuhn
from summarize.pipeline import summarize
from summarize.text.detect import detect_language
from summarize.text.segment import segment
from summarize.text.words import stop_words

NEWS = """\
В среду городской совет Новосибирска утвердил план строительства нового моста через Обь.
Работы начнутся весной следующего года и продлятся около четырёх лет, сообщили в мэрии.

По словам заместителя мэра, мост соединит два крупных жилых района и разгрузит старые
переправы, на которых в часы пик образуются многокилометровые пробки. Стоимость проекта
оценивается в сорок миллиардов рублей, большую часть расходов возьмёт на себя федеральный бюджет.

Жители города встретили новость со сдержанным оптимизмом. Многие напомнили, что о новом мосте
говорят уже больше десяти лет, а прежние планы так и не были выполнены. Представители
транспортных компаний считают, что без нового моста город не сможет развиваться.

Экологи попросили совет провести независимую экспертизу. Они опасаются, что строительство
повредит прибрежные леса и места гнездования птиц. В мэрии ответили, что экспертиза уже
заказана и её результаты опубликуют до начала работ.
"""


def test_a_russian_news_text_is_detected_as_russian() -> None:
    assert detect_language(NEWS) == "russian"
    # each paragraph on its own as well, the shortest being two sentences
    for paragraph in NEWS.split("\n\n"):
        assert detect_language(paragraph) == "russian", paragraph[:40]


def test_russian_words_are_stemmed_and_stop_words_dropped() -> None:
    document = segment(NEWS, "russian")
    assert document.language == "russian"
    assert len(document) == 10
    tokens = {token for sentence in document.sentences for token in sentence.tokens}
    terms = {term for sentence in document.sentences for term in sentence.terms}
    common = {"в", "и", "на", "что", "не", "о", "до", "без", "так", "уже"}
    assert common <= stop_words("russian")
    assert common <= tokens
    assert not terms & common  # the stop words are dropped, not stemmed
    # Snowball's Russian stemmer: inflected forms share one term
    assert "мост" in terms  # мост, моста, мосту, мосте
    assert "мостом" not in terms
    assert "нов" in terms  # нового, новом, новость... share the stem of the adjective
    assert {term for term in terms if term.startswith("строительств")} == {"строительств"}


def test_auto_summary_of_a_russian_text_is_russian() -> None:
    summary = summarize(NEWS, sentences=2, language="auto")
    assert summary.language == "russian"
    assert len(summary.sentences) == 2
    document_sentences = {s.text for s in segment(NEWS, "russian").sentences}
    assert {s.text for s in summary.sentences} <= document_sentences
    # the summary names the bridge: the story's subject carries the most weight
    assert any("мост" in s.text for s in summary.sentences)


@pytest.mark.slow
def test_sumy_methods_get_russian_words_and_stems() -> None:
    document = segment(NEWS, "russian")
    scores = SumyLuhn().rank(document)
    assert len(scores) == len(document)
    assert len(set(scores)) > 1  # Luhn found significant Russian words in some sentences

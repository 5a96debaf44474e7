# ruff: noqa: RUF001 (the texts are in their own scripts)
"""Every supported language: names and codes, detection, sentences, words, stems, stop words.

Each language has a short plain text written for this test: three sentences about a boy going
to school on a cold morning. What happens without the Chinese and Japanese extras is in
test_cjk_without_extras.py; benchmarks/languages.py measures detection on real text.
"""

from __future__ import annotations

import importlib.util

import pytest

from summarize.errors import UnknownLanguageError
from summarize.text.detect import choose_language, detect_language
from summarize.text.languages import LANGUAGES, iso_code, resolve_language
from summarize.text.segment import segment, split_sentences
from summarize.text.words import EXTRAS, stop_words, tokenize

# language -> its three sentences, as the splitter must return them.
TEXTS: dict[str, list[str]] = {
    "arabic": ["ذهب الولد إلى المدرسة في الصباح.", "كان الجو باردا جدا!", "هل درس جيدا للامتحان؟"],
    "armenian": [
        "Տղան առավոտյան գնաց դպրոց։",
        "Եղանակը շատ ցուրտ էր։",
        "Նա լավ էր պատրաստվել քննությանը։",
    ],
    "basque": [
        "Mutila goizean eskolara joan zen.",
        "Eguraldia oso hotza zegoen eta elurra ari zuen!",
        "Azterketarako ondo ikasi al zuen?",
    ],
    "catalan": [
        "El noi va anar a l'escola al matí.",
        "Feia molt de fred i la neu cobria els carrers!",
        "Va estudiar bé per a l'examen?",
    ],
    "chinese": ["我今天早上去了学校。", "天气非常冷！", "你为考试好好学习了吗？"],
    "czech": [
        "Chlapec šel ráno do školy, protože se musel učit.",
        "Počasí bylo velmi chladné a všude ležel sníh!",
        "Učil se dobře na zkoušku, nebo ne?",
    ],
    "danish": [
        "Drengen gik i skole om morgenen.",
        "Vejret var meget koldt, og der lå sne på gaderne!",
        "Havde han læst godt op til prøven?",
    ],
    "dutch": [
        "De jongen ging in de ochtend naar school.",
        "Het weer was erg koud en er lag sneeuw op straat!",
        "Had hij goed geleerd voor het examen?",
    ],
    "english": [
        "The boy went to school in the morning.",
        "The weather was very cold!",
        "Did he study well for the test?",
    ],
    "esperanto": [
        "La knabo iris al la lernejo matene.",
        "La vetero estis tre malvarma kaj neĝo kovris la stratojn!",
        "Ĉu li bone lernis por la ekzameno?",
    ],
    "estonian": [
        "Poiss läks hommikul kooli.",
        "Ilm oli väga külm ja tänavatel oli lund!",
        "Kas ta õppis eksamiks hästi?",
    ],
    "finnish": [
        "Poika meni aamulla kouluun.",
        "Sää oli hyvin kylmä ja kaduilla oli lunta!",
        "Oliko hän lukenut hyvin kokeeseen?",
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
    "hindi": [
        "लड़का सुबह स्कूल गया।",
        "मौसम बहुत ठंडा था!",
        "क्या उसने परीक्षा के लिए अच्छी तैयारी की थी?",
    ],
    "hungarian": [
        "A fiú reggel iskolába ment.",
        "Az idő nagyon hideg volt, és hó borította az utcákat!",
        "Jól felkészült a vizsgára?",
    ],
    "indonesian": [
        "Anak itu pergi ke sekolah pada pagi hari.",
        "Cuacanya sangat dingin dan hujan turun di jalan!",
        "Apakah dia sudah belajar dengan baik untuk ujian?",
    ],
    "irish": [
        "Chuaigh an buachaill ar scoil ar maidin.",
        "Bhí an aimsir an-fhuar agus bhí sneachta ar na sráideanna!",
        "Ar staidéar sé go maith don scrúdú?",
    ],
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
    "lithuanian": [
        "Berniukas ryte nuėjo į mokyklą.",
        "Oras buvo labai šaltas ir gatvėse gulėjo sniegas!",
        "Ar jis gerai pasiruošė egzaminui?",
    ],
    "nepali": [
        "केटा बिहान स्कूल गयो।",
        "मौसम धेरै चिसो थियो!",
        "के उसले परीक्षाको लागि राम्रो तयारी गरेको थियो?",
    ],
    "norwegian": [
        "Gutten gikk til skolen etter frokost.",
        "Det var mye snø ute, og været var veldig kaldt!",
        "Hva hadde han lært før prøven?",
    ],
    "persian": [
        "پسر صبح به مدرسه رفت.",
        "هوا خیلی سرد بود!",
        "آیا او برای امتحان خوب درس خوانده بود؟",
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
    "romanian": [
        "Băiatul a mers la școală dimineața.",
        "Vremea era foarte rece și zăpada acoperea străzile!",
        "A învățat bine pentru examen?",
    ],
    "russian": [
        "Мальчик утром пошёл в школу.",
        "Погода была очень холодной!",
        "Хорошо ли он подготовился к экзамену?",
    ],
    "serbian": [
        "Дечак је ујутру отишао у школу.",
        "Време је било веома хладно!",
        "Да ли је добро учио за испит?",
    ],
    "sesotho": [
        "Moshanyana o ile sekolong hoseng ka maoto.",
        "Ho ne ho bata haholo mme lehloa le ne le wa!",
        "Na o ithutile hantle hore a atlehe tlhahlobong?",
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
    "tamil": [
        "சிறுவன் காலையில் பள்ளிக்குச் சென்றான்.",
        "வானிலை மிகவும் குளிராக இருந்தது!",
        "அவன் தேர்வுக்கு நன்றாகப் படித்தானா?",
    ],
    "thai": ["เด็กชายไปโรงเรียนตอนเช้า", "อากาศหนาวมาก", "เขาเตรียมตัวสอบดีไหม"],
    "turkish": [
        "Çocuk sabah okula gitti.",
        "Hava çok soğuktu ve sokaklarda kar vardı!",
        "Sınava iyi çalışmış mıydı?",
    ],
    "ukrainian": [
        "Хлопчик пішов до школи вранці.",
        "Погода була дуже холодна!",
        "Чи добре він підготувався до іспиту?",
    ],
    "yiddish": [
        "דער ייִנגל איז אין דער פֿרי געגאַנגען אין שול.",
        "דאָס װעטער איז געװען זײער קאַלט!",
        "האָט ער גוט געלערנט צום עקזאַמען?",
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
    "russian": ("школы", "школ"),
    "dutch": ("scholen", "school"),
    "finnish": ("kouluissa", "koulu"),
    "turkish": ("okullar", "okul"),
    "hungarian": ("iskolák", "iskola"),
    "romanian": ("școlile", "școl"),
    "danish": ("skolerne", "skol"),
    "norwegian": ("skolene", "skol"),
    "indonesian": ("sekolahnya", "sekolah"),
    "lithuanian": ("mokyklos", "mokykl"),
    "basque": ("eskolak", "eskol"),
    "hindi": ("लड़कों", "लड़क"),
    "nepali": ("स्कूलहरू", "स्कूल"),
    "tamil": ("பள்ளிகள்", "பள்ளி"),
    "serbian": ("школе", "škol"),
    "esperanto": ("lernejoj", "lernej"),
    "estonian": ("koolides", "kooli"),
    "yiddish": ("שולן", "שול"),
}


def _installed(language: str) -> bool:
    return language not in EXTRAS or importlib.util.find_spec(EXTRAS[language][1]) is not None


def test_every_language_has_a_text() -> None:
    assert sorted(TEXTS) == sorted(LANGUAGES)


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_every_language_has_its_own_stop_words(language: str) -> None:
    words = stop_words(language)
    assert len(words) >= 30
    assert all(word == word.lower() and not word.startswith("#") for word in words)
    # the language's own text holds some of them: the list is in the right language
    if language in {"chinese", "japanese", "korean", "thai"}:  # words glued to particles
        text = "".join(TEXTS[language])
        assert any(word in text for word in words if word.isalpha())
    else:
        tokens = {token for sentence in TEXTS[language] for token in tokenize(sentence, language)}
        assert tokens & words


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

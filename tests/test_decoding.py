# ruff: noqa: RUF001 - the fixtures are typeset text: curly quotes, dashes, full-width commas
"""Bytes to text: damaged UTF-8 stays UTF-8, legacy encodings are still detected, binary refused.

The fixtures are texts written for these tests; the measured check on real articles reads
``../shared/data/web/gold.jsonl`` (beside the project) and skips when it is absent.
"""

from __future__ import annotations

import codecs
import json
import os
import random
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from summarize.errors import InputError, NotTextError, UsageError
from summarize.sources.decoding import UTF8_SHARE, decode, is_pdf, mostly_utf8, utf8_counts

from .conftest import ROOT, SHARED_DATA

NEWS = (
    "Zoë Müller, the council’s new treasurer, said on Tuesday that the 2025–2026 budget "
    "would “protect every school and every clinic” — a promise her critics called naïve.\n\n"
    "The café owners on Rue de l’Église were less sure. “We’ve heard this before,” said "
    "François Lefèvre, who has run the bakery since 1998. Prices rose 4 % last year; the "
    "rent on his shop went from €1,200 to €1,450 a month.\n\n"
    "The vote — postponed twice since March — is now set for 14 June at 18:30.\n"
)
MOJIBAKE = re.compile("â€|Ã|Â")

LEGACY = {
    "cp1252": (
        "Le conseil municipal s’est réuni jeudi soir à l’hôtel de ville. Les élus ont voté un "
        "budget de 2,4 millions d’euros pour la rénovation du théâtre. « C’est une décision "
        "attendue depuis des années », a déclaré la maire, Hélène Dubois. Les travaux "
        "débuteront en février et dureront près de dix-huit mois."
    ),
    "shift_jis": (
        "市議会は木曜日の夜に市役所で会合を開いた。議員たちは劇場の改修のために二億円の予算を"
        "可決した。市長は「何年も待ち望まれていた決定だ」と述べた。工事は二月に始まり、約十八か月"
        "続く予定である。"
    ),
    "gbk": (
        "市议会周四晚上在市政厅召开会议。议员们投票通过了一项两百万元的预算，用于翻修剧院。"
        "市长表示：“这是一个人们期待多年的决定。”工程将于二月开始，预计持续约十八个月。"
    ),
    "cp1251": (
        "Городской совет собрался в четверг вечером в здании мэрии. Депутаты одобрили бюджет "
        "в два миллиона рублей на ремонт театра. «Это решение, которого ждали много лет», — "
        "заявила мэр города. Работы начнутся в феврале и продлятся около полутора лет."
    ),
}
# The same texts in encodings that hold them too (KOI8-R has no guillemets or dashes).
LEGACY_ALSO = {
    "gb18030": LEGACY["gbk"],
    "koi8-r": LEGACY["cp1251"].replace("«", '"').replace("»", '"').replace("—", "-"),
    "latin-1": "Über die Brücke gehen wir. Größe und Maß sind wichtig. Das ist schön, oder?",
}


def decode_warnings(data: bytes, name: str = "news.txt") -> tuple[str, list[str]]:
    """The decoded text and every warning decoding gave."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        text = decode(data, name)
    return text, [str(w.message) for w in caught if issubclass(w.category, UserWarning)]


def damage(text: str) -> bytes:
    """``text`` in UTF-8 with four bad bytes: a pasted cp1252 quote, a stray byte, a cut dash."""
    data = text.encode("utf-8")
    first_break = data.index(b"\n\n")
    data = data[:first_break] + b" \x92" + data[first_break:]  # cp1252's right single quote
    data = data.replace(b"bakery", b"bak\xffry", 1)
    return data + "—".encode()[:2]  # the first two bytes of an em dash: the file was cut


# --- Mostly UTF-8 ------------------------------------------------------------------------------


def test_damaged_utf8_is_read_as_utf8_with_one_warning() -> None:
    text, messages = decode_warnings(damage(NEWS))
    assert not MOJIBAKE.search(text)
    assert messages == ["news.txt: 4 invalid UTF-8 bytes replaced (set --encoding to override)"]
    # Every character of the original is still there, around the replacements.
    assert text.count("\ufffd") == 3  # the cut dash is one (two bytes, one character)
    assert (
        text.replace(" \ufffd", "", 1).replace("bak\ufffdry", "bakery").removesuffix("\ufffd")
        == NEWS
    )
    for word in ("Zoë Müller", "council’s", "2025–2026", "“protect", "naïve", "€1,450"):
        assert word in text


def test_one_bad_byte_is_counted_in_the_singular() -> None:
    _, messages = decode_warnings(NEWS.encode().replace(b"1998", b"19\xb98", 1), "a.txt")
    assert messages == ["a.txt: 1 invalid UTF-8 byte replaced (set --encoding to override)"]


def test_the_count_is_of_bytes_over_a_long_text() -> None:
    data = bytearray((NEWS * 400).encode())
    rng = random.Random(7)
    spots = rng.sample([i for i, b in enumerate(data) if b < 0x80], 25)
    for spot in spots:
        data[spot] = 0xFE  # never valid anywhere in UTF-8
    text, messages = decode_warnings(bytes(data))
    assert messages == ["news.txt: 25 invalid UTF-8 bytes replaced (set --encoding to override)"]
    assert text.count("\ufffd") == 25
    assert text.count("—") == NEWS.count("—") * 400


def test_valid_utf8_gives_no_warning() -> None:
    assert decode_warnings(NEWS.encode()) == (NEWS, [])


def test_counts_and_rule() -> None:
    assert utf8_counts(b"plain") == (0, 0)
    assert utf8_counts("é—😀".encode()) == (3, 0)
    assert utf8_counts(b"caf\xe9 \xe2\x80") == (0, 3)
    assert utf8_counts("é".encode() + b"\xff") == (1, 1)
    assert mostly_utf8(1, 1)
    assert mostly_utf8(10, 3)
    assert not mostly_utf8(1, 2)
    assert not mostly_utf8(0, 1)  # no multi-byte character at all: a legacy letter
    assert UTF8_SHARE == 0.5


def test_ascii_with_one_high_byte_is_windows_1252() -> None:
    """With no UTF-8 character to lose, a lone high byte is far more likely a cp1252 letter."""
    text, messages = decode_warnings("The café opened on Monday.".encode("cp1252"))
    assert text == "The café opened on Monday."
    assert messages == ["news.txt: not UTF-8; read as cp1252 (set --encoding to override)"]


def test_more_bad_bytes_than_characters_is_not_read_as_utf8() -> None:
    data = "Crème brûlée.".encode() + " Dîner à côté, très cher, déjà payé.".encode("cp1252")
    text, messages = decode_warnings(data)
    assert len(messages) == 1
    assert "not UTF-8; read as" in messages[0]
    assert "\ufffd" not in text


# --- Legacy encodings ----------------------------------------------------------------------------


@pytest.mark.parametrize("codec", sorted(LEGACY) + sorted(LEGACY_ALSO))
def test_legacy_encodings_are_still_detected(codec: str) -> None:
    original = {**LEGACY, **LEGACY_ALSO}[codec]
    text, messages = decode_warnings(original.encode(codec), "old.txt")
    assert text == original
    assert len(messages) == 1
    assert re.fullmatch(
        r"old\.txt: not UTF-8; read as \S+ \(set --encoding to override\)", messages[0]
    )


def test_encoding_option_overrides_everything() -> None:
    damaged = damage(NEWS)
    with pytest.raises(
        InputError, match=r"^x: not valid utf-8 text \(invalid byte at offset \d+\)"
    ):
        decode(damaged, "x", "utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert decode(NEWS.encode(), "x", "latin-1") == NEWS.encode().decode("latin-1")
        assert decode(LEGACY["cp1251"].encode("cp1251"), "x", "cp1251") == LEGACY["cp1251"]
    with pytest.raises(UsageError, match="unknown encoding 'klingon'"):
        decode(b"text", "x", "klingon")


# --- Byte-order marks ----------------------------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_byte_order_marks(codec: str) -> None:
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(codec, b"")
    text, messages = decode_warnings(bom + NEWS.encode(codec))
    assert (text, messages) == (NEWS, [])


def test_damaged_utf8_after_a_byte_order_mark() -> None:
    text, messages = decode_warnings(codecs.BOM_UTF8 + damage(NEWS))
    assert not text.startswith("\ufeff")
    assert text.startswith("Zoë Müller")
    assert messages == ["news.txt: 4 invalid UTF-8 bytes replaced (set --encoding to override)"]


def test_damaged_utf16_is_still_an_error() -> None:
    with pytest.raises(InputError, match="not valid utf-16 text"):
        decode(codecs.BOM_UTF16_LE + "ok".encode("utf-16-le") + b"\x00\xd8", "x")


# --- Binary data ---------------------------------------------------------------------------------

REFUSED = {
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj": r"x: looks like a PDF document, not text$",
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR": r"x: looks like a PNG image, not text$",
    b"PK\x03\x04\x14\x00" + bytes(40): r"x: looks like a ZIP archive",
    b"\x1f\x8b\x08\x00" + bytes(40): r"x: looks like a gzip-compressed file",
    b"\x7fELF\x02\x01\x01" + bytes(40): r"x: looks like an executable program",
    b"Some text.\x00 More text.": r"x: looks like a binary file \(it contains NUL bytes\)",
    bytes(range(1, 32)) * 20: r"x: looks like a binary file \(mostly control characters\)",
}


@pytest.mark.parametrize(
    "data", list(REFUSED), ids=[p.split(":")[1][:30] for p in REFUSED.values()]
)
def test_binary_data_is_refused(data: bytes) -> None:
    with pytest.raises(NotTextError, match=REFUSED[data]):
        decode(data, "x")


def test_is_pdf() -> None:
    assert is_pdf(b"%PDF-1.4\n...")
    assert not is_pdf(b"A text about %PDF-1.4 files.")
    assert not is_pdf(b"")


# --- The command ---------------------------------------------------------------------------------


def test_the_command_warns_once_and_summarises(tmp_path: Path) -> None:
    path = tmp_path / "news.txt"
    path.write_bytes(damage(NEWS))
    env = {**os.environ, "SUMMARIZE_NO_PLUGINS": "1", "PYTHONIOENCODING": "utf-8"}
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run(
        [sys.executable, "-m", "summarize", str(path), "-m", "lead", "-n", "2", "-f", "plain"],
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    err = done.stderr.decode()
    warning = f"{path}: 4 invalid UTF-8 bytes replaced (set --encoding to override)"
    assert err == f"summarize: warning: {warning}\n"
    out = done.stdout.decode()
    assert out.startswith("Zoë Müller, the council’s new treasurer")
    assert not MOJIBAKE.search(out)


# --- Measured on real articles -------------------------------------------------------------------


def _articles() -> list[str]:
    gold = SHARED_DATA / "web" / "gold.jsonl"
    if not gold.exists():
        pytest.skip(f"{gold} is absent (the shared data folder)")
    with open(gold, encoding="utf-8") as rows:
        return [json.loads(row)["text"] for row in rows]


def _read_as_utf8(data: bytes) -> bool:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            decode(data, "x")
        except NotTextError:
            return False
    return any("invalid UTF-8" in str(w.message) for w in caught)


def test_real_articles_with_stray_bytes_stay_utf8() -> None:
    """300 damaged windows of real articles that hold 20 or more multi-byte characters."""
    rng = random.Random(11)
    texts = [t for t in _articles() if sum(not c.isascii() for c in t) >= 40]
    assert len(texts) > 20
    misread = []
    for _ in range(300):
        text = rng.choice(texts)
        start = rng.randrange(max(1, len(text) - 3000))
        piece = text[start : start + 3000]
        if sum(not c.isascii() for c in piece) < 20:
            continue
        data = bytearray(piece.encode())
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(0x80, 0x100)
        if not _read_as_utf8(bytes(data)) and _has_invalid(bytes(data)):
            misread.append(piece[:40])
    assert misread == []


def _has_invalid(data: bytes) -> bool:
    return utf8_counts(data)[1] > 0


@pytest.mark.parametrize(
    "codec", ["cp1252", "cp1251", "koi8-r", "shift_jis", "euc-jp", "gbk", "euc-kr"]
)
def test_real_articles_in_legacy_encodings_are_not_read_as_utf8(codec: str) -> None:
    rng = random.Random(5)
    checked = 0
    for text in _articles():
        if text.isascii():
            continue
        encoded = text.encode(codec, "replace")
        if encoded.count(b"?") - text.count("?") > 0.01 * len(text):
            continue  # the encoding cannot hold this text
        for size in (60, 300, 3000):
            start = rng.randrange(max(1, len(text) - size))
            data = text[start : start + size].encode(codec, "replace")
            if _has_invalid(data):
                checked += 1
                assert not _read_as_utf8(data), (codec, text[start : start + 40])
    assert checked >= 5

"""Tests of the numbers layer (hadath.arabic.numbers). Sentences written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hadath.arabic.numbers import numbers_stage, parse_numbers, word_value
from hadath.document import Document


def nums(text: str) -> list[tuple[str, float, str]]:
    return [(m.text, m.value, m.kind) for m in parse_numbers(text)]


def values(text: str) -> list[float]:
    return [m.value for m in parse_numbers(text)]


def check_offsets(text: str) -> None:
    for m in parse_numbers(text):
        assert text[m.start : m.end] == m.text, m


# ----------------------------------------------------------------------------- digits
@pytest.mark.parametrize(
    "text,expected",
    [
        ("سقط 27 قتيلا في القصف", 27),
        ("سقط ٢٧ قتيلا في القصف", 27),  # Arabic-Indic
        ("سقط ۲۷ قتيلا في القصف", 27),  # Persian
        ("نزح 1,500 شخص من القرية", 1500),
        ("نزح 1.500 شخص من القرية", 1500),
        ("نزح ١٬٥٠٠ شخص من القرية", 1500),
        ("بلغت النسبة 95.5 من الأصوات", 95.5),
        ("بلغ المبلغ ٢٫٥ دينار", 2.5),
        ("بلغ المبلغ ١٫٥٠٠ دينار", 1.5),  # «٫» is always a decimal point
        ("نزح 1,250,000 شخص", 1250000),
        ("نزح 3 آلاف شخص", 3000),
        ("نزح ٣ آلاف شخص", 3000),
        ("فر 2.5 مليون لاجئ", 2500000),
        ("فر 1.5 مليون لاجئ", 1500000),
        ("بلغت الكلفة 4 مليارات دولار", 4e9),
        ("كان ذلك في 2015", 2015),
    ],
)
def test_digits(text: str, expected: float) -> None:
    ms = parse_numbers(text)
    assert len(ms) == 1, ms
    assert ms[0].value == pytest.approx(expected)
    assert ms[0].kind == "digits"
    check_offsets(text)


def test_digits_glued_to_latin_are_skipped() -> None:
    assert nums("حلقت طائرة F16 فوق المدينة") == []
    assert nums("ارتفعت إصابات COVID19 أمس") == []


def test_digit_with_proclitic() -> None:
    assert values("قتل شخص و3 جنود") == [3]


def test_dates_and_times_are_plain_numbers() -> None:
    assert values("في 3 ديسمبر 2021 عند 10:30") == [3, 2021, 10, 30]
    assert values("بتاريخ 3/12/2021") == [3, 12, 2021]


def test_huge_digit_runs_are_ignored() -> None:
    assert parse_numbers("رقم " + "9" * 40) == []


# ----------------------------------------------------------------------------- words
@pytest.mark.parametrize(
    "text,expected",
    [
        ("قتل شخص واحد", 1),
        ("قتلت امرأة واحدة", 1),
        ("قتل اثنان من الحراس", 2),
        ("أصيب اثنين من الحراس", 2),
        ("أصيبت اثنتان من الممرضات", 2),
        ("أصيبت اثنتين من الممرضات", 2),
        ("قتل ثلاث نساء", 3),
        ("قتل ثلاثة رجال", 3),
        ("قتل أربعة جنود", 4),
        ("قتلت خمس نساء", 5),
        ("قتل ستة مدنيين", 6),
        ("قتل سبعة عناصر", 7),
        ("قتل ثمانية أطفال", 8),
        ("قتلت ثماني نساء", 8),
        ("قتل تسعة مقاتلين", 9),
        ("قتل عشرة جنود", 10),
        ("قتلت عشر نساء", 10),
        ("قتل أحد عشر جنديا", 11),
        ("قتلت إحدى عشرة امرأة", 11),
        ("قتل اثنا عشر جنديا", 12),
        ("شاهدنا اثني عشر جنديا", 12),
        ("قتل ثلاثة عشر شخصا", 13),
        ("قتلت ثلاث عشرة امرأة", 13),
        ("أفرج عن الثلاثة عشر معتقلا", 13),
        ("قتل تسعة عشر شخصا", 19),
        ("قتل عشرون شخصا", 20),
        ("شاهدنا عشرين شخصا", 20),
        ("قتل ثلاثون شخصا", 30),
        ("قتل تسعين شخصا", 90),
        ("قتل واحد وعشرين شخصا", 21),
        ("قتل خمسة وعشرون شخصا", 25),
        ("قتل الخمسة والعشرون جنديا", 25),
        ("اعتقل مئة شخص", 100),
        ("اعتقل مائة شخص", 100),
        ("اعتقل مئتا شخص", 200),
        ("اعتقل مئتين من المحتجين", 200),
        ("اعتقل مائتان من المحتجين", 200),
        ("اعتقل مائتين من المحتجين", 200),
        ("اعتقل ثلاثمئة شخص", 300),
        ("اعتقل ثلاثمائة شخص", 300),
        ("اعتقل ثلاث مئة شخص", 300),
        ("اعتقل مئتين وخمسين شخصا", 250),
        ("اعتقل مئة وخمسة وعشرين شخصا", 125),
        ("نزح ألف شخص", 1000),
        ("نزح ألفا شخص", 1000),
        ("نزح ألفين من السكان", 2000),
        ("نزح ألفان من السكان", 2000),
        ("نزح ثلاثة آلاف شخص", 3000),
        ("نزح عشرة آلاف شخص", 10000),
        ("نزح أحد عشر ألفا", 11000),
        ("نزح عشرون ألفا", 20000),
        ("نزح مئة ألف شخص", 100000),
        ("نزح ألف وخمسمائة شخص", 1500),
        ("نزح ألفين وخمسمائة شخص", 2500),
        ("نزح مليون شخص", 1e6),
        ("نزح مليونا شخص", 1e6),
        ("نزح مليونين من السكان", 2e6),
        ("نزح ثلاثة ملايين شخص", 3e6),
        ("نزح مليون ومئتا ألف شخص", 1.2e6),
        ("نزح ثلاثمئة وعشرون ألفا", 320000),
    ],
)
def test_number_words(text: str, expected: float) -> None:
    ms = [m for m in parse_numbers(text) if m.kind == "cardinal"]
    assert len(ms) == 1, ms
    assert ms[0].value == pytest.approx(expected)
    check_offsets(text)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("وثلاثة جنود", "ثلاثة"),
        ("بثلاثة صواريخ", "ثلاثة"),
        ("للثلاثة المعتقلين", "ثلاثة"),
        ("والعشرين", "عشرين"),
        ("بألف دولار", "ألف"),
        ("والخمسة", "خمسة"),
    ],
)
def test_proclitics_are_outside_the_span(text: str, expected: str) -> None:
    ms = parse_numbers(text)
    assert [m.text for m in ms] == [expected]


def test_diacritics_and_tatweel() -> None:
    text = "قُتِلَ ثَلاثَةٌ وعِشْرونَ شخصاً"
    ms = parse_numbers(text)
    assert [m.value for m in ms] == [23]
    assert ms[0].text.endswith("ونَ")
    check_offsets(text)
    assert values("قتل ثلاثــة جنود") == [3]


@pytest.mark.parametrize(
    "text",
    [
        "أعلن يوم الأحد عن الهجوم",  # Sunday
        "قال أحد المسؤولين",  # "one of"
        "قالت إحدى الناجيات",
        "يوم الاثنين الماضي",  # Monday
        "وصل يوم الإثنين",
        "عثر عليه ميتا في منزله",  # «ميتا» is not «مئتا»
        "وصل بعده الوفد",  # «بعده» is not «بعدة»
        "لست أدري ما حدث",
        "السالف الذكر",
        "مياه الشرب",
    ],
)
def test_false_positives(text: str) -> None:
    assert [m for m in parse_numbers(text) if m.kind != "ordinal"] == []


def test_one_of_teen_is_a_number() -> None:
    assert values("قتل أحد عشر شخصا") == [11]


# ----------------------------------------------------------------------------- duals
@pytest.mark.parametrize(
    "word",
    ["شخصين", "شخصان", "جنديين", "جنديان", "عنصرين", "طفلين", "قتيلين", "ضابطين", "امرأتين", "رجلين",
     "مدنيان", "مسلحان", "شرطيان"],
)
def test_duals(word: str) -> None:
    text = f"قتل {word} في الهجوم"
    ms = parse_numbers(text)
    assert [(m.text, m.value, m.kind) for m in ms] == [(word, 2, "dual")]


def test_dual_with_article_and_clitic() -> None:
    assert nums("وأصيب الشخصين") == [("شخصين", 2, "dual")]  # proclitics and article stay outside
    assert nums("وشخصين آخرين") == [("شخصين", 2, "dual")]


@pytest.mark.parametrize("word", ["مدنيين", "مسلحين", "شرطيين", "عسكريين", "مصابين", "مقاتلين", "يومين"])
def test_ambiguous_plurals_are_not_duals(word: str) -> None:
    assert parse_numbers(f"قتل {word} في الهجوم") == []


# ----------------------------------------------------------------------------- vague
@pytest.mark.parametrize(
    "text,value",
    [
        ("قتل عشرات المدنيين", 10),
        ("قتل العشرات من المدنيين", 10),
        ("أصيب مئات المحتجين", 100),
        ("أصيب المئات من المحتجين", 100),
        ("نزح آلاف السكان", 1000),
        ("نزح الآلاف من السكان", 1000),
        ("نزح عشرات الآلاف من السكان", 10000),
        ("نزح مئات الآلاف من السكان", 100000),
        ("نزح ملايين السكان", 1e6),
        ("قتل بضعة أشخاص", 3),
        ("قتل عدة أشخاص", 3),
        ("لعدة أيام", 3),
    ],
)
def test_vague(text: str, value: float) -> None:
    ms = parse_numbers(text)
    assert len(ms) == 1
    assert ms[0].vague and ms[0].kind == "vague"
    assert ms[0].value == value
    check_offsets(text)


# ----------------------------------------------------------------------------- qualifiers
@pytest.mark.parametrize(
    "text,qualifier",
    [
        ("قتل نحو 20 شخصا", "approx"),
        ("قتل حوالي 20 شخصا", "approx"),
        ("قتل حوالى عشرين شخصا", "approx"),
        ("قتل قرابة 20 شخصا", "approx"),
        ("قتل زهاء 20 شخصا", "approx"),
        ("قتل ما يقارب 20 شخصا", "approx"),
        ("قتل 20 شخصا تقريبا", "approx"),
        ("قتل بنحو عشرين", "approx"),
        ("قتل أكثر من 20 شخصا", "more_than"),
        ("قتل لأكثر من 20 شخصا", "more_than"),
        ("قتل ما يزيد عن 20 شخصا", "more_than"),
        ("قتل ما يزيد على 20 شخصا", "more_than"),
        ("قتل ما لا يقل عن 20 شخصا", "at_least"),
        ("قتل على الأقل 20 شخصا", "at_least"),
        ("قتل 20 شخصا على الأقل", "at_least"),
        ("قتل 20 على الأقل", "at_least"),
        ("قتل أقل من 20 شخصا", "less_than"),
        ("قد يصل العدد حتى 20 شخصا", "up_to"),
        ("قد يبلغ ما يصل إلى 20 شخصا", "up_to"),
        ("قتل أكثر من عشرات الأشخاص", "more_than"),
        ("قتل 20 شخصا في الهجوم", None),
        ("ارتفع عدد القتلى إلى 20 شخصا", None),
    ],
)
def test_qualifiers(text: str, qualifier: str | None) -> None:
    ms = parse_numbers(text)
    assert len(ms) == 1, ms
    assert ms[0].qualifier == qualifier


def test_qualifier_after_does_not_cross_punctuation() -> None:
    ms = parse_numbers("قتل 20 شخصا، وأصيب 30 على الأقل")
    assert [m.qualifier for m in ms] == [None, "at_least"]


# ----------------------------------------------------------------------------- ordinals & percent
@pytest.mark.parametrize(
    "text,value",
    [
        ("للمرة الثالثة", 3),
        ("في اليوم الثالث", 3),
        ("الحادي عشر من الشهر", 11),
        ("الخامس والعشرين من الشهر", 25),
        ("الثاني عشر", 12),
    ],
)
def test_ordinals(text: str, value: float) -> None:
    ms = parse_numbers(text)
    assert ms and ms[0].kind == "ordinal" and ms[0].value == value


@pytest.mark.parametrize("text", ["ارتفعت بنسبة 30%", "ارتفعت 30 بالمئة", "ارتفعت 30 في المائة", "ارتفعت ثلاثين بالمائة"])
def test_percent(text: str) -> None:
    ms = parse_numbers(text)
    assert len(ms) == 1 and ms[0].kind == "percent" and ms[0].value == 30
    check_offsets(text)


def test_word_value() -> None:
    assert word_value("وثلاثة") == 3
    assert word_value("الأحد") is None
    assert word_value("أحد") is None  # only inside «أحد عشر»


def test_stage_fills_doc_numbers() -> None:
    doc = Document(text="قتل 13 شخصا على الأقل وأصيب عشرات في هجوم شنه ثلاثة مسلحين")
    numbers_stage(doc)
    assert [(m.value, m.kind) for m in doc.numbers] == [(13, "digits"), (10, "vague"), (3, "cardinal")]
    for m in doc.numbers:
        assert doc.text[m.start : m.end] == m.text
        assert m.int_value == int(m.value)


def test_long_text_is_fast() -> None:
    import time

    text = ("قتل نحو ثلاثة وعشرين شخصا وأصيب 1,500 آخرون في 3 ديسمبر 2021، بينهم عشرات الأطفال. " * 200)
    t0 = time.perf_counter()
    ms = parse_numbers(text)
    elapsed = time.perf_counter() - t0
    assert len(ms) == 200 * 5
    assert elapsed < 0.5  # generous: typically ~0.2 ms per 1,000 chars


# ----------------------------------------------------------------------------- properties
_ALPHABET = list(
    "ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآؤئىةـ"
    "ًٌٍَُِّْ"  # harakat
    "0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹"
    " \n\t.,،؛٫٬%/-()@"
    "abcXYZ"
    "\u200c\u200f\ufefb\ufe8d"
)
_WORDS = [
    "ثلاثة", "عشر", "عشرة", "وعشرين", "مئة", "مئتين", "ألف", "آلاف", "مليون", "عشرات", "أحد", "إحدى", "اثنا",
    "نحو", "أكثر من", "على الأقل", "شخصين", "الثالث", "بالمئة", "في", "و", "1,500", "٢٫٥", "2021", "ديسمبر",
]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.one_of(
    st.text(alphabet=st.sampled_from(_ALPHABET), max_size=80),
    st.lists(st.sampled_from(_WORDS + _ALPHABET), max_size=30).map(" ".join),
    st.lists(st.sampled_from(_WORDS + _ALPHABET), max_size=30).map("".join),
    st.text(max_size=60),
))
def test_random_text_never_crashes(text: str) -> None:
    doc = Document(text=text)
    numbers_stage(doc)
    for m in doc.numbers:
        assert 0 <= m.start <= m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert m.value == m.value  # not NaN
        m.int_value  # noqa: B018 - must not raise

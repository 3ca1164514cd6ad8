"""Casualty figures (hadath.extract.casualties) on sentences written for these tests.

They run on a bare Document (the built-in number reader) and, where the numbers layer exists,
on a segmented one; the patterns must hold either way.
"""

from __future__ import annotations

import pytest

from hadath.document import Document
from hadath.extract.casualties import find_casualties


def _cas(text: str, with_layers: bool = False):  # type: ignore[no-untyped-def]
    doc = Document(text=text, published="2022-03-10")
    if with_layers:
        try:
            from hadath.pipeline import build_pipeline

            doc = build_pipeline(["segment", "tokens", "numbers"])(doc)
        except Exception:  # noqa: BLE001 - layer not available: bare document
            pass
    return [(c.kind, c.value) for c in find_casualties(doc)], find_casualties(doc)


@pytest.mark.parametrize("with_layers", [False, True])
@pytest.mark.parametrize(
    "text,expected",
    [
        ("أسفر القصف عن مقتل 7 أشخاص وإصابة 12 آخرين في البلدة.", [("killed", 7), ("injured", 12)]),
        ("قتل تسعة جنود في الكمين.", [("killed", 9)]),
        ("وسقط 21 قتيلا و40 جريحا في الانفجار.", [("killed", 21), ("injured", 40)]),
        ("وقال الطبيب إن 5 مسلحين قتلوا خلال المواجهات.", [("killed", 5)]),
        ("أدى الهجوم إلى مقتل شرطي.", [("killed", 1)]),
        ("أدى الهجوم إلى مقتل ضابط وجندي.", [("killed", 2)]),
        ("وأسفر الاعتداء عن إصابة أحد الحراس.", [("injured", 1)]),
        ("أسفرت المواجهات عن مقتل عشرات المسلحين.", [("killed", 10)]),
        ("سقطت القذيفة في ساحة فارغة دون وقوع إصابات.", [("killed", 0), ("injured", 0)]),
        ("قتل أربعة عشر شخصا وجرح ثلاثة وعشرين آخرين.", [("killed", 14), ("injured", 23)]),
        # «لقي N حتفهم»
        ("لقي 5 أشخاص حتفهم في الانفجار.", [("killed", 5)]),
        ("لقي خمسة أشخاص مصرعهم في الحادث المسلح.", [("killed", 5)]),
        # duals
        ("قتل جنديان في الهجوم.", [("killed", 2)]),
        ("قتل طفلان وأصيبت امرأة في القصف.", [("killed", 2), ("injured", 1)]),
        # a verb with «و» opens a new clause: «أسر ستة وقتل 15»
        ("أسر المقاتلون ستة وقتل 15 من المسلحين.", [("killed", 15)]),
        # one of a group + passive verb
        ("قالت الشرطة إن أحد رجال الأمن قتل وأصيب خمسة آخرون.", [("killed", 1), ("injured", 5)]),
        ("وقال الضابط إن أحد المسلحين قتل 3 جنود.", [("killed", 3)]),
        # a named victim and «وثلاثة آخرين / وثلاثة من …»
        ("قتل القيادي في التنظيم وثلاثة أعضاء آخرين في الغارة.", [("killed", 4)]),
        ("قتلت امرأة وثلاثة من أطفالها في القصف.", [("killed", 4)]),
        # a person list stops at the next cue
        ("أسفر الهجوم عن مقتل ضابط وجندي وإصابة ضابط صف وجندي.", [("killed", 2), ("injured", 2)]),
        # «آخرين» continuation after a figure of the same cue
        ("أسفر الكمين عن مقتل 5 جنود و3 آخرين.", [("killed", 8)]),
        # qualifiers after «فيها»
        ("وقعت اشتباكات قتل فيها أكثر من 10 مسلحين.", [("killed", 10)]),
        # none, with a longer phrase
        ("وقع الانفجار دون أن يسفر عن وقوع إصابات.", [("killed", 0), ("injured", 0)]),
        # cumulative tolls are not this incident's
        ("وقتل أكثر من 1000 مدني خلال الأشهر الماضية.", []),
        ("وسقط في المعارك المستمرة منذ أربعة أشهر أكثر من 3000 قتيل.", []),
        ("وقتل 40 شخصا منذ بداية الهجوم على المدينة.", []),
        ("وقتل 3 أشخاص اليوم، ليرتفع عدد القتلى منذ بداية الشهر إلى 150.", [("killed", 3)]),
        ("قتل 4 أشخاص خلال الساعات الماضية.", [("killed", 4)]),
        # a singular person noun in the accusative after a killing verb
        ("وقال الجيش إن قواته قتلت مسلحا في المداهمة.", [("killed", 1)]),
        ("وأطلق القناص النار فقتل شرطيا عند الحاجز.", [("killed", 1)]),
    ],
)
def test_patterns(text: str, expected: list[tuple[str, int]], with_layers: bool) -> None:
    got, _ = _cas(text, with_layers)
    assert got == expected


def test_toll_update_is_flagged() -> None:
    _, cs = _cas("وأعلنت وزارة الصحة ارتفاع حصيلة القتلى إلى 17 شخصا.")
    assert [(c.kind, c.value, c.update) for c in cs] == [("killed", 17, True)]


def test_breakdown_with_remainder() -> None:
    _, cs = _cas("أسفر التفجير عن مقتل 11 شخصا بينهم 4 مدنيين والمتبقي من عناصر الشرطة.")
    assert cs[0].value == 11
    groups = [(b.value, b.group_norm, b.remainder) for b in cs[0].breakdown]
    assert groups[0][0] == 4 and "مدنيين" in groups[0][1]
    assert groups[1][0] == 7 and groups[1][2]


def test_addends_of_one_toll() -> None:
    _, cs = _cas("12 مسلحا وثلاثة من رجال الأمن سقطوا قتلى في الاشتباك.")
    assert [(c.value, c.part_of_sum) for c in cs] == [(12, True), (3, True)]


def test_offsets_are_original_text() -> None:
    text = "وأسفرت الغارة عن مَقْتَلِ ٦ مدنيين."
    _, cs = _cas(text)
    c = cs[0]
    assert c.value == 6
    assert text[c.start:c.end].startswith("مَقْتَلِ")
    assert c.civilian


@pytest.mark.parametrize("with_layers", [False, True])
def test_addends_after_a_cue_figure_keep_their_groups(with_layers: bool) -> None:
    _, cs = _cas("أدت الاشتباكات إلى مقتل 10 مسلحين و3 جنود.", with_layers)
    assert [(c.kind, c.value, c.part_of_sum) for c in cs] == [("killed", 10, True), ("killed", 3, True)]
    assert "جنود" in cs[1].group_norm


def test_long_text_stays_fast() -> None:
    import time

    text = "قتل 5 أشخاص و3 جنود وأصيب أحد المسلحين منذ " * 400
    t0 = time.perf_counter()
    _cas(text)
    assert time.perf_counter() - t0 < 5.0

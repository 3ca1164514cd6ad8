"""locate_event choices and curated admin1 names (hadath.geo)."""

from __future__ import annotations

import pytest

from hadath.document import Document
from hadath.geo.gazetteer import load_gazetteer
from hadath.geo.geoparse import geoparse, locate_event


def parsed(text: str, source: str | None = None) -> Document:
    doc = Document(text, source=source)
    doc.places, _ = geoparse(doc)
    return doc


def at(doc: Document, phrase: str):
    i = doc.text.index(phrase)
    return locate_event(doc, i, i + len(phrase))


def test_list_of_governorates_gives_the_region():
    doc = parsed("زرع المسلحون ألغاما في محافظات لحج، وأبين، وعدن، جنوبي اليمن. وقتل عشرات بفعل الألغام.")
    p = at(doc, "زرع المسلحون ألغاما")
    assert p is not None and p.feature == "region" and p.name == "Southern Yemen"


def test_region_in_span_beats_its_members_in_parentheses():
    doc = parsed("أعلنت الحكومة التحرير الكامل لـ «إقليم عدن» الذي يضم أربع محافظات (عدن ولحج والضالع وأبين) أمس.")
    p = at(doc, "التحرير الكامل لـ «إقليم عدن»")
    assert p is not None and load_gazetteer().same_admin1("YE", p.admin1, "Aden")


def test_country_gives_way_to_a_place_inside_it():
    doc = parsed("سيطرت قوات الجيش في اليمن على مواقع جديدة شمالي محافظة الجوف.")
    p = at(doc, "سيطرت قوات الجيش في اليمن على مواقع جديدة")
    assert p is not None and p.feature != "country" and p.admin1 == "Al Jawf"


def test_bare_site_noun_refers_to_the_named_site():
    doc = parsed("اندلعت اشتباكات للسيطرة على أكبر قاعدة جوية إلى الشمال من عدن أمس. "
                 "وسيطر الحوثيون على قاعدة العند معظم الفترة الماضية.")
    p = at(doc, "اندلعت اشتباكات")
    assert p is not None and p.name_ar == "قاعدة العند"


def test_no_place_domestic_outlet():
    doc = parsed("أحبطت وزارة الداخلية محاولات إرهابية وقبضت على عشرات من الخلايا.", source="alriyadh")
    p = at(doc, "أحبطت")
    assert p is not None and p.iso3 == "SAU" and p.geo_precision == 3
    doc = parsed("أحبطت وزارة الداخلية محاولات إرهابية وقبضت على عشرات من الخلايا.")
    assert at(doc, "أحبطت") is None


def test_weak_name_when_the_article_uses_it_as_a_place():
    doc = parsed('أعلن الجيش مقتل خمسة مسلحين خلال عملية "سيناء 2018" العسكرية. ودمر نفقا بمدينة رفح بشمال سيناء.')
    p = at(doc, "أعلن الجيش مقتل خمسة مسلحين")
    assert p is not None and p.name == "Sinai"


def test_tag_line_is_not_the_story():
    doc = parsed("قتل رجل زوجته بإطلاق النار عليها أثناء إجازة الصيف في لبنان.\n سمات بيروت قتل")
    p = at(doc, "قتل رجل")
    assert p is not None and p.name_ar == "لبنان"


@pytest.mark.parametrize("text,admin1", [
    ("انفجار في محافظة شانلي أورفا جنوب شرقي تركيا.", "Sanliurfa"),
    ("اشتباكات في ولاية هلمند جنوبي أفغانستان.", "Helmand"),
    ("هجوم في إقليم سيستان وبلوشستان الإيراني.", "Sistan and Baluchestan"),
    ("اعتقالات في ولاية صباح الماليزية.", "Sabah"),
])
def test_curated_admin1_names(text, admin1):
    doc = parsed(text)
    assert any(p.feature == "admin1" and p.admin1 == admin1 for p in doc.places), [(p.name_ar, p.name) for p in doc.places]


@pytest.mark.parametrize("text", [
    "تقدم الأكلات الشعبية صباح يوم العيد.",
    "وصل الوفد على متن طائرة خاصة.",
    "ننسى أن نكون في المتن فنترك الموضوع.",
    "ضبطت كميات من الأفيون المهرب.",
])
def test_new_names_are_not_ordinary_words(text):
    doc = parsed(text)
    assert not doc.places, [(p.name_ar, p.name) for p in doc.places]

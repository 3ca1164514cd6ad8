"""Names tied to the town/governorate their sentence names; names the gazetteer lacks; common words
that are small places abroad (hadath.geo). Sentences written for these tests."""

from __future__ import annotations

import pytest

from hadath.document import Document
from hadath.geo.gazetteer import haversine, load_gazetteer
from hadath.geo.geoparse import geoparse


def places_of(text: str):
    places, _ = geoparse(Document(text))
    return places


def named(text: str, word: str):
    got = [p for p in places_of(text) if p.name_ar and word in p.name_ar]
    assert got, f"{word!r} not found in {[(p.name_ar, p.name) for p in places_of(text)]}"
    return got[0]


def by_name(name_ar: str):
    return next(e for e in load_gazetteer().lookup(name_ar) if e.feature in ("city", "town"))


def test_neighbourhood_of_another_city_keeps_the_named_city():
    # «اليرموك» of the gazetteer is in Damascus; this one is a neighbourhood of Baqubah
    p = named("وانفجرت عبوة ناسفة في حي اليرموك الثانية غربي بعقوبة ما أدى إلى مقتل ستة مدنيين.", "اليرموك")
    baq = by_name("بعقوبة")
    assert p.iso3 == "IRQ" and p.admin1 == "Diyala"
    assert p.geo_precision == 2 and p.gazetteer_id is None
    assert haversine(p.latitude, p.longitude, baq.lat, baq.lon) < 1
    assert p.name_ar == "اليرموك" and "Damascus" not in (p.name or "") and p.note


def test_neighbourhood_in_its_own_city_is_unchanged():
    p = named("قصفت الطائرات حي اليرموك في دمشق أمس.", "اليرموك")
    assert p.iso3 == "SYR" and p.geo_precision == 1 and p.gazetteer_id


def test_candidate_near_the_named_city_wins(tmp_path):
    from hadath.geo import gazetteer
    from hadath.geo import geoparse as gp

    f = tmp_path / "hoods.tsv"
    f.write_text("n1\tزززالنور\tZzz-Nur (Mosul)\tneighbourhood\tIQ\tNinewa\t\t36.35\t43.15\t\n"
                 "n2\tزززالنور\tZzz-Nur (Basra)\tneighbourhood\tIQ\tBasra\t\t30.52\t47.80\t\n", encoding="utf-8")
    gazetteer.add_user_gazetteer(f)
    try:
        p = named("انفجرت سيارة مفخخة في حي زززالنور بمدينة البصرة.", "زززالنور")
        assert p.gazetteer_id == "user:n2" and p.admin1 == "Basra"
        p = named("اشتباكات في حي زززالنور شرقي الموصل.", "زززالنور")
        assert p.gazetteer_id == "user:n1"
    finally:
        gazetteer._USER_FILES.clear()
        gazetteer.load_gazetteer.cache_clear()
        gp.clear_caches()


@pytest.mark.parametrize("text,word,admin1", [
    # a district/area the gazetteer lacks, tied to the governorate or town after it
    ("سيطرت القوات على مواقع في مديرية زززوادي بمحافظة مأرب أمس.", "زززوادي", "Marib"),
    ("انفجرت عبوة في منطقة زززكلي شرقي بعقوبة صباح اليوم.", "زززكلي", "Diyala"),
    # the governorate the sentence opened with
    ("وفي محافظة أبين جنوب البلاد، سيطر الجيش على مثلث الطرق في مديرية زززلودر أمس.", "زززلودر", "Abyan"),
])
def test_unknown_name_at_the_anchor_with_precision_2(text, word, admin1):
    assert not load_gazetteer().lookup(word)
    p = named(text, word)
    assert p.name_ar == word and p.geo_precision == 2 and p.gazetteer_id is None
    assert load_gazetteer().same_admin1(None, p.admin1, admin1)
    assert p.name and p.name.isascii() and p.feature in ("district", "area")


@pytest.mark.parametrize("text,bad", [
    ("أقامت القوات منطقة عازلة قرب مدينة الموصل.", "عازلة"),
    ("وقصفت الطائرات مقر قيادة المنطقة الرابعة في عدن.", "الرابعة"),
    ("وأوضح المتحدث باسم مديرية الدفاع المدني بمنطقة تبوك أن الحريق أخمد.", "الدفاع"),
    ("وتقع الاستراحة في حي سكني بمدينة الرياض.", "سكني"),
])
def test_descriptions_after_a_trigger_are_not_names(text, bad):
    assert not [p for p in places_of(text) if p.name_ar and bad in p.name_ar]


@pytest.mark.parametrize("text", [
    # «العسكري» is a village Askari in Iran in GeoNames; here it is a neighbourhood of Taizz / an adjective
    "وشنت المقاتلات غارات على مقر الحوثيين في حي العسكري، وعلى مواقع في تعز جنوبي اليمن.",
    "قتل عسكري يمني في انفجار عبوة ناسفة في تعز.",
])
def test_common_word_abroad_is_not_a_place(text):
    places = places_of(text)
    assert not [p for p in places if p.iso3 == "IRN"], [(p.name_ar, p.name) for p in places]
    assert any(p.iso3 == "YEM" for p in places)


def test_unknown_neighbourhood_tied_to_its_city():
    p = named("وسقطت قذائف على حي العسكري في مدينة تعز.", "العسكري")
    assert p.iso3 == "YEM" and p.admin1 == "Taizz" and p.geo_precision == 2


def test_admin_statement_about_a_nearer_unknown_place():
    text = ("قتل مدنيون بقصف على دار سعد البارحة، مضيفا أن منطقة العلم من جهة أبين تحت سيطرة المسلحين "
            "إلى منطقة العرقوب ومنطقة معين التي تتبع إداريا لمحافظة أبين.")
    p = named(text, "دار سعد")
    assert p.admin1 == "Aden" and not p.admin1_alt

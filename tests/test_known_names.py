"""Canonical English names from the hand-written name lists, in the entities stage."""

from __future__ import annotations

import hadath
from hadath.extract.names import known_name, name_index

TEXT = ("قالت وكالة رويترز إن شركة بوينغ أعلنت في سياتل أن الرئيس الفرنسي إيمانويل ماكرون "
        "التقى ليونيل ميسي في باريس أمس. وأكد حزب العمال البريطاني ذلك.")


def test_known_name_tolerates_clitics_and_article():
    assert known_name("وإيمانويل ماكرون") == ("Emmanuel Macron", "PER")
    assert known_name("لرويترز") == ("Reuters", "ORG")
    assert known_name("وبالأمم المتحدة")[1] == "ORG"
    assert known_name("قال") is None and known_name("") is None
    assert len(name_index()) > 5000


def test_entities_get_english_names_once():
    rec = hadath.process(TEXT, published="2024-01-02")
    by_text = {}
    for e in rec["entities"]:
        by_text.setdefault(e["text"], []).append(e)
    # one entity per mention (no second copy of a NER person without its name)
    assert all(len(v) == 1 for v in by_text.values()), by_text
    assert by_text["إيمانويل ماكرون"][0]["canonical"] == "Emmanuel Macron"
    assert by_text["إيمانويل ماكرون"][0]["label"] == "PER"
    assert by_text["رويترز"][0]["canonical"] == "Reuters"
    assert by_text["بوينغ"][0]["canonical"] == "Boeing"
    # places named by the NER tagger take the gazetteer's English name
    assert by_text["باريس"][0]["canonical"] == "Paris"
    names = {a["name"] for a in rec.get("actors", [])} if rec.get("actors") else set()
    assert not names or "Emmanuel Macron" in names

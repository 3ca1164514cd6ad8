"""Entity stage on sentences written for the tests, and on the seed article (read at test time)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hadath.document import Document
from hadath.extract.coref import actors_in, resolve_mention
from hadath.extract.entities import extract_entities

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_16859c5bb06474ca.txt"


def run(text: str, published: str | None = "2021-06-01") -> Document:
    return extract_entities(Document(text=text, published=published))


def names(doc: Document) -> list[str]:
    return [a.name for a in doc.actors]


def test_clitics_and_variants():
    doc = run("قدّم الجيش العراقي الدعم وللبشمركة، واشتبك مقاتلون بالحشد الشعبي مع عناصر داعش قرب الموصل في العراق.")
    ns = names(doc)
    assert "Military Forces of Iraq" in ns
    assert "Peshmerga" in ns
    assert "Popular Mobilization Forces" in ns
    assert "Islamic State" in ns
    pesh = [a for a in doc.actors if a.name == "Peshmerga"][0]
    assert pesh.span.text == "وللبشمركة"
    assert pesh.name_ar == "البشمركة" or pesh.name_ar == "بشمركة"
    for a in doc.actors:
        assert doc.text[a.span.start:a.span.end] == a.span.text


def test_nisba_forces():
    doc = run("قالت الشرطة التركية إن قوات الأمن العراقية والقوات السورية لم تشارك.")
    ns = names(doc)
    assert "Police Forces of Turkey" in ns
    assert "Police Forces of Iraq" in ns
    assert "Military Forces of Syria" in ns


def test_generic_actors_take_article_country():
    doc = run("في اليمن، قتل مسلحون مجهولون ثلاثة مدنيين، وخرج متظاهرون في صنعاء إلى شوارع اليمن.")
    ns = names(doc)
    assert "Unidentified Armed Group (Yemen)" in ns
    assert "Civilians (Yemen)" in ns
    assert "Protesters (Yemen)" in ns
    civ = [a for a in doc.actors if a.name == "Civilians (Yemen)"][0]
    assert civ.inter == 7 and civ.country == "YEM"


def test_yemen_usage_2015():
    doc = run("شنت طائرات التحالف العربي غارات على مواقع الانقلابيين في اليمن، وتصدت المقاومة الشعبية لهجوم المتمردين الحوثيين.",
              "2015-08-07")
    ns = names(doc)
    assert "Saudi-led Coalition" in ns
    assert "Houthis" in ns
    assert "Popular Resistance" in ns
    assert ns.count("Houthis") == 2


def test_shabaab_needs_context():
    assert "Al Shabaab" not in names(run("شارك الشباب في مهرجان ثقافي في بيروت بلبنان."))
    assert "Al Shabaab" in names(run("هاجمت حركة الشباب قاعدة عسكرية في الصومال."))


def test_qaeda_vs_military_base():
    doc = run("سقطت قذائف على القاعدة الجوية في العراق.")
    assert "Al Qaeda" not in names(doc)
    doc = run("أعلن تنظيم القاعدة مسؤوليته عن التفجير.")
    assert "Al Qaeda" in names(doc)


def test_title_then_known_name():
    doc = run("التقى رئيس الوزراء مصطفى الكاظمي وفدا عراقيا في بغداد.", "2021-06-01")
    a = [x for x in doc.actors if x.name == "Mustafa al-Kadhimi"][0]
    assert a.role == "Prime Minister of Iraq"
    assert a.kind == "person"


def test_bare_title_resolves_by_date():
    doc = run("وقال رئيس الوزراء العراقي في مؤتمر صحفي إن الوضع مستقر.", "2016-03-01")
    assert "Haider al-Abadi" in names(doc)
    doc = run("وقال رئيس الوزراء العراقي في مؤتمر صحفي إن الوضع مستقر.", "2021-03-01")
    assert "Mustafa al-Kadhimi" in names(doc)


def test_unknown_title_holder_stays_role():
    doc = run("وقال محافظ ميسان، سامر الفلاني، إن الهجوم فشل في العراق.", "2021-03-01")
    per = [a for a in doc.actors if a.kind == "person"]
    assert per and per[0].role == "Governor of Maysan"
    assert per[0].name_ar == "سامر الفلاني"
    doc = run("وقال محافظ ميسان إن الهجوم فشل في العراق.", "2021-03-01")
    per = [a for a in doc.actors if a.kind == "person"]
    assert per and per[0].name == "Governor of Maysan"


def test_surname_coref_keeps_namesakes_apart():
    text = ("التقى مسرور بارزاني وفدا أمريكيا في أربيل. وقال بارزاني إن اللقاء مثمر. "
            "وفي وقت لاحق استقبل نيجيرفان بارزاني السفير. وأكد بارزاني دعمه للحوار.")
    doc = run(text)
    i1 = text.index("وقال بارزاني") + len("وقال ")
    i2 = text.index("وأكد بارزاني") + len("وأكد ")
    assert resolve_mention(doc, i1, i1 + len("بارزاني")).name == "Masrour Barzani"
    assert resolve_mention(doc, i2, i2 + len("بارزاني")).name == "Nechirvan Barzani"


def test_anaphor_tanzim():
    text = "هاجم تنظيم داعش قرية في العراق، وقال مسؤول إن التنظيم خسر عشرة من عناصره."
    doc = run(text)
    i = text.index("التنظيم")
    a = resolve_mention(doc, i, i + len("التنظيم"))
    assert a is not None and a.name == "Islamic State"
    assert [x.name for x in actors_in(doc, 0, len(text))].count("Islamic State") == 2


def test_entities_labels():
    doc = run("قال مسرور بارزاني إن البشمركة صدت هجوم داعش في العراق.")
    labels = {e.canonical: e.label for e in doc.entities}
    assert labels["Masrour Barzani"] == "PER"
    assert labels["Peshmerga"] == "ORG"
    assert labels["Iraq"] == "GPE"
    for e in doc.entities:
        assert doc.text[e.start:e.end] == e.text


@pytest.mark.shared
@pytest.mark.skipif(not SEED.exists(), reason="shared/ not available")
def test_seed_article():
    text = SEED.read_text(encoding="utf-8")
    doc = run(text, "2021-12-03")
    ns = set(names(doc))
    for want in ("Masrour Barzani", "Nechirvan Barzani", "Mustafa al-Kadhimi", "Omed Khoshnaw", "Islamic State",
                 "Peshmerga", "US-led Coalition", "UNAMI", "Military Forces of Iraq", "Civilians (Iraq)"):
        assert want in ns, want
    kh = [a for a in doc.actors if a.name == "Omed Khoshnaw"][0]
    assert kh.role == "Governor of Erbil"
    mb = [a for a in doc.actors if a.name == "Masrour Barzani"][0]
    assert mb.role == "Prime Minister of the Kurdistan Regional Government"
    nb = [a for a in doc.actors if a.name == "Nechirvan Barzani"][0]
    assert nb.role == "President of the Kurdistan Region"
    # «وقال بارزاني في بيان» in the last paragraph is Nechirvan (nearest preceding Barzani)
    i = text.index("وقال بارزاني في بيان") + len("وقال ")
    assert resolve_mention(doc, i, i + len("بارزاني")).name == "Nechirvan Barzani"
    # «وأجرى بارزاني زيارة» in the second paragraph is Masrour
    j = text.index("وأجرى بارزاني") + len("وأجرى ")
    assert resolve_mention(doc, j, j + len("بارزاني")).name == "Masrour Barzani"
    for a in doc.actors:
        assert doc.text[a.span.start:a.span.end] == a.span.text

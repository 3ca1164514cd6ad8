"""Statements: quotations, reported speech, embedded posts, speakers, stance, event links.

The sentences here are written for these tests; the seed article is read from ../shared at
test time (skipped when absent).
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from hadath.arabic.normalize import normalize_key
from hadath.document import Document, Span
from hadath.extract.quotes import find_quotes
from hadath.extract.statements import extract_statements, statements
from hadath.model import Event, Place


def run(text: str, **kw):  # noqa: ANN001, ANN201
    doc = Document(text=text, **kw)
    out = extract_statements(doc)
    for s in out:
        assert doc.text[s.start : s.end] == s.text
        if s.cue_span is not None:
            assert doc.text[s.cue_span.start : s.cue_span.end] == s.cue_span.text
    return out


def words(s: str | None) -> set[str]:
    return set(re.findall(r"\w+", normalize_key(s or "")))


def speaker_has(st, ar: str) -> bool:  # noqa: ANN001
    sp = st.speaker
    return sp is not None and bool(words(ar) & (words(sp.name_ar) | words(sp.name)))


# ----------------------------------------------------------------------------- quotations
def test_quotes_pairs_nested_and_orphans() -> None:
    t = 'قال: «نرفض ‹هذا الكلام› تماما» ثم "نص ثان هنا" و"فلان" سقط عشرات الجرحى اليوم".'
    qs = [t[q.start : q.end] for q in find_quotes(t)]
    assert "نرفض ‹هذا الكلام› تماما" in qs
    assert "هذا الكلام" in qs  # nested, depth 1
    assert "نص ثان هنا" in qs
    assert "سقط عشرات الجرحى اليوم" in qs  # a closer without opener


def test_direct_quote_guillemets_with_colon() -> None:
    out = run("وقال المتحدث باسم الشرطة سامي الخالدي: «لقد اعتقلنا خمسة مشتبه بهم في المدينة».")
    assert len(out) == 1
    s = out[0]
    assert s.direct and s.text == "لقد اعتقلنا خمسة مشتبه بهم في المدينة"
    assert speaker_has(s, "سامي الخالدي")
    assert s.cue == "وقال"


def test_short_quoted_name_is_not_a_statement() -> None:
    assert run('هاجم عناصر تنظيم "داعش" قرية في الشمال ليلة أمس.') == []
    assert run("وصلت قوات «اللواء الأول حرس حدود» إلى المنطقة.") == []


def test_quote_across_sentences_and_continued_after_adding() -> None:
    t = ('وقال القائد الميداني ماهر العلي: "تقدمنا في المحور الشرقي. وسنواصل الهجوم حتى النهاية". '
         'وأضاف "لن نتوقف قبل تحرير كل القرى المحيطة بالمدينة".')
    out = run(t)
    texts = [s.text for s in out]
    assert "تقدمنا في المحور الشرقي. وسنواصل الهجوم حتى النهاية" in texts
    assert "لن نتوقف قبل تحرير كل القرى المحيطة بالمدينة" in texts
    assert all(speaker_has(s, "ماهر العلي") for s in out)


def test_orphan_closing_quote_after_quoted_name() -> None:
    out = run('وقال مدير الصحة في المحافظة "سامي علي" سقط عشرات القتلى والجرحى في المدينة".')
    assert [s.text for s in out] == ["سقط عشرات القتلى والجرحى في المدينة"]
    assert speaker_has(out[0], "سامي علي")


# ----------------------------------------------------------------------------- reported speech
def test_reported_speech_vso_with_apposition() -> None:
    out = run("وقال محافظ البصرة، أحمد الجابر، إن الهجوم أسفر عن مقتل ثلاثة أشخاص.")
    assert len(out) == 1
    s = out[0]
    assert not s.direct
    assert s.text == "الهجوم أسفر عن مقتل ثلاثة أشخاص"
    assert s.speaker.name_ar == "أحمد الجابر"
    assert s.speaker.role == "محافظ البصرة"


def test_adjuncts_are_cut_from_the_speaker() -> None:
    out = run("وأكد وزير الداخلية خالد سعيد، اليوم الأحد، في بيان أن القوات اعتقلت عشرة مطلوبين.")
    assert len(out) == 1
    assert "اليوم" not in (out[0].speaker.name_ar or "")
    assert speaker_has(out[0], "خالد سعيد")


def test_continuation_participle_and_implicit_subject() -> None:
    t = ("قال قائد الشرطة العميد سالم ناصر إن الوضع تحت السيطرة، مؤكدا أن الدوريات منتشرة في الأحياء. "
         "وتابع أن التحقيقات ما زالت جارية لمعرفة المنفذين.")
    out = run(t)
    assert len(out) == 3
    assert all(speaker_has(s, "سالم ناصر") for s in out)
    assert out[1].cue == "مؤكدا"


def test_call_verb_object_is_an_addressee() -> None:
    t = ("وقال وزير الدفاع خالد العبيدي إن القوات مستعدة لصد أي هجوم. "
         "ودعا الحكومة المركزية، رئيس البرلمان سليم الحسن، إلى إرسال تعزيزات عاجلة إلى الحدود.")
    out = run(t)
    call = [s for s in out if s.stance == "demand"]
    assert len(call) == 1
    assert speaker_has(call[0], "خالد العبيدي")
    assert "إرسال تعزيزات" in call[0].text


def test_call_verb_with_its_own_subject() -> None:
    t = ("وقال وزير الدفاع خالد العبيدي إن القوات مستعدة لصد أي هجوم. "
         "ودعا رئيس البرلمان، سليم الحسن، اليوم الجمعة، إلى عقد جلسة طارئة.")
    out = run(t)
    call = [s for s in out if s.stance == "demand"]
    assert len(call) == 1 and speaker_has(call[0], "سليم الحسن")


def test_preverbal_subject() -> None:
    out = run("وكان زعيم الحزب المعارض كمال يوسف دعا أمس الحكومة إلى وقف العمليات العسكرية.")
    assert len(out) == 1
    assert speaker_has(out[0], "كمال يوسف")
    assert out[0].stance == "demand"


def test_anonymous_sources() -> None:
    out = run("وقال مصدر أمني إن انفجارا وقع في السوق الرئيسي وأوقع إصابات.")
    assert out[0].speaker.name == "Security source"
    out = run("وأفادت مصادر طبية بأن عدد القتلى ارتفع إلى عشرين.")
    assert out[0].speaker.name == "Medical sources"


def test_transmitted_source_speaks_not_the_agency() -> None:
    out = run("ونقلت وكالة الأنباء الرسمية عن مصدر عسكري قوله إن الدفاعات الجوية أسقطت طائرتين مسيرتين.")
    assert out[0].speaker.name == "Military source"


def test_short_name_resolves_to_nearest_earlier_speaker() -> None:
    t = ("وقال رئيس الوزراء سامر حداد إن الحكومة لن تتراجع عن خطتها. "
         "ودعا رئيس الجمهورية، كريم حداد، اليوم، إلى الحوار بين الأطراف. "
         "وقال حداد في بيان: \"نرفض أي تدخل خارجي في شؤوننا الداخلية\".")
    out = run(t)
    last = [s for s in out if s.direct][-1]
    assert speaker_has(last, "كريم")
    assert not speaker_has(last, "سامر")


def test_colon_speech_without_quotes_runs_to_the_paragraph_end() -> None:
    t = "وغرد الناشط سعيد مراد عبر حسابه، قائلًا: لا أصدق ما حدث.. كانت ليلة صعبة على الجميع.\nوفي خبر آخر وصل الوفد."
    out = run(t)
    assert out[0].text == "لا أصدق ما حدث.. كانت ليلة صعبة على الجميع"
    assert out[0].platform == "twitter"


# ----------------------------------------------------------------------------- posts, stance, events
def test_embedded_post_merges_with_body_quote() -> None:
    t = ('وعلقت البعثة الأممية على الهجوم بالقول "نعرب عن تعازينا لأسر الضحايا ونتمنى الشفاء للجرحى".\n'
         "نعرب عن تعازينا لأسر الضحايا ونتمنى الشفاء للجرحى.\n"
         "— UN Mission (@UNMission) March 5, 2022\n"
         "وقال شاهد عيان إن الانفجار كان قويا جدا.")
    out = run(t)
    posts = [s for s in out if s.platform]
    assert len(posts) == 1
    p = posts[0]
    assert (p.platform, p.handle, p.posted) == ("twitter", "@UNMission", "2022-03-05")
    assert p.direct and "نعرب عن تعازينا" in p.text
    assert sum("نعرب عن تعازينا" in s.text for s in out) == 1


def test_stance() -> None:
    assert run('وقال الرئيس في بيان: "ندين بشدة الهجوم الإرهابي على المدنيين الأبرياء".')[0].stance == "condemn"
    assert run("وأدان وزير الخارجية، اليوم، الهجوم على السفارة.")[0].stance == "condemn"
    assert run("ونفى المتحدث باسم الجيش أن تكون الطائرات قصفت المستشفى.")[0].stance == "deny"
    assert run("وتوعد قائد الجماعة بالرد على الغارات في الأيام المقبلة.")[0].stance == "threaten"
    out = run("وتبنى التنظيم، في بيان، الهجوم على الحاجز العسكري.")
    assert out and out[0].stance == "claim"


def test_event_links() -> None:
    text = "وقال المحافظ سامي علي إن الهجوم على قرية الزهراء خلف خمسة قتلى."
    doc = Document(text=text)
    i = text.index("الزهراء")
    ev = Event(id="e1", event_type="Battles", sub_event_type="Armed clash", disorder_type="Political violence",
               location=Place(name="Zahraa", name_ar="الزهراء", span=Span(i, i + 7, "الزهراء")), main=True)
    doc.events = [ev]
    out = extract_statements(doc)
    assert out[0].event_ids == ["e1"]
    doc2 = Document(text="وقال المحافظ سامي علي إن منفذي الهجوم فروا إلى الجبال.")
    doc2.events = [ev]
    assert extract_statements(doc2)[0].event_ids == ["e1"]  # «الهجوم» → the main event


def test_stage_fills_doc_and_degrades_without_layers() -> None:
    doc = Document(text="وقال مصدر أمني إن انفجارا وقع في السوق.")
    statements(doc)
    assert [s.id for s in doc.statements] == ["s1"]
    assert statements(Document(text="")).statements == []
    d = doc.statements[0].to_dict()
    assert d["speaker"]["name"] == "Security source" and d["direct"] is False


def test_pathological_texts_are_linear() -> None:
    texts = ['"' * 200_000, "«" * 50_000 + "قال إن" + "»" * 50_000, "قال: " * 20_000,
             'وقال المتحدث "نص طويل جدا هنا" ' * 3000, "— X (@x) May 1, 2020\n" * 2000]
    for t in texts:
        doc = Document(text=t)
        doc.norm
        t0 = time.perf_counter()
        out = extract_statements(doc)
        assert time.perf_counter() - t0 < 5.0
        for s in out:
            assert doc.text[s.start : s.end] == s.text


# ----------------------------------------------------------------------------- seed
SEED_SPEAKERS = {  # gold speaker -> words that must name it
    "Masrour Barzani": "مسرور",
    "Omed Khoshnaw": "خوشناو",
    "UNAMI": "يونامي",
    "Nechirvan Barzani": "نيجيرفان",
}


@pytest.mark.shared
def test_seed_quotations(shared_dir: Path, seed_text: str) -> None:
    gold = json.loads(next((shared_dir / "seed").glob("*.gold.json")).read_text(encoding="utf-8"))
    doc = Document(text=seed_text, published=gold.get("published"))
    out = extract_statements(doc)
    from collections import Counter

    got: Counter[str] = Counter()
    for g in gold["statements"]:
        gw = normalize_key(g["quote_ar"]).split()
        best = max(out, key=lambda s: sum(w in set(normalize_key(s.text).split()) for w in gw))
        cov = sum(w in set(normalize_key(best.text).split()) for w in gw) / len(gw)
        assert cov >= 0.6, g["quote_ar"]
        sp = best.speaker
        assert sp is not None
        names = words(sp.name_ar) | words(sp.name) | {sp.name}
        assert g["speaker"] in names or words(SEED_SPEAKERS[g["speaker"]]) & names, (g["speaker"], sp)
        got[g["speaker"]] += 1
        if g.get("platform"):
            assert (best.platform, best.handle, best.posted) == ("twitter", "@UNIraq", "2021-12-03")
    assert got == Counter({"Masrour Barzani": 3, "Omed Khoshnaw": 1, "UNAMI": 1, "Nechirvan Barzani": 2})
    # the coalition and Kadhimi are addressees of Masrour Barzani's call, not speakers
    call = [s for s in out if "تزويد قوات البشمركة" in s.text][0]
    assert "مسرور" in (call.speaker.name_ar or "") or "Masrour" in call.speaker.name

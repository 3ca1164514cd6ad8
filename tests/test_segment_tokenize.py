from hadath.document import Document
from hadath.pipeline import build_pipeline

from conftest import assert_offsets


def run(text: str) -> Document:
    return build_pipeline(["segment", "tokens"])(Document(text=text))


def test_sentences_split_on_arabic_marks_not_decimals_or_quotes():
    d = run("ارتفعت النسبة إلى 95.5 بالمئة. هل وصل الوفد؟ نعم، وقال «هذا أمر. لا نقبله» ثم غادر.\nفقرة ثانية؛ تستمر هنا")
    texts = [s.text for s in d.sentences]
    assert texts[0] == "ارتفعت النسبة إلى 95.5 بالمئة."
    assert texts[1] == "هل وصل الوفد؟"
    assert texts[2].startswith("نعم") and texts[2].endswith("غادر.")
    assert texts[3] == "فقرة ثانية؛ تستمر هنا"
    assert [p.index for p in d.paragraphs] == [0, 1]
    assert d.sentences[3].paragraph == 1
    assert_offsets(d)


def test_abbreviation_does_not_end_sentence():
    d = run("التقى د. أحمد بالوفد أمس. ثم عاد.")
    assert len(d.sentences) == 2


def _seg(word: str) -> tuple[str, str, str]:
    d = run(word)
    t = d.tokens[0]
    return t.prefix, d.text[t.stem_start : t.stem_end], t.suffix


def test_proclitics_and_combinations():
    assert _seg("وبالموصل") == ("وبال", "موصل", "")
    assert _seg("للبشمركة") == ("لل", "بشمركة", "")
    assert _seg("فللجيش") == ("فلل", "جيش", "")
    assert _seg("والشرطة") == ("وال", "شرطة", "")
    assert _seg("وقال") == ("و", "قال", "")
    assert _seg("وسيعلن") == ("وس", "يعلن", "")


def test_names_survive_whole():
    for name in ("بغداد", "بارزاني", "كردستان", "بلدة", "وزير", "فلسطين", "كركوك", "سيارة", "لبنان"):
        assert _seg(name) == ("", name, ""), name
    assert _seg("البشمركة") == ("ال", "بشمركة", "")


def test_enclitics():
    assert _seg("قواتها") == ("", "قوات", "ها")
    assert _seg("حكومتهم") == ("", "حكومت", "هم")
    assert _seg("العراقي")[2] == ""  # nisba ي is not a pronoun


def test_numbers_keep_separators():
    d = run("قتل 1,500 و٣٫٥ و95.5")
    assert [t.text for t in d.tokens if t.text[0].isdigit()] == ["1,500", "٣٫٥", "95.5"]

"""The packaged CRF NER model: loads, tags sensibly, keeps offsets, is fast enough."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from hadath.document import Document, Token
from hadath.extract.ner import (
    MODEL_DIR,
    ModelMissingError,
    NerTagger,
    _bio_map,
    load_tagger,
    read_wojood,
)
from hadath.extract.ner_features import FeatureExtractor, split_pseudo_sentences

SENT = "قال الرئيس العراقي برهم صالح في بغداد إن الحكومة ستواصل التعاون مع الأمم المتحدة ."


@pytest.fixture(scope="module")
def tagger() -> NerTagger:
    return load_tagger()


def test_model_is_packaged_and_small():
    model = MODEL_DIR / "model.crfsuite"
    assert model.exists()
    assert model.stat().st_size < 20_000_000
    assert (MODEL_DIR.parent / "README.md").exists()


def test_missing_model_raises_clear_error(tmp_path: Path):
    with pytest.raises(ModelMissingError, match="hadath train ner"):
        NerTagger(tmp_path)


def test_load_tagger_is_cached(tagger: NerTagger):
    assert load_tagger() is tagger


def test_tag_tokens_sentence(tagger: NerTagger):
    toks = SENT.split()
    tags = tagger.tag_tokens(toks)
    assert len(tags) == len(toks)
    got = dict(zip(toks, tags))
    assert got["برهم"] == "B-PER" and got["صالح"] == "I-PER"
    assert got["بغداد"] in ("B-GPE", "B-LOC")
    assert got["قال"] == "O" and got["في"] == "O"
    assert all(t == "O" or t[:2] in ("B-", "I-") for t in tags)


def test_tag_doc_without_tokens_offsets_round_trip(tagger: NerTagger):
    text = "وقال الرئيس العراقي برهم صالح، في بغداد، إن «الحكومة» ستواصل التعاون مع الأمم المتحدة.\n" \
           "وأعلنت وزارة الدفاع الأمريكية أن قواتها وصلت إلى الموصل."
    doc = Document(text=text)
    ents = tagger.tag(doc)
    assert ents, "no entities found"
    for e in ents:
        assert doc.text[e.start:e.end] == e.text
        assert e.source == "ner"
        assert e.label in {"PER", "ORG", "LOC", "GPE", "FAC", "NORP"}
    texts = {e.text: e.label for e in ents}
    assert texts.get("برهم صالح") == "PER"
    assert texts.get("بغداد") in ("GPE", "LOC")


def test_tag_doc_with_pipeline_tokens(tagger: NerTagger):
    text = "  وقال الرئيس العراقي برهم صالح في بغداد أمس ."
    toks = []
    pos = 0
    for i, w in enumerate(text.split()):
        s = text.index(w, pos)
        pos = s + len(w)
        toks.append(Token(start=s, end=pos, text=w, index=i, sentence=0, stem_start=s, stem_end=pos))
    doc = Document(text=text, tokens=toks)
    ents = tagger.tag(doc)
    for e in ents:
        assert doc.text[e.start:e.end] == e.text
    got = {(e.text, e.label) for e in ents}
    assert ("برهم صالح", "PER") in got
    assert ("بغداد", "GPE") in got or ("بغداد", "LOC") in got


def test_empty_inputs(tagger: NerTagger):
    assert tagger.tag_tokens([]) == []
    assert tagger.tag(Document(text="")) == []
    assert tagger.tag(Document(text=" \n ")) == []


def test_speed(tagger: NerTagger):
    toks = (SENT + " ").split() * 400  # ~7,000 tokens, many distinct positions
    toks = [t + ("" if i % 7 else str(i)) for i, t in enumerate(toks)]  # defeat the word cache a bit
    t0 = time.perf_counter()
    tagger.tag_tokens(toks)
    rate = len(toks) / (time.perf_counter() - t0)
    assert rate > 2_000, rate  # measured well above 5,000/s; loose bound for slow CI


def test_pseudo_sentences():
    assert split_pseudo_sentences(["a", "b", ".", "c", "؟", "d"]) == [(0, 3), (3, 5), (5, 6)]
    assert split_pseudo_sentences([]) == []


def test_features_clitics_and_gazetteer():
    fx = FeatureExtractor({"بغداد": "CITY", "الولايات المتحده": "CTRY"})
    f = fx.sentence(["وبغداد", "و", "الولايات", "المتحدة"])
    assert "st=بغداد" in f[0] and "gz=CITY" in f[0] and "pf=و" in f[0]
    assert "gB=CTRY" in f[2] and "gI=CTRY" in f[3]


def test_bio_map_cleans_tags():
    table = {"PER": "PER", "LOC": "LOC", "CITY": "GPE"}
    assert _bio_map(["I-PER", "I-PER", "OO", "B-MIS1`", "I-LOC"], table) == ["B-PER", "I-PER", "O", "O", "B-LOC"]
    assert _bio_map(["U-CITY", "B-CITY", "L-CITY"], table, bilou=True) == ["B-GPE", "B-GPE", "I-GPE"]


@pytest.mark.shared
def test_wojood_reader_keeps_outer_spans():
    folder = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "ner" / "wojood-sample"
    if not folder.exists():
        pytest.skip("shared corpora not present")
    sents = read_wojood(folder, ("val.txt",))
    assert sents and all(len(t) == len(y) for t, y in sents)
    assert all("$#$" not in t for t, _ in sents)


def test_lexicon_features():
    fx = FeatureExtractor({}, None, {"جورج": "FN", "بوش": "LN", "جورج بوش": "PER", "حماس": "ORGN"})
    f = fx.sentence(["قال", "وجورج", "بوش", "لحماس"])
    assert "tr=SAY" in f[0] and "+1:lx=FN" in f[0] and "+2:lx=LN" in f[0]
    assert "lx=FN" in f[1] and "lB=PER" in f[1] and "+1:lx=LN" in f[1]
    assert "lx=LN" in f[2] and "lI=PER" in f[2]
    assert "lx=ORGN" in f[3] and "-2:lx=FN" in f[3]


def test_build_lexicon_from_actor_data():
    from hadath.extract.ner import build_lexicon

    lx = build_lexicon()
    assert "FN" in lx["محمد"].split()
    assert lx.get("داعش", "").split() and "ORGN" in lx["داعش"].split()
    assert any(v == "PER" for k, v in lx.items() if " " in k)


def test_propagation_of_family_names():
    from hadath.extract.ner import propagate_labels

    toks = ["قال", "موفق", "الربيعي", "إن", "الربيعي", "سافر"]
    tags = ["O", "B-PER", "I-PER", "O", "O", "O"]
    assert propagate_labels(toks, tags)[4] == "B-PER"
    assert propagate_labels(toks, tags, surname=False)[4] == "O"


def test_model_attribute_dictionary_is_read(tagger: NerTagger):
    from hadath.extract.ner import model_attributes

    known = model_attributes(MODEL_DIR / "model.crfsuite", tagger.labels)
    assert known is not None and len(known) > 1000
    assert "b" in known and "BOS" in known
    assert model_attributes(MODEL_DIR / "model.crfsuite", ["O", "X"]) is None  # labels must match
    assert tagger.features.known == known


def test_filtered_bytes_features_tag_the_same(tagger: NerTagger):
    """Leaving out the attributes the model does not know (and passing bytes) changes no tag."""
    text = ("وقال الرئيس العراقي برهم صالح في بغداد إن الحكومة ستواصل التعاون مع الأمم المتحدة . "
            "وأعلنت وزارة الدفاع الأمريكية أن قواتها وصلت إلى الموصل ومحافظة نينوى شمال العراق .")
    toks = text.split()
    fx = tagger.features
    full = NerTagger(MODEL_DIR).features
    full.set_known(None)  # emits every feature, as in training
    assert full.known is None and fx.known
    for a, b in split_pseudo_sentences(toks):
        sent = toks[a:b]
        every = full.sentence(sent)
        fast = fx.sentence_bytes(sent)
        assert fast == [[x.encode() for x in f if x in fx.known] for f in every]
        assert list(tagger._tagger.tag(every)) == list(tagger._tagger.tag(fast))
        # with the real-valued word-vector features too (what the tagger passes)
        assert list(tagger._tagger.tag(full.items(sent, as_bytes=False))) == list(tagger._tagger.tag(fx.items(sent)))


def test_phrase_marks_match_the_plain_scan():
    fx = FeatureExtractor({"بغداد": "CITY", "الولايات المتحده": "CTRY", "جنوب افريقيا": "CTRY",
                           "مدينه الصدر الكبري": "CITY"})
    toks = ["في", "الولايات", "المتحدة", "وجنوب", "أفريقيا", "ومدينة", "الصدر", "الكبرى", "المتحدة"]
    ws = [fx._pos(t) for t in toks]
    norms = [w[5] for w in ws]
    sas = [w[6] for w in ws]
    assert fx._marks(ws, norms, 7, fx.gaz, ("gB=", "gI=")) == fx._gaz_phrases(sas, norms)
    f = fx.sentence(toks)
    assert "gB=CTRY" in f[1] and "gI=CTRY" in f[2] and "gB=CITY" in f[5] and "gI=CITY" in f[7]


def test_vote_types_majority_type():
    from hadath.extract.ner import vote_types

    toks = ["زار", "باريس", "ثم", "باريس", "و", "باريس", "و", "أحمد"]
    tags = ["O", "B-GPE", "O", "B-GPE", "O", "B-ORG", "O", "B-PER"]
    out = vote_types(toks, tags)
    assert out[5] == "B-GPE"  # the minority type gives way
    assert out[1] == out[3] == "B-GPE" and out[7] == "B-PER"
    # a tie changes nothing
    assert vote_types(toks[:4], ["O", "B-GPE", "O", "B-ORG"]) == ["O", "B-GPE", "O", "B-ORG"]


def test_numpy_scoring_tags_as_crfsuite(tagger: NerTagger):
    """The numpy scorer (per-word cached weights + Viterbi) gives crfsuite's own tags."""
    text = ("وقال الرئيس العراقي برهم صالح في بغداد إن الحكومة ستواصل التعاون مع الأمم المتحدة . "
            "وأعلنت وزارة الدفاع الأمريكية أن قواتها وصلت إلى الموصل ومحافظة نينوى شمال العراق . "
            "التقى وزير الخارجية سيرغي لافروف نظيره الأمريكي في جنيف ، وقال إن روسيا مستعدة . "
            "فاز ريال مدريد على برشلونة 2 - 1 في الدوري الإسباني وسجل كريم بنزيمة الهدفين . "
            "x ؟ ! . ، Apple وIBM 2021")
    toks = text.split()
    n = 0
    for a, b in split_pseudo_sentences(toks):
        sent = toks[a:b]
        assert tagger.crf.tag(sent) == tagger.tag_sentence_crfsuite(sent)
        n += 1
    assert n >= 5
    assert tagger.crf.tag([]) == [] and tagger.crf.tag(["بغداد"]) == tagger.tag_sentence_crfsuite(["بغداد"])


def test_numpy_marginals_are_distributions(tagger: NerTagger):
    import numpy as np

    p = tagger.crf.marginals("قال الرئيس برهم صالح في بغداد".split())
    assert p.shape == (6, len(tagger.labels))
    assert np.allclose(p.sum(1), 1.0)
    best = [tagger.labels[i] for i in p.argmax(1)]
    assert best[2] == "B-PER" and best[5] in ("B-GPE", "B-LOC")


def test_batched_viterbi_gives_the_single_sentence_tags(tagger: NerTagger):
    """Sentences tagged side by side (longest first, ended ones left out) get the tags each
    gets alone, in the caller's order; empty sentences get no tags."""
    text = ("وقال الرئيس العراقي برهم صالح في بغداد إن الحكومة ستواصل التعاون مع الأمم المتحدة . "
            "بغداد . وأعلنت وزارة الدفاع الأمريكية أن قواتها وصلت إلى الموصل . "
            "فاز ريال مدريد على برشلونة 2 - 1 وسجل كريم بنزيمة الهدفين . التقى لافروف نظيره في جنيف .")
    toks = text.split()
    sents = [toks[a:b] for a, b in split_pseudo_sentences(toks)]
    sents = [sents[2], [], sents[1], sents[0], sents[3], sents[1], sents[4]]
    batch = tagger.crf.tag_batch(sents)
    assert batch == [tagger.crf.tag(s) for s in sents]
    assert batch[1] == [] and [len(b) for b in batch] == [len(s) for s in sents]
    assert tagger.tag_sentences(sents) == batch
    assert tagger.crf.tag_batch([]) == [] and tagger.crf.viterbi_batch([]) == []
    import numpy as np

    # ties are broken as the single-sentence Viterbi breaks them (all-zero scores)
    zero = [np.zeros((n, len(tagger.labels))) for n in (3, 1, 5)]
    assert tagger.crf.viterbi_batch(zero) == [tagger.crf.viterbi(z) for z in zero]

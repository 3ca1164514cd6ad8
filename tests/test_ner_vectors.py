"""Word-vector features and the name dictionary of the NER tagger."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from hadath.extract.ner import MODEL_DIR, VECTORS_FILE, lexicon_from_name_db, load_tagger
from hadath.extract.ner_features import FeatureExtractor, WordVectors


def _vectors(scale: float = 1.0, window: int = 1) -> WordVectors:
    # rows: قال -> e0, بغداد -> e1, في -> e2
    return WordVectors(["قال", "بغداد", "في"], np.eye(3, 4, dtype=np.float32), scale=scale, window=window)


def _dense(item: dict) -> dict:
    return {k: v for k, v in item.items() if k.startswith("v") and ":" in k and v}


def test_vector_features_name_the_offset_of_the_word():
    fx = FeatureExtractor(vectors=_vectors())
    items = fx.items(["قال", "في", "بغداد"], as_bytes=False)
    assert _dense(items[0]) == {"v0:0": 1.0, "v1:2": 1.0}
    assert _dense(items[1]) == {"v-1:0": 1.0, "v0:2": 1.0, "v1:1": 1.0}
    assert _dense(items[2]) == {"v-1:2": 1.0, "v0:1": 1.0}
    # the binary features are all there, with value 1
    plain = fx.sentence(["قال", "في", "بغداد"])
    for item, feats in zip(items, plain):
        assert all(item[f] == 1.0 for f in feats)


def test_vector_window_and_scale():
    fx = FeatureExtractor(vectors=_vectors(scale=3.0, window=0))
    items = fx.items(["قال", "في"], as_bytes=False)
    assert _dense(items[0]) == {"v0:0": 3.0}
    assert _dense(items[1]) == {"v0:2": 3.0}


def test_vector_lookup_strips_clitics_and_article():
    wv = _vectors()
    assert wv.row("وبغداد") == 1 and wv.row("لبغداد") == 1
    assert wv.row("وقال") == 0
    assert wv.row("كلمة") is None
    fx = FeatureExtractor(vectors=wv)
    assert _dense(fx.items(["كلمة"], as_bytes=False)[0]) == {}


def test_bytes_items_match_str_items():
    fx = FeatureExtractor(vectors=_vectors())
    toks = ["قال", "في", "بغداد", "شيء"]
    as_str = fx.items(toks, as_bytes=False)
    as_bytes = fx.items(toks)
    assert [{k.decode(): v for k, v in d.items()} for d in as_bytes] == as_str


def test_vectors_save_and_load_quantised(tmp_path: Path):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(5, 8)).astype(np.float32)
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    words = ["ا", "ب", "ت", "ث", "ج"]
    WordVectors.save(tmp_path / "v.npz", words, X, scale=2.0, window=1)
    wv = WordVectors.load(tmp_path / "v.npz")
    assert wv.scale == 2.0 and wv.window == 1 and wv.dims == 8 and wv.matrix.dtype == np.int8
    for w, row in zip(words, X):
        got = np.array([wv.dense(w, False)[1][f"v0:{k}"] for k in range(8)])
        assert np.allclose(got, 2.0 * row, atol=2.0 / 127)


def test_no_vectors_gives_plain_lists():
    fx = FeatureExtractor()
    assert fx.items(["قال", "في"], as_bytes=False) == fx.sentence(["قال", "في"])


def test_packaged_model_uses_vectors():
    if not (MODEL_DIR / VECTORS_FILE).exists():
        pytest.skip("packaged model has no word vectors")
    tagger = load_tagger()
    wv = tagger.features.vectors
    assert wv is not None and wv.dims >= 16 and len(wv.index) >= 10000
    assert tagger.meta.get("vectors", {}).get("dims") == wv.dims


def test_name_dictionary_classes():
    names = lexicon_from_name_db()
    if not names:
        pytest.skip("arabic-name-romanizer not installed")
    assert len(names) > 10000
    cls = names.get("محمد", "")
    assert "NG" in cls.split() and "N3" in cls.split()
    words = {k: v for k, v in names.items() if " " not in k}
    assert all(v.split()[0] in ("NG", "NS") and v.split()[1] in ("N1", "N2", "N3") for v in words.values())
    phrases = {k: v for k, v in names.items() if " " in k}
    assert phrases and set(phrases.values()) == {"PER"}
    assert all(2 <= k.count(" ") + 1 <= 4 for k in phrases)
    assert not any(" " in k for k in lexicon_from_name_db(full_names=False))



def test_unlabeled_texts_from_several_files(tmp_path: Path):
    import gzip
    import json

    from hadath.extract.ner import _sources, iter_unlabeled_many

    a = tmp_path / "a.jsonl.gz"
    with gzip.open(a, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"text": "قال الرئيس"}) + "\n" + "not json\n" + json.dumps({"text": "في بغداد"}) + "\n")
    b = tmp_path / "b.txt"
    b.write_text("سطر أول\nسطر ثان\n", encoding="utf-8")
    texts = [t.strip() for t in iter_unlabeled_many([a, b])]
    assert texts == ["قال الرئيس", "في بغداد", "سطر أول", "سطر ثان"]
    assert [t.strip() for t in iter_unlabeled_many(b)] == ["سطر أول", "سطر ثان"]
    assert _sources([a, b]) == f"{a},{b}" and _sources(None) == ""

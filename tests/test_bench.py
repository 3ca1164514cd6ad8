"""``hadath bench`` on a tiny generated corpus (the heavy baselines are optional and slow)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from hadath import bench
from hadath.cli import main

_SENTS = [
    "قتل ثلاثة مدنيين وأصيب خمسة آخرون في قصف مدفعي على بلدة قرب حلب صباح الاثنين.",
    "وقال المرصد السوري لحقوق الإنسان إن الطائرات شنت عشرات الغارات على المنطقة.",
    "أعلنت وزارة الداخلية اعتقال ١٢ شخصا يشتبه في انتمائهم إلى خلية مسلحة في 3 آذار 2024.",
    "وأكد المتحدث باسم الحكومة أن «الوضع تحت السيطرة» وأن التحقيقات جارية!",
]


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """12 records (ids a00..a11), 2 unusable; the ids file lists a07 and a03 (conflict subset)."""
    lines = []
    for i in range(12):
        if i == 5:
            lines.append(json.dumps({"id": "a05", "text": "English only, not Arabic."}))
            continue
        if i == 9:
            lines.append("{broken")
            continue
        text = " ".join(_SENTS[(i + k) % len(_SENTS)] for k in range(3 + i % 3))
        lines.append(json.dumps({"id": f"a{i:02d}", "text": text, "published": "2024-03-14"}, ensure_ascii=False))
    path = tmp_path / "articles.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    (tmp_path / bench.SUBSET_NAME).write_text("a07\na03\n", encoding="utf-8")
    return path


def test_load_articles_subset_first(corpus: Path) -> None:
    arts = bench.load_articles(corpus, 5)
    assert [a["id"] for a in arts] == ["a03", "a07", "a00", "a01", "a02"]
    everything = bench.load_articles(corpus, 100)
    ids = [a["id"] for a in everything]
    assert len(ids) == 10 and "a05" not in ids and len(set(ids)) == 10


def test_regex_floor_tokenizer() -> None:
    text = "قتل ثلاثة، وأصيب «خمسة» آخرون!!! في 2024/03/14 (حلب)"
    toks = bench.regex_word_tokenize(text)
    assert toks == ["قتل", "ثلاثة", "،", "وأصيب", "«", "خمسة", "»", "آخرون", "!", "!", "!", "في",
                    "2024", "/", "03", "/", "14", "(", "حلب", ")"]
    assert bench.regex_word_tokenize("قَتَلَ") == ["قَتَلَ"]  # diacritics stay in the word


def test_regex_floor_matches_camel_tools() -> None:
    camel = pytest.importorskip("camel_tools.tokenizers.word")
    texts = [" ".join(_SENTS), "«««قال»»» ... !!! ١٢٫٥ % $ - — ؟ ؛", "word, other-word; a.b 3.5"]
    for t in texts:
        assert bench.regex_word_tokenize(t) == camel.simple_word_tokenize(t)


def test_floor_label_when_skipped() -> None:
    tok, label, real = bench.floor_tokenizer(skip_camel=True)
    assert not real and label.startswith("regex tokenizer") and tok("أ، ب") == ["أ", "،", "ب"]


def test_hashed_ids_chunks() -> None:
    chunks = bench.hashed_ids(" ".join(["كلمة"] * 1200))
    assert [len(c) for c in chunks] == [512, 512, 182]
    assert all(c[0] == 2 and c[-1] == 3 for c in chunks)
    assert all(5 <= x < 64000 for c in chunks for x in c[1:-1])
    assert bench.hashed_ids("") == [[2, 3]]


def test_ratios_and_targets() -> None:
    res = {
        "hadath": {"articles_per_s": 100.0, "peak_rss_mb": 120.0, "per_article_cpu_s": [0.01] * 10},
        "bert": {"articles": 2, "cpu_s": 2.0, "articles_per_s": 1.0},  # same 2 texts: 2.0 s vs 0.02 s
        "dateparser": {"articles": 5, "cpu_s": 0.25, "articles_per_s": 20.0},
        "times_stage": {"articles": 5, "cpu_s": 0.005},
        "floor": {"articles_per_s": 400.0},
        "cold_start": {"total_s": 2.5},
    }
    res["ratios"] = bench.compute_ratios(res)
    assert res["ratios"] == {"hadath_vs_bert": 100.0, "hadath_vs_dateparser": 5.0, "floor_vs_hadath": 4.0,
                             "hadath_times_stage_vs_dateparser": 50.0}
    t = bench.check_targets(res)
    assert t["articles_per_s"]["met"] and t["x_bert"]["met"] and t["peak_rss_mb"]["met"]
    assert t["cold_start_s"]["met"] is False
    assert bench.check_targets({})["x_bert"]["met"] is None


def test_update_readme_markers(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# x\n\n## Current figures\n\n<!-- figures:start -->\nF\n<!-- figures:end -->\n\n"
                      "## Data and licences\n\nD\n", encoding="utf-8")
    assert bench.update_readme(readme, "TABLE 1")
    text = readme.read_text(encoding="utf-8")
    assert text.index("<!-- figures:end -->") < text.index(bench.README_START) < text.index("## Data and licences")
    assert "TABLE 1" in text
    assert bench.update_readme(readme, "TABLE 2")
    text = readme.read_text(encoding="utf-8")
    assert "TABLE 2" in text and "TABLE 1" not in text and text.count(bench.README_START) == 1
    assert not bench.update_readme(readme, "TABLE 2")
    assert text.endswith("## Data and licences\n\nD\n")


def test_bench_command_small(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    r = CliRunner().invoke(main, ["bench", "--corpus", str(corpus), "--n", "6", "--out", str(out), "--skip-bert",
                                  "--skip-dateparser", "--skip-camel", "--cold-runs", "1", "--profile"])
    assert r.exit_code == 0, r.output
    res = json.loads(out.read_text(encoding="utf-8"))
    assert res["n"] == 6 and res["n_subset"] == 2
    h = res["hadath"]
    assert h["articles"] == 6 and h["errors"] == 0 and h["articles_per_s"] > 0 and h["words_per_s"] > 0
    assert h["peak_rss_mb"] > 0 and "to_record" in h["stage_s"]
    assert set(h["stage_s"]) - {"to_record"} == {n.split(".")[0] for n in h["stages"]}
    cold = res["cold_start"]
    assert cold["total_s"] > 0 and cold["import_s"] > 0 and cold["runs"] == 1
    assert res["floor"]["label"] == "regex tokenizer (camel-tools skipped)" and res["floor"]["tokens"] > 0
    assert "bert" not in res and "dateparser" not in res
    assert res["ratios"]["floor_vs_hadath"] > 0 and res["ratios"]["hadath_vs_bert"] is None
    assert set(res["profile"]) == {n.split(".")[0] for n in h["stages"]}
    assert "| hadath full pipeline | 6 |" in r.output


def test_dateparser_baseline(corpus: Path) -> None:
    pytest.importorskip("dateparser")
    arts = bench.load_articles(corpus, 4)
    res = bench.bench_dateparser(arts, subset=2)
    assert res["articles"] == 2 and res["extrapolated"] and res["articles_per_s"] > 0


@pytest.mark.slow
def test_bert_baseline(corpus: Path) -> None:
    pytest.importorskip("torch")
    arts = bench.load_articles(corpus, 3)
    res = bench.bench_bert(arts, subset=1)
    assert res["threads"] == 1 and res["articles"] == 1 and res["params_m"] > 100

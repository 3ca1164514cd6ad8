"""GSR scoring, negatives sampling, README figures, the gate and the CLI (no pipeline run)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from click.testing import CliRunner

from hadath.evaluation import figures as F
from hadath.evaluation.cli import eval_group
from hadath.evaluation.gsr import (
    GsrSentence,
    aggregate_gsr,
    code_match,
    headline_gsr,
    read_gsr,
    sample_negatives,
    score_sentence,
    split_sentences,
)

XML = """<?xml version='1.0' encoding='utf-8'?>
<Validation><Sentences>
<Sentence category="ASSAULT" date="20080110" evaluate="true" id="s1" sentence="True" source="ud">
<EventText eid="0" eventtext="" sourcetext="مسلحون" targettext="جنود عراقيين" />
<EventCoding eid="0" eventcode="" plover="ASSAULT" sourcecode="None UAF" targetcode="IRQ MIL" />
<Text>
هاجم مسلحون جنودا عراقيين في الموصل.
</Text>
<Parse>1	x	x	X	_	_	0	root	_	_
</Parse></Sentence>
<Sentence category="PROTEST" date="20071208" evaluate="true" id="s2" sentence="True" source="ud">
<EventText eid="0" eventtext="" sourcetext="" targettext="" />
<EventCoding eid="0" eventcode="" plover="PROTEST" sourcecode="None None" targetcode="None None" />
<Text>تظاهر آلاف في القاهرة.</Text>
</Sentence>
</Sentences></Validation>
"""


def _ev(t: str, a1: dict | None = None, a2: dict | None = None) -> dict:
    return {"event_type": t, "actor1": a1, "actor2": a2, "status": "reported"}


def test_read_gsr(tmp_path: Path) -> None:
    p = tmp_path / "g.xml"
    p.write_text(XML, encoding="utf-8")
    s = read_gsr(p)
    assert [x.id for x in s] == ["s1", "s2"]
    assert s[0].date == "2008-01-10" and s[0].category == "ASSAULT"
    assert s[0].text == "هاجم مسلحون جنودا عراقيين في الموصل."
    assert s[0].source_text == ["مسلحون"] and s[0].target_code == ["IRQ MIL"]
    assert s[1].source_text == [] and s[1].source_code == []  # «None None» is not an annotation


def test_code_match() -> None:
    iraqi_army = {"name": "Military Forces of Iraq", "name_ar": "الجيش", "inter": 1, "country": "IRQ"}
    assert code_match("IRQ MIL", iraqi_army)
    assert not code_match("USA MIL", iraqi_army)
    assert not code_match("IRQ CVL", iraqi_army)
    assert code_match("None MIL", iraqi_army)
    civ = {"name": "Civilians (Iraq)", "inter": 7, "country": "Iraq"}
    assert code_match("IRQ CVL", civ)
    assert not code_match("None None", civ)
    assert code_match("None UAF", {"name": "Unidentified Armed Group (Iraq)", "inter": 3})
    assert not code_match("IRQ MIL", None)


def test_score_sentence_classes_and_actors() -> None:
    gs = GsrSentence("s1", "ASSAULT", "…", "2008-01-10", ["مسلحون"], ["جنود عراقيين"], ["None UAF"], ["IRQ MIL"])
    rec = {"events": [_ev("Battles", {"name": "Unidentified Armed Group (Iraq)", "name_ar": "مسلحين"}, {"name": "Military Forces of Iraq", "inter": 1, "country": "IRQ"})]}
    r = score_sentence(gs, rec)
    assert r["found"] and r["source"]["ok"] and r["target"]["ok"]
    # a protest event is not the right class for an ASSAULT sentence
    r = score_sentence(gs, {"events": [_ev("Protests")]})
    assert not r["found"] and r["any"] and not r["source"]["ok"]
    pr = GsrSentence("s2", "PROTEST", "…", None)
    r = score_sentence(pr, {"events": [_ev("Riots")]})
    assert r["found"] and not r["source"]["annotated"]
    s = aggregate_gsr(
        [score_sentence(gs, rec), score_sentence(pr, None)],
        [{"violent": True, "pred": ["x"]}, {"violent": False, "pred": []}, {"violent": False, "pred": ["Arrests"]}, {"violent": False, "pred": []}],
    )
    h = headline_gsr(s)
    assert h["gsr.assault_recall"] == 1.0 and h["gsr.protest_recall"] == 0.0 and h["gsr.recall"] == 0.5
    assert h["gsr.source_accuracy"] == 1.0 and h["gsr.negatives_fp_rate"] == 0.25


def test_split_and_sample_negatives(tmp_path: Path) -> None:
    long = " ".join(["كلمة"] * 10)
    assert split_sentences(f"قصير. {long}؟ " + " ".join(["x"] * 70)) == [long]
    corpus = tmp_path / "c.jsonl.gz"
    with gzip.open(corpus, "wt", encoding="utf-8") as fh:
        for i in range(30):
            fh.write(json.dumps({"id": f"a{i:02d}", "retrieved": "2015-07-01 10:00:00", "text": f"{long} {i}. قصير"}) + "\n")
    a = sample_negatives(corpus, {"a00", "a01"}, n=10, seed=1)
    b = sample_negatives(corpus, {"a00", "a01"}, n=10, seed=1)
    assert a == b and len(a) == 10
    assert not {x["article"] for x in a} & {"a00", "a01"}
    assert a[0]["date"] == "2015-07-01"


def test_readme_markers(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# t\n\nintro\n", encoding="utf-8")
    assert F.update_readme(readme, "table 1")
    assert F.START in readme.read_text() and "table 1" in readme.read_text()
    readme.write_text(readme.read_text() + "\nafter\n", encoding="utf-8")
    assert F.update_readme(readme, "table 2")
    text = readme.read_text()
    assert "table 2" in text and "table 1" not in text and text.endswith("after\n")
    assert not F.update_readme(readme, "table 2")
    md = F.figures_markdown({"events": {"figures": {"events.event_f1": 0.5}}}, "abc123", "2025-01-01")
    assert "abc123" in md and "0.500" in md


def test_gate_compare(tmp_path: Path) -> None:
    sections = {"events": {"figures": {"events.event_f1": 0.50, "events.main_found": 0.70}, "corpus": {"eval/dev-gold.jsonl": "aaa"}},
                "gsr": {"figures": {"gsr.negatives_fp_rate": 0.10}, "corpus": {}}}
    path = tmp_path / "baseline.json"
    base = F.write_baseline(sections, path)
    assert F.read_baseline(path)["figures"]["events.event_f1"] == 0.5
    # within tolerance
    now = {"events": {"figures": {"events.event_f1": 0.485, "events.main_found": 0.9}, "corpus": {"eval/dev-gold.jsonl": "aaa"}},
           "gsr": {"figures": {"gsr.negatives_fp_rate": 0.115}}}
    rows, _ = F.compare(now, base)
    assert all(v in ("ok", "skip") for *_, v in rows)
    # a drop of more than 0.02, and a rise of the FP rate
    now["events"]["figures"]["events.event_f1"] = 0.47
    now["gsr"]["figures"]["gsr.negatives_fp_rate"] = 0.13
    rows, _ = F.compare(now, base)
    verdict = {f: v for f, _, _, v in rows}
    assert verdict["events.event_f1"] == "FAIL" and verdict["gsr.negatives_fp_rate"] == "FAIL"
    # a changed gold file: no verdict on that section
    now["events"]["corpus"] = {"eval/dev-gold.jsonl": "bbb"}
    rows, notes = F.compare(now, base)
    assert {f: v for f, _, _, v in rows}["events.event_f1"] == "skip" and notes
    # a skipped section keeps its old figures in an update
    base2 = F.write_baseline({"gsr": {"figures": {"gsr.negatives_fp_rate": 0.05}}}, path, base)
    assert base2["figures"]["events.event_f1"] == 0.5 and base2["figures"]["gsr.negatives_fp_rate"] == 0.05


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def test_cli_events_with_predictions(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    pred = tmp_path / "pred.jsonl"
    ev = {"main": True, "event_type": "Riots", "sub_event_type": "Violent demonstration", "event_date": "2018-03-01",
          "location": {"name": "Basra", "name_ar": "البصرة", "country": "Iraq", "admin1": "Basra", "latitude": 30.5, "longitude": 47.8},
          "actor1": "Rioters (Iraq)", "actor1_ar": "محتجون", "actor2": None, "actor2_ar": None, "fatalities": None, "injured": 3}
    _write_jsonl(gold, [{"id": "x1", "published": "2018-03-01", "has_violent_event": True, "events": [ev], "statements": []},
                        {"id": "x2", "published": "2018-03-02", "has_violent_event": False, "events": [], "statements": []}])
    pev = {"id": "e1", "main": True, "event_type": "Riots", "sub_event_type": "Violent demonstration", "event_date": "2018-03-01",
           "location": {"name": "Basra", "name_ar": "البصرة", "country": "Iraq", "admin1": "Basra", "latitude": 30.51, "longitude": 47.81},
           "actor1": {"name": "Rioters (Iraq)", "name_ar": "المحتجين"}, "actor2": None, "fatalities": None, "injured": 2,
           "evidence": {"trigger": [{"start": 0, "end": 5, "text": "أحرق"}]}}
    _write_jsonl(pred, [{"article": {"id": "x1", "published": "2018-03-01"}, "events": [pev], "statements": []}])
    out = tmp_path / "rep"
    res = CliRunner().invoke(eval_group, ["events", "--gold", str(gold), "--predictions", str(pred), "--report", str(out)])
    assert res.exit_code == 0, res.output
    assert "events (all types)" in res.output
    data = json.loads((out / "events.json").read_text(encoding="utf-8"))
    assert data["headline"]["events.event_f1"] == 1.0
    assert data["headline"]["events.main_injured"] == 0.0 and data["headline"]["events.main_fatalities"] == 1.0
    md = (out / "events.md").read_text(encoding="utf-8")
    assert "| injured | 3 | 2 |" in md
    assert "no prediction for this article" in md  # x2 had no record


def test_cli_lists_commands() -> None:
    res = CliRunner().invoke(eval_group, ["--help"])
    assert res.exit_code == 0
    for name in ("events", "gsr", "figures", "gate"):
        assert name in res.output


def test_gate_without_shared(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("HADATH_SHARED", str(tmp_path / "missing"))
    res = CliRunner().invoke(eval_group, ["gate"])
    assert res.exit_code == 0 and "skipping" in res.output


def _gold_as_record(g: dict) -> dict:
    """The gold line written as a predicted record (an oracle)."""
    evs = []
    for i, e in enumerate(g["events"]):
        p = {k: v for k, v in e.items() if not k.endswith("_ar") and k not in ("actor1", "actor2")}
        p["id"] = f"e{i + 1}"
        for a in ("actor1", "actor2"):
            p[a] = {"name": e[a], "name_ar": e.get(f"{a}_ar")} if e.get(a) else None
        evs.append(p)
    sts = [{"text": s["quote_ar"], "speaker": {"name": s["speaker"], "name_ar": s.get("speaker_ar")}} for s in g["statements"]]
    return {"article": {"id": g["id"], "published": g["published"]}, "events": evs, "statements": sts}


def test_gold_oracle_scores_perfectly(shared_dir: Path) -> None:
    from hadath.evaluation.events import aggregate, headline, read_jsonl, score_article

    gold = list(read_jsonl(shared_dir / "eval" / "dev-gold.jsonl"))
    s = aggregate(score_article(g, _gold_as_record(g)) for g in gold)
    h = headline(s)
    assert all(v == 1.0 for v in h.values()), {k: v for k, v in h.items() if v != 1.0}
    # and an empty prediction scores 0 on every event figure
    h0 = headline(aggregate(score_article(g, None) for g in gold))
    assert h0["events.event_f1"] == 0.0 and h0["events.main_found"] == 0.0

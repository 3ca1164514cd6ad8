"""UniversalPetrarch's Arabic gold standard (GSR) as a sentence-level check, plus negatives.

Each ``<Sentence>`` of the validation XML is coded ASSAULT or PROTEST with the source/target
actor text (``EventText``) and CAMEO-style actor codes (``EventCoding``: "IRQ MIL", "None CVL").
We run every sentence as a one-sentence Document and ask: is an event of the right ACLED class
found, and do its actors match the annotated source and target (Arabic words or country/sector
code)? Since every GSR sentence is positive, precision is estimated on negatives: sentences
from SaudiNewsNet articles outside the conflict-keyword subset.
"""

from __future__ import annotations

import random
import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hadath.evaluation.match import arabic_overlap, country_iso3, name_key

CLASS_TYPES = {
    "ASSAULT": frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"}),
    "PROTEST": frozenset({"Protests", "Riots"}),
}
VIOLENT_TYPES = CLASS_TYPES["ASSAULT"] | CLASS_TYPES["PROTEST"]

NEGATIVE_SEED = 20240601
NEGATIVE_N = 500
MIN_WORDS, MAX_WORDS = 8, 60

# CAMEO sector codes an actor of each ACLED inter code can carry.
_INTER_SECTORS = {
    1: {"MIL", "GOV", "COP", "SPY", "JUD", "LEG", "ELI"},
    2: {"REB", "UAF", "IMG", "INS", "SEP"},
    3: {"UAF", "REB", "IMG", "INS", "CRM", "PTY"},
    4: {"UAF", "REB", "IMG", "ETH", "KUR"},
    5: {"CVL", "OPP", "EDU", "LAB", "BUS", "REL", "PTY", "MED", "CRM"},
    6: {"CVL", "OPP", "EDU", "LAB", "BUS", "REL", "PTY", "MED"},
    7: {"CVL", "EDU", "BUS", "REL", "MED", "LAB", "OPP", "PTY", "ELI", "LEG", "JUD", "HLH", "REF", "AGR"},
    8: {"IGO", "INT", "NGO", "MIL"},
}
# Words of a canonical English actor name that imply a sector.
_NAME_SECTORS = (
    ("police", {"COP"}),
    ("security", {"COP", "MIL"}),
    ("military", {"MIL"}),
    ("army", {"MIL"}),
    ("armedforces", {"MIL"}),
    ("coalition", {"MIL"}),
    ("navy", {"MIL"}),
    ("airforce", {"MIL"}),
    ("government", {"GOV"}),
    ("civilian", {"CVL"}),
    ("protester", {"CVL", "OPP"}),
    ("rioter", {"CVL", "OPP"}),
    ("student", {"EDU"}),
    ("teacher", {"EDU"}),
    ("journalist", {"MED"}),
    ("rebel", {"REB"}),
    ("insurgent", {"REB", "UAF"}),
    ("unidentified", {"UAF"}),
    ("militia", {"UAF", "REB"}),
    ("opposition", {"OPP"}),
    ("islamicstate", {"IMG", "REB", "UAF"}),
    ("alqaeda", {"IMG", "REB", "UAF"}),
    ("taliban", {"REB", "UAF"}),
    ("hamas", {"REB", "UAF", "PTY"}),
    ("hezbollah", {"REB", "UAF", "PTY"}),
    ("kurd", {"KUR", "REB"}),
    ("unitednations", {"IGO"}),
)


@dataclass(slots=True)
class GsrSentence:
    id: str
    category: str
    text: str
    date: str | None
    source_text: list[str] = field(default_factory=list)
    target_text: list[str] = field(default_factory=list)
    source_code: list[str] = field(default_factory=list)
    target_code: list[str] = field(default_factory=list)
    file: str = ""


def _iso(d: str | None) -> str | None:
    if d and re.fullmatch(r"\d{8}", d):
        return f"{d[:4]}-{d[4:6]}-{d[6:]}"
    if d and re.fullmatch(r"\d{4}-\d{2}-\d{2}", d):
        return d
    return None


def read_gsr(path: str | Path) -> list[GsrSentence]:
    """Parse one UniversalPetrarch validation XML file."""
    root = ET.parse(str(path)).getroot()
    out = []
    for s in root.iter("Sentence"):
        if s.get("evaluate", "true").lower() == "false":
            continue
        text_el = s.find("Text")
        text = " ".join((text_el.text or "").split()) if text_el is not None else ""
        if not text:
            continue
        codings = s.findall("EventCoding")
        cat = s.get("category") or (codings[0].get("plover") if codings else "") or ""
        gs = GsrSentence(id=s.get("id") or "", category=cat.upper(), text=text, date=_iso(s.get("date")), file=Path(path).name)
        for et in s.findall("EventText"):
            for attr, lst in (("sourcetext", gs.source_text), ("targettext", gs.target_text)):
                v = (et.get(attr) or "").strip()
                if v:
                    lst.append(v)
        for ec in codings:
            for attr, lst in (("sourcecode", gs.source_code), ("targetcode", gs.target_code)):
                v = (ec.get(attr) or "").strip()
                if v and any(p != "None" for p in v.split()):
                    lst.append(v)
        out.append(gs)
    return out


# ----------------------------------------------------------------------------- scoring
def actor_sectors(actor: dict[str, Any]) -> set[str]:
    """Sector codes a predicted actor can carry (from its inter code and English name)."""
    out: set[str] = set()
    inter = actor.get("inter")
    if isinstance(inter, int) and inter in _INTER_SECTORS:
        out |= _INTER_SECTORS[inter]
    k = name_key(actor.get("name"))
    for word, secs in _NAME_SECTORS:
        if word in k:
            out |= secs
    return out


def code_match(code: str, actor: dict[str, Any] | None) -> bool:
    """Does the predicted actor fit a CAMEO-style code «CTY SEC» (parts may be «None»)?

    Every part known on both sides must agree; at least one part must be compared.
    """
    if not actor:
        return False
    parts = [p for p in code.split()]
    g_cty = parts[0] if parts and parts[0] != "None" and len(parts[0]) == 3 else None
    g_sec = parts[1] if len(parts) > 1 and parts[1] != "None" else None
    if g_cty is None and len(parts) == 1 and parts[0] != "None" and len(parts[0]) == 3 and not country_iso3(parts[0]):
        g_sec = parts[0]
    compared = False
    p_cty = country_iso3(actor.get("country")) if actor.get("country") else None
    if g_cty and p_cty:
        if g_cty != p_cty:
            return False
        compared = True
    if g_sec:
        secs = actor_sectors(actor)
        if secs:
            if g_sec not in secs:
                return False
            compared = True
    return compared


def actor_matches(texts: list[str], codes: list[str], actors: Iterable[dict[str, Any] | None]) -> bool:
    for a in actors:
        if not a:
            continue
        if any(arabic_overlap(t, a.get("name_ar")) for t in texts):
            return True
        if any(code_match(c, a) for c in codes):
            return True
    return False


def _pred_desc(e: dict[str, Any]) -> str:
    def an(a: dict[str, Any] | None) -> str:
        if not a:
            return "–"
        bits = [str(a.get("name"))]
        if a.get("name_ar"):
            bits.append(f"«{a['name_ar']}»")
        extra = ",".join(str(x) for x in (a.get("country"), a.get("inter")) if x is not None)
        if extra:
            bits.append(f"[{extra}]")
        return " ".join(bits)

    return f"{e.get('event_type')}: {an(e.get('actor1'))} → {an(e.get('actor2'))}"


def score_sentence(gs: GsrSentence, record: dict[str, Any] | None) -> dict[str, Any]:
    """Score one GSR sentence against the predicted record of that sentence (pure)."""
    events = [e for e in ((record or {}).get("events") or []) if e.get("status") != "denied"]
    right = [e for e in events if e.get("event_type") in CLASS_TYPES.get(gs.category, frozenset())]
    res: dict[str, Any] = {
        "id": gs.id,
        "category": gs.category,
        "text": gs.text,
        "found": bool(right),
        "any": any(e.get("event_type") in VIOLENT_TYPES for e in events),
        "pred": [_pred_desc(e) for e in events],
    }
    for role, texts, codes, key in (
        ("source", gs.source_text, gs.source_code, "1"),
        ("target", gs.target_text, gs.target_code, "2"),
    ):
        annotated = bool(texts or codes)
        cand = [a for e in right for a in [e.get(f"actor{key}")] + list(e.get(f"assoc_actor_{key}") or [])]
        ok = annotated and actor_matches(texts, codes, cand)
        res[role] = {
            "annotated": annotated,
            "ok": bool(ok),
            "gold_text": " / ".join(texts) or None,
            "gold_code": " / ".join(codes) or None,
            "pred": "; ".join(_pred_desc(e) for e in right) or None,
        }
    return res


def _r(n: int, d: int) -> float | None:
    return n / d if d else None


def aggregate_gsr(sentences: list[dict[str, Any]], negatives: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    def block(rows: list[dict[str, Any]]) -> dict[str, Any]:
        found = sum(r["found"] for r in rows)
        anyc = sum(r["any"] for r in rows)
        b: dict[str, Any] = {"n": len(rows), "found": found, "recall": _r(found, len(rows)), "any": anyc, "any_rate": _r(anyc, len(rows))}
        for role in ("source", "target"):
            ann = [r for r in rows if r[role]["annotated"]]
            ok = sum(r[role]["ok"] for r in ann)
            ann_found = [r for r in ann if r["found"]]
            b[f"{role}_n"] = len(ann)
            b[f"{role}_ok"] = ok
            b[f"{role}_accuracy"] = _r(ok, len(ann))
            b[f"{role}_accuracy_found"] = _r(ok, len(ann_found))
        return b

    cats = sorted({r["category"] for r in sentences})
    out: dict[str, Any] = {"categories": {c: block([r for r in sentences if r["category"] == c]) for c in cats}, "all": block(sentences)}
    if negatives is not None:
        fp = sum(1 for n in negatives if n["violent"])
        anyev = sum(1 for n in negatives if n["pred"])
        out["negatives"] = {"n": len(negatives), "fp": fp, "fp_rate": _r(fp, len(negatives)), "any_event": anyev}
    return out


def headline_gsr(summary: dict[str, Any]) -> dict[str, float]:
    def v(x: Any) -> float:
        return round(float(x), 4) if x is not None else 0.0

    out = {}
    for c, b in summary["categories"].items():
        out[f"gsr.{c.lower()}_recall"] = v(b["recall"])
    out["gsr.recall"] = v(summary["all"]["recall"])
    out["gsr.source_accuracy"] = v(summary["all"]["source_accuracy"])
    out["gsr.target_accuracy"] = v(summary["all"]["target_accuracy"])
    if summary.get("negatives"):
        out["gsr.negatives_fp_rate"] = v(summary["negatives"]["fp_rate"])
    return out


# ----------------------------------------------------------------------------- negatives
_SENT_SPLIT = re.compile(r"[.!?؟\n\r]+")


def split_sentences(text: str) -> list[str]:
    """Split on . ! ? ؟ and newlines; keep sentences of MIN_WORDS..MAX_WORDS words."""
    out = []
    for s in _SENT_SPLIT.split(text or ""):
        s = " ".join(s.split())
        if MIN_WORDS <= len(s.split()) <= MAX_WORDS:
            out.append(s)
    return out


def sample_negatives(
    corpus: str | Path,
    exclude_ids: set[str],
    n: int = NEGATIVE_N,
    seed: int = NEGATIVE_SEED,
) -> list[dict[str, Any]]:
    """``n`` sentences (one per article) from articles whose id is not in ``exclude_ids``."""
    from hadath.evaluation.events import read_jsonl

    arts = {a["id"]: a for a in read_jsonl(corpus) if a.get("id") and a["id"] not in exclude_ids}
    ids = sorted(arts)
    rng = random.Random(seed)
    rng.shuffle(ids)
    out = []
    for aid in ids:
        sents = split_sentences(arts[aid].get("text") or "")
        if not sents:
            continue
        s = rng.choice(sents)
        date = (arts[aid].get("published") or arts[aid].get("retrieved") or "")[:10] or None
        out.append({"article": aid, "text": s, "date": date})
        if len(out) >= n:
            break
    return out


def read_ids(path: str | Path) -> set[str]:
    p = Path(path)
    if not p.exists():
        return set()
    return {ln.strip() for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()}


# ----------------------------------------------------------------------------- running
def _run_texts(items: Iterable[tuple[str, str, str | None]]) -> Iterator[dict[str, Any]]:
    """Run the pipeline on (id, text, date) one-sentence documents; yield records."""
    from hadath.document import Document
    from hadath.pipeline import get_pipeline
    from hadath.record import to_record

    pipe = get_pipeline()
    for sid, text, date in items:
        try:
            yield to_record(pipe(Document(text=text, id=sid, published=date)))
        except Exception as exc:  # noqa: BLE001
            yield {"article": {"id": sid}, "events": [], "_errors": [f"{type(exc).__name__}: {exc}"]}


def run_gsr(
    xml_paths: list[str | Path],
    negatives_corpus: str | Path | None = None,
    exclude_ids: set[str] | None = None,
    n_negatives: int = NEGATIVE_N,
    seed: int = NEGATIVE_SEED,
) -> dict[str, Any]:
    """Run the pipeline on the GSR sentences (and negatives) and score them."""
    t0 = time.perf_counter()
    sents = [s for p in xml_paths for s in read_gsr(p)]
    recs = list(_run_texts((s.id, s.text, s.date) for s in sents))
    rows = [score_sentence(s, r) for s, r in zip(sents, recs)]
    errors = [r.get("_errors") for r in recs if r.get("_errors")]
    negs_out = None
    if negatives_corpus and n_negatives > 0 and Path(negatives_corpus).exists():
        negs = sample_negatives(negatives_corpus, exclude_ids or set(), n_negatives, seed)
        nrecs = list(_run_texts((f"{n['article']}#neg", n["text"], n["date"]) for n in negs))
        negs_out = []
        for n, r in zip(negs, nrecs):
            evs = [e for e in (r.get("events") or []) if e.get("status") != "denied"]
            negs_out.append(
                {
                    "article": n["article"],
                    "text": n["text"],
                    "violent": any(e.get("event_type") in VIOLENT_TYPES for e in evs),
                    "pred": [_pred_desc(e) for e in evs],
                }
            )
            errors += [r["_errors"]] if r.get("_errors") else []
    summary = aggregate_gsr(rows, negs_out)
    summary["seconds"] = round(time.perf_counter() - t0, 2)
    summary["n_errors"] = len(errors)
    return {
        "summary": summary,
        "headline": headline_gsr(summary),
        "sentences": rows,
        "negatives": negs_out,
        "errors": errors[:50],
    }

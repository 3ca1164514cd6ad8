"""Event-level evaluation against gold article records (``../shared/eval/dev-gold.jsonl``).

:func:`score_article` is a pure function of one gold line and one predicted article record
(both dicts); :func:`aggregate` turns a list of its results into figures. :func:`run_events`
joins gold lines with articles, runs the pipeline (imported lazily) or reads predictions, and
scores. The rules are documented in ``docs/evaluation.md``.
"""

from __future__ import annotations

import gzip
import json
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from hadath.evaluation.match import (
    MAIN_LOCATION_KM,
    NON_VIOLENT_TYPES,
    QUOTE_MIN_COVERAGE,
    actor_ok,
    actor_text,
    admin1_ok,
    best_statement,
    distance_km,
    match_events,
    pair_compatible,
    prf,
    subtype_ok,
    type_ok,
)

#: Fields compared on each gold main event and its matched prediction, in report order.
MAIN_FIELDS = (
    "event_type",
    "sub_event_type",
    "event_date",
    "location",
    "admin1",
    "fatalities",
    "injured",
    "actor1",
    "actor2",
)

# which evidence key of the prediction explains each field
_EVIDENCE_KEY = {
    "event_type": ("trigger",),
    "sub_event_type": ("trigger", "sub_event_type", "weapon"),
    "event_date": ("event_date", "date", "time"),
    "location": ("location",),
    "admin1": ("location",),
    "fatalities": ("fatalities",),
    "injured": ("injured",),
    "actor1": ("actor1",),
    "actor2": ("actor2",),
}


# nearest candidates first when explaining a missed gold event
_WHY_RANK = {"compatible": 0, "compatible,": 0, "place": 1, "dates": 2, "prediction": 3, "country": 4}

# ----------------------------------------------------------------------------- io
def open_text(path: str | Path):  # type: ignore[no-untyped-def]
    p = str(path)
    if p.endswith(".gz"):
        return gzip.open(p, "rt", encoding="utf-8")
    return open(p, encoding="utf-8")


def read_jsonl(path: str | Path) -> Iterator[dict[str, Any]]:
    with open_text(path) as fh:
        for line in fh:
            line = line.strip()
            if line:
                yield json.loads(line)


# ----------------------------------------------------------------------------- helpers
def is_violent(ev: dict[str, Any]) -> bool:
    return bool(ev.get("event_type")) and ev.get("event_type") not in NON_VIOLENT_TYPES


def predicted_events(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The record's events that claim an incident happened (status «denied» is dropped)."""
    return [e for e in (record.get("events") or []) if e.get("status") != "denied"]


def evidence_text(pred_ev: dict[str, Any] | None, field: str) -> str | None:
    """The evidence spans of a predicted event for ``field`` (falls back to the trigger)."""
    if not pred_ev:
        return None
    evd = pred_ev.get("evidence") or {}
    for key in _EVIDENCE_KEY.get(field, (field,)) + ("trigger",):
        spans = evd.get(key)
        if spans:
            return " | ".join(str(s.get("text", "")) for s in spans if isinstance(s, dict))
    return None


def _loc_text(loc: dict[str, Any] | None) -> str | None:
    if not loc:
        return None
    parts = [str(loc.get("name"))]
    if loc.get("name_ar"):
        parts.append(f"«{loc['name_ar']}»")
    if loc.get("admin1"):
        parts.append(f"[{loc['admin1']}]")
    if loc.get("country"):
        parts.append(str(loc["country"]))
    if loc.get("latitude") is not None and loc.get("longitude") is not None:
        parts.append(f"({float(loc['latitude']):.3f}, {float(loc['longitude']):.3f})")
    return " ".join(parts)


def event_summary(ev: dict[str, Any], gold: bool) -> str:
    """One line describing an event, gold or predicted."""
    a1 = ev.get("actor1") if not gold else (ev.get("actor1") or ev.get("actor1_ar"))
    a2 = ev.get("actor2") if not gold else (ev.get("actor2") or ev.get("actor2_ar"))
    return (
        f"{ev.get('event_type')} / {ev.get('sub_event_type')} on {ev.get('event_date')} at "
        f"{_loc_text(ev.get('location'))}; {actor_text(a1)} → {actor_text(a2)}; "
        f"killed {ev.get('fatalities')}, injured {ev.get('injured')}"
    )


def _field_check(field: str, g: dict[str, Any], p: dict[str, Any]) -> tuple[bool, Any, Any, Any]:
    """(ok, gold value, predicted value, gold evidence) of one main-event field."""
    gl, pl = g.get("location") or {}, p.get("location") or {}
    if field == "event_type":
        alt = g.get("event_type_alt") or []
        gv = g.get("event_type") + (f" (or {', '.join(alt)})" if alt else "")
        return type_ok(g, p.get("event_type")), gv, p.get("event_type"), g.get("evidence_ar")
    if field == "sub_event_type":
        return subtype_ok(g, p.get("sub_event_type")), g.get("sub_event_type"), p.get("sub_event_type"), g.get("evidence_ar")
    if field == "event_date":
        return (
            bool(g.get("event_date")) and g.get("event_date") == p.get("event_date"),
            g.get("event_date"),
            p.get("event_date"),
            None,
        )
    if field == "location":
        km = distance_km(gl, pl)
        ok = km is not None and km <= MAIN_LOCATION_KM
        pv = _loc_text(pl) + (f" — {km:.0f} km away" if km is not None else " — no coordinates") if pl else None
        return ok, _loc_text(gl), pv, gl.get("name_ar")
    if field == "admin1":
        alt = gl.get("admin1_alt") or []
        gv = f"{gl.get('admin1')}" + (f" (or {', '.join(alt)})" if alt else "")
        return admin1_ok(gl, pl), gv, pl.get("admin1") if pl else None, gl.get("name_ar")
    if field in ("fatalities", "injured"):
        gv, pv = g.get(field), p.get(field)
        ok = (gv is None and pv is None) or (
            gv is not None and pv is not None and type(pv) is not bool and int(gv) == pv
        )
        return ok, gv, pv, g.get(f"{field}_text")
    if field in ("actor1", "actor2"):
        gname, gar = g.get(field), g.get(f"{field}_ar")
        gv = f"{gname} «{gar}»" if gar else gname
        return actor_ok(gname, gar, p.get(field)), gv, actor_text(p.get(field)), gar
    raise KeyError(field)


# ----------------------------------------------------------------------------- scoring
def score_article(gold: dict[str, Any], record: dict[str, Any] | None) -> dict[str, Any]:
    """Score one predicted article record against its gold line (pure; JSON-able result)."""
    record = record or {}
    art = record.get("article") or {}
    g_events = list(gold.get("events") or [])
    p_events = predicted_events(record)
    res: dict[str, Any] = {"id": gold.get("id"), "title": art.get("title"), "errors": list(record.get("_errors") or [])}

    # article level
    g_violent = bool(gold.get("has_violent_event"))
    p_violent = any(is_violent(e) for e in p_events)
    res["article"] = {"gold": g_violent, "pred": p_violent, "ok": g_violent == p_violent}
    if not res["article"]["ok"]:
        viol = [e for e in p_events if is_violent(e)]
        res["article"]["evidence"] = [
            {"event": event_summary(e, gold=False), "trigger": evidence_text(e, "event_type")} for e in viol[:5]
        ]

    # publication date
    res["published"] = {
        "gold": gold.get("published"),
        "pred": art.get("published"),
        "basis": art.get("published_basis"),
        "ok": bool(gold.get("published")) and gold.get("published") == art.get("published"),
    }

    # event level
    pairs = match_events(g_events, p_events)
    g_to_p = {gi: pi for gi, pi, _ in pairs}
    p_matched = {pi for _, pi, _ in pairs}
    unmatched_gold = []
    for gi, g in enumerate(g_events):
        if gi in g_to_p:
            continue
        near = []
        for pi, p in enumerate(p_events):
            ok, why = pair_compatible(g, p)
            if ok:
                other = next((gj for gj, pj in g_to_p.items() if pj == pi), None)
                why = f"compatible, but matched to gold event {other + 1}" if other is not None else "compatible"
            near.append((_WHY_RANK.get(why.split(" ")[0], 0), pi, {"pred": event_summary(p, gold=False), "why": why}))
        near.sort(key=lambda t: (t[0], t[1]))
        unmatched_gold.append(
            {
                "gold": event_summary(g, gold=True),
                "main": bool(g.get("main")),
                "evidence": g.get("evidence_ar"),
                "candidates": [c for _, _, c in near[:4]],
            }
        )
    unmatched_pred = [
        {"id": p.get("id"), "pred": event_summary(p, gold=False), "trigger": evidence_text(p, "event_type")}
        for pi, p in enumerate(p_events)
        if pi not in p_matched
    ]
    res["events"] = {
        "tp": len(pairs),
        "fp": len(p_events) - len(pairs),
        "fn": len(g_events) - len(pairs),
        "matches": [
            {"gold": gi, "pred": pi, "pred_id": p_events[pi].get("id"), "score": sc} for gi, pi, sc in pairs
        ],
        "unmatched_gold": unmatched_gold,
        "unmatched_pred": unmatched_pred,
    }
    # violent events only (Strategic developments left out on both sides)
    gv = [g for g in g_events if is_violent(g)]
    pv = [p for p in p_events if is_violent(p)]
    vpairs = match_events(gv, pv)
    res["violent_events"] = {"tp": len(vpairs), "fp": len(pv) - len(vpairs), "fn": len(gv) - len(vpairs)}

    # main event
    main_idx = next((i for i, g in enumerate(g_events) if g.get("main")), None)
    if main_idx is None:
        res["main"] = None
    else:
        g = g_events[main_idx]
        pi = g_to_p.get(main_idx)
        p = p_events[pi] if pi is not None else None
        fields: dict[str, Any] = {}
        for f in MAIN_FIELDS:
            if p is None:
                _, gval, _, gev = _field_check(f, g, {})
                fields[f] = {"ok": False, "gold": gval, "pred": None, "gold_evidence": gev, "pred_evidence": None}
            else:
                ok, gval, pval, gev = _field_check(f, g, p)
                fields[f] = {
                    "ok": ok,
                    "gold": gval,
                    "pred": pval,
                    "gold_evidence": gev,
                    "pred_evidence": evidence_text(p, f),
                }
        res["main"] = {
            "found": p is not None,
            "gold": event_summary(g, gold=True),
            "gold_evidence": g.get("evidence_ar"),
            "pred": event_summary(p, gold=False) if p else None,
            "pred_id": p.get("id") if p else None,
            "pred_is_main": bool(p.get("main")) if p else None,
            "fields": fields,
        }

    # statements
    p_stmts = list(record.get("statements") or [])
    st_out = []
    for s in gold.get("statements") or []:
        bi, cov = best_statement(s.get("quote_ar"), p_stmts)
        found = bi is not None and cov >= QUOTE_MIN_COVERAGE
        ps = p_stmts[bi] if bi is not None else None
        spk_ok = found and actor_ok(s.get("speaker"), s.get("speaker_ar"), (ps or {}).get("speaker"))
        st_out.append(
            {
                "quote": s.get("quote_ar"),
                "speaker": f"{s.get('speaker')} «{s.get('speaker_ar')}»" if s.get("speaker_ar") else s.get("speaker"),
                "found": found,
                "coverage": round(cov, 3),
                "pred_text": ps.get("text") if ps else None,
                "pred_speaker": actor_text(ps.get("speaker")) if ps else None,
                "speaker_ok": bool(spk_ok),
            }
        )
    res["statements"] = st_out
    res["n_pred_statements"] = len(p_stmts)
    res["n_pred_events"] = len(p_events)
    return res


def _ratio(n: int, d: int) -> float | None:
    return n / d if d else None


def aggregate(results: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Figures over a list of :func:`score_article` results."""
    results = list(results)
    a_tp = sum(1 for r in results if r["article"]["gold"] and r["article"]["pred"])
    a_fp = sum(1 for r in results if not r["article"]["gold"] and r["article"]["pred"])
    a_fn = sum(1 for r in results if r["article"]["gold"] and not r["article"]["pred"])
    ev = prf(*(sum(r["events"][k] for r in results) for k in ("tp", "fp", "fn")))
    vev = prf(*(sum(r["violent_events"][k] for r in results) for k in ("tp", "fp", "fn")))
    mains = [r["main"] for r in results if r.get("main")]
    found = [m for m in mains if m["found"]]
    main_fields: dict[str, Any] = {}
    for f in MAIN_FIELDS:
        ok = sum(1 for m in mains if m["fields"][f]["ok"])
        main_fields[f] = {
            "correct": ok,
            "accuracy": _ratio(ok, len(mains)),  # over all gold main events (not found = wrong)
            "accuracy_found": _ratio(ok, len(found)),  # over main events that were found
        }
    stmts = [s for r in results for s in r["statements"]]
    s_found = [s for s in stmts if s["found"]]
    pub_ok = sum(1 for r in results if r["published"]["ok"])
    return {
        "n_articles": len(results),
        "n_errors": sum(1 for r in results if r.get("errors")),
        "article": prf(a_tp, a_fp, a_fn),
        "events": ev,
        "violent_events": vev,
        "main": {
            "n_gold": len(mains),
            "found": len(found),
            "found_rate": _ratio(len(found), len(mains)),
            "marked_main": sum(1 for m in found if m["pred_is_main"]),
            "fields": main_fields,
        },
        "statements": {
            "n_gold": len(stmts),
            "found": len(s_found),
            "found_rate": _ratio(len(s_found), len(stmts)),
            "speaker_ok": sum(1 for s in s_found if s["speaker_ok"]),
            "speaker_accuracy": _ratio(sum(1 for s in s_found if s["speaker_ok"]), len(s_found)),
            "n_pred": sum(r["n_pred_statements"] for r in results),
        },
        "published": {"n": len(results), "correct": pub_ok, "accuracy": _ratio(pub_ok, len(results))},
    }


def headline(summary: dict[str, Any]) -> dict[str, float]:
    """The flat ``{figure: value}`` dict the gate and the README table use (None → 0)."""

    def v(x: Any) -> float:
        return round(float(x), 4) if x is not None else 0.0

    out = {
        "events.article_f1": v(summary["article"]["f1"]),
        "events.event_f1": v(summary["events"]["f1"]),
        "events.event_precision": v(summary["events"]["precision"]),
        "events.event_recall": v(summary["events"]["recall"]),
        "events.violent_event_f1": v(summary["violent_events"]["f1"]),
        "events.main_found": v(summary["main"]["found_rate"]),
    }
    for f in MAIN_FIELDS:
        out[f"events.main_{f}"] = v(summary["main"]["fields"][f]["accuracy"])
    out["events.statements_found"] = v(summary["statements"]["found_rate"])
    out["events.speaker_accuracy"] = v(summary["statements"]["speaker_accuracy"])
    out["events.published_accuracy"] = v(summary["published"]["accuracy"])
    return out


# ----------------------------------------------------------------------------- running
DOC_FIELDS = ("id", "text", "title", "url", "source", "published", "retrieved")


def article_to_document(line: dict[str, Any]):  # type: ignore[no-untyped-def]
    """A :class:`hadath.document.Document` from a corpus line (other fields go to ``extra``)."""
    from hadath.document import Document

    kw = {k: line.get(k) for k in DOC_FIELDS if line.get(k) is not None}
    kw["text"] = line.get("text") or ""
    kw["extra"] = {k: v for k, v in line.items() if k not in DOC_FIELDS}
    return Document(**kw)


def predict_records(articles: Iterable[dict[str, Any]], progress: bool = False) -> Iterator[dict[str, Any]]:
    """Run the default pipeline on each article line and yield its record.

    A failing article yields a minimal record with ``_errors`` (the evaluation goes on).
    """
    from hadath.pipeline import get_pipeline
    from hadath.record import to_record

    pipe = get_pipeline()
    for line in articles:
        t0 = time.perf_counter()
        try:
            rec = to_record(pipe(article_to_document(line)))
        except Exception as exc:  # noqa: BLE001 - report, don't stop the evaluation
            rec = {"article": {"id": line.get("id")}, "events": [], "statements": [], "_errors": [f"{type(exc).__name__}: {exc}"]}
        rec.setdefault("_seconds", round(time.perf_counter() - t0, 3))
        if progress:
            import sys

            print(f"  {line.get('id')}: {len(rec.get('events') or [])} events ({rec['_seconds']}s)", file=sys.stderr)
        yield rec


def load_articles(path: str | Path, ids: set[str] | None = None) -> list[dict[str, Any]]:
    return [a for a in read_jsonl(path) if ids is None or a.get("id") in ids]


def run_events(
    gold_path: str | Path,
    articles_path: str | Path | None = None,
    predictions_path: str | Path | None = None,
    progress: bool = False,
) -> dict[str, Any]:
    """Score predictions (from a file, or by running the pipeline) against a gold file.

    Returns ``{"summary", "headline", "articles", "records"}``.
    """
    gold = list(read_jsonl(gold_path))
    ids = {g["id"] for g in gold}
    records: dict[str, dict[str, Any]] = {}
    t0 = time.perf_counter()
    if predictions_path:
        for rec in read_jsonl(predictions_path):
            rid = (rec.get("article") or {}).get("id") or rec.get("id")
            if rid in ids:
                records[rid] = rec
    else:
        if articles_path is None:
            raise ValueError("either articles or predictions are needed")
        arts = load_articles(articles_path, ids)
        for rec in predict_records(arts, progress=progress):
            records[(rec.get("article") or {}).get("id")] = rec
    seconds = time.perf_counter() - t0
    results = []
    for g in gold:
        rec = records.get(g["id"])
        r = score_article(g, rec)
        if rec is None:
            r["errors"].append("no prediction for this article")
        results.append(r)
    summary = aggregate(results)
    summary["seconds"] = round(seconds, 2)
    return {"summary": summary, "headline": headline(summary), "articles": results, "records": records}

"""Reports of the evaluations: a JSON file, a markdown file listing every miss, a stdout table."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hadath.evaluation.events import MAIN_FIELDS


def fmt(x: Any) -> str:
    if x is None:
        return "–"
    if isinstance(x, float):
        return f"{x:.3f}"
    return str(x)


def _md(x: Any, limit: int = 300) -> str:
    """A value safe inside a markdown table cell."""
    if x is None:
        return "–"
    s = str(x).replace("|", "\\|").replace("\n", " ")
    return s if len(s) <= limit else s[: limit - 1] + "…"


def table(rows: list[tuple[str, ...]], header: tuple[str, ...]) -> str:
    """A plain-text table with aligned columns."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = "  ".join(str(h).ljust(w) for h, w in zip(header, widths))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(str(c).ljust(w) for c, w in zip(r, widths)) for r in rows]
    return "\n".join(out)


# ----------------------------------------------------------------------------- events
def events_summary_table(summary: dict[str, Any]) -> str:
    rows: list[tuple[str, ...]] = []
    for key, label in (("article", "article: violent incident"), ("events", "events (all types)"), ("violent_events", "events (violent only)")):
        s = summary[key]
        rows.append((label, fmt(s["precision"]), fmt(s["recall"]), fmt(s["f1"]), f"tp {s['tp']} fp {s['fp']} fn {s['fn']}"))
    m = summary["main"]
    rows.append(("main event found", "", fmt(m["found_rate"]), "", f"{m['found']}/{m['n_gold']} (marked main: {m['marked_main']})"))
    for f in MAIN_FIELDS:
        fs = m["fields"][f]
        rows.append((f"  main {f}", "", fmt(fs["accuracy"]), "", f"{fs['correct']}/{m['n_gold']}; of found {fmt(fs['accuracy_found'])}"))
    st = summary["statements"]
    rows.append(("statements found", "", fmt(st["found_rate"]), "", f"{st['found']}/{st['n_gold']} (predicted {st['n_pred']})"))
    rows.append(("  speaker among found", "", fmt(st["speaker_accuracy"]), "", f"{st['speaker_ok']}/{st['found']}"))
    pb = summary["published"]
    rows.append(("publication date", "", fmt(pb["accuracy"]), "", f"{pb['correct']}/{pb['n']}"))
    return table(rows, ("figure", "P", "R/acc", "F1", "counts"))


def events_markdown(run: dict[str, Any], title: str = "Event evaluation") -> str:
    summary, results = run["summary"], run["articles"]
    out = [f"# {title}", ""]
    if run.get("meta"):
        for k, v in run["meta"].items():
            out.append(f"- {k}: `{v}`")
        out.append("")
    out += ["```", events_summary_table(summary), "```", ""]
    if summary.get("n_errors"):
        out += ["## Errors", ""]
        for r in results:
            for e in r.get("errors") or []:
                out.append(f"- `{r['id']}`: {_md(e)}")
        out.append("")

    out += ["## Article level (violent incident reported?)", "", "| article | gold | predicted | predicted violent events (trigger) |", "|---|---|---|---|"]
    for r in results:
        a = r["article"]
        if a["ok"]:
            continue
        ev = "<br>".join(f"{_md(e['event'], 160)} — «{_md(e['trigger'], 80)}»" for e in a.get("evidence") or []) or "–"
        out.append(f"| `{r['id']}` | {a['gold']} | {a['pred']} | {ev} |")
    out.append("")

    out += ["## Main events", "", "Each gold main event, whether a prediction matched it, and every field that differs.", ""]
    for r in results:
        m = r.get("main")
        if not m:
            continue
        bad = [f for f in MAIN_FIELDS if not m["fields"][f]["ok"]]
        if m["found"] and not bad:
            continue
        out.append(f"### `{r['id']}` {_md(r.get('title') or '')}")
        out.append("")
        out.append(f"- gold: {_md(m['gold'], 500)}")
        out.append(f"- gold evidence: «{_md(m['gold_evidence'], 400)}»")
        if not m["found"]:
            out.append("- **main event not found**; predictions and why they did not match:")
            um = next((u for u in r["events"]["unmatched_gold"] if u["main"]), None)
            for c in (um or {}).get("candidates") or []:
                out.append(f"  - {_md(c['pred'], 400)} — *{c['why']}*")
            if not um or not um.get("candidates"):
                out.append("  - (no predicted events)")
        else:
            out.append(f"- matched prediction `{m['pred_id']}`{' (marked main)' if m['pred_is_main'] else ' (not marked main)'}: {_md(m['pred'], 500)}")
            out += ["", "| field | gold | predicted | gold text | predicted evidence |", "|---|---|---|---|---|"]
            for f in bad:
                fs = m["fields"][f]
                out.append(
                    f"| {f} | {_md(fs['gold'])} | {_md(fs['pred'])} | {_md(fs['gold_evidence'], 200)} | {_md(fs['pred_evidence'], 200)} |"
                )
        out.append("")

    out += ["## Event matching", "", "Unmatched gold events (misses) and unmatched predictions (false alarms).", ""]
    for r in results:
        e = r["events"]
        if not e["unmatched_gold"] and not e["unmatched_pred"]:
            continue
        out.append(f"### `{r['id']}` — tp {e['tp']}, fp {e['fp']}, fn {e['fn']}")
        out.append("")
        for u in e["unmatched_gold"]:
            out.append(f"- **missed**{' (main)' if u['main'] else ''}: {_md(u['gold'], 500)} — «{_md(u['evidence'], 200)}»")
            for c in u["candidates"]:
                out.append(f"  - vs {_md(c['pred'], 300)} — *{c['why']}*")
        for u in e["unmatched_pred"]:
            out.append(f"- **false alarm** `{u['id']}`: {_md(u['pred'], 500)} — trigger «{_md(u['trigger'], 200)}»")
        out.append("")

    out += ["## Statements", "", "| article | gold speaker | gold quote | found (coverage) | predicted text | predicted speaker |", "|---|---|---|---|---|---|"]
    for r in results:
        for s in r["statements"]:
            if s["found"] and s["speaker_ok"]:
                continue
            state = f"{'yes' if s['found'] else 'no'} ({s['coverage']:.2f})" + ("" if not s["found"] else ", wrong speaker")
            out.append(
                f"| `{r['id']}` | {_md(s['speaker'])} | {_md(s['quote'], 200)} | {state} | {_md(s['pred_text'], 200)} | {_md(s['pred_speaker'])} |"
            )
    out.append("")

    out += ["## Publication date", "", "| article | gold | predicted (basis) |", "|---|---|---|"]
    for r in results:
        p = r["published"]
        if not p["ok"]:
            out.append(f"| `{r['id']}` | {p['gold']} | {p['pred']} ({p['basis']}) |")
    out.append("")
    return "\n".join(out)


def write_events_report(run: dict[str, Any], report_dir: str | Path, stem: str = "events") -> list[Path]:
    d = Path(report_dir)
    d.mkdir(parents=True, exist_ok=True)
    js = d / f"{stem}.json"
    md = d / f"{stem}.md"
    payload = {k: v for k, v in run.items() if k != "records"}
    js.write_text(json.dumps(payload, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    md.write_text(events_markdown(run), encoding="utf-8")
    out = [js, md]
    if run.get("records"):
        pr = d / f"{stem}-predictions.jsonl"
        with pr.open("w", encoding="utf-8") as fh:
            for rec in run["records"].values():
                fh.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
        out.append(pr)
    return out


# ----------------------------------------------------------------------------- gsr
def gsr_summary_table(summary: dict[str, Any]) -> str:
    rows: list[tuple[str, ...]] = []
    for cat, s in summary["categories"].items():
        rows.append((f"{cat}: right class found", fmt(s["recall"]), f"{s['found']}/{s['n']}"))
        rows.append((f"{cat}: any event found", fmt(s["any_rate"]), f"{s['any']}/{s['n']}"))
        rows.append((f"{cat}: source ok (of annotated)", fmt(s["source_accuracy"]), f"{s['source_ok']}/{s['source_n']}; of found {fmt(s['source_accuracy_found'])}"))
        rows.append((f"{cat}: target ok (of annotated)", fmt(s["target_accuracy"]), f"{s['target_ok']}/{s['target_n']}; of found {fmt(s['target_accuracy_found'])}"))
    a = summary["all"]
    rows.append(("all: right class found", fmt(a["recall"]), f"{a['found']}/{a['n']}"))
    rows.append(("all: source ok", fmt(a["source_accuracy"]), f"{a['source_ok']}/{a['source_n']}"))
    rows.append(("all: target ok", fmt(a["target_accuracy"]), f"{a['target_ok']}/{a['target_n']}"))
    neg = summary.get("negatives")
    if neg:
        rows.append(("negatives: false-positive rate", fmt(neg["fp_rate"]), f"{neg['fp']}/{neg['n']}"))
        if neg.get("precision") is not None:
            rows.append(("precision (est., dev sentences vs negatives)", fmt(neg["precision"]), ""))
    return table(rows, ("figure", "value", "counts"))


def gsr_markdown(run: dict[str, Any]) -> str:
    summary = run["summary"]
    out = ["# UniversalPetrarch Arabic GSR evaluation", ""]
    if run.get("meta"):
        for k, v in run["meta"].items():
            out.append(f"- {k}: `{v}`")
        out.append("")
    out += ["```", gsr_summary_table(summary), "```", ""]
    out += [
        "## Sentences without an event of the right class",
        "",
        "| id | class | sentence | predicted |",
        "|---|---|---|---|",
    ]
    for s in run["sentences"]:
        if not s["found"]:
            out.append(f"| `{s['id']}` | {s['category']} | {_md(s['text'], 250)} | {_md('; '.join(s['pred']) or '–', 250)} |")
    out += ["", "## Actor mismatches (event found)", "", "| id | role | gold text / code | predicted |", "|---|---|---|---|"]
    for s in run["sentences"]:
        if not s["found"]:
            continue
        for role in ("source", "target"):
            r = s[role]
            if r["annotated"] and not r["ok"]:
                out.append(f"| `{s['id']}` | {role} | {_md(r['gold_text'])} / `{r['gold_code']}` | {_md(r['pred'])} |")
    neg = run.get("negatives") or []
    fps = [n for n in neg if n["pred"]]
    if fps:
        out += ["", "## False positives on negative sentences", "", "| article | sentence | predicted |", "|---|---|---|"]
        for n in fps:
            out.append(f"| `{n['article']}` | {_md(n['text'], 250)} | {_md('; '.join(n['pred']), 250)} |")
    out.append("")
    return "\n".join(out)


def write_gsr_report(run: dict[str, Any], report_dir: str | Path, stem: str = "gsr") -> list[Path]:
    d = Path(report_dir)
    d.mkdir(parents=True, exist_ok=True)
    js = d / f"{stem}.json"
    md = d / f"{stem}.md"
    js.write_text(json.dumps(run, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    md.write_text(gsr_markdown(run), encoding="utf-8")
    return [js, md]

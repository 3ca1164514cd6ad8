"""Current figures: collect them from every evaluation, write README's table, run the gate.

``collect`` runs the dev evaluations (events, GSR; NER and places when their modules exist)
and returns ``{section: {"figures": {name: value}, "corpus": {file: sha256}, ...}}``.
``update_readme`` rewrites the table between ``<!-- figures:start -->`` and
``<!-- figures:end -->``. ``gate`` compares figures with ``hadath/evaluation/baseline.json``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import importlib.util
import json
import os
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
BASELINE = Path(__file__).resolve().parent / "baseline.json"
START, END = "<!-- figures:start -->", "<!-- figures:end -->"
TOLERANCE = 0.02

#: Figures where lower is better (the gate fails when they *rise* by more than the tolerance).
LOWER_IS_BETTER = frozenset({"gsr.negatives_fp_rate"})
#: Figures recorded but not gated (they trade off against each other; their F1 is gated).
NOT_GATED = frozenset({"events.event_precision", "events.event_recall"})

#: Human labels for the README table.
LABELS = {
    "events.article_f1": "articles: violent incident reported (F1)",
    "events.event_f1": "events matched one-to-one (F1)",
    "events.event_precision": "events: precision",
    "events.event_recall": "events: recall",
    "events.violent_event_f1": "violent events only (F1)",
    "events.main_found": "main event found",
    "events.main_event_type": "main event: type",
    "events.main_sub_event_type": "main event: sub-type",
    "events.main_event_date": "main event: date (exact)",
    "events.main_location": "main event: location ≤ 25 km",
    "events.main_admin1": "main event: admin1",
    "events.main_fatalities": "main event: fatalities (exact)",
    "events.main_injured": "main event: injured (exact)",
    "events.main_actor1": "main event: actor1",
    "events.main_actor2": "main event: actor2",
    "events.statements_found": "statements found",
    "events.speaker_accuracy": "statement speaker (of found)",
    "events.published_accuracy": "publication date",
    "gsr.assault_recall": "ASSAULT sentences with a violent event",
    "gsr.protest_recall": "PROTEST sentences with a protest/riot",
    "gsr.recall": "GSR sentences, right class",
    "gsr.source_accuracy": "GSR source actor",
    "gsr.target_accuracy": "GSR target actor",
    "gsr.negatives_fp_rate": "negatives: false-positive rate (lower is better)",
    "ner.micro_f1": "NER micro F1 (PER/LOC/ORG)",
}


# ----------------------------------------------------------------------------- paths
def shared_dir() -> Path:
    """``$HADATH_SHARED``, else ``../shared`` next to the repository, else ``./../shared``."""
    env = os.environ.get("HADATH_SHARED")
    if env:
        return Path(env)
    for cand in (REPO.parent / "shared", Path.cwd().parent / "shared", Path.cwd() / "shared"):
        if cand.is_dir():
            return cand
    return REPO.parent / "shared"


def eval_dir() -> Path:
    return shared_dir() / "eval"


def default_gsr_files() -> list[Path]:
    return sorted((eval_dir() / "up-gsr").glob("dev-*.xml"))


def negatives_corpus() -> Path:
    return shared_dir() / "corpora" / "saudinewsnet" / "articles.jsonl.gz"


def negatives_exclude() -> set[str]:
    """Conflict-keyword subset ids plus the dev articles' ids (never drawn as negatives)."""
    from hadath.evaluation.events import read_jsonl
    from hadath.evaluation.gsr import read_ids

    ids = read_ids(shared_dir() / "corpora" / "saudinewsnet" / "conflict-keyword-subset.ids")
    dev = eval_dir() / "dev-articles.jsonl"
    if dev.exists():
        ids |= {a.get("id") for a in read_jsonl(dev)}
    return ids


def sha256_file(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def corpus_hashes(paths: list[Path]) -> dict[str, str]:
    base = shared_dir()
    out = {}
    for p in paths:
        try:
            key = str(Path(p).resolve().relative_to(base.resolve()))
        except ValueError:
            key = str(p)
        if Path(p).exists():
            out[key] = sha256_file(p)
    return out


def git_commit() -> str:
    try:
        sha = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=REPO, capture_output=True, text=True).stdout.strip()
        return sha + ("+dirty" if dirty else "")
    except Exception:  # noqa: BLE001
        return "unknown"


def module_available(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


# ----------------------------------------------------------------------------- sections
def section_events(report_dir: Path | None = None) -> dict[str, Any]:
    from hadath.evaluation.events import run_events

    gold, arts = eval_dir() / "dev-gold.jsonl", eval_dir() / "dev-articles.jsonl"
    run = run_events(gold, arts)
    if report_dir:
        from hadath.evaluation.report import write_events_report

        write_events_report(run, report_dir)
    return {"figures": run["headline"], "corpus": corpus_hashes([gold, arts]), "seconds": run["summary"]["seconds"], "n_errors": run["summary"]["n_errors"]}


def section_gsr(report_dir: Path | None = None, negatives: int = 500) -> dict[str, Any]:
    from hadath.evaluation.gsr import run_gsr

    files = default_gsr_files()
    neg_corpus = negatives_corpus() if negatives > 0 else None
    run = run_gsr(files, neg_corpus, negatives_exclude() if neg_corpus else set(), n_negatives=negatives)
    run["meta"] = {"files": [str(f) for f in files], "negatives": negatives}
    if report_dir:
        from hadath.evaluation.report import write_gsr_report

        write_gsr_report(run, report_dir)
    hashed = list(files)
    if neg_corpus:
        hashed += [shared_dir() / "corpora" / "saudinewsnet" / "conflict-keyword-subset.ids"]
    n_sent = sum(b["n"] for b in run["summary"]["categories"].values())
    n_neg = (run["summary"].get("negatives") or {}).get("n", 0)
    return {
        "figures": run["headline"],
        "corpus": corpus_hashes(hashed),
        "seconds": run["summary"]["seconds"],
        "n_errors": run["summary"]["n_errors"],
        "title": f"UniversalPetrarch Arabic GSR, dev half ({n_sent} sentences), + {n_neg} negative sentences",
    }


def _flat_numbers(d: Any, prefix: str, depth: int = 2) -> dict[str, float]:
    out: dict[str, float] = {}
    if not isinstance(d, dict) or depth < 0:
        return out
    for k, v in d.items():
        if isinstance(v, bool):
            continue
        if isinstance(v, (int, float)) and 0.0 <= float(v) <= 1.0 and not k.startswith(("n_", "seconds")):
            out[f"{prefix}.{k}"] = round(float(v), 4)
        elif isinstance(v, dict):
            out.update(_flat_numbers(v, f"{prefix}.{k}", depth - 1))
    return out


def _run_click(cmd: Any, args: list[str]) -> None:
    from click.testing import CliRunner

    res = CliRunner().invoke(cmd, args, catch_exceptions=True)
    if res.exit_code != 0:
        if res.exception is not None and not isinstance(res.exception, SystemExit):
            raise res.exception
        raise RuntimeError((res.output or "")[-2000:])


def section_module(module: str, command: str, name: str, report_dir: Path | None = None) -> dict[str, Any] | None:
    """Figures of another helper's evaluation module.

    Protocol: the module may define ``figures() -> {"figures": {name: value}, "corpus": {...}}``
    (or a plain ``{name: value}``); otherwise its click command is run with ``--report DIR``
    and ``DIR/<name>.json`` is read (NER: ``micro.f1`` and per-type F1).
    """
    if not module_available(module):
        return None
    mod = importlib.import_module(module)
    t0 = time.perf_counter()
    fn: Callable[..., Any] | None = getattr(mod, "figures", None)
    if callable(fn):
        got = fn()
        if isinstance(got, dict) and "figures" in got:
            got.setdefault("seconds", round(time.perf_counter() - t0, 2))
            return got
        return {"figures": {k if k.startswith(name + ".") else f"{name}.{k}": v for k, v in got.items()}, "corpus": {}, "seconds": round(time.perf_counter() - t0, 2)}
    cmd = getattr(mod, command, None)
    if cmd is None:
        return None
    with tempfile.TemporaryDirectory() as td:
        out_dir = Path(report_dir) if report_dir else Path(td)
        _run_click(cmd, ["--report", str(out_dir)])
        js = out_dir / f"{name}.json"
        data = json.loads(js.read_text(encoding="utf-8")) if js.exists() else {}
    figs: dict[str, float] = {}
    corpus: dict[str, str] = {}
    if name == "ner" and "micro" in data:
        figs["ner.micro_f1"] = round(float(data["micro"]["f1"]), 4)
        for t, s in (data.get("by_type") or {}).items():
            figs[f"ner.{t}_f1"] = round(float(s["f1"]), 4)
        conll = (data.get("meta") or {}).get("conll")
        if conll and Path(conll).exists():
            corpus = corpus_hashes([Path(conll)])
    else:
        figs = _flat_numbers(data.get("figures") or data.get("summary") or data, name)
    return {"figures": figs, "corpus": corpus, "seconds": round(time.perf_counter() - t0, 2)}


def is_unavailable(exc: BaseException) -> bool:
    """A missing resource (model not built, data absent) rather than a crash."""
    if isinstance(exc, (FileNotFoundError, ModuleNotFoundError)):
        return True
    return any(t.__name__.endswith(("MissingError", "NotFoundError", "Unavailable")) for t in type(exc).__mro__)


def collect(
    *,
    events: bool = True,
    gsr: bool = True,
    ner: bool = True,
    places: bool = True,
    negatives: int = 500,
    report_dir: Path | None = None,
    echo: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Run the chosen dev evaluations; a section that fails is reported, not fatal."""
    sections: dict[str, Any] = {}
    plan: list[tuple[str, Callable[[], Any]]] = []
    if events:
        plan.append(("events", lambda: section_events(report_dir)))
    if gsr:
        plan.append(("gsr", lambda: section_gsr(report_dir, negatives)))
    if ner:
        plan.append(("ner", lambda: section_module("hadath.evaluation.ner", "ner_eval_cmd", "ner", report_dir)))
    if places:
        plan.append(("places", lambda: section_module("hadath.geo.evalplaces", "places_cmd", "places", report_dir)))
    for name, fn in plan:
        t0 = time.perf_counter()
        try:
            got = fn()
        except Exception as exc:  # noqa: BLE001
            msg = f"{type(exc).__name__}: {exc}"
            if is_unavailable(exc):
                echo(f"  {name}: not available: {msg[:300]}")
                sections[name] = {"unavailable": msg}
            else:
                echo(f"  {name}: failed: {msg[:500]}")
                sections[name] = {"error": msg}
            continue
        if got is None:
            echo(f"  {name}: not available (module missing)")
            sections[name] = {"unavailable": "module missing"}
            continue
        sections[name] = got
        echo(f"  {name}: {len(got.get('figures') or {})} figures in {time.perf_counter() - t0:.1f}s")
    return sections


def flat(sections: dict[str, Any]) -> dict[str, float]:
    out: dict[str, float] = {}
    for s in sections.values():
        out.update(s.get("figures") or {})
    return out


# ----------------------------------------------------------------------------- README
def figures_markdown(sections: dict[str, Any], commit: str, date: str) -> str:
    titles = {
        "events": "Dev set: 45 articles with gold events (`../shared/eval/dev-gold.jsonl`)",
        "gsr": "UniversalPetrarch Arabic GSR, dev half, + negative sentences",
        "ner": "NER, held-out split",
        "places": "Place resolution",
    }
    lines = [f"Measured {date} at commit `{commit}` with `hadath eval figures` (details: docs/evaluation.md).", ""]
    lines += ["| figure | value |", "|---|---:|"]
    for name, s in sections.items():
        if not s.get("figures"):
            continue
        lines.append(f"| **{s.get('title') or titles.get(name, name)}** | |")
        for k, v in s["figures"].items():
            lines.append(f"| {LABELS.get(k, k)} | {v:.3f} |")
    return "\n".join(lines)


def update_readme(readme: Path, block: str) -> bool:
    """Replace the text between the markers (append a section with them when absent)."""
    text = readme.read_text(encoding="utf-8") if readme.exists() else ""
    new_block = f"{START}\n{block}\n{END}"
    if START in text and END in text and text.index(START) < text.index(END):
        a, b = text.index(START), text.index(END) + len(END)
        new = text[:a] + new_block + text[b:]
    else:
        new = text.rstrip("\n") + ("\n\n" if text else "") + "## Current figures\n\n" + new_block + "\n"
    if new != text:
        readme.write_text(new, encoding="utf-8")
        return True
    return False


def write_figures_json(path: Path, sections: dict[str, Any], commit: str, date: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {"date": date, "commit": commit, "figures": flat(sections), "sections": sections}
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


# ----------------------------------------------------------------------------- gate
def read_baseline(path: Path = BASELINE) -> dict[str, Any] | None:
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def write_baseline(sections: dict[str, Any], path: Path = BASELINE, old: dict[str, Any] | None = None) -> dict[str, Any]:
    """Record the current figures (sections not run this time keep their old values)."""
    old = old or {}
    figures = dict(old.get("figures") or {})
    corpus = dict(old.get("corpus_sha256") or {})
    section_of = dict(old.get("section_of") or {})
    for name, s in sections.items():
        if not s.get("figures"):
            continue
        for k in [k for k, v in section_of.items() if v == name]:  # drop stale figures of this section
            figures.pop(k, None)
            section_of.pop(k, None)
        for k, v in s["figures"].items():
            figures[k] = v
            section_of[k] = name
        corpus.update(s.get("corpus") or {})
    data = {
        "_comment": "Headline figures the quality gate (`hadath eval gate`) compares against; raise them "
        "deliberately with `hadath eval gate --update`, in the commit that improves them.",
        "updated": dt.date.today().isoformat(),
        "commit": git_commit(),
        "tolerance": TOLERANCE,
        "lower_is_better": sorted(LOWER_IS_BETTER),
        "figures": dict(sorted(figures.items())),
        "section_of": dict(sorted(section_of.items())),
        "corpus_sha256": dict(sorted(corpus.items())),
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return data


def compare(
    current: dict[str, Any], baseline: dict[str, Any], tolerance: float = TOLERANCE
) -> tuple[list[tuple[str, float, float | None, str]], list[str]]:
    """Rows ``(figure, baseline, current, verdict)`` and notes; verdict is ok|FAIL|skip|new."""
    rows: list[tuple[str, float, float | None, str]] = []
    notes: list[str] = []
    lower = set(baseline.get("lower_is_better") or []) | LOWER_IS_BETTER
    base_figs: dict[str, float] = baseline.get("figures") or {}
    base_corpus: dict[str, str] = baseline.get("corpus_sha256") or {}
    section_of: dict[str, str] = baseline.get("section_of") or {}
    changed_sections: set[str] = set()
    for name, s in current.items():
        for f, h in (s.get("corpus") or {}).items():
            if f in base_corpus and base_corpus[f] != h:
                changed_sections.add(name)
                notes.append(f"{name}: gold file {f} changed since the baseline (sha256 differs); its figures are not gated — rerun with --update")
    cur = flat(current)
    for f, b in sorted(base_figs.items()):
        sec = section_of.get(f, f.split(".")[0])
        if f not in cur:
            rows.append((f, b, None, "skip"))
            continue
        c = cur[f]
        if f in NOT_GATED or sec in changed_sections:
            rows.append((f, b, c, "skip"))
        elif f in lower:
            rows.append((f, b, c, "FAIL" if c > b + tolerance + 1e-9 else "ok"))
        else:
            rows.append((f, b, c, "FAIL" if c < b - tolerance - 1e-9 else "ok"))
    for f in sorted(set(cur) - set(base_figs)):
        rows.append((f, float("nan"), cur[f], "new"))
    return rows, notes


def now_date() -> str:
    return dt.date.today().isoformat()

"""``hadath bench``: speed, memory and cold start of the pipeline against baselines.

One run, on the same real articles (SaudiNewsNet by default, the conflict-keyword subset
first), measures:

* **hadath**: the full default pipeline (``get_pipeline()`` on Documents built with
  ``document_from_json``, then ``to_record``), in-process, warm, one thread: articles/s,
  words/s, time per stage, peak resident memory; and a **cold start** in fresh
  subprocesses (import, pipeline load, first article, timed separately);
* a **floor**: camel-tools' ``simple_word_tokenize`` alone (or, when camel-tools is not
  installed, an equivalent regex word tokenizer, labelled as such);
* the **transformer alternative**: a BERT-base-sized token classifier (12 layers, 768
  hidden, 64k vocabulary, random weights: speed does not depend on them) on CPU, one thread,
  timed on a subset and extrapolated per article;
* **dateparser**'s ``search_dates(text, languages=["ar"])``, on a subset;
* the ratios between them.

Throughput is reported from CPU time of this process (``time.process_time``, one thread),
which is what "one core" means on a shared machine, with wall time alongside. Optional
dependencies (psutil, torch, transformers, camel-tools, dateparser) are imported only when
their measurement runs; none is required.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
import zlib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import click

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "saudinewsnet" / "articles.jsonl.gz"
SUBSET_NAME = "conflict-keyword-subset.ids"
README_START = "<!-- bench:start -->"
README_END = "<!-- bench:end -->"

#: Targets for the full pipeline on one core (issue 8).
TARGETS = {
    "articles_per_s": 50.0,  # >=
    "x_bert": 50.0,  # >=
    "peak_rss_mb": 400.0,  # <=
    "cold_start_s": 2.0,  # <=
}

_THREAD_VARS = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "NUMEXPR_NUM_THREADS",
                "VECLIB_MAXIMUM_THREADS", "TOKENIZERS_PARALLELISM")


def one_thread_env() -> None:
    """Ask BLAS/OpenMP/torch for one thread (effective for libraries not yet imported)."""
    for var in _THREAD_VARS:
        os.environ[var] = "false" if var == "TOKENIZERS_PARALLELISM" else "1"


# ----------------------------------------------------------------------------- corpus
def load_articles(corpus: Path, n: int, subset_ids: Path | None = None) -> list[dict[str, Any]]:
    """Up to ``n`` usable article objects: those listed in ``subset_ids`` first, then others.

    Articles the reader would reject (empty, not Arabic, too long) are skipped, so every
    baseline sees exactly the texts hadath processes.
    """
    from hadath.errors import InputError
    from hadath.io.readers import document_from_json

    if subset_ids is None:
        cand = corpus.parent / SUBSET_NAME
        subset_ids = cand if cand.exists() else None
    wanted: set[str] = set()
    if subset_ids is not None and subset_ids.exists():
        wanted = {x.strip() for x in subset_ids.read_text(encoding="utf-8").split() if x.strip()}
    first: list[dict[str, Any]] = []
    others: list[dict[str, Any]] = []
    opener = gzip.open if corpus.suffix == ".gz" else open
    with opener(corpus, "rt", encoding="utf-8") as f:  # type: ignore[operator]
        for line in f:
            if len(first) >= n:
                break
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                document_from_json(obj, "bench")
            except (json.JSONDecodeError, InputError):
                continue
            if str(obj.get("id")) in wanted:
                first.append(obj)
            elif len(others) < n:
                others.append(obj)
    return (first + others)[:n]


def word_count(text: str) -> int:
    return len(text.split())


# ----------------------------------------------------------------------------- timing helpers
class _Clock:
    """Wall and CPU time of a block."""

    def __enter__(self) -> _Clock:
        self.w0, self.c0 = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self.w0
        self.cpu = time.process_time() - self.c0


def _rates(n_articles: int, n_words: int, clock: _Clock) -> dict[str, float]:
    cpu = max(clock.cpu, 1e-9)
    wall = max(clock.wall, 1e-9)
    return {
        "articles": n_articles,
        "words": n_words,
        "cpu_s": round(clock.cpu, 4),
        "wall_s": round(clock.wall, 4),
        "articles_per_s": n_articles / cpu,
        "words_per_s": n_words / cpu,
        "articles_per_s_wall": n_articles / wall,
        "ms_per_article": 1000.0 * cpu / max(n_articles, 1),
    }


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB."""
    try:
        import resource

        kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return kb / 1024.0 if sys.platform != "darwin" else kb / (1024.0 * 1024.0)
    except ImportError:  # pragma: no cover - Windows
        import psutil

        return psutil.Process().memory_info().peak_wset / (1024.0 * 1024.0)


def current_rss_mb() -> float | None:
    try:
        import psutil
    except ImportError:
        return None
    return psutil.Process().memory_info().rss / (1024.0 * 1024.0)


# ----------------------------------------------------------------------------- hadath
def bench_hadath(articles: list[dict[str, Any]], time_limit: float | None = 30.0) -> dict[str, Any]:
    """The full default pipeline, warm, in-process (first article processed once before timing).

    ``time_limit`` (seconds per article, as ``hadath extract``) turns a runaway article into a
    counted error instead of a stalled benchmark.
    """
    from hadath.io.readers import document_from_json
    from hadath.pipeline import get_pipeline
    from hadath.record import to_record

    rss_before = peak_rss_mb()
    pipe = get_pipeline(None, time_limit)
    names = pipe.names
    # warm-up: lazy resources load on the first article
    to_record(pipe(document_from_json(articles[0], "bench")), pipeline_names=names)
    pipe.timings.clear()
    words = sum(word_count(a["text"]) for a in articles)
    errors: list[str] = []
    record_s = 0.0
    per_article: list[float] = []  # CPU seconds, to compare with the baselines' subsets
    cpu = time.process_time
    with _Clock() as clock:
        for a in articles:
            c0 = cpu()
            doc = document_from_json(a, "bench")
            try:
                doc = pipe(doc)
            except Exception as exc:  # noqa: BLE001 - a benchmark counts failures, never stops
                errors.append(f"{a.get('id')}: {type(exc).__name__}: {exc}"[:300])
                per_article.append(cpu() - c0)
                continue
            t0 = time.perf_counter()
            to_record(doc, pipeline_names=names)
            record_s += time.perf_counter() - t0
            per_article.append(cpu() - c0)
    out = _rates(len(articles), words, clock)
    ms = sorted(1000 * x for x in per_article)
    out["latency_ms"] = {
        "p50": round(ms[len(ms) // 2], 2),
        "p95": round(ms[min(len(ms) - 1, int(0.95 * len(ms)))], 2),
        "max": round(ms[-1], 2),
    }
    out["per_article_cpu_s"] = [round(x, 5) for x in per_article]
    stages = {k: round(v, 4) for k, v in pipe.timings.items()}
    stages["to_record"] = round(record_s, 4)
    total = sum(stages.values()) or 1.0
    out.update({
        "label": "hadath full pipeline",
        "stages": names,
        "stage_s": stages,
        "stage_ms_per_article": {k: round(1000 * v / len(articles), 3) for k, v in stages.items()},
        "stage_share": {k: round(v / total, 3) for k, v in stages.items()},
        "errors": len(errors),
        "error_examples": errors[:5],
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "peak_rss_mb_before_pipeline": round(rss_before, 1),
        "rss_mb": current_rss_mb(),
    })
    return out


def profile_hadath(articles: list[dict[str, Any]], top: int = 8) -> dict[str, list[dict[str, Any]]]:
    """cProfile each stage separately over the articles: the top functions by own time."""
    import cProfile
    import pstats

    from hadath.io.readers import document_from_json
    from hadath.pipeline import get_pipeline

    pipe = get_pipeline(None, None)
    profs = {st.short: cProfile.Profile() for st in pipe.stages}
    for a in articles:
        doc = document_from_json(a, "bench")
        try:
            for st in pipe.stages:
                prof = profs[st.short]
                prof.enable()
                try:
                    doc = st.fn(doc)
                finally:
                    prof.disable()
        except Exception:  # noqa: BLE001, S112
            continue
    result: dict[str, list[dict[str, Any]]] = {}
    for short, prof in profs.items():
        stats = pstats.Stats(prof)
        rows = []
        for (file, line, func), (_cc, ncalls, tottime, cumtime, _callers) in stats.stats.items():  # type: ignore[attr-defined]
            rows.append({
                "function": f"{_short_path(file)}:{line}({func})",
                "calls": ncalls,
                "own_s": round(tottime, 4),
                "cum_s": round(cumtime, 4),
            })
        rows.sort(key=lambda r: -r["own_s"])
        result[short] = rows[:top]
    return result


def _short_path(file: str) -> str:
    p = file.replace("\\", "/")
    for marker in ("/hadath/", "/site-packages/", "/lib/python"):
        if marker in p:
            return p[p.index(marker) + 1:]
    return p


# ----------------------------------------------------------------------------- cold start
_COLD_SCRIPT = r"""
import json, sys, time, resource
t0 = time.perf_counter()
import hadath
from hadath.io.readers import document_from_json
from hadath.pipeline import get_pipeline
from hadath.record import to_record
t1 = time.perf_counter()
pipe = get_pipeline()
t2 = time.perf_counter()
with open(sys.argv[1], encoding="utf-8") as f:
    obj = json.load(f)
to_record(pipe(document_from_json(obj, "cold")), pipeline_names=pipe.names)
t3 = time.perf_counter()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
print(json.dumps({"import_s": t1 - t0, "load_s": t2 - t1, "first_article_s": t3 - t2, "peak_rss_mb": rss}))
"""


def bench_cold_start(article: dict[str, Any], runs: int = 3) -> dict[str, Any]:
    """Fresh ``python -c`` processes: import, pipeline load and first article, timed apart.

    ``total_s`` = import + load + first article (what hadath costs); ``process_s`` adds the
    interpreter's own start-up and exit as seen from outside. The median of ``runs`` runs.
    """
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        json.dump(article, f, ensure_ascii=False)
        path = f.name
    env = dict(os.environ)
    for var in _THREAD_VARS:
        env[var] = "false" if var == "TOKENIZERS_PARALLELISM" else "1"
    samples: list[dict[str, float]] = []
    try:
        for _ in range(max(1, runs)):
            t0 = time.perf_counter()
            proc = subprocess.run([sys.executable, "-c", _COLD_SCRIPT, path], capture_output=True, text=True,
                                  env=env, timeout=300, check=False)
            wall = time.perf_counter() - t0
            if proc.returncode != 0:
                return {"error": proc.stderr.strip()[-2000:]}
            s = json.loads(proc.stdout.strip().splitlines()[-1])
            s["total_s"] = s["import_s"] + s["load_s"] + s["first_article_s"]
            s["process_s"] = wall
            samples.append(s)
    finally:
        os.unlink(path)
    keys = ("import_s", "load_s", "first_article_s", "total_s", "process_s", "peak_rss_mb")
    med = {k: round(statistics.median(s[k] for s in samples), 4) for k in keys}
    med["runs"] = len(samples)
    med["samples_total_s"] = [round(s["total_s"], 4) for s in samples]
    return med


# ----------------------------------------------------------------------------- floor
@lru_cache(maxsize=1)
def _regex_tokenizer() -> re.Pattern[str]:
    """Whitespace split + every Unicode punctuation/symbol character on its own.

    The same rule as camel-tools' ``simple_word_tokenize`` (without its emoji-sequence
    handling): non-space runs split around characters of Unicode categories P* and S*.
    """
    punct = [chr(c) for c in range(0x10000) if unicodedata.category(chr(c))[0] in "PS"]
    cls = "".join(re.escape(c) for c in punct)
    return re.compile(f"[{cls}]|[^\\s{cls}]+")


def regex_word_tokenize(text: str) -> list[str]:
    """The floor's fallback tokenizer (see :func:`_regex_tokenizer`)."""
    return _regex_tokenizer().findall(text)


def floor_tokenizer(skip_camel: bool = False) -> tuple[Callable[[str], list[str]], str, bool]:
    """(tokenize, label, real): camel-tools when importable, else the labelled regex fallback."""
    if not skip_camel:
        try:
            from camel_tools.tokenizers.word import simple_word_tokenize

            return simple_word_tokenize, "camel-tools simple_word_tokenize", True
        except ImportError:
            pass
        label = "regex tokenizer (camel-tools not installed)"
    else:
        label = "regex tokenizer (camel-tools skipped)"
    return regex_word_tokenize, label, False


def bench_floor(articles: list[dict[str, Any]], skip_camel: bool = False) -> dict[str, Any]:
    tok, label, real = floor_tokenizer(skip_camel)
    tok(articles[0]["text"])  # warm-up (compiles regexes)
    words = sum(word_count(a["text"]) for a in articles)
    ntok = 0
    with _Clock() as clock:
        for a in articles:
            ntok += len(tok(a["text"]))
    out = _rates(len(articles), words, clock)
    out.update({"label": label, "real": real, "tokens": ntok})
    return out


# ----------------------------------------------------------------------------- BERT-base
def hashed_ids(text: str, vocab: int = 64000, max_len: int = 512) -> list[list[int]]:
    """Whitespace tokens hashed into ``vocab`` ids, in chunks of ``max_len`` with [CLS]/[SEP].

    Ids 0-4 are kept for the special tokens ([PAD]=0, [CLS]=2, [SEP]=3). A real WordPiece
    vocabulary gives more sub-words than whitespace words on Arabic, so this favours BERT.
    """
    ids = [5 + zlib.crc32(w.encode("utf-8")) % (vocab - 5) for w in text.split()]
    body = max_len - 2
    chunks = [ids[i:i + body] for i in range(0, len(ids), body)] or [[]]
    return [[2, *c, 3] for c in chunks]


def _build_tagger() -> tuple[Any, str, bool]:
    import torch

    torch.manual_seed(0)
    try:
        from transformers import BertConfig, BertForTokenClassification

        cfg = BertConfig(vocab_size=64000, num_labels=9)  # 12 layers, 768 hidden, 3072 ff, 512 positions
        model = BertForTokenClassification(cfg)
        label = "BERT-base token classifier (transformers, 12x768, 64k vocab, random weights)"
        real = True
    except ImportError:
        class Encoder(torch.nn.Module):  # the same shape in pure torch
            def __init__(self) -> None:
                super().__init__()
                self.emb = torch.nn.Embedding(64000, 768)
                self.pos = torch.nn.Embedding(512, 768)
                layer = torch.nn.TransformerEncoderLayer(768, 12, 3072, batch_first=True)
                self.enc = torch.nn.TransformerEncoder(layer, 12, enable_nested_tensor=False)
                self.head = torch.nn.Linear(768, 9)

            def forward(self, input_ids: Any) -> Any:
                pos = torch.arange(input_ids.shape[1]).unsqueeze(0)
                return self.head(self.enc(self.emb(input_ids) + self.pos(pos)))

        model = Encoder()
        label = "pure-torch encoder (transformers not installed; 12x768, 64k vocab, random weights)"
        real = False
    model.eval()
    return model, label, real


def bench_bert(articles: list[dict[str, Any]], subset: int = 20) -> dict[str, Any]:
    """The BERT-base tagger on the first ``subset`` articles, one thread, extrapolated per article."""
    import torch

    torch.set_num_threads(1)
    try:
        torch.set_num_interop_threads(1)
    except RuntimeError:  # already set in this process
        pass
    model, label, real = _build_tagger()
    sub = articles[: max(1, subset)]

    def run(text: str) -> int:
        n = 0
        for chunk in hashed_ids(text):
            x = torch.tensor([chunk], dtype=torch.long)
            out = model(input_ids=x) if real else model(x)
            logits = out.logits if real else out
            n += int(logits.argmax(-1).numel())
        return n

    with torch.inference_mode():
        run(sub[0]["text"])  # warm-up
        words = sum(word_count(a["text"]) for a in sub)
        with _Clock() as clock:
            ntok = sum(run(a["text"]) for a in sub)
    out = _rates(len(sub), words, clock)
    out.update({
        "label": label,
        "real": real,
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "tokens": ntok,
        "subset": len(sub),
        "extrapolated": len(sub) < len(articles),
        "params_m": round(sum(p.numel() for p in model.parameters()) / 1e6, 1),
    })
    return out


# ----------------------------------------------------------------------------- dateparser
def bench_dateparser(articles: list[dict[str, Any]], subset: int = 30) -> dict[str, Any]:
    """dateparser's ``search_dates(text, languages=["ar"])`` on the first ``subset`` articles."""
    import dateparser
    from dateparser.search import search_dates

    sub = articles[: max(1, subset)]
    search_dates(sub[0]["text"][:2000], languages=["ar"])  # warm-up (loads language data)
    words = sum(word_count(a["text"]) for a in sub)
    found = 0
    errors = 0
    with _Clock() as clock:
        for a in sub:
            try:
                found += len(search_dates(a["text"], languages=["ar"]) or [])
            except Exception:  # noqa: BLE001
                errors += 1
    out = _rates(len(sub), words, clock)
    out.update({
        "label": f"dateparser {dateparser.__version__} search_dates(languages=['ar'])",
        "real": True,
        "dates_found": found,
        "errors": errors,
        "subset": len(sub),
        "extrapolated": len(sub) < len(articles),
    })
    return out


def bench_stage(articles: list[dict[str, Any]], short: str, subset: int) -> dict[str, Any] | None:
    """CPU time of one hadath stage alone (earlier stages run untimed) on the first ``subset`` articles."""
    from hadath.io.readers import document_from_json
    from hadath.pipeline import get_pipeline

    pipe = get_pipeline(None, None)
    shorts = [st.short for st in pipe.stages]
    if short not in shorts:
        return None
    upto = shorts.index(short)
    sub = articles[: max(1, subset)]
    spent = 0.0
    for a in sub:
        doc = document_from_json(a, "bench")
        for st in pipe.stages[:upto]:
            doc = st.fn(doc)
        c0 = time.process_time()
        pipe.stages[upto].fn(doc)
        spent += time.process_time() - c0
    words = sum(word_count(a["text"]) for a in sub)
    return {"label": f"hadath {short} stage alone", "articles": len(sub), "words": words, "cpu_s": round(spent, 4),
            "articles_per_s": len(sub) / max(spent, 1e-9), "words_per_s": words / max(spent, 1e-9),
            "ms_per_article": 1000 * spent / len(sub)}


# ----------------------------------------------------------------------------- report
def _ratio(a: dict[str, Any] | None, b: dict[str, Any] | None) -> float | None:
    if not a or not b or "articles_per_s" not in a or "articles_per_s" not in b or not b["articles_per_s"]:
        return None
    return float(a["articles_per_s"] / b["articles_per_s"])


def _same_texts_ratio(h: dict[str, Any] | None, base: dict[str, Any] | None) -> float | None:
    """How many times less CPU hadath spends than ``base`` on exactly ``base``'s (sub)set of texts."""
    if not h or not base or "cpu_s" not in base:
        return None
    k = int(base.get("articles", 0))
    per = h.get("per_article_cpu_s") or []
    if k and len(per) >= k:
        mine = sum(per[:k])
        return float(base["cpu_s"] / mine) if mine > 0 else None
    return _ratio(h, base)


def compute_ratios(results: dict[str, Any]) -> dict[str, float | None]:
    """Speed ratios, CPU time, on the same texts (a baseline timed on a subset is compared with
    hadath's time on that same subset)."""
    h = results.get("hadath")
    raw = {
        "hadath_vs_bert": _same_texts_ratio(h, results.get("bert")),
        "hadath_vs_dateparser": _same_texts_ratio(h, results.get("dateparser")),
        "floor_vs_hadath": _ratio(results.get("floor"), h),
    }
    tstage = results.get("times_stage")
    dp = results.get("dateparser")
    raw["hadath_times_stage_vs_dateparser"] = (
        float(dp["cpu_s"] / tstage["cpu_s"]) if tstage and dp and "cpu_s" in dp and tstage.get("cpu_s") else None
    )
    return {k: None if v is None else round(v, 3) for k, v in raw.items()}


def check_targets(results: dict[str, Any]) -> dict[str, dict[str, Any]]:
    h = results.get("hadath") or {}
    cold = results.get("cold_start") or {}
    ratios = results.get("ratios") or {}
    values = {
        "articles_per_s": (h.get("articles_per_s"), ">="),
        "x_bert": (ratios.get("hadath_vs_bert"), ">="),
        "peak_rss_mb": (h.get("peak_rss_mb"), "<="),
        "cold_start_s": (cold.get("total_s"), "<="),
    }
    out = {}
    for k, (v, op) in values.items():
        target = TARGETS[k]
        met = None if v is None else (v >= target if op == ">=" else v <= target)
        out[k] = {"value": None if v is None else round(v, 3), "target": f"{op} {target:g}", "met": met}
    return out


def _fmt(v: Any, nd: int = 1) -> str:
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:,.{nd}f}"
    return str(v)


def markdown_table(results: dict[str, Any]) -> str:
    """The short table printed and put in README.md."""
    n = results.get("n")
    lines = [
        f"Measured {results.get('date')} with `hadath bench --n {n}` on {n} SaudiNewsNet articles "
        f"({results.get('n_subset', 0)} from the conflict-keyword subset), one thread, CPU time "
        f"(machine: {results.get('machine', '?')}; details: docs/benchmarks.md).",
        "",
        "| system | articles | articles/s | words/s | ms/article | hadath is (same texts) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    h = results.get("hadath")
    ratios = results.get("ratios") or compute_ratios(results)

    def rel(x: float | None) -> str:
        if not x:
            return "–"
        return f"{x:,.1f}x faster" if x >= 1 else f"{1 / x:,.1f}x slower"

    floor_ratio = ratios.get("floor_vs_hadath")
    rels = {
        "hadath": "—",
        "floor": rel(1 / floor_ratio if floor_ratio else None),
        "bert": rel(ratios.get("hadath_vs_bert")),
        "dateparser": rel(ratios.get("hadath_vs_dateparser")),
        "times_stage": f"dateparser {rel(ratios.get('hadath_times_stage_vs_dateparser')).replace('faster', 'slower', 1)}"
        if ratios.get("hadath_times_stage_vs_dateparser") and ratios["hadath_times_stage_vs_dateparser"] >= 1
        else "–",
    }
    for key in ("hadath", "floor", "bert", "dateparser", "times_stage"):
        r = results.get(key)
        if not r or "articles_per_s" not in r:
            continue
        label = r["label"]
        if r.get("extrapolated"):
            label += f" — first {r['articles']} articles, per article"
        elif key == "times_stage":
            label += " (dateparser's texts)"
        lines.append(f"| {label} | {r['articles']} | {_fmt(r['articles_per_s'])} | {_fmt(r['words_per_s'], 0)} "
                     f"| {_fmt(r['ms_per_article'], 2)} | {rels[key]} |")
    cold = results.get("cold_start") or {}
    if h:
        lines.append("")
        lat = h.get("latency_ms") or {}
        lines.append(f"hadath latency per article p50 {_fmt(lat.get('p50'), 1)} ms, p95 {_fmt(lat.get('p95'), 1)} ms, "
                     f"max {_fmt(lat.get('max'), 1)} ms; "
                     f"peak memory {_fmt(h.get('peak_rss_mb'))} MB; cold start "
                     f"{_fmt(cold.get('total_s'), 2)} s (import {_fmt(cold.get('import_s'), 2)} s, load "
                     f"{_fmt(cold.get('load_s'), 2)} s, first article {_fmt(cold.get('first_article_s'), 2)} s). "
                     f"Stage wall time (ms/article): " + ", ".join(
                         f"{k} {v:.2f}" for k, v in (h.get("stage_ms_per_article") or {}).items()) + ".")
    t = results.get("targets") or {}
    if t:
        lines.append("")
        lines.append("Targets: " + "; ".join(
            f"{k} {_fmt(v['value'], 2)} ({v['target']}: {'met' if v['met'] else ('not met' if v['met'] is False else 'n/a')})"
            for k, v in t.items()) + ".")
    return "\n".join(lines)


def profile_markdown(profile: dict[str, list[dict[str, Any]]], top: int = 3) -> str:
    lines = ["| stage | top functions by own time (s over the run) |", "|---|---|"]
    for st, rows in profile.items():
        cells = "; ".join(f"`{r['function']}` {r['own_s']:.3f}" for r in rows[:top])
        lines.append(f"| {st} | {cells} |")
    return "\n".join(lines)


def update_readme(readme: Path, block: str) -> bool:
    """Put ``block`` between the bench markers; add the markers at the end of "Current figures"."""
    text = readme.read_text(encoding="utf-8")
    new_block = f"{README_START}\n{block}\n{README_END}"
    if README_START in text and README_END in text and text.index(README_START) < text.index(README_END):
        a, b = text.index(README_START), text.index(README_END) + len(README_END)
        new = text[:a] + new_block + text[b:]
    else:
        m = re.search(r"^## Current figures[^\n]*\n", text, flags=re.M)
        if m:
            nxt = re.search(r"^## ", text[m.end():], flags=re.M)
            at = m.end() + nxt.start() if nxt else len(text)
            head = text[:at].rstrip("\n")
            new = head + "\n\n" + new_block + "\n\n" + text[at:].lstrip("\n")
            if not nxt:
                new = new.rstrip("\n") + "\n"
        else:
            new = text.rstrip("\n") + "\n\n## Current figures\n\n" + new_block + "\n"
    if new != text:
        readme.write_text(new, encoding="utf-8")
        return True
    return False


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def run_bench(
    corpus: Path,
    n: int = 300,
    *,
    skip_bert: bool = False,
    skip_dateparser: bool = False,
    skip_camel: bool = False,
    skip_cold: bool = False,
    bert_n: int = 20,
    dateparser_n: int = 30,
    cold_runs: int = 3,
    profile: bool = False,
    time_limit: float | None = 30.0,
    log: Callable[[str], None] = lambda s: None,
) -> dict[str, Any]:
    """All measurements in one process, hadath first (so its peak memory is its own)."""
    one_thread_env()
    articles = load_articles(corpus, n)
    if not articles:
        raise click.ClickException(f"no usable articles in {corpus}")
    subset_file = corpus.parent / SUBSET_NAME
    wanted = set(subset_file.read_text(encoding="utf-8").split()) if subset_file.exists() else set()
    results: dict[str, Any] = {
        "date": dt.date.today().isoformat(),
        "corpus": str(corpus),
        "n": len(articles),
        "n_subset": sum(1 for a in articles if str(a.get("id")) in wanted),
        "words": sum(word_count(a["text"]) for a in articles),
        "chars": sum(len(a["text"]) for a in articles),
        "machine": _machine(),
        "throughput_basis": "CPU time of the process, one thread (wall time in *_wall fields)",
    }
    log(f"{len(articles)} articles, {results['words']} words")
    log("hadath ...")
    results["hadath"] = bench_hadath(articles, time_limit)
    log(f"hadath: {results['hadath']['articles_per_s']:.1f} articles/s, {results['hadath']['errors']} errors")
    if profile:
        log("profile ...")
        results["profile"] = profile_hadath(articles)
    if not skip_cold:
        log("cold start ...")
        results["cold_start"] = bench_cold_start(articles[0], runs=cold_runs)
    log("floor ...")
    results["floor"] = bench_floor(articles, skip_camel=skip_camel)
    if not skip_dateparser:
        log(f"dateparser ({min(dateparser_n, len(articles))} articles) ...")
        try:
            results["dateparser"] = bench_dateparser(articles, dateparser_n)
            results["times_stage"] = bench_stage(articles, "times", dateparser_n)
        except ImportError as exc:
            results["dateparser"] = {"skipped": f"dateparser not installed ({exc})"}
    if not skip_bert:
        log(f"BERT-base ({min(bert_n, len(articles))} articles) ...")
        try:
            results["bert"] = bench_bert(articles, bert_n)
        except ImportError as exc:
            results["bert"] = {"skipped": f"torch not installed ({exc}): pip install torch (CPU build)"}
    results["ratios"] = compute_ratios(results)
    results["targets"] = check_targets(results)
    return results


@click.command("bench")
@click.option("--corpus", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="JSONL(.gz) of articles (default: ../shared/corpora/saudinewsnet/articles.jsonl.gz).")
@click.option("--n", "n", type=click.IntRange(1), default=300, show_default=True, help="Number of articles.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=Path("reports/bench.json"),
              show_default=True, help="JSON results file.")
@click.option("--skip-bert", is_flag=True, help="Skip the BERT-base tagger (needs torch).")
@click.option("--skip-dateparser", is_flag=True, help="Skip dateparser.")
@click.option("--skip-camel", is_flag=True, help="Use the regex floor tokenizer even if camel-tools is installed.")
@click.option("--skip-cold", is_flag=True, help="Skip the cold-start subprocesses.")
@click.option("--bert-n", type=click.IntRange(1), default=20, show_default=True,
              help="Articles the BERT tagger is timed on (extrapolated per article).")
@click.option("--dateparser-n", type=click.IntRange(1), default=30, show_default=True,
              help="Articles dateparser is timed on (extrapolated per article).")
@click.option("--cold-runs", type=click.IntRange(1), default=3, show_default=True, help="Cold-start runs (median).")
@click.option("--profile", is_flag=True, help="Also cProfile each stage and print its hot spots.")
@click.option("--time-limit", type=float, default=30.0, show_default=True,
              help="Seconds per article before hadath's run counts it as an error.")
@click.option("--readme", is_flag=True, help="Write the table into README.md between the bench markers.")
def bench_cmd(
    corpus: Path | None, n: int, out: Path, skip_bert: bool, skip_dateparser: bool, skip_camel: bool,
    skip_cold: bool, bert_n: int, dateparser_n: int, cold_runs: int, profile: bool, time_limit: float,
    readme: bool,
) -> None:
    """Speed, memory and cold start of hadath against a tokenizer floor, BERT-base and dateparser."""
    corpus = corpus or DEFAULT_CORPUS
    if not corpus.exists():
        raise click.ClickException(f"corpus not found: {corpus} (pass --corpus)")
    results = run_bench(corpus, n, skip_bert=skip_bert, skip_dateparser=skip_dateparser, skip_camel=skip_camel,
                        skip_cold=skip_cold, bert_n=bert_n, dateparser_n=dateparser_n, cold_runs=cold_runs,
                        profile=profile, time_limit=time_limit or None, log=lambda s: click.echo(s, err=True))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    table = markdown_table(results)
    click.echo(table)
    if profile and results.get("profile"):
        click.echo("")
        click.echo(profile_markdown(results["profile"]))
    click.echo(f"\nresults: {out}", err=True)
    if readme:
        path = ROOT / "README.md"
        changed = update_readme(path, table)
        click.echo(f"README.md {'updated' if changed else 'unchanged'}", err=True)

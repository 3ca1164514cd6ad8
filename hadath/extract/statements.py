"""Statements: quotations, reported speech and embedded posts, with resolved speakers.

Stage ``statements.rules.v1`` fills ``doc.statements`` with :class:`hadath.model.Statement`
(``text == doc.text[start:end]``). See ``docs/statements.md`` for the rules; in short:

1. Quotation marks are paired once over the text (:mod:`hadath.extract.quotes`).
2. Speech cues (``hadath/data/speech/cues.tsv``: verbs, their feminine/plural forms and
   participles) are found outside quotations. After a cue, the first *content marker*
   (أن/إن/بأن, «:», a quotation, or the preposition the verb governs: إلى, على, بـ, عن, من)
   ends the speaker's noun phrase (VSO order: «وقال محافظ أربيل، أوميد خوشناو، إن»).
   Adjuncts (days, «في بيان», «خلال مؤتمر صحافي», «لوكالة …», «وهو …») are cut from it.
3. No subject after the verb: a subject before it in the same clause (SVO, «وكان X دعا»),
   else the speaker of the thread (the last statement's speaker). Participles («مؤكدا»)
   continue the speaker of their sentence. Call verbs (دعا، طالب، ناشد، حث) take an
   addressee: a noun phrase after them right after a statement of someone else is the
   addressee, unless an adjunct («اليوم», «في بيان») marks it as the subject.
4. The content runs from the marker to the end of the clause (sentence end, or a new
   participle/verb cue after a comma); when it starts with a quotation, the statement is the
   quotation (``direct=True``).
5. Quotations left over (4+ words, not a quoted name) are attributed by a cue after them
   («… "، وفقا لما ذكره X»), a cue before them in the sentence, or the thread.
6. «بحسب X / وفقا لـX / نقلا عن X» attribute their clause to X.
7. Embedded posts («— UNAMI (@UNIraq) December 3, 2021») become one statement with platform,
   handle and date, merged with the body quotations of the same words.
8. Stance from the cue and the first word of the content («ندين» → condemn); ``event_ids``
   from the place names and the attack words of the content.

Speakers go through the actors layer when it exists (``hadath.extract.coref.resolve_mention``
and ``doc.actors``), else they are read from the words (and anonymous sources from
``sources.tsv``), with short names («بارزاني») resolved to the nearest earlier speaker whose
name contains them.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from hadath.arabic.normalize import normalize_key
from hadath.document import Document
from hadath.extract.quotes import QUOTE_CHARS, Quote, find_quotes
from hadath.model import Actor, Statement
from hadath.pipeline import stage

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "speech"
HISTORY = 40  # earlier speakers searched for a short mention
MAX_POSTS = 50  # embedded posts per article
STEP_BUDGET = 20  # token steps per token of the text (keeps pathological texts linear)

# ---------------------------------------------------------------------------- lexicons


@dataclass(frozen=True, slots=True)
class Cue:
    lemma: str
    stance: str
    frames: frozenset[str]
    participle: bool
    form: str


@dataclass(frozen=True, slots=True)
class Lexicon:
    cues: dict[str, Cue]
    sources: list[tuple[tuple[str, ...], str]]  # (normalised words, English name), longest first
    words: dict[str, set[str]]  # kind -> normalised words (adjuncts.tsv)


def _rows(name: str) -> list[list[str]]:
    path = DATA_DIR / name
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        out.append(line.split("\t"))
    return out


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    cues: dict[str, Cue] = {}
    for row in _rows("cues.tsv"):
        row += [""] * (5 - len(row))
        lemma, stance, frames, finite, parts = row[:5]
        fr = frozenset(f.strip() for f in frames.split(",") if f.strip())
        for forms, is_part in ((finite, False), (parts, True)):
            for f in forms.split():
                k = normalize_key(f)
                cues.setdefault(k, Cue(normalize_key(lemma), stance, fr, is_part, k))
    sources = []
    for row in _rows("sources.tsv"):
        sources.append((tuple(normalize_key(row[0]).split()), row[1]))
    sources.sort(key=lambda x: -len(x[0]))
    words: dict[str, set[str]] = {}
    for row in _rows("adjuncts.tsv"):
        words.setdefault(row[0], set()).add(normalize_key(row[1]))
    return Lexicon(cues, sources, words)


# content markers (normalised)
AN_FORMS = frozenset(
    normalize_key(w)
    for w in "أن أنه أنها أنهم أنهما أنهن أننا أنني إن إنه إنها إنهم إننا بأن بأنه بأنها بأنهم بأنهما "
    "لأن".split()
) - {"لان"}
_BI_RE = re.compile(r"^ب(ال|ت|است|ضروره|وقف|سحب|رفع|فتح|حمايه|اطلاق|اعاده|انهاء|اجراء|اتخاذ|منع)\w{2,}$")
CALL_LEMMAS = frozenset(normalize_key(w) for w in ("دعا", "طالب", "ناشد", "حث"))
TRANSPARENT = frozenset(normalize_key(w) for w in ("قائلا", "قائلة", "قائلين", "بالقول", "قوله", "قولها"))
ATTRIB = {  # attribution words: speaker after them
    "بحسب": 1, "حسب": 1, "وفق": 1, "وفقا": 1, "طبقا": 1, "نقلا": 1, "وبحسب": 1, "ووفقا": 1,
    "وحسب": 1, "ووفق": 1, "وطبقا": 1, "ونقلا": 1,
}
ATTRIB_SKIP = frozenset(
    normalize_key(w)
    for w in "عن لما ل ما ذكره ذكرته ذكرت ذكر نقلته نقله اورده اوردته اوردت افاد افادت افادته اعلنه "
    "اعلنته قالته قاله نشرته نشره بثته بثه جاء في على لسان".split()
)
ATTACK_WORDS = frozenset(
    normalize_key(w)
    for w in "الهجوم الهجمات الهجومين التفجير التفجيرين الانفجار الاعتداء الاعتداءات الغارة الغارات "
    "القصف الاشتباكات المعارك العملية الحادث الهجوم الإرهابي".split()
)
STANCE_WORDS = {
    **{normalize_key(w): "condemn" for w in "ندين نستنكر نشجب نندد ادانتنا ندين".split()},
    **{normalize_key(w): "demand" for w in "ندعو نطالب نناشد نحث".split()},
    **{normalize_key(w): "deny" for w in "ننفي".split()},
    **{normalize_key(w): "claim" for w in "نتبنى".split()},
    **{normalize_key(w): "threaten" for w in "نتوعد سننتقم".split()},
    **{normalize_key(w): "support" for w in "نرحب نؤيد ندعم".split()},
}
CLAIM_WORDS = frozenset(normalize_key(w) for w in "مسؤوليته مسؤوليتها مسؤوليتهم المسؤولية".split())
GEO_WORDS = frozenset(
    normalize_key(w) for w in "جنوب شمال شرق غرب وسط جنوبي شمالي شرقي غربي قرب جنوبا شمالا".split()
)

_TOKEN_RE = re.compile(r"\w+|([^\w\s])\1*")  # a run of one punctuation mark is one token
_NL_RE = re.compile("\n")
_WORD_RE = re.compile(r"\w+")
_UNSET = object()
_SENT_END = frozenset(".!?؟")
_COMMA = frozenset("،,")
_SEG_SEP = frozenset("،,-–—")

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
    normalize_key("يناير"): 1, normalize_key("فبراير"): 2, normalize_key("مارس"): 3,
    normalize_key("أبريل"): 4, normalize_key("ابريل"): 4, normalize_key("مايو"): 5,
    normalize_key("يونيو"): 6, normalize_key("يوليو"): 7, normalize_key("أغسطس"): 8,
    normalize_key("سبتمبر"): 9, normalize_key("أكتوبر"): 10, normalize_key("نوفمبر"): 11,
    normalize_key("ديسمبر"): 12,
}
_POST_RE = re.compile(
    r"^[ \t]*[—–―-]{1,2}[ \t]*([^\n()@]{1,80}?)[ \t]*\(@(\w{1,30})\)[ \t]*([^\n]{0,40}?)[ \t]*$",
    re.MULTILINE,
)
_DATE_EN = re.compile(r"([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})")
_DATE_AR = re.compile(r"(\d{1,2})\s+(\w+)\s+(\d{4})")
PLATFORM_WORDS = {normalize_key(w): "twitter" for w in "تغريدة تغريده غرد غردت تويتر مغردا مغردة".split()}
PLATFORM_WORDS.update({normalize_key(w): "facebook" for w in "فيسبوك فيس_بوك".split()})
PLATFORM_WORDS.update({normalize_key(w): "telegram" for w in "تلغرام تيليغرام تليغرام".split()})


# ---------------------------------------------------------------------------- text model


@dataclass(slots=True)
class Tok:
    s: int  # norm offsets
    e: int
    w: str
    sent: int = 0
    para: int = 0
    in_quote: bool = False
    name_ali: bool = False  # «علي» written with ya (the name Ali), not «على»


@dataclass(slots=True)
class Cand:
    cs: int  # content span (norm)
    ce: int
    direct: bool
    speaker: Actor | None
    cue: str | None
    cue_s: int | None
    cue_e: int | None
    stance: str
    sent: int
    conf: float
    how: str = ""
    platform: str | None = None
    handle: str | None = None
    posted: str | None = None
    speaker_words: frozenset[str] = field(default_factory=frozenset)


class _Text:
    """Tokens, sentences and quotations of a normalised text."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.norm = doc.norm
        s = self.norm.text
        self.s = s
        toks: list[Tok] = []
        sent = para = 0
        nls = [m.start() for m in _NL_RE.finditer(s)]
        ni, nn = 0, len(nls)
        for m in _TOKEN_RE.finditer(s):
            a, b = m.span()
            if ni < nn and nls[ni] < a:
                while ni < nn and nls[ni] < a:
                    ni += 1
                if toks:
                    para += 1
                    sent += 1
            tk = Tok(a, b, m.group(), sent, para)
            if tk.w == "علي":
                o0, o1 = self.norm.to_original(a, b)
                tk.name_ali = doc.text[o0:o1].endswith("ي")
            toks.append(tk)
            w = tk.w
            if w in _SENT_END or (w[0] in "!?؟" and len(w) > 1):
                # not an ellipsis, not a decimal point
                nxt = s[b : b + 1]
                prv = s[a - 1 : a]
                if nxt != "." and prv != "." and not (prv.isdigit() and nxt.isdigit()):
                    sent += 1
        # a sentence-final mark belongs to its sentence: fix tokens after which sent++ happened
        self.toks = toks
        self.starts = [t.s for t in toks]
        self.quotes = [q for q in find_quotes(s)]
        self.quote_at: dict[int, Quote] = {}
        for q in self.quotes:
            if q.depth == 0:
                self.quote_at.setdefault(q.start, q)
                if q.open_pos is not None:
                    self.quote_at.setdefault(q.open_pos, q)
        # mark tokens inside (outer) quotations
        self.outer = [q for q in self.quotes if q.depth == 0]
        self.outer_starts = [q.start for q in self.outer]
        outer = [(q.start, q.end) for q in self.outer]
        j = 0
        for t in toks:
            while j < len(outer) and outer[j][1] <= t.s:
                j += 1
            if j < len(outer) and outer[j][0] <= t.s < outer[j][1]:
                t.in_quote = True
        self.sent_first: dict[int, int] = {}
        trig = _triggers()
        self.cue_cache: list[Any] = [None] * len(toks)
        self.budget = STEP_BUDGET * len(toks) + 20_000
        self.trigger_idx: list[int] = []
        for i, t in enumerate(toks):
            if t.sent not in self.sent_first:
                self.sent_first[t.sent] = i
            w = t.w
            if w in trig or (len(w) > 3 and w[0] in "وف" and w[1:] in trig):
                self.cue_cache[i] = _UNSET
                self.trigger_idx.append(i)
        self.trigger_set = frozenset(self.trigger_idx)

    def tok_index(self, pos: int) -> int:
        """Index of the first token starting at or after ``pos``."""
        return bisect.bisect_left(self.starts, pos)

    def orig(self, ns: int, ne: int) -> tuple[int, int]:
        return self.norm.to_original(ns, ne)


def _bare(w: str) -> str:
    if len(w) > 3 and w[0] in "وف":
        return w[1:]
    return w


# ---------------------------------------------------------------------------- speakers


@dataclass(slots=True)
class NP:
    name: tuple[int, int] | None  # norm span of the name words
    role: tuple[int, int] | None
    full: tuple[int, int] | None
    cut: bool  # an adjunct was cut off
    words: list[str] = field(default_factory=list)
    stop: int | None = None  # token index where the adjunct starts


def _is_title(w: str, lex: Lexicon) -> bool:
    titles = lex.words.get("title", set())
    return w in titles or _bare(w) in titles or ("ال" + w) in titles


def _adjunct_start(toks: list[Tok], k: int, lex: Lexicon, light: bool = False) -> bool:
    w = toks[k].w
    if w == "علي" and toks[k].name_ali:
        return False
    bw = _bare(w)
    W = lex.words
    if w in W.get("time", ()) or bw in W.get("time", ()):
        return True
    if w in W.get("rel", ()) or w in W.get("objhead", ()):
        return True
    if light:
        return False
    if w in W.get("start", ()):
        return True
    if w in TRANSPARENT or w.startswith("لل") and len(w) > 4:
        return True
    if w in ("في", "خلال", "عبر", "فى") and k + 1 < len(toks):
        nw = toks[k + 1].w
        if nw in W.get("in", ()) or nw in W.get("time", ()) or _bare(nw) in W.get("time", ()):
            return True
    return False


def parse_np(T: _Text, i0: int, i1: int, light: bool = False) -> NP:
    """Read a speaker noun phrase from tokens ``[i0, i1)`` (adjuncts cut, name vs role)."""
    lex = lexicon()
    toks = T.toks
    segs: list[list[int]] = []
    cur: list[int] = []
    cut = False
    depth = 0
    protect = -1
    if i1 - i0 >= 2 and toks[i0].w in SPEECH_NOUNS and toks[i0 + 1].w[:1] == "ل" and len(toks[i0 + 1].w) > 3:
        cur.append(i0 + 1)  # «بيان للجيش اليمني»: the army speaks
        protect = i0 + 1
        i0 += 2
    k = i0
    while k < i1:
        t = toks[k]
        w = t.w
        if w == "(":
            depth += 1
            cur.append(k)
        elif w == ")":
            depth = max(0, depth - 1)
            cur.append(k)
        elif depth == 0 and w in _SEG_SEP:
            if cur:
                segs.append(cur)
            cur = []
        elif w[0] in QUOTE_CHARS or w in ":.؛;":
            pass
        else:
            cur.append(k)
        k += 1
    if cur:
        segs.append(cur)
    kept: list[list[int]] = []
    stop_at: int | None = None
    for seg in segs:
        if not seg:
            continue
        first = toks[seg[0]].w
        if first in lex.words.get("rel", ()) or first in GEO_WORDS:
            continue  # apposition «وهو قائد ميداني», «جنوب البلاد»
        out: list[int] = []
        stop = False
        for k in seg:
            if k != protect and toks[k].w not in "()" and _adjunct_start(toks, k, lex, light):
                stop = True
                stop_at = k
                break
            out.append(k)
        while out and toks[out[-1]].w in "(":
            out.pop()
        if out:
            kept.append(out[:12])
        if stop:
            # a time/place adjunct marks the end of a subject; a relative clause does not
            w = toks[stop_at].w if stop_at is not None else ""
            cut = w not in lex.words.get("rel", ()) and w not in lex.words.get("objhead", ())
            break
        if len(kept) >= 3:
            break
    if not kept:
        return NP(None, None, None, cut, [], stop_at)
    # the name: the first segment that does not start with a title word
    name_seg = None
    honor = lex.words.get("honor", set())
    for seg in kept:
        w0 = toks[seg[0]].w
        if (w0 in honor or not _is_title(w0, lex)) and any(
            not _is_title(toks[k].w, lex) and toks[k].w not in "()" for k in seg
        ):
            name_seg = seg
            break
    if name_seg is None:
        name_seg = kept[-1] if len(kept) > 1 else kept[0]
    role_segs = [sg for sg in kept if sg is not name_seg]
    name = (toks[name_seg[0]].s, toks[name_seg[-1]].e)
    role = (toks[role_segs[0][0]].s, toks[role_segs[0][-1]].e) if role_segs else None
    full = (toks[kept[0][0]].s, toks[kept[-1][-1]].e)
    words = [toks[k].w for sg in kept for k in sg if toks[k].w not in "()"]
    return NP(name, role, full, cut, words, stop_at)


def _content_words(words: list[str] | frozenset[str], lex: Lexicon) -> set[str]:
    out = set()
    for w in words:
        if w in "()" or not w[:1].isalnum():
            continue
        w2 = w[2:] if w.startswith("ال") and len(w) > 4 else w
        if _is_title(w, lex) or w in ("في", "من", "عن", "علي", "الي"):
            continue
        out.add(w2)
    return out


@lru_cache(maxsize=1)
def _actor_helpers() -> tuple[Any, Any]:
    """``resolve_mention`` and a romaniser from the actors layer, when it exists."""
    resolve = romanize = None
    try:  # actors helper (written concurrently)
        from hadath.extract.coref import resolve_mention  # type: ignore[import-not-found]

        resolve = resolve_mention
    except Exception:  # noqa: BLE001
        resolve = None
    try:
        import hadath.extract.actors as _am  # type: ignore[import-not-found]

        for nm in ("romanize", "romanise", "romanize_name", "transliterate"):
            if callable(getattr(_am, nm, None)):
                romanize = getattr(_am, nm)
                break
    except Exception:  # noqa: BLE001
        romanize = None
    return resolve, romanize


class Speakers:
    """Speaker resolution: actors layer first, then words, sources and earlier speakers."""

    def __init__(self, T: _Text) -> None:
        self.T = T
        self.doc = T.doc
        self.history: list[tuple[Actor, frozenset[str]]] = []
        self.resolve, self.romanize = _actor_helpers()
        self.actor_spans = []
        for a in getattr(self.doc, "actors", []) or []:
            sp = getattr(a, "span", None)
            if sp is not None:
                self.actor_spans.append((sp.start, sp.end, a))
        self.actor_spans.sort(key=lambda x: x[0])

    def _layer(self, ns: int, ne: int) -> Actor | None:
        """The actors layer's actor for a phrase, if it is the phrase's head: its mention starts
        the phrase or covers half of it (not «حزب العمال» inside «قوات … الجناح العسكري لحزب العمال»)."""
        os_, oe = self.T.orig(ns, ne)

        def head(a: Actor | None) -> bool:
            sp = getattr(a, "span", None)
            if a is None:
                return False
            if sp is None:
                return True
            ov = min(oe, sp.end) - max(os_, sp.start)
            return ov > 0 and (abs(sp.start - os_) <= 3 or 2 * ov >= oe - os_)

        if self.resolve is not None:
            try:
                a = self.resolve(self.doc, os_, oe)
                if head(a):
                    return a
            except Exception:  # noqa: BLE001
                pass
        best = None
        for s, e, a in self.actor_spans:
            if s >= oe:
                break
            if e > os_ and s < oe and head(a):
                if best is None or (e - s) > (best[1] - best[0]):
                    best = (s, e, a)
        return best[2] if best else None

    def _persons_in(self, ns: int, ne: int) -> Actor | None:
        """The last person mention in the phrase, if only titles follow it (the name of
        «مفتش الشرطة محمد فوزي هارون»; not «رئيس الوزراء» in «رئيس الوزراء الأسبق برنار كازنوف»)."""
        os_, oe = self.T.orig(ns, ne)
        found = None
        for s, e, a in self.actor_spans:
            if s >= oe:
                break
            if s >= os_ and e <= oe and getattr(a, "kind", None) == "person":
                found = (e, a)
        if found is None:
            return None
        lex = lexicon()
        rest = _WORD_RE.findall(normalize_key(self.doc.text[found[0] : oe]))
        if any(not _is_title(w, lex) for w in rest):
            return None
        return found[1]

    def _history(self, cw: set[str]) -> Actor | None:
        if cw:
            for actor, aw in reversed(self.history[-HISTORY:]):
                if cw <= aw:
                    return actor
        return None

    def from_np(self, np_: NP) -> Actor | None:
        """The speaker a noun phrase names (see the module doc for the order of the tries)."""
        if np_.full is None:
            return None
        lex = lexicon()
        T = self.T
        words = np_.words
        cw = _content_words(words, lex)
        # 1. a short mention of an earlier speaker («بارزاني», «رئيس الاستئناف»)
        if len(words) <= 3 or (np_.name is None and len(words) <= 6):
            a = self._history(cw)
            if a is not None:
                return self._remember(a, words)
        # 2. anonymous and generic sources («مصدر أمني» → "Security source")
        for key, en in lex.sources:
            if tuple(words[: len(key)]) == key:
                o = T.orig(*np_.full)
                return self._remember(
                    Actor(name=en, name_ar=self.doc.text[o[0] : o[1]], kind="source", span=self.doc.span(*o)),
                    words,
                )
        # 3. a person named in the phrase (actors layer): in the name segment when there is one
        a = self._persons_in(*(np_.name or np_.full))
        if a is None:
            # 4. a role without a name («المتحدث باسم البنتاغون»): a person, not the organisation
            office = _is_title(words[0], lex) and words[0] not in lex.words.get("honor", ())
            if office:
                r = self._layer(*np_.full)
                if r is not None and getattr(r, "kind", None) == "person":
                    a = r
            else:
                # 5. the actors layer on the name, then on the whole phrase
                if np_.name is not None:
                    a = self._layer(*np_.name)
                if a is None:
                    a = self._layer(*np_.full)
        if a is not None:
            return self._remember(a, words)
        # 6. an earlier speaker whose words contain these words
        a = self._history(cw)
        if a is not None:
            return self._remember(a, words)
        # 7. the words themselves
        ns, ne = np_.name if np_.name else np_.full
        o = T.orig(ns, ne)
        name_ar = self.doc.text[o[0] : o[1]].strip().strip("\"«»“”")
        role = None
        if np_.role is not None:
            ro = T.orig(*np_.role)
            role = self.doc.text[ro[0] : ro[1]]
        name = name_ar
        if self.romanize is not None:
            try:
                r = self.romanize(name_ar)
                if r:
                    name = str(r)
            except Exception:  # noqa: BLE001
                pass
        actor = Actor(name=name, name_ar=name_ar, role=role, kind=None, span=self.doc.span(*o))
        return self._remember(actor, words)

    def _remember(self, a: Actor, words: list[str]) -> Actor:
        lex = lexicon()
        ws = _content_words(words, lex)
        if a.name_ar:
            ws |= _content_words(normalize_key(a.name_ar).split(), lex)
        if a.role:
            ws |= _content_words(normalize_key(a.role).split(), lex)
        self.history.append((a, frozenset(ws)))
        return a

    def words_of(self, a: Actor | None) -> frozenset[str]:
        if a is None:
            return frozenset()
        for actor, ws in reversed(self.history[-HISTORY:]):
            if actor is a:
                return ws
        return frozenset()

    def first_actor_in(self, ns: int, ne: int) -> Actor | None:
        os_, oe = self.T.orig(ns, ne)
        for s, e, a in self.actor_spans:
            if s >= oe:
                break
            if s >= os_ and getattr(a, "kind", None) not in ("civilians", "place"):
                return a
        return None


# ---------------------------------------------------------------------------- extraction


_BLOCK_BEFORE = frozenset(
    normalize_key(w)
    for w in "ما مما لما حول بعد قبل في من عن على إثر اثر رغم لم لا لن الذي التي الذين كيف عندما حين "
    "عند بسبب ضد".split()
)
SPEECH_NOUNS = frozenset(
    normalize_key(w)
    for w in "تغريدة تغريده بيان بيانه بيانها تصريح تصريحه تصريحات منشور رسالة كلمة كلمته خطاب".split()
)
QAWL = frozenset(normalize_key(w) for w in ("القول", "بالقول"))
SELF_REF = frozenset(normalize_key(w) for w in "البيان بيان المصدر نفسه ذاته ذات بالبيان".split())


def _cue_at(T: _Text, i: int) -> Cue | None:
    c = T.cue_cache[i]
    if c is _UNSET:
        c = T.cue_cache[i] = _cue_lookup(T, i)
    return c  # type: ignore[no-any-return]


def _cue_lookup(T: _Text, i: int) -> Cue | None:
    t = T.toks[i]
    if t.in_quote:
        return None
    lex = lexicon()
    c = lex.cues.get(t.w) or lex.cues.get(_bare(t.w))
    if c is None:
        # «عبر» (masculine) also means "via": only clause-initial with و or after a comma
        if t.w in ("وعبر", "فعبر") or (
            t.w == "عبر" and i > 0 and (T.toks[i - 1].w in _COMMA or T.toks[i - 1].sent != t.sent)
        ):
            return Cue(normalize_key("عبر"), "other", frozenset({"anp"}), False, "عبر")
        return None
    if i > 0 and T.toks[i - 1].sent == t.sent and T.toks[i - 1].w in _BLOCK_BEFORE and t.w[:1] not in "وف":
        return None  # a verbal noun («حول توعد الحوثيين») or a relative/negated verb («ما يشير»)
    return c


@lru_cache(maxsize=1)
def _triggers() -> frozenset[str]:
    """Every word that can start a cue, a speech noun or an attribution (fast pre-filter)."""
    return frozenset(lexicon().cues) | SPEECH_NOUNS | QAWL | frozenset(ATTRIB) | {"عبر"}


def _noun_cue_at(T: _Text, i: int) -> str | None:
    """«وفي تغريدة أخرى: …», «في القول إن …»: a speech noun that introduces content."""
    t = T.toks[i]
    if t.in_quote or T.cue_cache[i] is None and i not in T.trigger_set:
        return None
    w = t.w
    if w in QAWL or _bare(w) in QAWL:
        return "qawl"
    if w in SPEECH_NOUNS:
        n = len(T.toks)
        for k in range(i + 1, min(n, i + 4)):
            if T.toks[k].w == ":":
                return "colon"
            if T.toks[k].sent != t.sent:
                break
    return None


def _marker(T: _Text, j: int, cue: Cue) -> tuple[str, int, int] | None:
    """Is token j a content marker for ``cue``? (type, content start token, marker token)."""
    toks = T.toks
    t = toks[j]
    w = t.w
    q = T.quote_at.get(t.s) or (T.quote_at.get(t.s + len(w)) if w[0] in QUOTE_CHARS else None)
    if q is not None and q.start >= t.s:
        nw = q.words(T.s)
        after_intro = j > 0 and (toks[j - 1].w == ":" or toks[j - 1].w in AN_FORMS)
        if nw >= 4 or (nw >= 3 and after_intro) or (nw >= 1 and j > 0 and toks[j - 1].w == ":"):
            return ("quote", j, j)
        return None
    if w == ":":
        return ("colon", j + 1, j)
    if w in AN_FORMS:
        return ("an", j + 1, j)
    if w in ("الي", "علي") and j + 1 < len(toks) and toks[j + 1].w in AN_FORMS:
        return ("an", j + 2, j)
    if w == normalize_key("بالقول"):
        return ("bilqawl", j + 1, j)
    fr = cue.frames
    if w == "الي" and "ila" in fr:
        return ("ila", j, j)
    if w == "علي" and "ala" in fr:
        return ("ala", j + 1, j)
    if w == "عن" and "anp" in fr:
        return ("anp", j, j)
    if w == "من" and "min" in fr:
        return ("min", j, j)
    if "bi" in fr and _BI_RE.match(w):
        return ("bi", j, j)
    return None


def _content_end(T: _Text, j: int, colon: bool) -> int:
    """Token index (exclusive) where content starting at token j ends."""
    toks = T.toks
    n = len(toks)
    if j >= n:
        return n
    sent0 = toks[j].sent
    para0 = toks[j].para
    k = j
    limit = j + (160 if colon else 120)
    T.budget -= min(n, limit) - j
    while k < n and k < limit:
        t = toks[k]
        if colon:
            if t.para != para0:
                break
            if t.sent != sent0 and not t.in_quote:
                # a new sentence that starts with a cue ends the colon speech
                if _cue_at(T, k) is not None or t.w in ("و", "ف"):
                    break
        elif t.sent != sent0 and not t.in_quote:
            break
        if not t.in_quote and t.w in _COMMA and k + 1 < n:
            nt = toks[k + 1]
            if _cue_at(T, k + 1) is not None or _noun_cue_at(T, k + 1) is not None:
                break
            if nt.w in ("فيما", "بينما", "وسط"):
                break
        if not t.in_quote and t.w in "؛;" and not colon:
            break
        k += 1
    return k


_PREPS = frozenset(normalize_key(w) for w in "في من على إلى عن مع بعد قبل خلال عبر".split())


def _skip_adjuncts(T: _Text, k: int) -> int:
    """Skip commas, days and «في بيان …» at token k (start of an object after them)."""
    toks = T.toks
    n = len(toks)
    W = lexicon().words
    sent = toks[k].sent if k < n else -1
    while k < n and toks[k].sent == sent:
        w = toks[k].w
        if w in _COMMA or w in W.get("time", ()) or _bare(w) in W.get("time", ()) or w in W.get("in", ()):
            k += 1
        elif w in ("في", "خلال", "عبر", "علي") and k + 1 < n and (
            toks[k + 1].w in W.get("in", ()) or toks[k + 1].w in W.get("time", ())
        ):
            k += 2
        elif w in ("سابق", "الماضي", "الماضيه", "الالكتروني", "صحفي", "صحافي", "الرسمي"):
            k += 1
        else:
            break
    return k


def _trim_tokens(T: _Text, a: int, b: int) -> tuple[int, int] | None:
    toks = T.toks
    while a < b and (toks[a].w in "،,.:؛;-–—)" or (toks[a].w[0] in QUOTE_CHARS and T.quote_at.get(toks[a].s) is None)):
        a += 1
    while b > a and (toks[b - 1].w in "،,:؛;-–—(" or toks[b - 1].w == "."):
        b -= 1
    if b <= a:
        return None
    return a, b


def _quote_span_of(T: _Text, q: Quote) -> tuple[int, int]:
    s = T.s
    a, b = q.start, q.end
    while b > a and s[b - 1] in " .،,:" and s[b - 1] != ".":
        b -= 1
    return a, b


def _stance(cue: Cue | None, T: _Text, cs: int, ce: int) -> str:
    st = cue.stance if cue else "other"
    words = _WORD_RE.findall(T.s, cs, min(ce, cs + 400))
    words = [w for w in words if w[:1].isalnum()]
    if words:
        first = words[0] if words[0] not in AN_FORMS else (words[1] if len(words) > 1 else "")
        for w in (first, _bare(first)):
            if w in STANCE_WORDS:
                return STANCE_WORDS[w]
    if cue is not None and cue.lemma == normalize_key("أعلن") and any(w in CLAIM_WORDS for w in words[:6]):
        return "claim"
    return st


SOURCE_HEADS = frozenset(
    normalize_key(w)
    for w in "وكالة وكالات قناة صحيفة موقع مصدر مصادر بيان مسؤول مسؤولين مسؤولون المتحدث الناطق شهود "
    "سكان ناشطون ناشطين وزارة الجيش المرصد مكتب هيئة منظمة الأمم تقرير تقارير وسائل الإعلام إعلام "
    "الشرطة الأمن الحكومة السلطات مصادر التلفزيون التلفزيون الإذاعة".split()
)


def _source_like(np_: NP, SP: Speakers) -> bool:
    """Can the phrase after «بحسب/وفقا لـ» be a source (a known actor, a source word, a title)?"""
    if not np_.words:
        return False
    w0 = np_.words[0]
    w0b = w0[1:] if w0.startswith("ل") and len(w0) > 3 else w0
    lex = lexicon()
    if any(w in SOURCE_HEADS or (w.startswith("ال") and w[2:] in SOURCE_HEADS) or _is_title(w, lex) for w in (w0, w0b)):
        return True
    if any(tuple(np_.words[: len(k)]) == k for k, _ in lex.sources):
        return True
    return SP._layer(*np_.full) is not None


def _name_like(T: _Text, q: Quote) -> bool:
    """A quoted name or term («تنظيم "داعش"», «قوات "اللواء الأول"»)."""
    nw = q.words(T.s)
    if nw <= 3:
        return True
    if q.open_pos is None:
        return False
    i = T.tok_index(q.open_pos) - 1
    if i >= 0 and nw <= 6:
        pw = T.toks[i].w
        if _bare(pw) in _NAMING or pw in _NAMING or (pw.startswith("ال") and pw[2:] in _NAMING):
            return True
    return False


_NAMING = frozenset(
    normalize_key(w)
    for w in "تنظيم عملية حملة قوات جماعة حركة حزب لواء اللواء كتيبة كتائب جبهة مجلس تحالف شركة قناة "
    "صحيفة وكالة موقع هاشتاغ هاشتاق وسم شعار عنوان بعنوان اسم باسم المدعو يسمى تسمية يعرف المعروف "
    "المعروفة مسمى مبادرة برنامج كتاب فيلم مشروع خطة منظمة مركز مستشفى مدرسة جامعة معسكر منطقة مدينة "
    "حي بلدة قرية جيش ميليشيا فصيل كيان فرقة ائتلاف مؤسسة جمعية هيئة اتحاد مسلسل رواية قصيدة صفحة "
    "حساب مجموعة".split()
)


def extract_statements(doc: Document) -> list[Statement]:
    if not doc.text:
        return []
    T = _Text(doc)
    toks = T.toks
    n = len(toks)
    SP = Speakers(T)
    cands: list[Cand] = []
    last: Cand | None = None  # last statement with a speaker (the thread)
    covered: list[tuple[int, int]] = []  # content spans already taken (norm)
    events = list(getattr(doc, "events", []) or [])

    def inside_prev(pos: int) -> Cand | None:
        for c in reversed(cands[-6:]):
            if c.cs <= pos < c.ce:
                return c
        return None

    def emit(c: Cand) -> None:
        nonlocal last
        cands.append(c)
        covered.append((c.cs, c.ce))
        if c.speaker is not None:
            last = c

    def thread_recent(sent: int, para: int) -> bool:
        if last is None:
            return False
        return last.sent >= sent - 2

    lex = lexicon()
    disc = lex.words.get("discourse", set())
    noun_cue = Cue("قول", "other", frozenset({"an", "colon", "quote"}), True, "قول")

    def svo_subject(i: int) -> Actor | None:
        """A subject before the verb in its clause («وكان زعيم الحزب … دعا»)."""
        t = toks[i]
        k = i - 1
        sf = T.sent_first.get(t.sent, i)
        while k >= sf and toks[k].w not in _COMMA and toks[k].w not in ":-–—()":
            k -= 1
        a0 = k + 1
        while a0 < i and (toks[a0].w in disc or _bare(toks[a0].w) in disc):
            a0 += 1
        if not 0 < i - a0 <= 12 or toks[a0].w in _PREPS:
            return None
        if any(_cue_at(T, kk) for kk in range(a0, i)):
            return None
        pre = parse_np(T, a0, i, light=True)
        if pre.full is None or set(pre.words) <= SELF_REF:
            return None
        return SP.from_np(pre)

    def sentence_subject(i: int) -> Actor | None:
        """The subject of the sentence's first verb («ولم تجد قناة المسيرة … في القول إن»)."""
        t = toks[i]
        sf = T.sent_first.get(t.sent, i)
        k = sf
        while k < i and (toks[k].w in disc or toks[k].w in ("لم", "لن", "لا", "قد")):
            k += 1
        if k + 1 < i:
            np_ = parse_np(T, k + 1, i)
            if np_.full is not None and not set(np_.words) <= SELF_REF:
                return SP.from_np(np_)
        return SP.first_actor_in(toks[sf].s, t.s)

    i = 0
    trig_iter = iter(T.trigger_idx)
    while True:
        ti = next(trig_iter, None)
        if ti is None:
            break
        if ti < i:
            continue
        if T.budget < 0:
            break  # a pathological text: stop looking for more
        T.budget -= 40
        i = ti
        t = toks[i]
        cue = _cue_at(T, i)
        noun = None
        if cue is None:
            noun = _noun_cue_at(T, i)
            if noun is None:
                i += 1
                continue
            cue = noun_cue
        if inside_prev(t.s) is not None:
            i += 1
            continue
        # the first content marker after the cue
        j = i + 1
        mk = None
        while j < n and j < i + 40:
            tj = toks[j]
            if tj.sent != t.sent and not tj.in_quote and toks[j - 1].w != ":":
                break
            if tj.w in TRANSPARENT and tj.w not in QAWL:
                j += 1
                continue
            mk = _marker(T, j, cue)
            if mk is not None:
                break
            if tj.in_quote:
                j += 1  # a short quoted name inside the noun phrase
                continue
            if _cue_at(T, j) is not None or tj.w in "؛;":
                break
            j += 1
        if mk is None:
            if "obj" not in cue.frames or noun is not None:
                i += 1
                continue
            mk = ("obj", i + 1, i + 1)
        mtype, c0, mtok = mk
        np_ = NP(None, None, None, False)
        content_from = c0
        if not cue.participle and noun is None:
            if mtype == "obj":
                e2 = i + 1
                while e2 < n and toks[e2].sent == t.sent and e2 < i + 25 and toks[e2].w not in "؛;":
                    e2 += 1
                np_ = parse_np(T, i + 1, e2)
                if np_.full is not None:
                    if not np_.cut or np_.stop is None or np_.stop - i > 8:
                        i += 1  # subject and object cannot be told apart
                        continue
                    content_from = _skip_adjuncts(T, np_.stop)
            else:
                r0, r1 = i + 1, mtok
                for k in range(r0, r1):
                    w = toks[k].w
                    if w == "لسان" or (w == "عن" and not any(_adjunct_start(toks, kk, lex) for kk in range(r0, k))):
                        r0 = k + 1  # «نقلت الوكالة عن مصدر عسكري قوله»: the source speaks
                        break
                if r1 > r0:
                    np_ = parse_np(T, r0, r1)
            if np_.full is not None and set(np_.words) <= SELF_REF:
                np_ = NP(None, None, None, np_.cut)  # «البيان», «المصدر نفسه»: the thread speaks
        speaker: Actor | None = None
        how = ""
        if cue.participle or noun is not None:
            prev = cands[-1] if cands and cands[-1].sent == t.sent and cands[-1].speaker else None
            if prev is not None:
                speaker, how = prev.speaker, "participle"
            elif noun == "qawl":
                speaker = sentence_subject(i)
                how = "subject"
            else:
                sf = toks[T.sent_first.get(t.sent, i)].s
                a = SP.first_actor_in(sf, t.s)
                if a is not None:
                    speaker, how = a, "participle-actor"
            if speaker is None and last is not None:
                speaker, how = last.speaker, "participle-thread"
            if mtype == "obj":
                content_from = _skip_adjuncts(T, i + 1)
        else:
            is_call = cue.lemma in CALL_LEMMAS
            if np_.full is not None and is_call and not np_.cut and thread_recent(t.sent, t.para):
                aw = _content_words(np_.words, lex)
                lw = SP.words_of(last.speaker) if last else frozenset()
                if not (aw and aw <= lw):
                    # «ودعا التحالف الدولي ... إلى»: an addressee; the thread's speaker calls
                    speaker, how = last.speaker, "addressee"
                    content_from = i + 1
            if speaker is None and np_.full is not None:
                speaker, how = SP.from_np(np_), "np"
            if speaker is None:
                speaker = svo_subject(i)
                how = "svo"
                if speaker is None and last is not None:
                    speaker, how = last.speaker, "thread"
                if is_call and mtype == "ila":
                    content_from = i + 1
                if mtype == "obj":
                    content_from = _skip_adjuncts(T, i + 1)
        if content_from >= n:
            i += 1
            continue
        # the content
        ct = toks[content_from]
        direct = False
        q = None
        if mtype == "quote":
            q = T.quote_at.get(toks[mtok].s) or T.quote_at.get(toks[mtok].s + 1)
        elif mtype in ("an", "colon", "bilqawl", "ila"):
            if mtype == "ila" and ct.w == "الي" and content_from + 1 < n:
                ct = toks[content_from + 1]  # «داعيا إلى "الإسراع في …"»
            qq = T.quote_at.get(ct.s) or T.quote_at.get(ct.s + 1)
            if qq is None and ct.w in AN_FORMS and content_from + 1 < n:
                nt = toks[content_from + 1]
                qq = T.quote_at.get(nt.s) or T.quote_at.get(nt.s + 1)
            if qq is not None and (qq.words(T.s) >= 3 or mtype == "colon"):
                q = qq
        if q is not None:
            cs, ce = _quote_span_of(T, q)
            direct = True
        else:
            end_tok = _content_end(T, content_from, colon=mtype == "colon")
            tr = _trim_tokens(T, content_from, end_tok)
            if tr is None or sum(1 for k in range(*tr) if toks[k].w[:1].isalnum()) < (2 if mtype == "obj" else 3):
                i += 1
                continue
            a, b = tr
            cs, ce = toks[a].s, toks[b - 1].e
            # a quotation that starts inside and runs past the end is taken whole
            k = bisect.bisect_left(T.outer_starts, cs)
            while k < len(T.outer) and T.outer[k].start < ce:
                if T.outer[k].end > ce:
                    ce = T.outer[k].end
                    break
                k += 1
        if speaker is None or ce - cs < 3:
            i += 1
            continue
        conf = {"np": 0.8, "svo": 0.7, "addressee": 0.65, "participle": 0.75, "subject": 0.6}.get(how, 0.55)
        if direct:
            conf += 0.1
        platform = None
        for k in range(max(0, i - 3), min(n, mtok + 3)):
            p = PLATFORM_WORDS.get(toks[k].w) or PLATFORM_WORDS.get(_bare(toks[k].w))
            if p:
                platform = p
                break
        stance = _stance(cue if noun is None else None, T, cs, ce)
        if cue.lemma == normalize_key("أعلن") and any(toks[k].w in CLAIM_WORDS for k in range(i, min(n, i + 12))):
            stance = "claim"
        emit(
            Cand(cs, ce, direct, speaker, t.w, t.s, t.e, stance, t.sent, min(conf, 0.95), how, platform,
                 speaker_words=SP.words_of(speaker))
        )
        i = max(i + 1, mtok if mtype != "quote" else mtok + 1)

    # ------------------------------------------------------------ quotations left over
    covered.sort()
    cov_starts = [x for x, _ in covered]
    cov_maxend = []  # running maximum of the ends, for a bounded look-back
    m_ = -1
    for _, y in covered:
        m_ = max(m_, y)
        cov_maxend.append(m_)

    def covered_by(a: int, b: int) -> bool:
        k = bisect.bisect_right(cov_starts, b) - 1
        steps = 0
        while k >= 0 and cov_maxend[k] > a and steps < 8:
            x, y = covered[k]
            if x <= a and b <= y + 2:
                return True
            ov = min(b, y) - max(a, x)
            if ov > 0.5 * (b - a):
                return True
            k -= 1
            steps += 1
        return False

    spoken = sorted((c for c in cands if c.speaker is not None), key=lambda c: c.cs)
    spoken_starts = [c.cs for c in spoken]

    def last_before(pos: int) -> Cand | None:
        k = bisect.bisect_left(spoken_starts, pos) - 1
        return spoken[k] if k >= 0 else None

    def speaker_of(np_: NP, pos: int) -> Actor | None:
        if np_.full is None:
            return None
        if set(np_.words) <= SELF_REF:
            lb = last_before(pos)
            return lb.speaker if lb is not None else None
        return SP.from_np(np_)

    for q in T.quotes:
        if q.depth != 0 or _name_like(T, q):
            continue
        a, b = _quote_span_of(T, q)
        if covered_by(a, b):
            continue
        speaker = None
        how = ""
        cue_word = None
        cue_span = (None, None)
        # a cue or an attribution after the quotation
        k = T.tok_index((q.close_pos + 1) if q.close_pos is not None else b)
        while k < n and toks[k].w in "،,.-–—" and k < T.tok_index(b) + 4:
            k += 1
        if k < n and not toks[k].in_quote:
            w = toks[k].w
            c = _cue_at(T, k)
            if w in ATTRIB or _bare(w) in ATTRIB:
                kk = k + 1
                while kk < n and (toks[kk].w in ATTRIB_SKIP or toks[kk].w == "ل"):
                    kk += 1
                e2 = kk
                while e2 < n and toks[e2].sent == toks[k].sent and toks[e2].w not in _COMMA and e2 < kk + 12:
                    e2 += 1
                np_ = parse_np(T, kk, e2)
                speaker = speaker_of(np_, a)
                how, cue_word, cue_span = "attrib-after", w, (toks[k].s, toks[k].e)
            elif c is not None and not c.participle:
                e2 = k + 1
                while e2 < n and toks[e2].sent == toks[k].sent and e2 < k + 14 and _marker(T, e2, c) is None:
                    e2 += 1
                np_ = parse_np(T, k + 1, e2)
                speaker = speaker_of(np_, a)
                how, cue_word, cue_span = "cue-after", w, (toks[k].s, toks[k].e)
        if speaker is None:
            # a cue before it in the same sentence
            k0 = T.tok_index(q.open_pos if q.open_pos is not None else a) - 1
            sf = T.sent_first.get(toks[min(k0 + 1, n - 1)].sent, 0) if n else 0
            k = k0
            while k >= sf and k >= k0 - 25:
                c = _cue_at(T, k)
                if c is not None:
                    for cc in reversed(cands):
                        if cc.cue_s == toks[k].s and cc.speaker is not None:
                            speaker, how = cc.speaker, "cue-before"
                            break
                    if speaker is None and not c.participle:
                        np_ = parse_np(T, k + 1, k0 + 1)
                        if np_.full is not None:
                            speaker, how = SP.from_np(np_), "cue-before"
                    cue_word, cue_span = toks[k].w, (toks[k].s, toks[k].e)
                    break
                k -= 1
        lb = last_before(a)
        if speaker is None and lb is not None and q.words(T.s) >= 5:
            qi = T.tok_index(a)
            if qi < n and lb.sent >= toks[qi].sent - 1:
                speaker, how = lb.speaker, "thread"
        if speaker is None:
            continue
        si = T.tok_index(a)
        emit(
            Cand(a, b, True, speaker, cue_word, cue_span[0], cue_span[1],
                 _stance(None, T, a, b), toks[si].sent if si < n else 0,
                 0.6 if how != "thread" else 0.45, how, speaker_words=SP.words_of(speaker))
        )

    # ------------------------------------------------------------ «بحسب X» attributions
    done_sents = {c.sent for c in cands}
    for k in T.trigger_idx:
        t = toks[k]
        if t.in_quote or t.sent in done_sents:
            continue
        if not (t.w in ATTRIB or (_bare(t.w) in ATTRIB and t.w[:1] == "و")):
            continue
        kk = k + 1
        while kk < n and (toks[kk].w in ATTRIB_SKIP or toks[kk].w == "ل"):
            kk += 1
        e2 = kk
        while e2 < n and toks[e2].sent == t.sent and toks[e2].w not in _COMMA and e2 < kk + 12:
            e2 += 1
        np_ = parse_np(T, kk, e2)
        if np_.full is None or not _source_like(np_, SP):
            continue  # «وفق منهجية …», «حسب الانتماء …»: not a source
        sf = T.sent_first.get(t.sent, k)
        if k - sf >= 4:
            a0, b0 = sf, k
        else:
            a0 = e2 + 1
            b0 = a0
            while b0 < n and toks[b0].sent == t.sent:
                b0 += 1
        tr = _trim_tokens(T, a0, b0)
        if tr is None or tr[1] - tr[0] < 4:
            continue
        speaker = SP.from_np(np_)
        cs, ce = toks[tr[0]].s, toks[tr[1] - 1].e
        emit(Cand(cs, ce, False, speaker, t.w, t.s, t.e, "other", t.sent, 0.45, "attrib",
                  speaker_words=SP.words_of(speaker)))
        done_sents.add(t.sent)

    cands.sort(key=lambda c: c.cs)
    # ------------------------------------------------------------ embedded posts
    _merge_posts(doc, T, SP, cands)
    # ------------------------------------------------------------ drop duplicates
    out_c: list[Cand] = []
    for c in cands:
        dup = False
        for o in out_c[-4:]:
            if o.cs <= c.cs and c.ce <= o.ce and (o.speaker is c.speaker or c.speaker is None):
                dup = True
                break
        if not dup:
            out_c.append(c)
    # ------------------------------------------------------------ to Statements
    stmts: list[Statement] = []
    for c in out_c:
        os_, oe = T.orig(c.cs, c.ce)
        text = doc.text[os_:oe]
        cue_span = None
        if c.cue_s is not None and c.cue_e is not None:
            a, b = T.orig(c.cue_s, c.cue_e)
            cue_span = doc.span(a, b)
        st = Statement(
            id="", speaker=c.speaker, text=text, start=os_, end=oe, direct=c.direct,
            cue=cue_span.text if cue_span else c.cue, cue_span=cue_span, stance=c.stance,
            platform=c.platform if c.handle or c.platform else None, handle=c.handle,
            posted=c.posted, confidence=c.conf,
        )
        st.event_ids = _link_events(events, T, c)
        stmts.append(st)
    stmts.sort(key=lambda s: s.start)
    for k, st in enumerate(stmts, 1):
        st.id = f"s{k}"
    _mark_sources(events, stmts)
    return stmts


def _parse_posted(doc: Document, s: int, e: int, raw: str) -> str | None:
    for tx in getattr(doc, "times", []) or []:
        if tx.start >= s and tx.end <= e and getattr(tx, "value", None):
            return str(tx.value)[:10]
    m = _DATE_EN.search(raw)
    if m:
        mon = MONTHS.get(m.group(1).lower())
        if mon:
            return f"{int(m.group(3)):04d}-{mon:02d}-{int(m.group(2)):02d}"
    m = _DATE_AR.search(normalize_key(raw))
    if m:
        mon = MONTHS.get(m.group(2))
        if mon:
            return f"{int(m.group(3)):04d}-{mon:02d}-{int(m.group(1)):02d}"
    return None


def _merge_posts(doc: Document, T: _Text, SP: Speakers, cands: list[Cand]) -> None:
    text = doc.text
    for npost, m in enumerate(_POST_RE.finditer(text)):
        if npost >= MAX_POSTS:
            break
        name, handle, date_raw = m.group(1).strip(), m.group(2), m.group(3)
        # the post's words: the non-empty line(s) just before
        pe = m.start()
        while pe > 0 and text[pe - 1] in " \t\n\r":
            pe -= 1
        ps = text.rfind("\n", 0, pe) + 1
        while ps < pe and text[ps] in " \t":
            ps += 1
        if pe - ps < 10:
            continue
        ns, ne = T.norm.from_original(ps), T.norm.from_original(pe)
        post_words = set(_WORD_RE.findall(T.s, ns, ne))
        merged: list[Cand] = []
        for c in cands:
            if c.ce < ns - 5000 or c.cs > ne:
                continue
            if c.cs >= ns and c.ce <= ne + 1:
                merged.append(c)
                continue
            cw = [w for w in _WORD_RE.findall(T.s, c.cs, c.ce) if w[:1].isalnum()]
            if cw and sum(w in post_words for w in cw) >= 0.6 * len(cw):
                merged.append(c)
        posted = _parse_posted(doc, m.start(), m.end(), date_raw)
        speaker = None
        for c in merged:
            if c.speaker is not None:
                speaker = c.speaker
                break
        if speaker is None or not getattr(speaker, "id", None):
            base = speaker
            speaker = Actor(
                name=name,
                name_ar=base.name_ar if base is not None else None,
                role=base.role if base is not None else None,
                kind=base.kind if base is not None else None,
                span=doc.span(m.start(1), m.start(1) + len(m.group(1).rstrip())),
            )
        stance = next((c.stance for c in merged if c.stance != "other"), None) or _stance(None, T, ns, ne)
        first = min(merged, key=lambda c: c.cs) if merged else None
        for c in merged:
            cands.remove(c)
        cands.append(
            Cand(ns, ne, True, speaker, first.cue if first else None, first.cue_s if first else None,
                 first.cue_e if first else None, stance, first.sent if first else 0, 0.9, "post",
                 "twitter", "@" + handle, posted)
        )
    cands.sort(key=lambda c: c.cs)


def _link_events(events: list[Any], T: _Text, c: Cand) -> list[str]:
    if not events:
        return []
    out: list[str] = []
    body = " " + " ".join(_WORD_RE.findall(T.s, c.cs, c.ce)) + " "
    os_, oe = T.orig(c.cs, c.ce)
    for ev in events:
        ok = False
        for sp in (getattr(ev, "evidence", {}) or {}).get("trigger", []):
            if os_ <= sp.start and sp.end <= oe:
                ok = True
        loc = getattr(ev, "location", None)
        if not ok and loc is not None and getattr(loc, "name_ar", None):
            key = normalize_key(loc.name_ar)
            if key and (" " + key + " " in body or any(
                (" " + p + key + " ") in body for p in ("ب", "و", "في", "ل", "وب")
            )):
                ok = True
        if ok and ev.id not in out:
            out.append(ev.id)
    if not out:
        words = set(body.split())
        if words & ATTACK_WORDS or any(w[1:] in ATTACK_WORDS for w in words if w[:1] in "وبل"):
            main = next((ev for ev in events if getattr(ev, "main", False)), None)
            if main is None and len(events) == 1:
                main = events[0]
            if main is not None:
                out.append(main.id)
    return out


def _mark_sources(events: list[Any], stmts: list[Statement]) -> None:
    """Fill ``Event.source_statement`` when the incident's trigger lies in a statement."""
    for ev in events:
        if getattr(ev, "source_statement", None):
            continue
        trig = (getattr(ev, "evidence", {}) or {}).get("trigger", [])
        for sp in trig:
            for st in stmts:
                if st.start <= sp.start and sp.end <= st.end:
                    ev.source_statement = st.id
                    break
            if getattr(ev, "source_statement", None):
                break


@stage("statements.rules.v1", requires=("tokens",), assigns=("statements",))
def statements(doc: Document) -> Document:
    """Fill ``doc.statements`` (quotations, reported speech, embedded posts)."""
    doc.statements = extract_statements(doc)
    return doc

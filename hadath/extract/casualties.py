"""Casualty figures: who was killed or injured, how many, and the breakdown by group.

Works on the normalised view of each sentence (``doc.norm``), token by token, with the numbers
of ``doc.numbers`` (a small built-in reader of digits and number words is used when that layer
is empty). Patterns (normalised spelling in comments):

* cue + number + group: «مقتل 13 شخصا», «قتل 30 شخصا», «مصرع 16 متمردا», «إصابة 20 آخرين»,
  «جرح أربعة», «أسفر عن مقتل أكثر من 80 متمردا»
* number + noun: «32 قتيلا», «100 جريح», «عشرات القتلى», «سقوط 3 قتلى»
* number + group + verb: «7 مهاجمين قتلوا», «شخصين قتلا», «25 حوثيا وعشرة من رجال المقاومة سقطوا قتلى»
* cue + singular person noun: «مقتل شرطي» = 1, «مقتل ضابط وجندي» = 2, «إصابة أحد أفراد …» = 1
* toll updates: «ارتفاع حصيلة/عدد القتلى إلى 13», «ارتفعت حصيلة … إلى», «بلغت حصيلة القتلى 30»
* none: «دون وقوع إصابات», «لم يسفر عن إصابات» → 0
* breakdown: «بينهم 3 مدنيين والمتبقي من عناصر البشمركة», «منهم …», «بينهم عناصر بشمركة ومدنيون»
* «لقي 5 أشخاص حتفهم», «أحد رجال الشرطة قتل» = 1, «امرأة وثلاثة من أطفالها» = 4, addends
  «مقتل 10 مسلحين و3 جنود», «مقتل 5 جنود و3 آخرين» = 8
* cumulative tolls («منذ بداية», «منذ أربعة أشهر», «خلال الأشهر الماضية») are left out

Vague quantities follow ACLED: «عشرات» = 10, «المئات» = 100; «قتلى» without a number is
``value=None``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from hadath.document import Document

# ----------------------------------------------------------------------------- vocabulary
# all spellings are normalised (أإآ→ا, ة→ه, ى→ي)
KILL_CUES = frozenset(
    "مقتل قتل قتلت قتلوا قتلا يقتل تقتل مصرع استشهاد استشهد استشهدوا وفاه اغتيال اعدام ذبح "
    "اعدم اعدمت اعدموا اغتيل".split()
)
INJ_CUES = frozenset("اصابه اصيب اصيبت اصيبوا اصيبا جرح جرحت جرحوا اصابت اصابوا".split())
KILL_NOUNS = frozenset("قتيلا قتيل قتلي قتيلين ضحيه ضحايا شهيدا شهداء شهيد قتلاه".split())
INJ_NOUNS = frozenset("جريحا جريح جرحي جريحين مصابا مصابين مصاب مصابون".split())
KILL_POST = frozenset(
    "قتلوا قتلا قتل قتلت لقوا لقي لقيت لقيا سقطوا استشهدوا استشهد توفوا توفي".split()
)
INJ_POST = frozenset("اصيبوا اصيبا اصيب اصيبت جرحوا جرحا".split())
#: words between a cue and its number that do not break the pattern
QUALIFIERS = frozenset(
    "اكثر من نحو حوالي قرابه زهاء ما لا يقل عن يزيد علي الاقل اقل حوالى ما يقارب يقارب".split()
)
#: singular nouns of people: «مقتل شرطي» = 1
PERSON_SG = frozenset(
    "شخص شرطي جندي طفل طفله امراه سيده رجل مدني مواطن مواطنه ضابط عنصر مسلح ناشط ناشطه صحفي "
    "صحافي قيادي حارس مقاتل عسكري مدرس طالب شاب فتاه فتي مسن معلم طبيب ممرض سائق امام قائد "
    "مهاجم انتحاري متظاهر محتج عامل موظف لاجئ مزارع راعي صياد رضيع قاصر زعيم امير والي مسؤول "
    "عضو نائب رئيس قاض محام".split()
)
CIVILIAN_WORDS = frozenset(
    "مدني مدنيا مدنيين مدنيون المدنيين مدنيه مواطن مواطنا مواطنين مواطنون المواطنين اطفال طفل "
    "طفلا الاطفال نساء امراه النساء سيده مصلين المصلين اشخاص شخصا شخص اشخاص اهالي سكان".split()
)
# «اشخاص/شخصا» are unspecified: they are civilians only when nothing else is said (events.py decides)
UNSPECIFIED_WORDS = frozenset("شخص شخصا اشخاص الاشخاص اخرين اخرون اخري اخر اخرا فردا افراد".split())
BREAKDOWN_CUES = frozenset("بينهم منهم بينها غالبيتهم معظمهم اغلبهم".split())
REMAINDER_CUES = frozenset("المتبقي الباقي البقيه الباقون الباقين والمتبقي والباقي والبقيه والباقون".split())
UPDATE_NOUNS = frozenset("حصيله عدد".split())
UPDATE_VERBS = frozenset("ارتفاع ارتفعت ارتفع يرتفع ترتفع بلغت بلغ وصلت وصل".split())
GROUP_STOP = frozenset(
    "في جراء اثر خلال بعد عند قرب داخل امام بسبب نتيجه اثناء منذ حين حيث عندما كما وفق بحسب "
    "وفقا حسب الذي التي الذين علي الي عن يوم امس اليوم مساء صباح ليل ليله فجر ظهر بينهم منهم "
    "وذلك فيما بينما ما مما فيها فيه الليله الماضي الماضيه الاحد الاثنين الثلاثاء الاربعاء الخميس "
    "الجمعه السبت بجروح بجراح بحروق جروح اصابات بليغه طفيفه متفاوته خطيره حرجه حتفهم حتفه حتفها "
    "حتفهما مصرعهم مصرعه مصرعها مصرعهما".split()
)
#: «لقي 5 أشخاص حتفهم»: «لقي» is a killing cue when «حتف/مصرع» follows
MEET_VERBS = frozenset("لقي لقوا لقيت لقيا لقين يلقي".split())
FATE_NOUNS = frozenset("حتفهم حتفه حتفها حتفهما حتفهن مصرعهم مصرعه مصرعها مصرعهما مصرعهن".split())
#: «وثلاثة آخرين», «وثلاثة من أطفالها»: words that close an addend of a named victim
OTHERS = frozenset("اخرين اخرون اخريات اخران اخرين اخريين".split())
#: cumulative tolls (ACLED leaves campaign totals out): «منذ بداية», «خلال الأشهر الماضية»
_SPAN_START = frozenset("منذ خلال طيله طوال مدي".split())
_PERIOD_NOUNS = frozenset(
    "اشهر شهور شهر شهرين اسابيع اسبوع اسبوعين سنوات سنين سنه سنتين اعوام عام عامين الاشهر الشهور "
    "الاسابيع السنوات الاعوام الشهر العام السنه الاسبوع السنتين العامين الشهرين".split()
)
_ONSET_NOUNS = frozenset("بدايه بدء مطلع اندلاع انطلاق انطلاقه بداية اول مستهل".split())
_MONTHS = frozenset(
    "يناير فبراير مارس ابريل مايو يونيو يوليو اغسطس سبتمبر اكتوبر نوفمبر ديسمبر كانون شباط اذار "
    "نيسان ايار حزيران تموز اب ايلول تشرين".split()
)

_PROCL = ("وبال", "فبال", "وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل")

_QUOTES = frozenset('"«»“”\'()[]')
_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|[^\w\s]", re.UNICODE)


@lru_cache(maxsize=65536)
def bare_forms(tok: str) -> tuple[str, ...]:
    """The token and its forms without proclitics (longest-first), for cue lookups."""
    out = [tok]
    for p in _PROCL:
        if tok.startswith(p) and len(tok) - len(p) >= 2:
            out.append(tok[len(p):])
    return tuple(out)


def _is(tok: str, vocab: frozenset[str]) -> bool:
    return any(f in vocab for f in bare_forms(tok))


# ----------------------------------------------------------------------------- fallback numbers
_UNITS = {
    "واحد": 1, "واحده": 1, "احد": 1, "اثنان": 2, "اثنين": 2, "اثنتين": 2, "اثنتان": 2,
    "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6,
    "سبع": 7, "سبعه": 7, "ثمان": 8, "ثماني": 8, "ثمانيه": 8, "تسع": 9, "تسعه": 9, "عشر": 10,
    "عشره": 10,
}
_TENS = {
    "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40,
    "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
    "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90,
}
_BIG = {"مئه": 100, "مائه": 100, "ميه": 100, "مئتين": 200, "مائتين": 200, "مائتي": 200,
        "مئتي": 200, "مئتان": 200, "الف": 1000, "الفا": 1000, "الفين": 2000}
_DUALS = {"شخصين", "جنديين", "شرطيين", "طفلين", "ضابطين", "عنصرين", "رجلين", "امراتين", "مسلحين_"}

#: stems whose «ين» form is a dual, not a sound plural («جنديين» but not «ناشطين»)
_DUAL_YN_STEMS = frozenset(
    "شخص جندي شرطي طفل طفله ضابط عنصر رجل امراه سيده شاب فتاه فتي حارس قائد زعيم عضو طبيب شقيق "
    "شقيقه".split()
)


@lru_cache(maxsize=8192)
def _is_dual(word: str) -> bool:
    """«جنديان», «شخصين», «طفلتين»: the dual of a person noun (nisba and participle stems, whose
    plural is spelt like the dual, only with «ان»)."""
    if word in _DUALS:
        return True
    for suf in ("ان", "ين"):
        if len(word) > 4 and word.endswith(suf):
            stem = word[:-2]
            cands = [stem]
            if stem.endswith("ت"):
                cands.append(stem[:-1] + "ه")
            for st in cands:
                if st in (_DUAL_YN_STEMS if suf == "ين" else PERSON_SG):
                    return True
    return False


_VAGUE = {"عشرات": 10, "العشرات": 10, "مئات": 100, "المئات": 100, "الاف": 1000, "الالاف": 1000}


def _fallback_numbers(toks: list[str]) -> dict[int, tuple[int, float, bool]]:
    """token index → (last token index, value, vague) for digits and common number words."""
    out: dict[int, tuple[int, float, bool]] = {}
    i = 0
    n = len(toks)
    while i < n:
        t = toks[i]
        forms = bare_forms(t)
        if t[:1].isdigit():
            try:
                v = float(t.replace(",", "")) if "," in t else float(t.replace(".", "")) if re.fullmatch(r"\d{1,3}(\.\d{3})+", t) else float(t)
            except ValueError:
                i += 1
                continue
            j = i
            if j + 1 < n and toks[j + 1] in ("الف", "الاف", "الفا"):
                v *= 1000
                j += 1
            out[i] = (j, v, False)
            i = j + 1
            continue
        hit = None
        if forms[-1] in _DUALS or t in _DUALS or _is_dual(forms[-1]) or _is_dual(t):
            out[i] = (i, 2.0, False)
            i += 1
            continue
        for f in forms:
            if f in _UNITS:
                hit = ("u", _UNITS[f])
            elif f in _TENS:
                hit = ("t", _TENS[f])
            elif f in _BIG:
                hit = ("b", _BIG[f])
            elif f in _VAGUE and f == t or (f in _VAGUE and t in ("و" + f,)):
                hit = ("v", _VAGUE[f])
            if hit:
                break
        if not hit:
            i += 1
            continue
        kind, v = hit
        j = i
        if kind == "v":
            out[i] = (j, float(v), True)
            i = j + 1
            continue
        # «ثلاثة عشر», «خمسة وعشرين», «مائة وعشرين»
        if kind == "u" and j + 1 < n and toks[j + 1] in ("عشر", "عشره"):
            v += 10
            j += 1
        elif j + 1 < n:
            nxt = toks[j + 1]
            if nxt.startswith("و") and nxt[1:] in _TENS and kind in ("u", "b"):
                v += _TENS[nxt[1:]]
                j += 1
        out[i] = (j, float(v), False)
        i = j + 1
    return out


# ----------------------------------------------------------------------------- results
@dataclass(slots=True)
class BreakdownItem:
    value: int | None
    group_start: int  # original offsets of the group words
    group_end: int
    group_norm: str
    remainder: bool = False


@dataclass(slots=True)
class Casualty:
    """One casualty figure in the text (offsets into the original text)."""

    kind: str  # killed | injured
    value: int | None
    start: int
    end: int
    group_start: int | None = None
    group_end: int | None = None
    group_norm: str = ""
    vague: bool = False
    update: bool = False
    zero: bool = False
    sentence: int = -1
    breakdown: list[BreakdownItem] = field(default_factory=list)
    part_of_sum: bool = False  # one addend of «25 حوثيا وعشرة من … سقطوا قتلى»

    @property
    def civilian(self) -> bool:
        return any(w in CIVILIAN_WORDS and w not in UNSPECIFIED_WORDS for w in self.group_norm.split())


@dataclass(slots=True)
class _Tok:
    text: str
    ns: int
    ne: int


def _sentence_spans(doc: Document) -> list[tuple[int, int, int]]:
    if doc.sentences:
        return [(s.start, s.end, s.index) for s in doc.sentences]
    out = []
    for k, m in enumerate(re.finditer(r"[^.!?؟\n]+[.!?؟]*", doc.text)):
        out.append((m.start(), m.end(), k))
    return out


def find_casualties(doc: Document) -> list[Casualty]:
    """All casualty figures of the document, in text order."""
    norm = doc.norm
    ntext = norm.text
    # numbers from the numbers layer, in view offsets
    layer: list[tuple[int, int, float, bool]] = []
    for nm in doc.numbers or []:
        try:
            layer.append((norm.from_original(nm.start), norm.from_original(nm.end), float(nm.value), bool(nm.vague)))
        except Exception:  # noqa: BLE001 - a malformed mention is skipped
            continue
    out: list[Casualty] = []
    for s_start, s_end, s_idx in _sentence_spans(doc):
        ns, ne = norm.from_original(s_start), norm.from_original(s_end)
        if ne <= ns:
            continue
        toks = [_Tok(m.group(), ns + m.start(), ns + m.end()) for m in _TOKEN_RE.finditer(ntext, ns, ne)]
        # _TOKEN_RE.finditer with pos/endpos gives absolute offsets already
        toks = [_Tok(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(ntext, ns, ne) if m.group() not in _QUOTES]
        if not toks:
            continue
        words = [t.text for t in toks]
        nums: dict[int, tuple[int, float, bool]] = {}
        if layer:
            starts = {t.ns: i for i, t in enumerate(toks)}
            ends = {t.ne: i for i, t in enumerate(toks)}
            for a, b, v, vague in layer:
                if a < ns or b > ne:
                    continue
                i = starts.get(a)
                if i is None:  # number glued to a proclitic («و25»): find the covering token
                    i = next((k for k, t in enumerate(toks) if t.ns <= a < t.ne), None)
                j = ends.get(b)
                if j is None:
                    j = next((k for k, t in enumerate(toks) if t.ns < b <= t.ne), i)
                if i is None or j is None:
                    continue
                nums[i] = (j, v, vague)
            # vague words the layer may not cover
            for i, w in enumerate(words):
                if i not in nums and any(f in _VAGUE for f in bare_forms(w)):
                    nums[i] = (i, float(next(_VAGUE[f] for f in bare_forms(w) if f in _VAGUE)), True)
        else:
            nums = _fallback_numbers(words)
        out.extend(_scan(doc, toks, words, nums, s_idx))
    return out


def _orig(doc: Document, ns: int, ne: int) -> tuple[int, int]:
    return doc.norm.to_original(ns, ne)


def _group_after(toks: list[_Tok], words: list[str], i: int, limit: int = 6) -> tuple[int, int] | None:
    """Token range [i, j) of the group words that follow position i (may be empty)."""
    j = i
    n = len(words)
    while j < n and j - i < limit:
        w = words[j]
        if not w[:1].isalpha():
            break
        if w in GROUP_STOP or _is(w, KILL_CUES) or _is(w, INJ_CUES) or w in BREAKDOWN_CUES:
            break
        if j > i and w.startswith("و") and (_is(w, KILL_CUES) or _is(w, INJ_CUES) or _is(w, INJ_POST)):
            break
        if _is(w, KILL_POST) or _is(w, INJ_POST) or _is(w, KILL_NOUNS) or _is(w, INJ_NOUNS):
            break
        if bare_forms(w)[-1] in REMAINDER_CUES or w in REMAINDER_CUES:
            break
        j += 1
    while j > i and words[j - 1] in ("من", "في", "و"):
        j -= 1
    return (i, j) if j > i else None


def _scan(doc: Document, toks: list[_Tok], words: list[str], nums: dict[int, tuple[int, float, bool]], s_idx: int) -> list[Casualty]:
    out: list[Casualty] = []
    n = len(words)
    used_nums: set[int] = set()
    tokspan: dict[int, tuple[int, int]] = {}

    def mk(kind: str, value: float | None, a: int, b: int, g: tuple[int, int] | None, vague: bool = False,
           update: bool = False, zero: bool = False) -> Casualty:
        s, e = _orig(doc, toks[a].ns, toks[b].ne)
        c = Casualty(kind, None if value is None else int(round(value)), s, e, vague=vague, update=update, zero=zero, sentence=s_idx)
        if g:
            gs, ge = _orig(doc, toks[g[0]].ns, toks[g[1] - 1].ne)
            c.group_start, c.group_end = gs, ge
            c.group_norm = " ".join(words[g[0]:g[1]])
        tokspan[id(c)] = (a, b)
        return c

    def skip_qual(k: int) -> int:
        while k < n and words[k] in QUALIFIERS:
            k += 1
        return k

    i = 0
    while i < n:
        w = words[i]
        # ---- zero casualties: «دون وقوع إصابات», «لم يسفر عن إصابات»
        if w in ("دون", "بدون", "لم", "ولم", "لا") and i + 1 < n:
            window = words[i + 1:i + 7]
            if any(x in ("اصابات", "ضحايا", "خسائر", "اصابه", "قتلي") for x in window) and not any(x.isdigit() for x in window):
                if w.endswith("لم") and not any(x in ("يسفر", "تسفر", "يسفرا", "تسجل", "يسجل", "يسقط", "تقع", "يقع", "يوقع", "توقع") for x in window):
                    pass
                elif w == "لا" and window[:1] != ["اصابات"]:
                    pass
                else:
                    k = i + 1 + next(idx for idx, x in enumerate(window) if x in ("اصابات", "ضحايا", "خسائر", "اصابه", "قتلي"))
                    out.append(mk("killed", 0, i, k, None, zero=True))
                    out.append(mk("injured", 0, i, k, None, zero=True))
                    i = k + 1
                    continue
        # ---- toll update: «ارتفاع حصيلة القتلى إلى 13»
        if _is(w, UPDATE_VERBS) or any(f in UPDATE_NOUNS for f in bare_forms(w)):
            upd = _update(words, nums, used_nums, i)
            if upd is not None:
                kind, k = upd
                jj, v, vague = nums[k]
                g = _group_after(toks, words, jj + 1)
                out.append(mk(kind, v, i, (g[1] - 1) if g else jj, g, vague=vague, update=True))
                used_nums.add(k)
                i = (g[1] if g else jj + 1)
                continue
        # ---- «أحد رجال الشرطة قتل» = 1
        if bare_forms(w)[-1] in ("احد", "احدي"):
            q = _passive_after(words, nums, i + 1)
            if q is not None:
                kind = "killed" if _is(words[q], KILL_POST) else "injured"
                out.append(mk(kind, 1, i, q, (i, q)))
                used_nums.add(i)
                i = q + 1
                continue
        # ---- cue + number + group
        is_kill = _is(w, KILL_CUES) or (_is(w, MEET_VERBS) and any(x in FATE_NOUNS for x in words[i + 1:i + 9]))
        is_inj = _is(w, INJ_CUES)
        if is_kill or is_inj:
            kind = "killed" if is_kill else "injured"
            k = skip_qual(i + 1)
            if k < n and words[k] in ("فيها", "فيه", "فيهم") and skip_qual(k + 1) in nums:
                k = skip_qual(k + 1)  # «قتل فيها أكثر من 10»
            if k in nums and k not in used_nums:
                jj, v, vague = nums[k]
                g = _group_after(toks, words, jj + 1) if jj == k or not _looks_noun_number(words[k]) else (k, jj + 1)
                if g is None and _looks_noun_number(words[k]):
                    g = (k, jj + 1)
                # «قتل 5 وأصيب 11 آخرين من الحوثيين»: the group may follow the next figure
                c = mk(kind, v, i, (g[1] - 1) if g else jj, g, vague=vague)
                out.append(c)
                used_nums.add(k)
                end = g[1] if g else jj + 1
                end = _breakdown(doc, toks, words, nums, used_nums, end, c)
                # «مقتل 10 مسلحين و3 جنود», «مقتل 5 جنود و3 آخرين»
                while end < n:
                    q = end if (end in nums and words[end].startswith("و") and words[end] != "و") else (
                        end + 1 if words[end] == "و" and end + 1 in nums else None)
                    if q is None or q in used_nums:
                        break
                    j2, v2, vg2 = nums[q]
                    nx = words[j2 + 1] if j2 + 1 < n else ""
                    if nx and (_is(nx, KILL_NOUNS) or _is(nx, INJ_NOUNS)):
                        break
                    g2 = _group_after(toks, words, j2 + 1) or ((q, j2 + 1) if _looks_noun_number(words[q]) else None)
                    if g2 is None or (g2[1] < n and (_is(words[g2[1]], KILL_POST) or _is(words[g2[1]], INJ_POST))):
                        break
                    used_nums.add(q)
                    if all(bare_forms(x)[-1] in OTHERS for x in words[g2[0]:g2[1]]):
                        if c.value is not None:
                            c.value += int(round(v2))
                            c.end = _orig(doc, toks[g2[1] - 1].ns, toks[g2[1] - 1].ne)[1]
                    else:
                        c2 = mk(kind, v2, q, g2[1] - 1, g2, vague=vg2)
                        c.part_of_sum = c2.part_of_sum = True
                        out.append(c2)
                    end = g2[1]
                i = max(end, i + 1)
                continue
            # «مقتل شرطي», «مقتل ضابط وجندي», «إصابة أحد أفراد الحراسة»
            if k < n and k == i + 1:
                x = words[k]
                bx = bare_forms(x)
                if x in ("احد", "احدي"):
                    g = _group_after(toks, words, k + 1)
                    out.append(mk(kind, 1, i, (g[1] - 1) if g else k, g or (k, k + 1)))
                    i = (g[1] if g else k + 1)
                    continue
                # (the accusative too: «قتلت القوات مسلحا», «قتلوا شرطيا»)
                if any(f in PERSON_SG or (f.endswith("ا") and f[:-1] in PERSON_SG) for f in bx):
                    count, j = _person_count(toks, words, nums, used_nums, k)
                    # a following number word belongs to the noun: «عسكريين تركيين اثنين»
                    nxt = next((q for q in range(k + 1, min(n, k + 3)) if q in nums and q not in used_nums
                                and not words[q].startswith("و") and words[q - 1] != "و"), None)
                    if nxt is not None:
                        jj, v, vague = nums[nxt]
                        out.append(mk(kind, v, i, jj, (k, nxt), vague=vague))
                        used_nums.add(nxt)
                        i = jj + 1
                        continue
                    out.append(mk(kind, count, i, j - 1, (k, j)))
                    i = j
                    continue
                # plural noun followed by a number: «مقتل عسكريين تركيين اثنين», «قتل فيها متظاهر واحد»
                found = False
                for q in range(k, min(n, k + 4)):
                    if _is(words[q], KILL_CUES) or _is(words[q], INJ_CUES) or _is(words[q], INJ_POST) or not words[q][:1].isalnum():
                        break
                    if q in nums and q not in used_nums:
                        jj, v, vague = nums[q]
                        g = (k, q) if q > k else _group_after(toks, words, jj + 1)
                        if g and words[g[0]] in ("فيها", "فيه") and g[1] - g[0] > 1:
                            g = (g[0] + 1, g[1])
                        if q > k and any(words[r] in GROUP_STOP and words[r] != "فيها" for r in range(k, q)):
                            break
                        out.append(mk(kind, v, i, jj, g, vague=vague))
                        used_nums.add(q)
                        i = jj + 1
                        found = True
                        break
                if not found:
                    i += 1
                continue
        # ---- number + noun («32 قتيلا», «عشرات القتلى») or number + group + verb («7 مهاجمين قتلوا»)
        if i in nums and i not in used_nums:
            jj, v, vague = nums[i]
            nxt = words[jj + 1] if jj + 1 < n else ""
            if nxt and (_is(nxt, KILL_NOUNS) or _is(nxt, INJ_NOUNS)):
                kind = "killed" if _is(nxt, KILL_NOUNS) else "injured"
                g = _group_after(toks, words, jj + 2, limit=4)
                if g and words[g[0]] not in ("من",):
                    g = None
                c = mk(kind, v, i, (g[1] - 1) if g else jj + 1, g, vague=vague)
                out.append(c)
                used_nums.add(i)
                i = _breakdown(doc, toks, words, nums, used_nums, (g[1] if g else jj + 2), c)
                continue
            # group + post verb within 7 tokens, allowing «و + number + group» addends
            addends = [(i, jj, v, vague)]
            q = jj + 1
            verb_at = None
            while q < min(n, jj + 12):
                x = words[q]
                if x.startswith("و") and x not in KILL_POST and x not in INJ_POST and (
                        _is(x, KILL_POST) or _is(x, INJ_POST) or _is(x, KILL_CUES) or _is(x, INJ_CUES)):
                    break  # «أسر ستة وقتل 15»: a new clause
                if _is(x, KILL_POST) or _is(x, INJ_POST):
                    verb_at = q
                    break
                if x in ("،", ".", "؛", ":") or x in ("في", "الي", "علي", "عن", "بعد", "ان"):
                    break
                if x.startswith("و") and (q in nums or (x[1:] and (q in nums))):
                    pass
                if q in nums and q not in used_nums and words[q - 1] != "من":
                    j2, v2, vg2 = nums[q]
                    addends.append((q, j2, v2, vg2))
                    q = j2 + 1
                    continue
                q += 1
            if verb_at is not None and verb_at + 1 < n and verb_at + 1 in nums and not _is(words[verb_at], INJ_POST):
                verb_at = None  # «أحد المسلحين قتل 3 جنود»: the killers, not the killed
            if verb_at is not None:
                y = words[verb_at]
                kind = "killed" if _is(y, KILL_POST) else "injured"
                if kind == "killed" and bare_forms(y)[-1] in ("لقوا", "لقي", "لقيت", "لقيا"):
                    pass
                if kind == "killed" and bare_forms(y)[-1] == "سقطوا" and not (verb_at + 1 < n and words[verb_at + 1] in ("قتلي", "قتيلا")):
                    kind = "killed" if verb_at + 1 < n and words[verb_at + 1] in ("قتلي", "قتيلا") else None
                if kind:
                    for idx, (a, b, val, vg) in enumerate(addends):
                        end_g = addends[idx + 1][0] if idx + 1 < len(addends) else verb_at
                        g = (b + 1, end_g) if end_g > b + 1 else None
                        c = mk(kind, val, a, verb_at if idx == len(addends) - 1 else max(a, end_g - 1), g, vague=vg)
                        c.part_of_sum = len(addends) > 1
                        out.append(c)
                        used_nums.add(a)
                    i = verb_at + 1
                    continue
        i += 1
    return _drop_cumulative(words, nums, out, tokspan)


def _cumulative_cues(words: list[str], nums: dict[int, tuple[int, float, bool]]) -> list[int]:
    """Token indices of campaign periods: «منذ بداية», «منذ أربعة أشهر», «خلال الأشهر الماضية»,
    «منذ مارس», «منذ 2014» (ACLED leaves cumulative tolls out)."""
    out = []
    n = len(words)
    for k, w in enumerate(words):
        b = bare_forms(w)[-1] if w not in _SPAN_START else w
        if b not in _SPAN_START or (b == "مدي" and (k == 0 or words[k - 1] != "علي")):
            continue
        q = k + 1
        while q < n and words[q] in QUALIFIERS:
            q += 1
        if q >= n:
            continue
        x = words[q]
        bx = bare_forms(x)
        if q in nums:
            jj = nums[q][0]
            if jj + 1 < n and any(f in _PERIOD_NOUNS for f in bare_forms(words[jj + 1])):
                out.append(k)
            elif w == "منذ" and x.isdigit() and len(x) == 4:
                out.append(k)
            continue
        if any(f in _PERIOD_NOUNS for f in bx):
            out.append(k)
        elif w == "منذ" and (any(f in _ONSET_NOUNS for f in bx) or x in _MONTHS):
            out.append(k)
    return out


def _drop_cumulative(words: list[str], nums: dict[int, tuple[int, float, bool]], out: list[Casualty],
                     tokspan: dict[int, tuple[int, int]]) -> list[Casualty]:
    """Leave out the figure each campaign-period cue qualifies (the nearest, within 10 tokens)."""
    if not out:
        return out
    cues = _cumulative_cues(words, nums)
    if not cues:
        return out
    drop: set[int] = set()
    for k in cues:
        best, bd = None, 11
        for c in out:
            a, b = tokspan.get(id(c), (-99, -99))
            d = 0 if a <= k <= b else min(abs(k - a), abs(k - b))
            if d < bd:
                best, bd = c, d
        if best is not None:
            drop.add(id(best))
    return [c for c in out if id(c) not in drop]


def _passive_after(words: list[str], nums: dict[int, tuple[int, float, bool]], i: int) -> int | None:
    """«أحد رجال الشرطة قتل»: index of the passive verb closing the group that starts at i."""
    for q in range(i, min(len(words), i + 6)):
        x = words[q]
        if not x[:1].isalpha() or q in nums:
            return None
        if (_is(x, KILL_POST) or _is(x, INJ_POST)) and not x.startswith("و") and q > i:
            if q + 1 < len(words) and (q + 1 in nums or words[q + 1][:1].isdigit()):
                return None  # «أحد المسلحين قتل 5 أشخاص»: the killer
            return q
        if x in GROUP_STOP or _is(x, KILL_CUES) or _is(x, INJ_CUES):
            return None
    return None


def _person_count(toks: list[_Tok], words: list[str], nums: dict[int, tuple[int, float, bool]], used: set[int],
                  k: int) -> tuple[int, int]:
    """People named from k on: «ضابط وجندي» = 2, «امرأة وثلاثة من أطفالها» = 4, «القيادي في التنظيم
    وثلاثة أعضاء آخرين» = 4. Returns (count, end index of the group)."""
    n = len(words)
    count = 1
    j = k + 1
    gend: int | None = None  # where the group ends when no addend follows
    while j < n and j <= k + 10:
        y = words[j]
        q = j if (j in nums and y.startswith("و") and y != "و") else (j + 1 if y == "و" and j + 1 in nums else None)
        if q is not None and q not in used:
            j2, v2, _vg = nums[q]
            tail = words[j2 + 1:j2 + 4]
            g2 = _group_after(toks, words, j2 + 1, limit=4)
            if any(bare_forms(t)[-1] in OTHERS for t in tail) or tail[:1] == ["من"] or (gend is None and g2):
                used.add(q)
                return count + int(round(v2)), (g2[1] if g2 else j2 + 1)
            break
        if not y[:1].isalpha() or _is(y, KILL_CUES) or _is(y, INJ_CUES) or _is(y, INJ_POST):
            break
        if y in GROUP_STOP and y != "في":
            break
        if y == "في" and gend is None:
            gend = j
        elif gend is None and j <= k + 4 and y.startswith("و") and y[1:] in PERSON_SG:
            count += 1
        j += 1
    end = gend if gend is not None else min(j, k + 5)
    return count, end


def _update(words: list[str], nums: dict[int, tuple[int, float, bool]], used: set[int], i: int) -> tuple[str, int] | None:
    """«ارتفاع حصيلة القتلى إلى 13» starting at i: (kind, number index) or None."""
    n = len(words)
    kind = None
    has_toll = any(f in UPDATE_NOUNS for f in bare_forms(words[i]))
    for j in range(i + 1, min(n, i + 9)):
        x = words[j]
        bx = bare_forms(x)
        if any(f in UPDATE_NOUNS for f in bx):
            has_toll = True
        if any(f in ("قتلي", "ضحايا", "شهداء", "قتيلا") for f in bx):
            kind = kind or "killed"
        elif any(f in ("جرحي", "مصابين", "اصابات") for f in bx):
            kind = kind or "injured"
        if x in ("،", ".", "؛"):
            return None
        k = j + 1 if x in ("الي", "الى") else (j if j in nums else -1)
        if k < 0:
            continue
        while k < n and words[k] in QUALIFIERS:
            k += 1
        if k in nums and k not in used and has_toll:
            if kind is None:
                return None
            return kind, k
        return None
    return None


def _looks_noun_number(word: str) -> bool:
    """A number mention that is itself a noun (a dual): «جنديين», «شخصين»."""
    return word[:1].isalpha() and word.endswith("ين") and word not in ("اثنين", "اثنتين")


def _breakdown(doc: Document, toks: list[_Tok], words: list[str], nums: dict[int, tuple[int, float, bool]],
               used: set[int], i: int, c: Casualty) -> int:
    """Read «بينهم 3 مدنيين والمتبقي من عناصر البشمركة» after a figure; returns the next index."""
    n = len(words)
    if i >= n:
        return i
    w = words[i]
    if w == "من" and i + 1 < n and words[i + 1] == "بينهم":
        i += 1
        w = words[i]
    if w not in BREAKDOWN_CUES:
        return i
    j = i + 1
    while j < n:
        x = words[j]
        if x in ("،", ".", "؛", ")") and not (x == "،" and j + 1 < n and words[j + 1] in REMAINDER_CUES):
            break
        remainder = x in REMAINDER_CUES or bare_forms(x)[-1] in REMAINDER_CUES
        if remainder:
            k = j + 1
            if k < n and words[k] == "من":
                k += 1
            g = _group_after(toks, words, k)
            if g:
                gs, ge = _orig(doc, toks[g[0]].ns, toks[g[1] - 1].ne)
                c.breakdown.append(BreakdownItem(None, gs, ge, " ".join(words[g[0]:g[1]]), remainder=True))
                j = g[1]
                continue
            j += 1
            continue
        if j in nums and j not in used:
            jj, v, _vague = nums[j]
            g = _group_after(toks, words, jj + 1)
            if g is None and _looks_noun_number(words[j]):
                g = (j, jj + 1)
            if g:
                gs, ge = _orig(doc, toks[g[0]].ns, toks[g[1] - 1].ne)
                c.breakdown.append(BreakdownItem(int(round(v)), gs, ge, " ".join(words[g[0]:g[1]])))
                used.add(j)
                j = g[1]
                continue
            j = jj + 1
            continue
        if x[:1].isalpha() and x not in ("و", "من") and not _is(x, KILL_CUES) and not _is(x, INJ_CUES):
            # «بينهم عناصر بشمركة ومدنيون»: groups without figures, split on «و»
            g = _group_after(toks, words, j, limit=3)
            if g:
                # cut the group at a «و» conjunction
                k = g[0] + 1
                while k < g[1] and not words[k].startswith("و"):
                    k += 1
                gs, ge = _orig(doc, toks[g[0]].ns, toks[k - 1].ne)
                c.breakdown.append(BreakdownItem(None, gs, ge, " ".join(words[g[0]:k])))
                if k < g[1]:
                    gs, ge = _orig(doc, toks[k].ns, toks[g[1] - 1].ne)
                    c.breakdown.append(BreakdownItem(None, gs, ge, " ".join(words[k:g[1]])[1:]))
                j = g[1]
                continue
        break
    # the remainder is the total minus the counted groups
    if c.value is not None:
        counted = sum(b.value for b in c.breakdown if b.value is not None)
        for b in c.breakdown:
            if b.remainder and b.value is None and counted <= c.value:
                b.value = c.value - counted
    return j

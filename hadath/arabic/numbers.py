"""Numbers in Arabic news: digits in any script, number words, duals and vague quantities.

The ``numbers`` stage fills ``doc.numbers`` with :class:`~hadath.document.NumberMention`.
It works on the normalised view ``doc.norm`` (digits already ASCII, أإآ→ا, ة→ه, ى→ي, ئ→ي)
and maps every span back to the original text, so ``doc.text[m.start:m.end] == m.text``.

What is recognised
------------------
* Digits (ASCII, Arabic-Indic ٠-٩, Persian ۰-۹) with separators: ``1,500`` / ``1.500`` /
  ``1٬500`` are thousands (every group after the first has three digits); ``95.5``, ``2,5``
  and anything with the Arabic decimal separator ``٫`` are decimals. A lone ``.``/``,``
  followed by exactly three digits is read as a thousands separator, unless a scale word
  follows (``1.500 مليون`` = 1.5 million). Digit runs of more than 15 digits are ignored.
  ``kind="digits"``.
* Digits followed by a scale word: ``3 آلاف`` = 3000, ``2.5 مليون`` = 2 500 000.
* Number words with gender/case variants, the article and proclitics (و ف ب ل ك ال وال بال
  لل …): units, teens (``أحد عشر``, ``إحدى عشرة``, ``اثنا/اثني عشر``, ``ثلاثة عشر``,
  ``الثلاثة عشر``), tens, unit-and-tens (``خمسة وعشرون``), hundreds (``مئة/مائة``, the dual
  ``مئتان/مئتين/مئتا/مئتي``, ``ثلاثمئة/ثلاثمائة``, ``ثلاث مئة``), thousands, millions and
  milliards (singular, dual and plural after 3-10), and chains joined by «و» from the larger
  to the smaller part (``ألف وخمسمائة``, ``مليون ومئتي ألف``). ``kind="cardinal"``.
  «أحد/إحدى» alone ("one of") is *not* a number; «الأحد» (Sunday) and «الاثنين» (Monday)
  are never numbers.
* Duals of a small list of counted nouns (``kind="dual"``, value 2). Only forms that are
  unambiguously dual are listed: the «-ين» form of a nisba noun or of a noun whose sound
  plural is common (``مدنيين``, ``مسلحين``, ``شرطيين``, ``عسكريين``, ``مصابين``…) is also
  the plural, so only the nominative «-ان» form of those is taken (``مدنيان``,
  ``مسلحان``). Nouns with a broken plural take both forms (``شخصين/شخصان``,
  ``جنديين``, ``عنصرين``, ``طفلين``, ``قتيلين``, ``جريحين``, ``ضابطين``, ``امرأتين``,
  ``رجلين`` …). Time words (``يومين``) are left to the dates layer.
* Vague quantities, coded with the smallest value the word allows (as ACLED codes "tens"
  as 10 and "hundreds" as 100): ``عشرات`` 10, ``مئات`` 100, ``آلاف/ألوف`` 1000, ``ملايين``
  10⁶, ``عشرات الآلاف`` 10 000, ``مئات الآلاف`` 100 000; ``بضع/بضعة`` and ``عدة`` (a few /
  several) 3, the minimal plural. All with ``vague=True, kind="vague"``.
* Ordinals (``الثالث``, ``الثالثة``, ``الحادي عشر``, ``الخامس والعشرين``, ``أول``) get
  ``kind="ordinal"`` so that they are never taken for counts.
* Percentages (``30%``, ``30 بالمئة``, ``30 في المائة``) get ``kind="percent"``.
* Qualifiers (``qualifier``), looked for just before the number (with proclitics) and,
  for «على الأقل»/«تقريبا», up to three words after it: نحو/حوالي/قرابة/زهاء/ما يقارب/
  ما يناهز/تقريبا → ``approx``; أكثر من/أزيد من/ما يزيد عن|على/ما يربو على/ما يفوق →
  ``more_than``; ما لا يقل عن/لا يقل عن/على الأقل → ``at_least``; أقل من → ``less_than``;
  حتى/ما يصل إلى → ``up_to``.

Years, days of the month and times are emitted as plain numbers; callers choose by
context. The span of a mention covers the number only (without proclitics and without the
qualifier).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from hadath.arabic.normalize import normalize_key
from hadath.document import Document, NumberMention
from hadath.pipeline import stage

if TYPE_CHECKING:
    from hadath.arabic.normalize import NormView

__all__ = ["parse_numbers", "numbers_stage", "number_at", "word_value", "cardinal_words", "extend_over_marks"]

# ----------------------------------------------------------------------------- lexicon
UNIT, TEN, TEENPRE, TENS, HUND, SCALE, SCALE2, SCALEPL, VAGUE, FEW, ORD, DUALN = range(12)


@dataclass(frozen=True, slots=True)
class _Entry:
    cls: int
    value: float
    al_ok: bool = True  # may take the article «ال»
    need: str = ""  # a character the original word must contain (disambiguation)


_LEX: dict[str, _Entry] = {}


def _add(words: str, cls: int, value: float, al_ok: bool = True, need: str = "") -> None:
    for w in words.split():
        key = normalize_key(w)
        n = need
        if not n and key.startswith("مي"):  # مئة / مئتين / مئات: «مية», «ميتا», «ميتين» are other words
            n = "ئ"
        _LEX[key] = _Entry(cls, value, al_ok, n)


_add("واحد واحدة واحدا", UNIT, 1)
_add("اثنان اثنتان اثنتين ثنتان ثنتين", UNIT, 2)
_add("اثنين", UNIT, 2, al_ok=False)  # «الاثنين» is Monday
_add("ثلاث ثلاثة", UNIT, 3)
_add("أربع أربعة", UNIT, 4)
_add("خمس خمسة", UNIT, 5)
_add("ست ستة", UNIT, 6)
_add("سبع سبعة", UNIT, 7)
_add("ثمان ثماني ثمانية", UNIT, 8)
_add("تسع تسعة", UNIT, 9)
_add("عشر عشرة", TEN, 10)
_add("أحد إحدى", TEENPRE, 1, al_ok=False)  # only in «أحد عشر»; «الأحد» is Sunday
_add("اثنا اثني اثنتا اثنتي", TEENPRE, 2)
for _v, _ws in (
    (20, "عشرون عشرين"), (30, "ثلاثون ثلاثين"), (40, "أربعون أربعين"), (50, "خمسون خمسين"),
    (60, "ستون ستين"), (70, "سبعون سبعين"), (80, "ثمانون ثمانين"), (90, "تسعون تسعين"),
):
    _add(_ws, TENS, _v)
_add("مئة مائة مئه مائه", HUND, 100)
_add("مئتان مئتين مائتان مائتين مئتا مئتي مائتا مائتي", HUND, 200)
for _v, _stem in ((3, "ثلاث"), (4, "أربع"), (5, "خمس"), (6, "ست"), (7, "سبع"), (8, "ثمان"), (9, "تسع")):
    _add(f"{_stem}مئة {_stem}مائة", HUND, _v * 100)
_add("ألف ألفا", SCALE, 1e3)
_add("مليون مليونا", SCALE, 1e6)
_add("مليار مليارا بليون", SCALE, 1e9)
_add("ألفان ألفين", SCALE2, 2e3)
_add("مليونان مليونين", SCALE2, 2e6)
_add("ملياران مليارين", SCALE2, 2e9)
_add("آلاف ألوف", SCALEPL, 1e3)
_add("ملايين", SCALEPL, 1e6)
_add("مليارات", SCALEPL, 1e9)
_add("عشرات", VAGUE, 10)
_add("مئات", VAGUE, 100)
_add("بضع", FEW, 3)
_add("بضعة عدة", FEW, 3, need="ة")  # «بعده» (after it) vs «بعدة» (with several)
for _v, _ws in (
    (1, "أول أولى حادي حادية"), (2, "ثاني ثانية"), (3, "ثالث ثالثة"), (4, "رابع رابعة"),
    (5, "خامس خامسة"), (6, "سادس سادسة"), (7, "سابع سابعة"), (8, "ثامن ثامنة"),
    (9, "تاسع تاسعة"), (10, "عاشر عاشرة"),
):
    _add(_ws, ORD, _v)
# Unambiguous duals of counted nouns (see the module docstring for what is left out).
_add(
    "شخصين شخصان جنديين جنديان عنصرين عنصران طفلين طفلان طفلتين طفلتان قتيلين قتيلان "
    "جريحين جريحان ضابطين ضابطان امرأتين امرأتان رجلين رجلان شقيقين شقيقان فتاتين فتاتان "
    "شابين شابان سيدتين سيدتان مدنيان مسلحان مقاتلان شرطيان عسكريان صحفيان مواطنان مصابان "
    "معتقلان أسيرين أسيران",
    DUALN,
    2,
)

# Proclitics a number word may carry (no «س»: «سالف» is not «س+ألف»).
_PREFIXES = tuple(
    sorted(
        {
            "و", "ف", "ب", "ك", "ل", "ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل",
            "وب", "فب", "ول", "فل", "وك", "فك", "وبال", "فبال", "وكال",
        },
        key=len,
        reverse=True,
    )
)
_WA = frozenset({"و", "وال"})
_STOP = frozenset({"لست", "ولست", "فلست"})  # «لست» = "I am not"

# A percentage after a number: «%», «بالمئة/بالمائة», «في المئة/في المائة» (normalised).
_PERCENT_RE = re.compile(r" ?%|\s(?:بالميه|بالمايه|في\s(?:الميه|المايه))(?!\w)")
_DIGIT_PROCLITICS = frozenset({"و", "ب", "ل", "ف", "ك", "وب", "ول", "فب", "فل", "لل", "وال", "ال"})


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"

# ----------------------------------------------------------------------------- regexes
_TOKEN_RE = re.compile(
    r"[0-9][0-9.,]*[0-9]|[0-9]|[\u0621-\u063A\u0641-\u064A\u0671-\u06D3]+"
)
_SEP_RE = re.compile(r"[.,]")
_ARABIC_WORD_RE = re.compile(r"[\u0621-\u063A\u0641-\u064A\u0671-\u06D3]+")

_QUAL_BEFORE = (
    ("at_least", "ما لا يقل عن|ما لا يقل علي|لا يقل عن|لا تقل عن|ما لا يقل|علي الاقل|بما لا يقل عن"),
    ("more_than", "ما يزيد عن|ما يزيد علي|يزيد عن|يزيد علي|ما يربو علي|يربو علي|ما يفوق|يفوق|اكثر من|ازيد من"),
    ("less_than", "اقل من|ما دون"),
    ("up_to", "ما يصل الي|قد يصل الي|يصل الي|تصل الي|حتي"),
    ("approx", "ما يقارب|يقارب|ما يناهز|يناهز|نحو|حوالي|قرابه|زهاء|تقريبا"),
)
_QUAL_BEFORE_RE = re.compile(
    r"(?:^|[^\w])(?:[وفبل]|لل)?(?:"
    + "|".join(f"(?P<{name}>{alts})" for name, alts in _QUAL_BEFORE)
    + r")\s*$"
)
_QUAL_AFTER = {("علي", "الاقل"): "at_least", ("تقريبا",): "approx"}
_PUNCT_STOP = frozenset(".,،؛;:!?؟()[]\"«»")


# ----------------------------------------------------------------------------- lookup
@lru_cache(maxsize=32768)
def _lookup(word: str) -> tuple[str, _Entry] | None:
    """``(prefix, entry)`` for a normalised word that is a number word (with proclitics)."""
    if word in _STOP:
        return None
    e = _LEX.get(word)
    if e is not None:
        return "", e
    for p in _PREFIXES:
        if len(word) > len(p) + 1 and word.startswith(p):
            e = _LEX.get(word[len(p):])
            if e is None:
                continue
            if p.endswith("ال") and not e.al_ok:
                continue
            if p.endswith("ال") and e.cls == DUALN and len(word) - len(p) < 4:
                continue
            return p, e
    return None


def extend_over_marks(text: str, end: int) -> int:
    """Move ``end`` over the tatweel and combining marks that follow it (dropped by the view)."""
    n = len(text)
    while end < n and (text[end] == "\u0640" or unicodedata.category(text[end]) == "Mn"):
        end += 1
    return end


def cardinal_words() -> list[str]:
    """Normalised cardinal number words (units, teens' first words, tens, hundreds, scales)."""
    return [k for k, e in _LEX.items() if e.cls in (UNIT, TEN, TEENPRE, TENS, HUND, SCALE, SCALE2)]


def word_value(word: str) -> float | None:
    """The value of a single number word (any form, with proclitics), else None."""
    hit = _lookup(normalize_key(word))
    if hit is None or hit[1].cls in (TEENPRE,):
        return None
    return hit[1].value


@dataclass(slots=True)
class _Tok:
    ns: int
    ne: int
    text: str
    typ: str  # d(igits) a(rabic) l(atin) p(unct)
    prefix: str = ""
    entry: _Entry | None = None


def _tokens(norm: NormView, original: str) -> list[_Tok]:
    """Digit runs and number words only: any other word between two tokens breaks adjacency."""
    out: list[_Tok] = []
    text = norm.text
    lookup = _lookup
    for m in _TOKEN_RE.finditer(text):
        s = m.group()
        if "0" <= s[0] <= "9":
            out.append(_Tok(m.start(), m.end(), s, "d"))
            continue
        hit = lookup(s)
        if hit is None:
            continue
        prefix, entry = hit
        if entry.need:
            os_, oe = norm.to_original(m.start(), m.end())
            if entry.need not in original[os_:oe]:
                continue
        out.append(_Tok(m.start(), m.end(), s, "a", prefix, entry))
    return out


# ----------------------------------------------------------------------------- parser
class _Parser:
    def __init__(self, norm: NormView, original: str) -> None:
        self.norm = norm
        self.text = norm.text
        self.original = original
        self.toks = _tokens(norm, original)
        self.n = len(self.toks)

    # helpers ------------------------------------------------------------------
    def adj(self, j: int) -> bool:
        """Token ``j`` follows token ``j-1`` with only spaces (no line break) between."""
        if j <= 0 or j >= self.n:
            return False
        a, b = self.toks[j - 1].ne, self.toks[j].ns
        if b - a > 8:
            return False
        gap = self.text[a:b]
        return not gap.strip() and "\n" not in gap

    def entry(self, j: int) -> _Entry | None:
        return self.toks[j].entry if 0 <= j < self.n else None

    def is_(self, j: int, classes: tuple[int, ...], prefixes: frozenset[str] | tuple[str, ...] = ("",)) -> bool:
        e = self.entry(j)
        return e is not None and e.cls in classes and self.toks[j].prefix in prefixes and self.adj(j)

    # number words -------------------------------------------------------------
    def below_100(self, j: int) -> tuple[int, float] | None:
        e = self.entry(j)
        if e is None:
            return None
        if e.cls in (UNIT, TEENPRE):
            if self.is_(j + 1, (TEN,)):
                return j + 2, e.value + 10
            if e.cls == TEENPRE:
                return None
            if self.is_(j + 1, (TENS,), _WA):
                return j + 2, e.value + self.toks[j + 1].entry.value  # type: ignore[union-attr]
            return j + 1, e.value
        if e.cls in (TEN, TENS):
            return j + 1, e.value
        return None

    def group(self, j: int) -> tuple[int, float] | None:
        """A number below 1000."""
        e = self.entry(j)
        if e is None:
            return None
        hv = None
        if e.cls == HUND:
            hv, k = e.value, j + 1
        elif e.cls == UNIT and self.is_(j + 1, (HUND,)) and self.toks[j + 1].entry.value == 100:  # type: ignore[union-attr]
            hv, k = e.value * 100, j + 2
        if hv is not None:
            if k < self.n and self.toks[k].prefix in _WA and self.adj(k):
                r = self.below_100(k)
                if r is not None:
                    return r[0], hv + r[1]
            return k, hv
        return self.below_100(j)

    def chunk(self, j: int) -> tuple[int, float, float] | None:
        """[group] [scale] -> (next, value, scale) or a bare scale word."""
        g = self.group(j)
        if g is not None:
            k, gv = g
            if self.is_(k, (SCALE, SCALEPL)):
                sc = self.toks[k].entry.value  # type: ignore[union-attr]
                return k + 1, gv * sc, sc
            return k, gv, 1.0
        e = self.entry(j)
        if e is not None and e.cls == SCALE:
            return j + 1, e.value, e.value
        if e is not None and e.cls == SCALE2:
            return j + 1, e.value, e.value / 2
        return None

    def cardinal(self, j: int) -> tuple[int, float] | None:
        c = self.chunk(j)
        if c is None:
            return None
        k, total, last = c
        while last > 1 and k < self.n and self.toks[k].prefix in _WA and self.adj(k):
            c = self.chunk(k)
            if c is None or not (c[2] < last and c[1] < last):
                break
            k, total, last = c[0], total + c[1], c[2]
        return k, total

    # digits -------------------------------------------------------------------
    def digits_value(self, j: int) -> float | None:
        t = self.toks[j]
        s = t.text
        if len(s.replace(",", "").replace(".", "")) > 15:
            return None
        seps = [(m.start(), m.group()) for m in _SEP_RE.finditer(s)]
        if not seps:
            return float(s)
        # Arabic decimal separator «٫» (folded to «.» in the view) is always a decimal point.
        arabic_dec = None
        for off, _ in seps:
            os_, _oe = self.norm.to_original(t.ns + off, t.ns + off + 1)
            if self.original[os_ : os_ + 1] == "\u066b":
                arabic_dec = off
        parts = _SEP_RE.split(s)
        if arabic_dec is not None:
            intpart = "".join(ch for ch in s[:arabic_dec] if ch.isdigit())
            frac = "".join(ch for ch in s[arabic_dec + 1 :] if ch.isdigit())
            return float(f"{intpart or 0}.{frac or 0}")
        kinds = {sep for _, sep in seps}
        if len(kinds) == 2:  # both: the last one is the decimal point
            last_off, _ = seps[-1]
            intpart = "".join(ch for ch in s[:last_off] if ch.isdigit())
            return float(f"{intpart}.{s[last_off + 1:]}")
        if len(seps) > 1:
            if all(len(p) == 3 for p in parts[1:]):
                return float("".join(parts))
            return float(parts[0])  # e.g. a version or a date written with dots: keep the head
        # one separator
        if len(parts[1]) == 3 and not self.is_(j + 1, (SCALE, SCALEPL)):
            return float(parts[0] + parts[1])
        return float(f"{parts[0]}.{parts[1]}")

    def digits_ok(self, j: int) -> bool:
        """Not glued to letters (F16, COVID19, 5G); an Arabic proclitic before is fine."""
        t = self.toks[j]
        text = self.text
        k = t.ns
        while k > 0 and t.ns - k < 3 and _is_word(text[k - 1]):
            k -= 1
        if k > 0 and _is_word(text[k - 1]):
            return False
        if k < t.ns and text[k : t.ns] not in _DIGIT_PROCLITICS:
            return False
        if t.ne < len(text) and text[t.ne].isascii() and text[t.ne].isalpha():
            return False
        return True

    def percent_after(self, k: int) -> tuple[int, int] | None:
        """``(next token index, end offset in the view)`` after a percent marker following
        token ``k-1`` («%», «بالمئة», «في المائة»), else None."""
        m = _PERCENT_RE.match(self.text, self.toks[k - 1].ne)
        if m is None:
            return None
        end = m.end()
        while k < self.n and self.toks[k].ns < end:
            k += 1
        return k, end

    # qualifiers ---------------------------------------------------------------
    def qualifier(self, ns: int, ne: int) -> str | None:
        before = self.text[max(0, ns - 40) : ns]
        m = _QUAL_BEFORE_RE.search(before)
        if m is not None:
            return m.lastgroup
        after_text = self.text[ne : ne + 60]
        if "الاقل" not in after_text and "تقريبا" not in after_text:
            return None
        after = after_text.split()
        for i in range(min(3, len(after))):
            w = after[i]
            for pat, q in _QUAL_AFTER.items():
                if tuple(after[i : i + len(pat)]) == pat or (
                    len(pat) == 2 and i + 1 < len(after) and w == pat[0] and after[i + 1].rstrip(".,،؛:") == pat[1]
                ) or (len(pat) == 1 and w.rstrip(".,،؛:") == pat[0]):
                    return q
            if any(ch in _PUNCT_STOP for ch in w) or _ARABIC_WORD_RE.fullmatch(w) is None:
                break
            if i >= 1 and _lookup(w) is not None:
                break
        return None

    # main loop ----------------------------------------------------------------
    def run(self) -> list[NumberMention]:
        out: list[NumberMention] = []
        toks = self.toks
        j = 0
        while j < self.n:
            t = toks[j]
            res = None  # (next index, value, kind, vague, end in the view or None)
            if t.typ == "d":
                if self.digits_ok(j):
                    v = self.digits_value(j)
                    if v is not None:
                        k = j + 1
                        kind = "digits"
                        if self.is_(k, (SCALE, SCALEPL)) or (
                            k < self.n and toks[k].ns == t.ne and toks[k].entry is not None
                            and toks[k].prefix == "" and toks[k].entry.cls in (SCALE, SCALEPL)
                        ):
                            v *= toks[k].entry.value  # type: ignore[union-attr]
                            k += 1
                        pk = self.percent_after(k)
                        if pk is not None:
                            res = (pk[0], v, "percent", False, pk[1])
                        else:
                            res = (k, v, kind, False, None)
            elif t.entry is not None:
                e = t.entry
                if e.cls == VAGUE or e.cls == FEW:
                    k, v = j + 1, e.value
                    if self.is_(k, (SCALEPL, SCALE), ("", "ال")):
                        v *= toks[k].entry.value  # type: ignore[union-attr]
                        k += 1
                    res = (k, v, "vague", True, None)
                elif e.cls == SCALEPL:
                    res = (j + 1, e.value, "vague", True, None)
                elif e.cls == ORD:
                    k, v = j + 1, e.value
                    if self.is_(k, (TEN,)):
                        k, v = k + 1, v + 10
                    elif self.is_(k, (TENS,), _WA):
                        v += toks[k].entry.value  # type: ignore[union-attr]
                        k += 1
                    res = (k, v, "ordinal", False, None)
                elif e.cls == DUALN:
                    res = (j + 1, 2.0, "dual", False, None)
                else:
                    c = self.cardinal(j)
                    if c is not None:
                        k, v = c
                        pk = self.percent_after(k)
                        res = (pk[0], v, "percent", False, pk[1]) if pk is not None else (k, v, "cardinal", False, None)
            if res is None:
                j += 1
                continue
            k, v, kind, vague, ne_ = res
            ns = t.ns + len(t.prefix)
            ne = ne_ if ne_ is not None else toks[k - 1].ne
            s, e_ = self.norm.to_original(ns, ne)
            e_ = extend_over_marks(self.original, e_)
            qual = self.qualifier(t.ns, ne) if kind not in ("ordinal", "percent") else None
            out.append(NumberMention(s, e_, self.original[s:e_], float(v), vague, qual, kind))
            j = k
        return out


def parse_numbers(doc_or_text: Document | str) -> list[NumberMention]:
    """All number mentions of a Document (or a plain text), in text order."""
    doc = Document(text=doc_or_text) if isinstance(doc_or_text, str) else doc_or_text
    if not doc.text:
        return []
    return _Parser(doc.norm, doc.text).run()


def number_at(numbers: list[NumberMention], start: int) -> NumberMention | None:
    """The mention starting exactly at ``start`` (original offset), if any."""
    for m in numbers:
        if m.start == start:
            return m
        if m.start > start:
            break
    return None


@stage("numbers.rules.v1", requires=(), assigns=("numbers",))
def numbers_stage(doc: Document) -> Document:
    """Fill ``doc.numbers``."""
    doc.numbers = parse_numbers(doc)
    return doc

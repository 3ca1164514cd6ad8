"""Arabic normalisation on a *view* of the text, with an offset map back to the original.

The text of record is never changed. :func:`normalize_view` returns a :class:`NormView`
whose ``text`` is folded for matching (diacritics and tatweel removed, hamza/alef forms,
ى/ي and ة/ه folded, digits in any script made ASCII, presentation forms expanded,
zero-width and bidi marks removed) and whose maps turn any span of the view back into
a span of the original.

:func:`normalize_key` applies the same folding to a lexicon entry, so that lexicons and
texts meet in the same space.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

# Arabic diacritics (harakat, tanween, shadda, sukun, superscript alef, Quranic marks).
_DIACRITICS = set(
    chr(c)
    for c in list(range(0x0610, 0x061B))
    + list(range(0x064B, 0x0660))
    + [0x0670]
    + list(range(0x06D6, 0x06DD))
    + list(range(0x06DF, 0x06E9))
    + list(range(0x06EA, 0x06EE))
    + list(range(0x08D3, 0x0900))
)
_TATWEEL = "\u0640"
# Zero-width and bidirectional controls, BOM, soft hyphen.
_INVISIBLE = set(
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2066\u2067\u2068\u2069\u061c\ufeff\u00ad\u2060"
)
_DROP = _DIACRITICS | _INVISIBLE | {_TATWEEL}
# spaces other than U+0020 (folded to it)
_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"

_FOLD = {
    # hamza / alef forms
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ؤ": "و", "ئ": "ي",
    # alef maqsura / farsi yeh
    "ى": "ي", "ی": "ي", "ې": "ي",
    # ta marbuta
    "ة": "ه", "ۀ": "ه", "ە": "ه",
    # Persian / Urdu letters that stand for Arabic ones
    "ک": "ك", "ڪ": "ك", "ھ": "ه", "ہ": "ه",
    # punctuation variants
    "٫": ".", "٬": ",", "\u066a": "%",
}
for _i in range(10):
    _FOLD[chr(0x0660 + _i)] = str(_i)  # Arabic-Indic digits
    _FOLD[chr(0x06F0 + _i)] = str(_i)  # Persian (extended) digits
    _FOLD[chr(0xFF10 + _i)] = str(_i)  # full-width digits


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """Fold one character to its normalised form ('' to drop it)."""
    if ch in _DROP:
        return ""
    if ch in _FOLD:
        return _FOLD[ch]
    o = ord(ch)
    # Arabic presentation forms A/B and other compatibility characters: NFKC, then fold.
    if 0xFB50 <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFF or 0xFF00 <= o <= 0xFFEF:
        expanded = unicodedata.normalize("NFKC", ch)
        if expanded != ch:
            return "".join(_fold_char(c) for c in expanded)
    if ch in _SPACES:
        return " "
    return ch


@dataclass(slots=True, frozen=True)
class NormView:
    """A normalised view of an original text.

    Attributes:
        text: the normalised text.
        starts: for each character of ``text``, the offset in the original where it comes from.
        ends: for each character of ``text``, the end offset (exclusive) in the original.
        original_length: length of the original text.
    """

    text: str
    starts: Sequence[int]  # array('i')
    ends: Sequence[int]  # array('i')
    original_length: int

    def __hash__(self) -> int:
        return hash((self.text, self.original_length))

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span ``[start, end)`` of the view to a span of the original text."""
        if not self.text:
            return (0, 0)
        start = max(0, min(start, len(self.text)))
        end = max(start, min(end, len(self.text)))
        if start == end:
            pos = self.starts[start] if start < len(self.starts) else self.original_length
            return (pos, pos)
        return (self.starts[start], self.ends[end - 1])

    def from_original(self, offset: int) -> int:
        """The first view offset whose source is at or after ``offset`` in the original."""
        import bisect

        return bisect.bisect_left(self.starts, offset)


# every character _fold_char may change (the others fold to themselves)
_MAY_CHANGE_RE = re.compile(
    "["
    + "".join(re.escape(c) for c in sorted(_DROP | set(_FOLD) | set(_SPACES)))
    + "\ufb50-\ufdff\ufe70-\ufeff\uff00-\uffef]"
)
_IDENT = array("i", range(1 << 16))  # 0, 1, 2, ... grown on demand: offset runs are slices of it


def _ident(n: int) -> array:
    global _IDENT
    if len(_IDENT) < n:
        size = len(_IDENT)
        while size < n:
            size *= 2
        _IDENT = array("i", range(size))
    return _IDENT


def normalize_view(text: str) -> NormView:
    """Build the normalised view of ``text`` with its offset maps.

    Only the few distinct characters of ``text`` that change are folded (one ``str.replace``
    each: folds are idempotent, so the order does not matter); only those that are dropped or
    expanded (diacritics, tatweel, zero-width marks, presentation-form ligatures) break the
    identity offset map, which is assembled from slices of a shared ``0, 1, 2, ...`` array.
    ``starts``/``ends`` are ``array('i')`` (4 bytes a character instead of a tuple of ints).
    """
    n = len(text)
    fold = _fold_char
    changes: dict[str, str] = {}
    uneven: list[str] = []  # characters whose fold is not exactly one character
    for ch in set(_MAY_CHANGE_RE.findall(text)):
        f = fold(ch)
        if f != ch:
            changes[ch] = f
            if len(f) != 1:
                uneven.append(ch)
    out = text
    if changes:
        if any(c in changes for f in changes.values() for c in f):  # not idempotent: never expected
            out = text.translate({ord(k): v for k, v in changes.items()})
        else:
            for ch, f in changes.items():
                out = out.replace(ch, f)
    ident = _ident(n + 1)
    if not uneven:
        return NormView(out, ident[0:n], ident[1 : n + 1], n)
    starts = array("i")
    ends = array("i")
    pat = re.compile("[" + "".join(re.escape(c) for c in uneven) + "]")
    prev = 0
    for m in pat.finditer(text):
        i = m.start()
        if i > prev:
            starts += ident[prev:i]
            ends += ident[prev + 1 : i + 1]
        k = len(changes[text[i]])
        if k:
            starts.extend([i] * k)
            ends.extend([i + 1] * k)
        prev = i + 1
    if prev < n:
        starts += ident[prev:n]
        ends += ident[prev + 1 : n + 1]
    return NormView(out, starts, ends, n)


@lru_cache(maxsize=65536)
def normalize_key(s: str) -> str:
    """Normalise a lexicon key the same way as the text view (and squeeze spaces)."""
    return " ".join("".join(_fold_char(c) for c in s).split())


ARABIC_LETTERS = frozenset(chr(c) for c in range(0x0621, 0x064B)) | frozenset("ٮٯپچژگکی")


def is_arabic_letter(ch: str) -> bool:
    """True for a (normalised or not) Arabic letter."""
    return ch in ARABIC_LETTERS


def arabic_ratio(text: str) -> float:
    """Share of letters in ``text`` that are Arabic (0 when there are no letters)."""
    letters = 0
    arabic = 0
    for ch in text[:200_000]:
        if ch.isalpha():
            letters += 1
            if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufeff":
                arabic += 1
    return arabic / letters if letters else 0.0

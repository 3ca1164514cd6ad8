"""Phrase lookup in the normalised text, tolerant of Arabic proclitics.

:class:`PhraseMatcher` is built once from ``{phrase: payload}`` (phrases are normalised with
:func:`~hadath.arabic.normalize.normalize_key`) and finds every phrase in a document's
normalised view with an Aho-Corasick automaton. A match counts when it sits on word
boundaries, allowing proclitics before it (و ف ب ك ل ال وال بال لل فال …) and, optionally,
enclitic pronouns after it. Matches are returned with spans of the *original* text, the
stem span (without the proclitics) and the payload.

Used by actors, places, triggers and any other lexicon.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Generic, TypeVar

import ahocorasick

from hadath.arabic.normalize import NormView, normalize_key

T = TypeVar("T")

# Proclitic strings (normalised) that may stand before a lexicon phrase inside one word.
PROCLITICS: frozenset[str] = frozenset(
    {
        "و", "ف", "ب", "ك", "ل", "ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل",
        "وب", "فب", "ول", "فل", "وك", "فك", "وبال", "فبال", "وكال", "س", "وس", "فس",
    }
)
_PROCLITIC_LENS: tuple[int, ...] = tuple(sorted({len(p) for p in PROCLITICS}, reverse=True))
ENCLITICS: tuple[str, ...] = ("هما", "هم", "هن", "ها", "كم", "كن", "نا", "ه", "ي", "ك")
_MAX_PREFIX = max(map(len, PROCLITICS))
_MAX_SUFFIX = max(map(len, ENCLITICS))


def is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


@dataclass(slots=True)
class Match(Generic[T]):
    """A lexicon hit: original span (with clitics), stem span (without), payload."""

    start: int
    end: int
    stem_start: int
    stem_end: int
    key: str
    payload: T
    prefix: str = ""  # normalised proclitic string
    suffix: str = ""  # normalised enclitic string
    nstart: int = 0  # span in the normalised view (stem)
    nend: int = 0


class PhraseMatcher(Generic[T]):
    """Find lexicon phrases in normalised text, allowing clitics around them."""

    def __init__(
        self,
        phrases: Iterable[tuple[str, T]],
        *,
        allow_prefix: bool = True,
        allow_suffix: bool = False,
        allow_al: bool = True,
        min_len: int = 2,
        al_optional: bool = True,
    ) -> None:
        self.allow_prefix = allow_prefix
        self.allow_suffix = allow_suffix
        self.allow_al = allow_al
        self._auto = ahocorasick.Automaton()
        self._payloads: dict[str, list[T]] = {}
        for phrase, payload in phrases:
            key = normalize_key(phrase)
            if len(key) < min_len:
                continue
            self._payloads.setdefault(key, []).append(payload)
        if al_optional:
            # «البشمركة» also matches «للبشمركة» and «عناصر بشمركة»: register the form without ال
            for key in list(self._payloads):
                bare = key[2:]
                if key.startswith("ال") and len(bare) >= 3 and bare not in self._payloads:
                    self._payloads[bare] = self._payloads[key]
        for key in self._payloads:
            self._auto.add_word(key, key)
        self._empty = not self._payloads
        self._memo: tuple[NormView, bool, list[Match[T]]] | None = None
        if not self._empty:
            self._auto.make_automaton()

    def __len__(self) -> int:
        return len(self._payloads)

    def __contains__(self, phrase: str) -> bool:
        return normalize_key(phrase) in self._payloads

    def get(self, phrase: str) -> list[T]:
        return self._payloads.get(normalize_key(phrase), [])

    def iter_raw(self, norm: NormView) -> Iterator[Match[T]]:
        """All boundary-respecting matches (overlapping ones included)."""
        if self._empty:
            return
        text = norm.text
        n = len(text)
        payloads = self._payloads
        allow_prefix = self.allow_prefix
        allow_al = self.allow_al
        allow_suffix = self.allow_suffix
        to_original = norm.to_original
        max_prefix = _MAX_PREFIX
        max_suffix = _MAX_SUFFIX
        # a plain NormView maps a non-empty span [a, b) to (starts[a], ends[b - 1])
        plain = type(norm) is NormView
        starts = norm.starts
        ends = norm.ends
        for end_idx, key in self._auto.iter(text):
            nend = end_idx + 1
            # a word character right after the key: an enclitic at best (most raw hits end here)
            if not allow_suffix and nend < n:
                c = text[nend]
                if c.isalnum() or c == "_":
                    continue
            nstart = nend - len(key)
            # left boundary: start of word, or a proclitic string back to the start of word
            # (scans are bounded by the longest clitic: no quadratic walk inside a huge "word")
            ws = nstart
            while ws > 0:
                c = text[ws - 1]
                if not (c.isalnum() or c == "_"):
                    break
                ws -= 1
                if nstart - ws > max_prefix:
                    break
            if nstart - ws > max_prefix:
                continue
            if ws != nstart:
                prefix = text[ws:nstart]
                if not allow_prefix or prefix not in PROCLITICS:
                    continue
                if not allow_al and prefix.endswith("ال"):
                    continue
                if key.startswith("ال") and prefix.endswith("ال"):
                    continue
            else:
                prefix = ""
            # right boundary
            we = nend
            while we < n:
                c = text[we]
                if not (c.isalnum() or c == "_"):
                    break
                we += 1
                if we - nend > max_suffix:
                    break
            if we - nend > max_suffix:
                continue
            if we != nend:
                suffix = text[nend:we]
                if not (allow_suffix and suffix in ENCLITICS):
                    continue
            else:
                suffix = ""
            if plain:
                s, e = starts[ws], ends[we - 1]
                ss, se = starts[nstart], ends[nend - 1]
            else:
                s, e = to_original(ws, we)
                ss, se = to_original(nstart, nend)
            for payload in payloads[key]:
                yield Match(s, e, ss, se, key, payload, prefix, suffix, nstart, nend)

    def find(self, norm: NormView, longest: bool = True) -> list[Match[T]]:
        """Matches; with ``longest`` only the longest non-overlapping ones (leftmost first).

        The last view's result is remembered (several stages look up the same lexicon in the
        same document): a new list of the same :class:`Match` objects, which callers must not
        modify.
        """
        memo = self._memo
        if memo is not None and memo[0] is norm and memo[1] == longest:
            return list(memo[2])
        out = self._find(norm, longest)
        self._memo = (norm, longest, out)
        return list(out)

    def _find(self, norm: NormView, longest: bool) -> list[Match[T]]:
        matches = list(self.iter_raw(norm))
        if not longest:
            return matches
        matches.sort(key=lambda m: (-(m.nend - m.nstart), m.nstart))
        # occupancy of the view instead of a list of taken spans: linear, not quadratic
        occupied = bytearray(len(norm.text) + 1)
        out: list[Match[T]] = []
        seen_keys: set[tuple[int, int]] = set()
        for m in matches:
            k = (m.nstart, m.nend)
            if k not in seen_keys:
                if any(occupied[m.nstart : m.nend]):
                    continue
                seen_keys.add(k)
                occupied[m.nstart : m.nend] = b"\x01" * (m.nend - m.nstart)
            out.append(m)
        out.sort(key=lambda m: m.nstart)
        return out


def strip_proclitics(word: str, known: set[str] | frozenset[str] | None = None) -> tuple[str, str]:
    """Split normalised ``word`` into (proclitics, stem).

    With ``known`` (a set of normalised stems), the longest prefix that leaves a known stem
    wins; otherwise a conservative split keeps at least three letters of stem.
    """
    # the proclitics ``word`` starts with, longest first (two of one length cannot both match)
    if known is None:
        return _strip_plain(word)
    cands = [word[:k] for k in _PROCLITIC_LENS if k <= len(word) and word[:k] in PROCLITICS]
    if known is not None:
        if word in known:
            return "", word
        for p in cands:
            rest = word[len(p):]
            if rest in known or ("ال" + rest) in known:
                return p, rest
        return "", word
    for p in cands:
        rest = word[len(p):]
        if len(rest) >= 3:
            return p, rest
    return "", word


@lru_cache(maxsize=65536)
def _strip_plain(word: str) -> tuple[str, str]:
    """:func:`strip_proclitics` without ``known`` (cached: the same words recur)."""
    for k in _PROCLITIC_LENS:
        if k <= len(word) and word[:k] in PROCLITICS and len(word) - k >= 3:
            return word[:k], word[k:]
    return "", word


_WORD_RE = re.compile(r"\w+")
_WORD_SPANS_MEMO: list[Any] = [None, None]


def word_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) of the ``\\w+`` words of ``text``: a new list each call (the last
    text's words are remembered: the entity and place stages split the same view)."""
    memo = _WORD_SPANS_MEMO
    if memo[0] is not text:
        memo[1] = [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(text)]
        memo[0] = text
    return list(memo[1])


def payloads(matches: Iterable[Match[Any]]) -> list[Any]:
    return [m.payload for m in matches]

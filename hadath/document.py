"""The Document: the original text of record plus typed, offset-based annotations.

Every annotation holds character offsets ``[start, end)`` into ``Document.text`` (Python
string indices), so ``doc.text[a.start:a.end] == a.text`` for every annotation. The text
itself is never modified; normalisation happens on :attr:`Document.norm`, a view with an
offset map (see :mod:`hadath.arabic.normalize`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

from hadath.arabic.normalize import NormView, normalize_view
from hadath.errors import Errors, SpanError


@dataclass(slots=True, frozen=True)
class Span:
    """A piece of the original text: ``[start, end)`` and the characters it covers."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)
class Paragraph:
    start: int
    end: int
    text: str
    index: int


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    text: str
    index: int
    paragraph: int


@dataclass(slots=True)
class Token:
    """A whitespace/punctuation token with its clitic segmentation.

    ``stem_start``/``stem_end`` delimit the stem inside the token; ``prefix`` and ``suffix``
    are the (original) characters of the proclitics and enclitics split off, ``norm`` the
    normalised stem used for lookups.
    """

    start: int
    end: int
    text: str
    index: int
    sentence: int
    stem_start: int
    stem_end: int
    prefix: str = ""
    suffix: str = ""
    norm: str = ""
    is_arabic: bool = False
    is_punct: bool = False


@dataclass(slots=True)
class NumberMention:
    """A number in the text: digits or words. ``vague`` for «عشرات» and the like."""

    start: int
    end: int
    text: str
    value: float
    vague: bool = False
    qualifier: str | None = None  # "approx" | "at_least" | "more_than" | "less_than" | "up_to"
    kind: str = "cardinal"  # cardinal | dual | ordinal | vague | digits

    @property
    def int_value(self) -> int:
        return int(round(self.value))


Precision = Literal["day", "week", "month", "year"]


@dataclass(slots=True)
class TimeExpression:
    """A temporal expression resolved against the reference (publication) date."""

    start: int
    end: int
    text: str
    value: str | None  # ISO date (YYYY-MM-DD) or None when it cannot be resolved
    precision: Precision = "day"
    kind: str = "date"  # absolute | relative | weekday | hijri | deictic | part_of_day ...
    time_of_day: str | None = None  # dawn | morning | noon | evening | night
    anchor_needed: bool = False  # True if resolved against the reference date


@dataclass(slots=True)
class Entity:
    """A named entity mention (PER, ORG, LOC, GPE, FAC, NORP)."""

    start: int
    end: int
    text: str
    label: str
    canonical: str | None = None
    ref: str | None = None
    source: str = "ner"  # ner | lexicon | gazetteer | coref
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Document:
    """An article: metadata, the original text, and its annotations."""

    text: str
    id: str = ""
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    published_basis: str | None = None
    retrieved: str | None = None
    language: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    numbers: list[NumberMention] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    places: list[Any] = field(default_factory=list)  # hadath.geo Place mentions
    actors: list[Any] = field(default_factory=list)  # actor mentions (hadath.extract.actors)
    events: list[Any] = field(default_factory=list)
    statements: list[Any] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    stage_times: dict[str, float] = field(default_factory=dict)
    _norm: NormView | None = field(default=None, repr=False)
    # per-document memo of derived results shared between stages (e.g. the geoparse, which the
    # entities stage needs before the places stage); never serialised (hadath.record ignores it)
    cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    # ------------------------------------------------------------------ text helpers
    @property
    def norm(self) -> NormView:
        """The normalised view of the text (computed once)."""
        if self._norm is None:
            self._norm = normalize_view(self.text)
        return self._norm

    @property
    def text_sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()

    def span(self, start: int, end: int) -> Span:
        """A validated :class:`Span` of the original text."""
        if not (0 <= start <= end <= len(self.text)):
            raise SpanError(Errors.E002.format(start=start, end=end, length=len(self.text)))
        return Span(start, end, self.text[start:end])

    def char_span(
        self, start: int, end: int, alignment: Literal["strict", "contract", "expand"] = "strict"
    ) -> Span | None:
        """A span snapped to token boundaries ("expand"/"contract") or exact ("strict")."""
        if alignment == "strict" or not self.tokens:
            return self.span(start, end)
        toks = [t for t in self.tokens if t.end > start and t.start < end]
        if not toks:
            return None
        if alignment == "expand":
            return self.span(min(start, toks[0].start), max(end, toks[-1].end))
        inner = [t for t in toks if t.start >= start and t.end <= end]
        if not inner:
            return None
        return self.span(inner[0].start, inner[-1].end)

    def norm_span_to_original(self, nstart: int, nend: int) -> Span:
        """Map a span of :attr:`norm` back to a :class:`Span` of the original text."""
        s, e = self.norm.to_original(nstart, nend)
        return self.span(s, e)

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence containing ``offset`` (binary search)."""
        import bisect

        if not self.sentences:
            return None
        starts = [s.start for s in self.sentences]
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < max(self.sentences[i].end, self.sentences[i].start + 1):
            return self.sentences[i]
        return None

    def tokens_in(self, start: int, end: int) -> list[Token]:
        """Tokens overlapping ``[start, end)``."""
        import bisect

        if not self.tokens:
            return []
        starts = [t.start for t in self.tokens]
        i = max(0, bisect.bisect_right(starts, start) - 1)
        out = []
        while i < len(self.tokens) and self.tokens[i].start < end:
            if self.tokens[i].end > start:
                out.append(self.tokens[i])
            i += 1
        return out

    @property
    def reference_date(self) -> dt.date | None:
        """The date relative expressions are resolved against: published, else retrieved."""
        for value in (self.published, self.retrieved):
            if value:
                try:
                    return dt.date.fromisoformat(str(value)[:10])
                except ValueError:
                    continue
        return None

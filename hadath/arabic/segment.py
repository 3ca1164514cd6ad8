"""Paragraphs and sentences, with offsets into the original text.

Paragraphs are separated by line breaks. Sentences end at ``. ! ? ؟ …`` followed by a space,
a closing quote or the end of the paragraph, except after a decimal point (95.5), an
abbreviation (د. أ. U.S.) or inside a short quotation. ``،`` and ``؛`` do not end sentences.
"""

from __future__ import annotations

import re

from hadath.document import Document, Paragraph, Sentence
from hadath.pipeline import stage

_PARA_RE = re.compile(r"[^\n\r\u2028\u2029]+")
_END_RE = re.compile(r"[.!?؟…]+")
_OPEN_QUOTES = "«“"
_CLOSE_QUOTES = "»”"
_ABBREV = frozenset(
    {"د", "أ", "م", "ص", "ق", "ج", "ت", "ش", "ه", "Dr", "Mr", "Mrs", "Ms", "St", "U.S", "U.N", "No", "Jr", "vs", "etc"}
)
_MAX_QUOTE_HOLD = 600  # a quote left open longer than this no longer blocks a sentence break


def _sentence_ends(text: str, start: int, end: int) -> list[int]:
    """End offsets (exclusive) of the sentences of the paragraph ``text[start:end]``."""
    ends: list[int] = []
    depth = 0
    quote_open_at = -1
    i = start
    for m in _END_RE.finditer(text, start, end):
        # track «…» / “…” depth between the last position and this mark
        seg = text[i : m.start()]
        for k, ch in enumerate(seg):
            if ch in _OPEN_QUOTES:
                if depth == 0:
                    quote_open_at = i + k
                depth += 1
            elif ch in _CLOSE_QUOTES and depth:
                depth -= 1
        i = m.start()
        p = m.end()
        if depth and m.start() - quote_open_at < _MAX_QUOTE_HOLD:
            continue
        depth = 0
        mark = m.group()
        if mark == ".":
            before = text[m.start() - 1] if m.start() > start else ""
            after = text[p] if p < end else ""
            if before.isdigit() and after.isdigit():
                continue  # decimal 95.5
            wm = re.search(r"([\w.]+)$", text[max(start, m.start() - 8) : m.start()])
            if wm and wm.group(1) in _ABBREV:
                continue
            if after and not after.isspace() and after not in "\"'»”)]":
                continue  # 1.500 / www.site.com
        # swallow closing quotes and brackets after the mark
        while p < end and text[p] in "\"'»”)]":
            p += 1
        ends.append(p)
    if not ends or ends[-1] < end:
        ends.append(end)
    return ends


@stage("segment.rules.v1", requires=(), assigns=("paragraphs", "sentences"))
def segment(doc: Document) -> Document:
    """Fill ``doc.paragraphs`` and ``doc.sentences``."""
    text = doc.text
    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    for m in _PARA_RE.finditer(text):
        ps, pe = m.start(), m.end()
        # trim whitespace
        while ps < pe and text[ps].isspace():
            ps += 1
        while pe > ps and text[pe - 1].isspace():
            pe -= 1
        if ps >= pe:
            continue
        pidx = len(paragraphs)
        paragraphs.append(Paragraph(ps, pe, text[ps:pe], pidx))
        s = ps
        for e in _sentence_ends(text, ps, pe):
            a, b = s, e
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if a < b:
                sentences.append(Sentence(a, b, text[a:b], len(sentences), pidx))
            s = e
    doc.paragraphs = paragraphs
    doc.sentences = sentences
    return doc

"""Quotation spans in a text: « », “ ”, straight quotes, nested and unbalanced ones.

:func:`find_quotes` scans the text once (linear time, bounded nesting depth) and returns
:class:`Quote` objects whose ``start/end`` cover the quoted words only (the marks excluded).
The direction of an ambiguous mark (``"``, or a guillemet used the wrong way round) is read
from its neighbours: a mark after a space and before a letter opens, a mark after a letter or
punctuation and before a space closes. Unbalanced marks are recovered:

* an opener never closed before the end of its line gives an ``orphan="open"`` quote that runs
  to the end of the line (multi-paragraph quotations repeat the opener on each paragraph);
* a closer without an opener gives an ``orphan="close"`` quote that starts after the previous
  quote on the same line, or at the start of the line («وقال المدير "فلان" سقط ... المدنيين"»).

Works on any string; the statements stage runs it on ``doc.norm.text`` (quote marks are not
changed by normalisation) and maps spans back to the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_DEPTH = 4
MAX_ORPHAN_CHARS = 600

# family of each mark; marks of the "double" family pair with each other
_FAMILY = {
    "«": "guil", "»": "guil",
    '"': "double", "“": "double", "”": "double", "„": "double", "‟": "double",
    "‘": "single", "’": "single", "‹": "single", "›": "single",
}
# default role when the context does not decide
_DEFAULT = {"«": "open", "»": "close", "“": "open", "„": "open", "‟": "open", "”": "close",
            "‘": "open", "’": "close", "‹": "open", "›": "close", '"': "toggle"}
QUOTE_CHARS = "".join(_FAMILY)
# a run of one mark (`""""`) counts as one mark
_MARK_RE = re.compile("([" + re.escape(QUOTE_CHARS) + "])\\1*|\n")
_OPEN_LEFT = set("([{:،,؛;-—–ـ/|") | set(QUOTE_CHARS)
_CLOSE_LEFT = set(".!?؟،,;؛:)]}…%")
_CLOSE_RIGHT = set(".!?؟،,;؛:)]}-—–")
_WORD_RE = re.compile(r"\w+")


@dataclass(slots=True)
class Quote:
    """Quoted words ``[start, end)`` (marks excluded); ``open_pos``/``close_pos`` the marks."""

    start: int
    end: int
    open_pos: int | None
    close_pos: int | None
    depth: int = 0
    orphan: str | None = None  # None | "open" | "close"

    def words(self, text: str) -> int:
        return len(_WORD_RE.findall(text, self.start, self.end))


def _role(text: str, i: int, ch: str, j: int | None = None) -> str:
    """Role of the mark (run) ``text[i:j]``: "open", "close" or "toggle"."""
    n = len(text)
    if j is None:
        j = i + 1
    prev = text[i - 1] if i > 0 else " "
    nxt = text[j] if j < n else " "
    left_open = prev.isspace() or prev in _OPEN_LEFT
    right_open = nxt.isalnum() or nxt in "([" or nxt == "ـ"
    left_close = prev.isalnum() or prev in _CLOSE_LEFT
    right_close = nxt.isspace() or nxt in _CLOSE_RIGHT or j >= n or nxt in QUOTE_CHARS
    k = j
    while k < n and k < j + 4 and text[k] in " \t":
        k += 1
    if k >= n or text[k] == "\n":
        return "close"  # a mark at the end of a line closes («... عصابة «\n)
    if prev == "\n" or i == 0:
        return "open"
    if left_open and right_open and not left_close:
        return "open"
    if left_close and right_close and not right_open:
        return "close"
    return _DEFAULT[ch]


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in "،,:؛;-—–"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in "،,؛;-—–"):
        e -= 1
    return s, e


def find_quotes(text: str) -> list[Quote]:
    """All quotations in ``text`` in order of their start (see the module doc)."""
    out: list[Quote] = []
    stack: list[tuple[str, int, int]] = []  # (family, start and end of the opening mark)
    line_start = 0
    last_end_on_line = 0  # end (after the closing mark) of the last quote closed on this line

    def flush_line(pos: int) -> None:
        # openers never closed on this line become orphan quotes running to the line end
        for fam, op, oe in stack:
            s, e = _trim(text, oe, pos)
            if e > s and e - s <= MAX_ORPHAN_CHARS:
                out.append(Quote(s, e, op, None, 0, "open"))
        stack.clear()

    for m in _MARK_RE.finditer(text):
        i = m.start()
        ch = text[i]
        j_end = m.end()
        if ch == "\n":
            flush_line(i)
            line_start = i + 1
            last_end_on_line = i + 1
            continue
        fam = _FAMILY[ch]
        role = _role(text, i, ch, j_end)
        if role == "toggle":
            role = "close" if any(f == fam for f, _, _ in stack[-1:]) else "open"
        if role == "open":
            if len(stack) >= MAX_DEPTH:
                continue  # absurdly deep nesting: ignore further openers
            stack.append((fam, i, j_end))
            continue
        # a closer: the innermost open quote of the same family (bounded search)
        k = len(stack) - 1
        while k >= 0 and stack[k][0] != fam:
            k -= 1
        if k >= 0:
            _, op, oe = stack[k]
            del stack[k:]
            s, e = _trim(text, oe, i)
            if e > s:
                out.append(Quote(s, e, op, i, k))
            last_end_on_line = j_end
        else:
            if stack:
                continue  # a stray closer inside another quotation
            s, e = _trim(text, max(line_start, last_end_on_line), i)
            if e > s and e - s <= MAX_ORPHAN_CHARS:
                out.append(Quote(s, e, None, i, 0, "close"))
            last_end_on_line = j_end
    flush_line(len(text))
    out.sort(key=lambda q: (q.start, -q.end))
    # depth relative to the quotes kept: a quote inside another one is nested
    outer_end = -1
    for q in out:
        if q.start < outer_end and q.end <= outer_end + 1:
            q.depth = max(q.depth, 1)
        else:
            q.depth = 0
            outer_end = q.end
    return out

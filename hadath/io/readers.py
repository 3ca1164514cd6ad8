"""Reading articles: .txt, .html, .jsonl, .jsonl.gz and stdin, with rejects instead of crashes.

:func:`iter_inputs` yields, for every input record, either a :class:`~hadath.document.Document`
or a :class:`Reject` (line number, reason, raw line), so that a batch never loses a record:
records written + rejects = records read.
"""

from __future__ import annotations

import gzip
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hadath.arabic.normalize import arabic_ratio
from hadath.document import Document
from hadath.errors import Errors, InputError

MAX_CHARS = 2_000_000  # longer texts are rejected (a news article is rarely above 100k)
MIN_ARABIC_RATIO = 0.3
_META_FIELDS = ("id", "title", "url", "source", "published", "retrieved")


@dataclass(slots=True)
class Reject:
    """An input record that could not be processed, and why."""

    source: str
    line: int | None
    reason: str
    raw: str

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "line": self.line, "reason": self.reason, "raw": self.raw[:10_000]}


def check_text(text: str, what: str) -> list[str]:
    """Validate an article text; raise InputError for unusable text, return warnings."""
    if not text or not text.strip():
        raise InputError(Errors.E003.format(what=what))
    if len(text) > MAX_CHARS:
        raise InputError(Errors.E006.format(length=len(text), limit=MAX_CHARS, what=what))
    if "\x00" in text[:10_000]:
        raise InputError(Errors.E005.format(what=what))
    warnings = []
    ratio = arabic_ratio(text)
    if ratio < MIN_ARABIC_RATIO:
        raise InputError(f"[E016] text is not Arabic ({ratio:.0%} Arabic letters): {what}")
    return warnings


def _decode(data: bytes, what: str) -> str:
    if b"\x00" in data[:8192]:
        raise InputError(Errors.E005.format(what=what))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(Errors.E004.format(what=what, detail=f"byte {exc.start}")) from None
    return text


def _html_to_text(html: str, what: str) -> tuple[str, dict[str, Any]]:
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, favor_recall=True)
    meta: dict[str, Any] = {}
    try:
        md = trafilatura.extract_metadata(html)
        if md is not None:
            meta = {"title": md.title, "url": md.url, "published": md.date, "source": md.sitename}
    except Exception:  # metadata is a bonus, never a failure
        meta = {}
    if not text:
        raise InputError(Errors.E003.format(what=f"{what} (no main text found in the HTML)"))
    return text, {k: v for k, v in meta.items() if v}


def document_from_json(obj: Any, what: str) -> Document:
    """A Document from a JSON article object (fields id, text, title, url, source, published, retrieved)."""
    if not isinstance(obj, dict):
        raise InputError(Errors.E008.format(what=what))
    text = obj.get("text")
    if not isinstance(text, str):
        raise InputError(Errors.E008.format(what=what))
    check_text(text, what)
    meta = {k: (str(obj[k]) if obj.get(k) is not None else None) for k in _META_FIELDS}
    extra = {k: v for k, v in obj.items() if k not in _META_FIELDS and k != "text"}
    published = meta["published"]
    if published:
        published = published[:10]
    return Document(
        text=text,
        id=meta["id"] or "",
        title=meta["title"],
        url=meta["url"],
        source=meta["source"],
        published=published,
        published_basis="metadata" if published else None,
        retrieved=meta["retrieved"],
        language="ar",
        extra=extra,
    )


def _iter_jsonl(stream: io.TextIOBase | Any, source: str) -> Iterator[Document | Reject]:
    lineno = 0
    while True:
        try:
            raw = stream.readline()
        except UnicodeDecodeError as exc:
            lineno += 1
            yield Reject(source, lineno, Errors.E004.format(what=f"line {lineno}", detail=str(exc)), "")
            continue
        if not raw:
            break
        lineno += 1
        if not raw.strip():
            yield Reject(source, lineno, Errors.E003.format(what=f"line {lineno}"), raw)
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield Reject(source, lineno, Errors.E007.format(detail=f"line {lineno}: {exc.msg}"), raw)
            continue
        try:
            doc = document_from_json(obj, f"{source}:{lineno}")
            if not doc.id:
                doc.id = f"{Path(source).name}:{lineno}"
            doc.extra.setdefault("_line", lineno)
            yield doc
        except InputError as exc:
            yield Reject(source, lineno, str(exc), raw)


def _open_text_stream(path: Path) -> io.TextIOBase:
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", errors="strict")  # type: ignore[return-value]
    return open(path, encoding="utf-8", errors="strict")  # noqa: SIM115


def is_batch(path: str) -> bool:
    """Whether a path holds many records (JSONL)."""
    return path.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".json.gz"))


def read_single(path: str, data: bytes | None = None) -> Document:
    """Read one .txt/.html file (or stdin bytes) as a Document; raise InputError if unusable."""
    what = path
    if data is None:
        p = Path(path)
        if not p.exists():
            raise InputError(Errors.E001.format(path=path))
        if p.is_dir():
            raise InputError(Errors.E014.format(what=f"{path} is a directory"))
        data = p.read_bytes()
    if not data.strip():
        raise InputError(Errors.E003.format(what=what))
    text = _decode(data, what)
    meta: dict[str, Any] = {}
    if path.lower().endswith((".html", ".htm")) or text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        text, meta = _html_to_text(text, what)
    check_text(text, what)
    stem = Path(path).stem if path != "-" else "stdin"
    published = (meta.get("published") or "")[:10] or None
    return Document(
        text=text,
        id=stem,
        title=meta.get("title"),
        url=meta.get("url"),
        source=meta.get("source"),
        published=published,
        published_basis="metadata" if published else None,
        language="ar",
    )


def iter_inputs(paths: list[str]) -> Iterator[Document | Reject]:
    """Yield a Document or a Reject for every record of every input path ('-' = stdin)."""
    for path in paths:
        if path == "-":
            data = sys.stdin.buffer.read()
            head = data.lstrip()[:1]
            if head == b"{":
                yield from _iter_jsonl(io.StringIO(data.decode("utf-8", errors="replace")), "stdin")
            else:
                try:
                    yield read_single("-", data)
                except InputError as exc:
                    yield Reject("stdin", None, str(exc), "")
            continue
        p = Path(path)
        if is_batch(path):
            if not p.exists():
                yield Reject(path, None, Errors.E001.format(path=path), "")
                continue
            try:
                with _open_text_stream(p) as stream:
                    yield from _iter_jsonl(stream, path)
            except (OSError, EOFError) as exc:
                yield Reject(path, None, Errors.E014.format(what=f"{path}: {exc}"), "")
            continue
        try:
            yield read_single(path)
        except InputError as exc:
            yield Reject(path, None, str(exc), "")

"""English names of well-known organisations and persons (``hadath/data/names``).

The hand-written lists that feed the NER lexicon also give canonical English names: a NER
entity whose text, without its proclitics, is a listed name gets the list's English name
(«وإيمانويل ماكرون» → "Emmanuel Macron", «لرويترز» → "Reuters") instead of a
transliteration, and the list's type (PER / ORG).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from hadath.arabic.lexmatch import strip_proclitics
from hadath.arabic.normalize import normalize_key

NAMES_DIR = Path(__file__).resolve().parent.parent / "data" / "names"
_FILES = (("persons.tsv", "PER"), ("organisations.tsv", "ORG"))


@lru_cache(maxsize=1)
def name_index() -> dict[str, tuple[str, str]]:
    """Normalised Arabic name -> (English name, PER/ORG); the first listing of a name wins."""
    out: dict[str, tuple[str, str]] = {}
    for fname, label in _FILES:
        path = NAMES_DIR / fname
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) < 2 or not parts[1].strip():
                continue
            key = normalize_key(parts[0])
            if key:
                out.setdefault(key, (parts[1].strip(), label))
    return out


def known_name(text: str) -> tuple[str, str] | None:
    """(English name, PER/ORG) of a listed name, tolerating proclitics on its first word
    and a leading «ال» the list does not write (or writes while the text does not)."""
    key = " ".join(normalize_key(text).split())
    if not key:
        return None
    idx = name_index()
    first, _, rest = key.partition(" ")
    cands = [key]
    pf, stem = strip_proclitics(first, None)
    if pf:
        cands.append((stem + " " + rest).strip())
        if pf.endswith("ال"):
            cands.append(("ال" + stem + " " + rest).strip())
    for c in list(cands):
        cands.append(c[2:] if c.startswith("ال") else "ال" + c)
    for c in cands:
        hit = idx.get(c)
        if hit is not None:
            return hit
    return None

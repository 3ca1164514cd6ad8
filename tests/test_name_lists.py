"""The hand-written name lists of hadath/data/names and their use in the NER lexicon."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hadath.extract.ner import NAMES_DIR, build_lexicon

FILES = {"organisations.tsv": "ORG", "persons.tsv": "PER"}
KINDS = {
    "organisations.tsv": {"company", "media", "sports", "intl", "party", "govt", "ngo", "edu", "religious", "armed"},
    "persons.tsv": {"politician", "leader", "athlete", "artist", "religious", "militant", "business", "other"},
}


@pytest.mark.parametrize("name", sorted(FILES))
def test_name_file_format(name: str):
    path = NAMES_DIR / name
    rows = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    assert len(rows) >= 900
    seen = set()
    for ln in rows:
        parts = ln.split("\t")
        assert len(parts) == 3, ln
        ar, en, kind = parts
        assert ar.strip() == ar and ar and en and kind in KINDS[name], ln
        assert not re.search(r"[A-Za-z\u064b-\u0652]", ar), ln  # Arabic script, no diacritics
        assert ar not in seen, ln
        seen.add(ar)
    assert (NAMES_DIR / "README.md").exists()


def test_lists_feed_the_lexicon(tmp_path: Path):
    orgs = tmp_path / "o.tsv"
    orgs.write_text("# c\nريال مدريد\tReal Madrid\tsports\nرويترز\tReuters\tmedia\n", encoding="utf-8")
    pers = tmp_path / "p.tsv"
    pers.write_text("ليونيل ميسي\tLionel Messi\tathlete\nنتنياهو\tNetanyahu\tleader\n", encoding="utf-8")
    lx = build_lexicon(actor_files=[], name_files=[(orgs, "ORG"), (pers, "PER")])
    assert lx["ريال مدريد"] == "ORG" and "ORGW" in lx["مدريد"].split()
    assert "ORGN" in lx["رويترز"].split()
    assert lx["ليونيل ميسي"] == "PER" and "FN" in lx["ليونيل"].split() and "LN" in lx["ميسي"].split()
    assert "LN" in lx["نتنياهو"].split()
    # the packaged lists are read by default
    full = build_lexicon(actor_files=[])
    assert full.get("ريال مدريد") == "ORG"

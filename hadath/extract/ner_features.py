"""Features for the CRF named-entity tagger (shared by training and tagging).

Everything here works on plain token strings, so training (CoNLL files) and tagging
(``doc.tokens``) see exactly the same features. Word-level features are computed once per
distinct token string (``functools.lru_cache``) and combined per position with the
neighbours' core features, which keeps tagging fast (tens of thousands of tokens a second).

Features (all binary, crfsuite "attribute strings"):

* ``w`` normalised form (:func:`hadath.arabic.normalize.normalize_key`), ``st`` stem after
  stripping proclitics (و ف ب ك ل ال … with :func:`hadath.arabic.lexmatch.strip_proclitics`),
  ``pf`` the proclitic string, ``sa`` the stem without a leading «ال»;
* prefixes / suffixes of 1–3 characters of the form and of the stem;
* word shape (Arabic / Latin / digit / punctuation, length bucket, has «ال»);
* gazetteer membership (``gz``: country / city / region names, also as multi-word phrases,
  ``gB``/``gI``), trigger words (``tr``: titles and ranks, organisation heads, place heads);
* the same core features of the neighbours at ±1, forms at ±2, and bigrams.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from hadath.arabic.lexmatch import strip_proclitics
from hadath.arabic.normalize import normalize_key

# Trigger words (normalised keys) and the class of entity they announce.
_TRIGGERS_RAW: dict[str, str] = {}
for _w in (
    "الرئيس رئيس السيد السيده الشيخ العقيد اللواء العميد الفريق الجنرال المقدم الرائد النقيب "
    "الدكتور د الامير الملك الملكه الوزير وزير وزيره المحافظ محافظ النائب نائب القائد قائد "
    "الناطق المتحدث المستشار مستشار السفير سفير المبعوث الامام المرشد الحاج الاستاذ المهندس "
    "ابو ام بن ابن بنت الزعيم زعيم الامين امين المدير مدير الرئيسه رئيسه القاضي الجنرال "
    "المراسل مراسل الكاتب الصحفي اللاعب المدرب نجم"
).split():
    _TRIGGERS_RAW[_w] = "PER"
for _w in (
    "تنظيم ميليشيا ميليشيات مليشيا مليشيات قوات كتائب كتيبه جماعه جيش حزب حركه منظمه جبهه "
    "وزاره مجلس هيئه وكاله شركه جامعه جمعيه اتحاد لجنه مؤسسه مؤسسة ائتلاف تحالف فيلق لواء "
    "بنك صحيفه قناه اذاعه محكمه برلمان البرلمان الحكومه حكومه نادي فريق منتخب مصرف مركز"
).split():
    _TRIGGERS_RAW[_w] = "ORG"
for _w in (
    "بلده مدينه قضاء ناحيه محافظه قريه حي منطقه ولايه اقليم مقاطعه العاصمه عاصمه نهر جبل "
    "جزيره جزر بحر خليج مخيم شارع ساحه ميناء مطار معبر سهل وادي بحيره صحراء ريف جنوب شمال "
    "شرق غرب وسط دوله بلاد"
).split():
    _TRIGGERS_RAW[_w] = "LOC"
TRIGGERS: dict[str, str] = {normalize_key(k): v for k, v in _TRIGGERS_RAW.items()}

_SENT_END = frozenset(".!?؟")
_PUNCT = frozenset(".,;:!?؟،؛\"'()[]{}«»-–—/\\…*#@|<>=+%&_~`^$")


def _shape(tok: str) -> str:
    has_ar = has_lat = has_dig = False
    for ch in tok:
        if "\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufeff":
            if ch.isdigit():
                has_dig = True
            else:
                has_ar = True
        elif ch.isdigit():
            has_dig = True
        elif ch.isalpha():
            has_lat = True
    if has_ar and not (has_lat or has_dig):
        return "AR"
    if has_lat and not (has_ar or has_dig):
        return "Xx" if tok[:1].isupper() else "xx"
    if has_dig and not (has_ar or has_lat):
        return "DIG"
    if not (has_ar or has_lat or has_dig):
        return "PUNCT" if all(c in _PUNCT for c in tok) else "SYM"
    return "MIX"


class FeatureExtractor:
    """Turns a sentence (list of token strings) into crfsuite attribute lists."""

    def __init__(
        self,
        gazetteer: Mapping[str, str] | None = None,
        clusters: Mapping[str, Sequence[int]] | None = None,
    ) -> None:
        # gazetteer: normalised name (one or more words, no clitics) -> class (CTRY/CITY/REG/...)
        self.gaz: dict[str, str] = dict(gazetteer or {})
        # clusters: normalised word -> cluster ids, coarse to fine (see hadath.extract.ner.build_clusters)
        self.clusters: dict[str, Sequence[int]] = dict(clusters or {})
        self.gaz_max_words = max((k.count(" ") + 1 for k in self.gaz), default=1)
        self.gaz_max_words = min(self.gaz_max_words, 4)
        self._word = lru_cache(maxsize=262144)(self._word_uncached)

    # ------------------------------------------------------------------ one word
    def _gaz_lookup(self, norm: str, stem: str) -> str | None:
        g = self.gaz
        for cand in (norm, stem):
            if cand in g:
                return g[cand]
            if cand.startswith("ال") and cand[2:] in g:
                return g[cand[2:]]
        return None

    def _word_uncached(self, tok: str) -> tuple[tuple[str, ...], tuple[str, ...], str, str]:
        """(own features, core features for neighbours, norm, stem) of one token string."""
        norm = normalize_key(tok) or tok
        shape = _shape(tok)
        pf, stem = strip_proclitics(norm, None) if shape == "AR" else ("", norm)
        # a known gazetteer stem gives the better split («بغداد» is not «ب+غداد»)
        if shape == "AR" and self.gaz:
            kpf, kstem = strip_proclitics(norm, self.gaz.keys())  # type: ignore[arg-type]
            if kstem in self.gaz or ("ال" + kstem) in self.gaz:
                pf, stem = kpf, kstem
        sa = stem[2:] if stem.startswith("ال") and len(stem) > 3 else stem
        n = len(norm)
        feats = [
            "b",
            "w=" + norm,
            "st=" + stem,
            "sa=" + sa,
            "pf=" + pf,
            "sh=" + shape,
            "len=" + (str(n) if n < 6 else "6+" if n < 9 else "9+"),
            "p1=" + norm[:1],
            "p2=" + norm[:2],
            "p3=" + norm[:3],
            "s1=" + norm[-1:],
            "s2=" + norm[-2:],
            "s3=" + norm[-3:],
            "sp2=" + sa[:2],
            "sp3=" + sa[:3],
            "ss2=" + sa[-2:],
            "ss3=" + sa[-3:],
        ]
        if tok != norm:
            feats.append("raw=" + tok)
        gz = self._gaz_lookup(norm, stem)
        if gz:
            feats.append("gz=" + gz)
        tr = TRIGGERS.get(norm) or TRIGGERS.get(stem) or TRIGGERS.get(sa)
        if tr:
            feats.append("tr=" + tr)
        if shape == "AR" and stem.endswith("ي") and len(sa) > 3:
            feats.append("nisba")  # «العراقي», «السوري»: adjective of origin
        core = ["w=" + norm, "sa=" + sa, "sh=" + shape]
        if self.clusters:
            cl = None
            for cand in (norm, stem, sa, "ال" + sa):
                cl = self.clusters.get(cand)
                if cl is not None:
                    break
            if cl is None:
                feats.append("c=UNK")
                core.append("c=UNK")
            else:
                for lvl, c in enumerate(cl):
                    feats.append(f"c{lvl}={c}")
                core.append(f"c0={cl[0]}")
                core.append(f"c{len(cl) - 1}={cl[-1]}")
        if gz:
            core.append("gz=" + gz)
        if tr:
            core.append("tr=" + tr)
        if pf:
            core.append("pf=" + pf)
        return tuple(feats), tuple(core), norm, sa

    # ------------------------------------------------------------------ a sentence
    def _gaz_phrases(self, sas: Sequence[str], norms: Sequence[str]) -> list[str | None]:
        """B-/I- marks of the longest multi-word gazetteer phrases in the sentence."""
        n = len(sas)
        out: list[str | None] = [None] * n
        if self.gaz_max_words < 2:
            return out
        g = self.gaz
        i = 0
        while i < n:
            hit = 0
            for k in range(min(self.gaz_max_words, n - i), 1, -1):
                first = sas[i]
                rest = " ".join(norms[i + 1 : i + k])
                for f in (first, "ال" + first):
                    key = f + " " + rest
                    if key in g:
                        hit = k
                        cls = g[key]
                        break
                if hit:
                    break
            if hit:
                out[i] = "gB=" + cls
                for j in range(i + 1, i + hit):
                    out[j] = "gI=" + cls
                i += hit
            else:
                i += 1
        return out

    def sentence(self, tokens: Sequence[str]) -> list[list[str]]:
        """crfsuite attribute lists for one sentence."""
        n = len(tokens)
        words = [self._word(t if t else "_") for t in tokens]
        norms = [w[2] for w in words]
        sas = [w[3] for w in words]
        phr = self._gaz_phrases(sas, norms)
        out: list[list[str]] = []
        for i in range(n):
            own, _core, norm, _sa = words[i]
            f = list(own)
            if i == 0:
                f.append("BOS")
            else:
                f.extend("-1:" + c for c in words[i - 1][1])
                f.append("bg-=" + norms[i - 1] + "|" + norm)
                if i >= 2:
                    f.append("-2:w=" + norms[i - 2])
                    f.append("-2:sa=" + sas[i - 2])
                else:
                    f.append("-2:BOS")
            if i == n - 1:
                f.append("EOS")
            else:
                f.extend("+1:" + c for c in words[i + 1][1])
                f.append("bg+=" + norm + "|" + norms[i + 1])
                if i + 2 < n:
                    f.append("+2:w=" + norms[i + 2])
                    f.append("+2:sa=" + sas[i + 2])
                else:
                    f.append("+2:EOS")
            if phr[i]:
                f.append(phr[i])  # type: ignore[arg-type]
            out.append(f)
        return out


def split_pseudo_sentences(tokens: Sequence[str], max_len: int = 120) -> list[tuple[int, int]]:
    """[start, end) ranges of pseudo-sentences: split after . ! ? ؟ tokens (and every ``max_len``)."""
    spans: list[tuple[int, int]] = []
    s = 0
    for i, t in enumerate(tokens):
        if t in _SENT_END or (t and t[-1] in _SENT_END and len(t) <= 3 and not t[0].isalnum()):
            spans.append((s, i + 1))
            s = i + 1
        elif i + 1 - s >= max_len:
            spans.append((s, i + 1))
            s = i + 1
    if s < len(tokens):
        spans.append((s, len(tokens)))
    return spans


def read_clusters(lines: Iterable[str]) -> dict[str, tuple[int, ...]]:
    """Parse ``word<TAB>id id id`` lines."""
    out: dict[str, tuple[int, ...]] = {}
    for line in lines:
        if not line or line.startswith("#"):
            continue
        w, _, ids = line.rstrip("\n").partition("\t")
        if w and ids:
            out[w] = tuple(int(x) for x in ids.split())
    return out


def iter_gazetteer_lines(lines: Iterable[str]) -> dict[str, str]:
    """Parse ``name<TAB>class`` lines into a dict (first class wins)."""
    out: dict[str, str] = {}
    for line in lines:
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        name, _, cls = line.partition("\t")
        key = normalize_key(name)
        if key and cls and key not in out:
            out[key] = cls
    return out

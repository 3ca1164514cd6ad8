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
* name-lexicon classes (``lx``: given / family / middle names, organisation names and words;
  multi-word names as ``lB``/``lI`` phrase marks), see :func:`hadath.extract.ner.build_lexicon`;
* the same core features of the neighbours at ±1 (all cluster levels), forms, stems, trigger
  and lexicon classes at ±2, and bigrams;
* optionally, real-valued features: the distributional word vector (:class:`WordVectors`) of
  the word and of its neighbours (``v0:k``, ``v-1:k``, ``v1:k``), see :meth:`FeatureExtractor.items`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from hadath.arabic.lexmatch import strip_proclitics
from hadath.arabic.normalize import normalize_key

#: Most distinct token strings whose tagging features are kept (:meth:`FeatureExtractor._posb`).
POS_CACHE_SIZE = 65536

# Trigger words (normalised keys) and the class of entity they announce.
_TRIGGERS_RAW: dict[str, str] = {}
for _w in (
    "الرئيس رئيس السيد السيده الشيخ العقيد اللواء العميد الفريق الجنرال المقدم الرائد النقيب "
    "الدكتور د الامير الملك الملكه الوزير وزير وزيره المحافظ محافظ النائب نائب القائد قائد "
    "الناطق المتحدث المستشار مستشار السفير سفير المبعوث الامام المرشد الحاج الاستاذ المهندس "
    "ابو ام بن ابن بنت الزعيم زعيم الامين امين المدير مدير الرئيسه رئيسه القاضي الجنرال "
    "المراسل مراسل الكاتب الصحفي اللاعب المدرب نجم "
    "السيدة الدكتورة البروفيسور الاستاذة الرئيس المستشارة الشيخة الاميرة السلطان سلطان العاهل "
    "البابا الكاردينال المطران الاب الحاخام الجنرال المشير الرقيب الجندي العريف الملازم الكابتن "
    "المدعو المواطن الفنان الفنانة المطرب المطربة الممثل الممثلة المخرج الروائي الشاعر الكاتبة "
    "المغني الزميل الراحل المرحوم الفقيد الشهيد الزعيم نائبه رئيسة ولي زوجته زوجها نجل شقيق ابنه "
    "مساعد المساعد المندوب مندوب النجم الحارس المهاجم رئيسها رئيسه وزيرة زعيمة"
).split():
    _TRIGGERS_RAW[_w] = "PER"
for _w in (
    "تنظيم ميليشيا ميليشيات مليشيا مليشيات قوات كتائب كتيبه جماعه جيش حزب حركه منظمه جبهه "
    "وزاره مجلس هيئه وكاله شركه جامعه جمعيه اتحاد لجنه مؤسسه مؤسسة ائتلاف تحالف فيلق لواء "
    "بنك صحيفه قناه اذاعه محكمه برلمان البرلمان الحكومه حكومه نادي فريق منتخب مصرف مركز "
    "الامم صندوق مجموعه معهد اكاديميه مكتب دائره مديريه مصلحه رابطه نقابه منتدي مجمع كليه "
    "مستشفي مدرسه جريده مجله تلفزيون وكاله اتحاد الاتحاد شبكه مؤتمر هيئه المنظمه المجلس "
    "اللجنه الجمعيه الجبهه الحركه الحزب الوكاله محطه فرقه قياده مفوضيه حلف المعهد"
).split():
    _TRIGGERS_RAW[_w] = "ORG"
for _w in (
    "بلده مدينه قضاء ناحيه محافظه قريه حي منطقه ولايه اقليم مقاطعه العاصمه عاصمه نهر جبل "
    "جزيره جزر بحر خليج مخيم شارع ساحه ميناء مطار معبر سهل وادي بحيره صحراء ريف جنوب شمال "
    "شرق غرب وسط دوله بلاد"
).split():
    _TRIGGERS_RAW[_w] = "LOC"
for _w in (
    "قال قالت اكد اكدت اضاف اضافت اعلن اعلنت اوضح اوضحت صرح صرحت ذكر ذكرت اشار اشارت "
    "يقول تقول دعا دعت طالب طالبت نفي نفت استقبل التقي التقت زار زارت بحث بحثت"
).split():
    _TRIGGERS_RAW.setdefault(_w, "SAY")
TRIGGERS: dict[str, str] = {normalize_key(k): v for k, v in _TRIGGERS_RAW.items()}

#: Common given names (our own list; facts): Arabic, and frequent foreign names in Arabic script.
GIVEN_NAMES_RAW = """
محمد أحمد علي حسن حسين عبد عبدالله عبدالرحمن عبدالعزيز عبدالكريم عبدالرحيم عبدالحميد عبدالمجيد
عبدالسلام عبدالقادر عبدالناصر عبدالملك عبدالوهاب عبدالحليم عبدالفتاح عبدالرزاق عبداللطيف عبدالهادي
خالد عمر عثمان إبراهيم إسماعيل يوسف يعقوب إسحاق موسى عيسى هارون داود سليمان يحيى زكريا إلياس
يونس أيوب آدم نوح صالح هود شعيب مصطفى محمود حامد حمد حمدي حمدان أمين أمجد أنور أنس أسامة أسعد
أشرف أكرم أيمن باسل باسم بشار بشير بكر بلال توفيق ثامر جابر جاسم جعفر جلال جمال جميل حاتم حازم
حافظ حبيب حسام حسني حمزة خليل خليفة رائد راشد رامي رشيد رضا رفيق رياض زياد زيد زهير سالم سامي
سامر سعد سعيد سعود سلطان سلمان سليم سمير سهيل سيف شادي شريف شاكر صابر صادق صبري صلاح طارق طلال
طه عادل عاطف عامر عبيد عدنان عزيز عصام علاء عماد عمار عمرو عوض غازي غسان فادي فارس فاروق فؤاد
فيصل فهد فوزي فيصل قاسم كريم كمال ماجد مالك مازن مجدي مراد مروان مسعود منصور منير مهدي ناصر
نبيل نجيب نزار نصر نعيم نادر نايف نوري هاني هشام هيثم وائل وليد وسام ياسر ياسين يزيد مهند
حيدر قصي عدي مقتدى نوري إياد أياد ضياء مثنى عقيل كاظم جواد رعد ثائر سعدون عزت طاهر ظافر فالح
هادي همام لؤي معاذ معتز منذر نضال هاشم وجدي يسري شوقي رمزي فتحي لطفي رجب شعبان رمضان
عبدالعزيز تركي مشعل متعب بندر نواف سطام عبدالاله الوليد مقرن ممدوح
فاطمة عائشة خديجة زينب مريم سارة ليلى هدى نور نورا سلمى سعاد سميرة سهام منى مها هند هيفاء
رانيا رنا ريم لينا ليلى أمل أسماء آمنة إيمان بشرى جميلة حنان حياة دعاء رحاب رشا زهرة سناء
شيماء صفاء عبير عفاف غادة فدوى فريدة كوثر لبنى لمياء ماجدة مريم نادية نجلاء نسرين نوال هالة
وفاء ياسمين سوزان سهى ميسون رغد بثينة نجاة حنان تهاني
جورج جون ديفيد دافيد مايكل ميشيل ميشال بيتر بول روبرت ريتشارد توماس توني تيموثي جيمس جيم
ويليام وليام بيل بوب دونالد باراك هيلاري كوندوليزا كولن ديك جوزيف جو ستيفن ستيف مارك مارتن
فرانسوا فرنسوا نيكولا جاك جان بيار بيير لوران ألان آلان كريستيان كريستوف فيليب أوليفييه
هنري هنريك كارل كارلوس خوان خوسيه لويس لويز ماريو ماريا مارتينيز أنطونيو انطونيو فرانشيسكو
سيلفيو رومانو جوزيبي فلاديمير فلاديمر ديمتري ديميتري سيرغي سيرجي إيغور ايغور بوريس ميخائيل
نيكولاي ألكسندر الكسندر أندريه اندريه يوري فيكتور غيورغي أنجيلا أنغيلا غيرهارد هلموت
فرانك فرانز هانز كلاوس فولفغانغ توني غوردون جوردون ديفيد إيهود ايهود أرييل ارييل أريئيل
بنيامين شيمون شمعون إسحق اسحق تسيبي عمير إيلي ايلي شاؤول موشيه داني دان دانيال دانييل
كوفي بان كي فيدل راؤول هوغو هوجو إيفو إيفا آنا انا ماري مارى كاترين كاثرين إليزابيث اليزابيث
جينيفر جنيفر جوليا سوزان ليندا باربرا نانسي هيلين كيت إيما لورا سارة أماندا مادلين
روبرتو ألبرتو البرتو ريكاردو فرناندو إدواردو ادواردو غابرييل جبريل ميغيل بيدرو باولو
لوكا ماتيو ستيفانو أليساندرو رونالدو رونالدينيو زين زين الدين تييري باتريك زيدان
تشارلز شارل إدوارد ادوارد آرثر ارثر إدوين جاري غاري كيفن كيفين براين بريان ريان دوغلاس
أليكس اليكس كريس كريستوفر جاستن جستن نيك نيكولاس ماثيو ماتيو أنتوني انتوني سام صمويل
ناريندرا مانموهان راجيف سونيا أتال برفيز برويز نواز شوكت آصف اصف بينظير حامد قلب شينزو جونيتشيرو
هو جين وين شي لي كيم تشن
"""
GIVEN_NAMES: frozenset[str] = frozenset(normalize_key(w) for w in GIVEN_NAMES_RAW.split())

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
        lexicon: Mapping[str, str] | None = None,
        vectors: WordVectors | None = None,
    ) -> None:
        #: distributional word vectors for real-valued features (None: binary features only)
        self.vectors = vectors
        # gazetteer: normalised name (one or more words, no clitics) -> class (CTRY/CITY/REG/...)
        self.gaz: dict[str, str] = dict(gazetteer or {})
        # clusters: normalised word -> cluster ids, coarse to fine (see hadath.extract.ner.build_clusters)
        self.clusters: dict[str, Sequence[int]] = dict(clusters or {})
        self.gaz_max_words = max((k.count(" ") + 1 for k in self.gaz), default=1)
        self.gaz_max_words = min(self.gaz_max_words, 4)
        # lexicon: normalised word -> space-separated classes (FN given name, LN family name,
        # ORGN one-word organisation name, ORGW word of an organisation name, ...);
        # normalised multi-word name -> PER / ORG (phrase marks lB/lI)
        self.lex_words: dict[str, tuple[str, ...]] = {}
        self.lex_phr: dict[str, str] = {}
        for k, v in (lexicon or {}).items():
            if " " in k:
                self.lex_phr[k] = v.split()[0]
            else:
                self.lex_words[k] = tuple(v.split())
        self._lex_keys = frozenset(self.lex_words)
        self.lex_max_words = min(max((k.count(" ") + 1 for k in self.lex_phr), default=1), 5)
        self._word = lru_cache(maxsize=262144)(self._word_uncached)  # kept for callers; unused here
        # first word of each multi-word phrase -> its most words (phrase lookups try only
        # the lengths a phrase starting with that word can have)
        self._gaz_first = _first_words(self.gaz)
        self._lex_first = _first_words(self.lex_phr)
        # the attributes the model knows (see set_known); None: emit every feature
        self.known: frozenset[str] | None = None
        self._known_b: dict[str, bytes] | None = None  # known attribute -> its UTF-8 bytes
        self._known_nb: dict[str, dict[str, bytes]] | None = None
        self._pos = lru_cache(maxsize=262144)(self._pos_uncached)  # str attributes
        # the tagger's per-word cache (UTF-8 bytes, filtered by ``known``: about 1 kB a word,
        # the bytes objects are shared through ``_known_b``)
        self._posb = lru_cache(maxsize=POS_CACHE_SIZE)(self._posb_uncached)
        self._set_edges()

    def set_known(self, known: Iterable[str] | None) -> None:
        """Emit only attributes in ``known`` (the model's attribute dictionary): crfsuite
        ignores the others when tagging, so the tags do not change; the features are fewer.
        Training must not set this."""
        self.known = None if known is None else frozenset(known)
        self._known_b = None if self.known is None else {a: a.encode() for a in self.known}
        # "-1:" etc. + feature: the known ones by the unprefixed feature (no string built per word)
        self._known_nb: dict[str, dict[str, bytes]] | None = None
        if self._known_b is not None:
            self._known_nb = {p: {} for p in ("-1:", "+1:", "-2:", "+2:")}
            for a, ab in self._known_b.items():
                d = self._known_nb.get(a[:3])
                if d is not None:
                    d[a[3:]] = ab
        self._set_edges()
        self._pos.cache_clear()
        self._posb.cache_clear()

    def _keep(self, feats: Iterable[str]) -> tuple[str, ...]:
        k = self.known
        return tuple(feats) if k is None else tuple(filter(k.__contains__, feats))

    def _set_edges(self) -> None:
        keep = self._keep
        self._edges = (keep(("BOS",)), keep(("EOS",)), keep(("-2:BOS",)), keep(("+2:EOS",)))
        self._edges_b = tuple(self._enc(e) for e in self._edges)

    def _enc(self, feats: Iterable[str]) -> tuple[bytes, ...]:
        """The attributes of ``feats`` the model knows, UTF-8 encoded (all if ``known`` is None)."""
        kb = self._known_b
        if kb is None:
            return tuple(x.encode() for x in feats)
        return tuple(map(kb.__getitem__, filter(kb.__contains__, feats)))

    def _phrase_top(self, sa: str, first_idx: Mapping[str, int], maxw: int) -> int:
        """The most words a phrase starting at a word with stem ``sa`` can have (0: none)."""
        if maxw < 2 or not first_idx:
            return 0
        if " " in sa:  # the index is by space-free first words: try every length
            return maxw
        # a key "f rest" of k words or more has first word f and at least k words
        return min(maxw, max(first_idx.get(sa, 0), first_idx.get("ال" + sa, 0)))

    def _pos_uncached(self, tok: str) -> tuple[Any, ...]:
        """A word's features as its own and as the neighbour at -1/+1/-2/+2, prefixed
        (and filtered by :attr:`known`) once per distinct token string, with its norm, stem
        and the most words of a gazetteer / lexicon phrase it can start."""
        own, core, norm, sa, far = self._word_uncached(tok)  # (this cache replaces _word's)
        keep = self._keep
        return (
            keep(own),
            keep("-1:" + c for c in core),
            keep("+1:" + c for c in core),
            keep(("-2:w=" + norm, "-2:sa=" + sa, *("-2:" + c for c in far))),
            keep(("+2:w=" + norm, "+2:sa=" + sa, *("+2:" + c for c in far))),
            norm,
            sa,
            self._phrase_top(sa, self._gaz_first, self.gaz_max_words if self.gaz else 0),
            self._phrase_top(sa, self._lex_first, self.lex_max_words if self.lex_phr else 0),
        )

    def _posb_uncached(self, tok: str) -> tuple[Any, ...]:
        """:meth:`_pos_uncached` with the attributes as UTF-8 bytes (what crfsuite takes
        without converting); does not fill the str caches."""
        own, core, norm, sa, far = self._word_uncached(tok)
        nb = self._known_nb
        if nb is not None:
            # core starts with "w=" + norm, "sa=" + sa (see _word_uncached)
            two = (core[0], core[1], *far)
            m1, p1, m2, p2 = nb["-1:"], nb["+1:"], nb["-2:"], nb["+2:"]
            return (
                self._enc(own),
                tuple(map(m1.__getitem__, filter(m1.__contains__, core))),
                tuple(map(p1.__getitem__, filter(p1.__contains__, core))),
                tuple(map(m2.__getitem__, filter(m2.__contains__, two))),
                tuple(map(p2.__getitem__, filter(p2.__contains__, two))),
                norm,
                sa,
                self._phrase_top(sa, self._gaz_first, self.gaz_max_words if self.gaz else 0),
                self._phrase_top(sa, self._lex_first, self.lex_max_words if self.lex_phr else 0),
            )
        enc = self._enc
        return (
            enc(own),
            enc(["-1:" + c for c in core]),
            enc(["+1:" + c for c in core]),
            enc(["-2:w=" + norm, "-2:sa=" + sa, *["-2:" + c for c in far]]),
            enc(["+2:w=" + norm, "+2:sa=" + sa, *["+2:" + c for c in far]]),
            norm,
            sa,
            self._phrase_top(sa, self._gaz_first, self.gaz_max_words if self.gaz else 0),
            self._phrase_top(sa, self._lex_first, self.lex_max_words if self.lex_phr else 0),
        )

    # ------------------------------------------------------------------ one word
    def _gaz_lookup(self, norm: str, stem: str) -> str | None:
        g = self.gaz
        for cand in (norm, stem):
            if cand in g:
                return g[cand]
            if cand.startswith("ال") and cand[2:] in g:
                return g[cand[2:]]
        return None

    def _lex_lookup(self, norm: str, stem: str) -> tuple[str, ...]:
        lw = self.lex_words
        if not lw:
            return ()
        for cand in (norm, stem):
            if cand in lw:
                return lw[cand]
        _kpf, kstem = strip_proclitics(norm, self._lex_keys)
        if kstem in lw:
            return lw[kstem]
        if ("ال" + kstem) in lw:
            return lw["ال" + kstem]
        return ()

    def _word_uncached(self, tok: str) -> tuple[tuple[str, ...], tuple[str, ...], str, str, tuple[str, ...]]:
        """(own features, core features for neighbours, norm, stem) of one token string."""
        norm = normalize_key(tok) or tok
        shape = _shape(tok)
        pf, stem = strip_proclitics(norm, None) if shape == "AR" else ("", norm)
        if shape == "MIX" and len(tok) > 2 and tok[0] in "وفبل" and _shape(tok[1:]) in ("Xx", "xx"):
            # «وDell», «بIBM»: Arabic proclitic on a Latin-script name
            pf, stem, shape = tok[0], tok[1:], "p" + _shape(tok[1:])
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
        lx = self._lex_lookup(norm, stem) if shape == "AR" else ()
        feats.extend("lx=" + c for c in lx)
        core = ["w=" + norm, "sa=" + sa, "sh=" + shape]
        core.extend("lx=" + c for c in lx)
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
                core.extend(f"c{lvl}={c}" for lvl, c in enumerate(cl))  # neighbours: every level
        # what the words at ±2 show: trigger and lexicon classes
        far = (("tr=" + tr,) if tr else ()) + tuple("lx=" + c for c in lx)
        if gz:
            core.append("gz=" + gz)
        if tr:
            core.append("tr=" + tr)
        if pf:
            core.append("pf=" + pf)
        return tuple(feats), tuple(core), norm, sa, far

    # ------------------------------------------------------------------ a sentence
    def _gaz_phrases(
        self, sas: Sequence[str], norms: Sequence[str], table: Mapping[str, str] | None = None,
        max_words: int | None = None, marks: tuple[str, str] = ("gB=", "gI="),
    ) -> list[str | None]:
        """B-/I- marks of the longest multi-word gazetteer (or lexicon) phrases in the sentence."""
        n = len(sas)
        out: list[str | None] = [None] * n
        g = self.gaz if table is None else table
        maxw = self.gaz_max_words if max_words is None else max_words
        if maxw < 2 or not g:
            return out
        if g is self.gaz:
            first_idx = self._gaz_first
        elif g is self.lex_phr:
            first_idx = self._lex_first
        else:
            first_idx = _first_words(g)
        i = 0
        while i < n:
            hit = 0
            first = sas[i]
            if " " in first:
                top = min(maxw, n - i)  # the index is by space-free first words: try every length
            else:
                # a key "f rest" (k words or more) has first word f and at least k words
                top = min(maxw, n - i, max(first_idx.get(first, 0), first_idx.get("ال" + first, 0)))
            for k in range(top, 1, -1):
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
                out[i] = marks[0] + cls
                for j in range(i + 1, i + hit):
                    out[j] = marks[1] + cls
                i += hit
            else:
                i += 1
        return out

    def _marks(
        self, ws: Sequence[tuple[Any, ...]], norms: Sequence[str], top_at: int, table: Mapping[str, str],
        marks: tuple[str, str],
    ) -> list[str | None] | None:
        """:meth:`_gaz_phrases` from the per-word phrase lengths (``ws[i][top_at]``): only the
        words that can start a phrase are tried; None when there is no phrase."""
        n = len(ws)
        out: list[str | None] | None = None
        free = 0  # phrases found do not overlap: the next one starts at or after ``free``
        for i in range(n):
            top = ws[i][top_at]
            if top < 2 or i < free:
                continue
            top = min(top, n - i)
            first = ws[i][6]
            for k in range(top, 1, -1):
                rest = " ".join(norms[i + 1 : i + k])
                key = first + " " + rest
                if key not in table:
                    key = "ال" + key
                    if key not in table:
                        continue
                cls = table[key]
                if out is None:
                    out = [None] * n
                out[i] = marks[0] + cls
                for j in range(i + 1, i + k):
                    out[j] = marks[1] + cls
                free = i + k
                break
        return out

    def items(self, tokens: Sequence[str], as_bytes: bool = True) -> list[Any]:
        """What crfsuite gets for one sentence: :meth:`sentence_bytes` (or :meth:`sentence`),
        with the word-vector features added (each token then a dict attribute -> value)
        when the extractor has :attr:`vectors`."""
        feats = self._sentence(tokens, as_bytes)
        wv = self.vectors
        if wv is None:
            return feats
        n = len(tokens)
        win = wv.window
        dense = [wv.dense(t, as_bytes) for t in tokens]  # per word: one dict per offset
        out: list[Any] = []
        for i, f in enumerate(feats):
            d = dict.fromkeys(f, 1.0)
            for off in range(-win, win + 1):
                j = i + off
                if 0 <= j < n:
                    d.update(dense[j][win - off])
            out.append(d)
        return out

    def sentence(self, tokens: Sequence[str]) -> list[list[str]]:
        """crfsuite attribute lists for one sentence.

        Per position only the bigrams and phrase marks are built; everything else comes
        from the per-word cache (:meth:`_pos_uncached`) as ready prefixed tuples. With
        :attr:`known` set, attributes the model does not know are left out.
        """
        return self._sentence(tokens, False)  # type: ignore[return-value]

    def sentence_bytes(self, tokens: Sequence[str]) -> list[list[bytes]]:
        """:meth:`sentence` with UTF-8 encoded attributes (faster to hand to crfsuite)."""
        return self._sentence(tokens, True)  # type: ignore[return-value]

    def _sentence(self, tokens: Sequence[str], as_bytes: bool) -> list[list[Any]]:
        n = len(tokens)
        if not n:
            return []
        pos = self._posb if as_bytes else self._pos
        ws = [pos(t if t else "_") for t in tokens]
        norms = [w[5] for w in ws]
        phr = self._marks(ws, norms, 7, self.gaz, ("gB=", "gI=")) if self.gaz_max_words >= 2 and self.gaz else None
        lph = (
            self._marks(ws, norms, 8, self.lex_phr, ("lB=", "lI="))
            if self.lex_phr and self.lex_max_words >= 2 else None
        )
        known = self.known
        kb = self._known_b
        # the bigram of positions i and i+1 is "bg+=" at i and "bg-=" at i+1
        bg_plus: list[tuple[Any, ...]] = []
        bg_minus: list[tuple[Any, ...]] = [()]
        for i in range(n - 1):
            pair = norms[i] + "|" + norms[i + 1]
            p, m = "bg+=" + pair, "bg-=" + pair
            if known is not None:
                p = p if p in known else None  # type: ignore[assignment]
                m = m if m in known else None  # type: ignore[assignment]
            if as_bytes:
                bg_plus.append((kb[p] if kb is not None else p.encode(),) if p else ())
                bg_minus.append((kb[m] if kb is not None else m.encode(),) if m else ())
            else:
                bg_plus.append((p,) if p else ())
                bg_minus.append((m,) if m else ())
        bos, eos, bos2, eos2 = self._edges_b if as_bytes else self._edges
        out: list[list[Any]] = []
        last = n - 1
        for i in range(n):
            w = ws[i]
            f = list(w[0])
            if i == 0:
                f += bos
            else:
                f += ws[i - 1][1]
                f += bg_minus[i]
                f += ws[i - 2][3] if i >= 2 else bos2
            if i == last:
                f += eos
            else:
                f += ws[i + 1][2]
                f += bg_plus[i]
                f += ws[i + 2][4] if i + 2 < n else eos2
            out.append(f)
        # phrase marks come last: the gazetteer's, then the lexicon's
        for marks in (phr, lph):
            if marks is None:
                continue
            for i, x in enumerate(marks):
                if x and (known is None or x in known):
                    out[i].append((kb[x] if kb is not None else x.encode()) if as_bytes else x)
        return out


class WordVectors:
    """Distributional word vectors (int8, one row per normalised word) as CRF features.

    A token's row is that of its normalised form, else of its stem without proclitics,
    without «ال», or with «ال». The word tagged at position i gets, for each offset ``o`` in
    -window..+window, the attributes ``v{o}:{k}`` = ``scale * vector(token i+o)[k]``.
    """

    def __init__(self, words: Sequence[str], matrix: Any, scale: float = 3.0, window: int = 1,
                 stems: bool = False, cache_size: int = 8192) -> None:
        import numpy as np

        #: also the vector of the bare stem (no proclitics, no «ال»): attributes ``u{o}:{k}``
        self.stems = bool(stems)
        self.index = {w: i for i, w in enumerate(words)}
        self.matrix = np.asarray(matrix)
        self.scale = float(scale)
        self.window = int(window)
        self.dims = int(self.matrix.shape[1]) if self.matrix.ndim == 2 else 0
        self._unit = self.scale / 127.0 if self.matrix.dtype == np.int8 else self.scale
        self.dense = lru_cache(maxsize=cache_size)(self._dense_uncached)  # type: ignore[method-assign]

    def row(self, tok: str) -> int | None:
        idx = self.index
        n = normalize_key(tok) or tok
        i = idx.get(n)
        if i is not None:
            return i
        # the longest proclitic string that leaves a word with a vector («وبغداد» → بغداد)
        pf, st = strip_proclitics(n, idx.keys())  # type: ignore[arg-type]
        if pf:
            i = idx.get(st)
            return i if i is not None else idx.get("ال" + st)
        _, st = strip_proclitics(n, None)
        sa = st[2:] if st.startswith("ال") and len(st) > 3 else st
        for c in (st, sa, "ال" + sa):
            i = idx.get(c)
            if i is not None:
                return i
        return None

    def stem_row(self, tok: str) -> int | None:
        """Row of the bare stem (proclitics and «ال» removed), else of the word."""
        idx = self.index
        n = normalize_key(tok) or tok
        pf, st = strip_proclitics(n, idx.keys())  # type: ignore[arg-type]
        if not pf:
            pf, st = strip_proclitics(n, None)
        sa = st[2:] if st.startswith("ال") and len(st) > 3 else st
        for c in (sa, st):
            i = idx.get(c)
            if i is not None:
                return i
        return self.row(tok)

    def _dense_uncached(self, tok: str, as_bytes: bool = True) -> tuple[dict[Any, float], ...]:
        """The attributes this token gives the word it is ``o`` places from, one dict per
        ``o``: entry ``k`` is for ``o = window - k`` (the tagged word is at ``-o`` from it)."""
        w = self.window
        out: list[dict[Any, float]] = [{} for _ in range(2 * w + 1)]
        for prefix, i in (("v", self.row(tok)), ("u", self.stem_row(tok) if self.stems else None)):
            if i is None:
                continue
            vals = [float(x) * self._unit for x in self.matrix[i]]
            for k in range(2 * w + 1):
                names = [f"{prefix}{w - k}:{d}" for d in range(self.dims)]
                out[k].update({(nm.encode() if as_bytes else nm): v for nm, v in zip(names, vals)})
        return tuple(out)

    @classmethod
    def load(cls, path: Any, scale: float = 3.0, window: int = 1) -> WordVectors:
        import numpy as np

        z = np.load(path)
        words = z["words"].tobytes().decode("utf-8").split("\n")
        return cls(words, z["matrix"], scale=float(z["scale"]) if "scale" in z.files else scale,
                   window=int(z["window"]) if "window" in z.files else window,
                   stems=bool(z["stems"]) if "stems" in z.files else False)

    @staticmethod
    def quantise(matrix: Any) -> Any:
        """Unit-length vectors as int8 (component × 127); int8 input is returned as is."""
        import numpy as np

        m = np.asarray(matrix)
        if m.dtype == np.int8:
            return m
        return np.clip(np.rint(m.astype(np.float32) * 127.0), -127, 127).astype(np.int8)

    @staticmethod
    def save(path: Any, words: Sequence[str], matrix: Any, scale: float, window: int, stems: bool = False) -> None:
        """Write L2-normalised vectors, quantised to int8 (or already int8), with the feature settings."""
        import numpy as np

        q = WordVectors.quantise(matrix)
        np.savez_compressed(
            path, words=np.frombuffer("\n".join(words).encode("utf-8"), dtype=np.uint8), matrix=q,
            scale=np.float32(scale), window=np.int32(window), stems=np.bool_(stems),
        )


def _first_words(table: Mapping[str, str]) -> dict[str, int]:
    """First word of each key -> the most words of a key starting with it."""
    out: dict[str, int] = {}
    for key in table:
        first, _, _rest = key.partition(" ")
        n = key.count(" ") + 1
        if n > out.get(first, 0):
            out[first] = n
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

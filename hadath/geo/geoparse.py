"""Geoparser: find place mentions in Arabic text and resolve each to one gazetteer entry.

Stage ``places.gazetteer.v1`` fills ``doc.places`` with :class:`hadath.model.Place` objects.

1. **Mentions**: a :class:`~hadath.arabic.lexmatch.PhraseMatcher` over every Arabic name of the
   gazetteer (proclitics allowed: «وفي الموصل», «بالفلوجة», «لكركوك»). A match is kept when it
   is a strong name (country, admin1, region, city of >= 100k) or stands in a place-like context:
   a preposition (في، ب، من، إلى، قرب …), a trigger word (مدينة، بلدة، قرية، حي، منطقة، ناحية،
   قضاء، محافظة، ولاية …), a direction (شمالي، جنوب …), coordination with an accepted place, or
   the same name accepted elsewhere in the article. Common words that are also place names
   (:data:`STOP`, :data:`WEAK`) need a trigger word or a preposition.
2. **Resolution**: candidates are scored by feature kind and population, the article's countries,
   the trigger word (محافظة → admin1, قضاء → admin2, ناحية → admin3, بلدة → town …), nearness to
   the other places of the article and the container the text names («التابعة لناحية كفري»,
   «والتي تتبع إداريا إلى محافظة نينوى», «في حدود مخمور»).
3. **Relative phrases** («شمالي بغداد», «على بعد 20 كم جنوب الموصل», «قرب …») resolve to the
   anchor with ``geo_precision`` 2; names after a trigger word that the gazetteer lacks, tied to
   an anchor («منطقتي سركران وقرجوغ في حدود مخمور», «مديرية X بمحافظة مأرب»), get the anchor's
   location (precision 2, or 3 when the anchor is a country/region) and keep their own words.
   A name after «حي/قرية/منطقة …» tied to a town must fit it (:func:`_check_anchors`): «حي اليرموك
   غربي بعقوبة» is a Baqubah neighbourhood, not Yarmouk in Damascus.
4. Where the text's own admin statement disagrees with the gazetteer, the text wins and both are
   recorded (``Place.admin1`` from the text, ``Place.admin1_alt`` and ``Place.note``).

:func:`locate_event` picks the place an incident trigger is tied to; :func:`article_countries`
ranks the article's countries.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from hadath.arabic.lexmatch import PhraseMatcher, word_spans
from hadath.arabic.normalize import normalize_key
from hadath.document import Document
from hadath.geo.gazetteer import SETTLEMENT, GazEntry, Gazetteer, haversine, load_gazetteer
from hadath.model import Place
from hadath.pipeline import stage

# ----------------------------------------------------------------------------- word lists
# (all in normalised form: أإآ→ا, ى→ي, ة→ه)


@lru_cache(maxsize=4096)
def _n(words: str) -> frozenset[str]:
    return frozenset(normalize_key(w) for w in words.split())


PREPS = _n("في من الى إلى قرب نحو داخل حول عند لدى باتجاه اتجاه تجاه صوب عبر مدخل مداخل محيط أطراف ضواحي "
           "مشارف حدود بمحاذاة أنحاء أرجاء سماء شوارع مناطق وسط قبالة مقابل جهة")
TRIGGERS = {
    **{w: "admin1" for w in _n("محافظة محافظتي محافظات ولاية ولايتي إمارة شعبية إقليم مقاطعة منطقة_إدارية")},
    **{w: "admin2" for w in _n("قضاء قضاءي قضائي لواء")},
    **{w: "admin3" for w in _n("ناحية ناحيتي نواحي")},
    **{w: "district" for w in _n("مديرية مديريتي مركز")},
    **{w: "city" for w in _n("مدينة مدينتي مدن العاصمة عاصمة")},
    **{w: "town" for w in _n("بلدة بلدتي بلدات قرية قريتي قرى قريتين بلدتين مخيم مخيمات")},
    **{w: "neighbourhood" for w in _n("حي حيي أحياء")},
    **{w: "area" for w in _n("منطقة منطقتي مناطق منطقتين")},
    **{w: "country" for w in _n("دولة دول بلاد")},
    **{w: "site" for w in _n("مطار ميناء قاعدة معبر سجن جزيرة جبل جبال وادي سهل ساحل")},
}
DIRECTIONS = _n("شمال جنوب شرق غرب شمالي جنوبي شرقي غربي وسط قرب محيط أطراف ضواحي مشارف ريف حدود "
                "مقربة بالقرب جوار أنحاء داخل خارج")
# words before a name that make it something else (media, person, organisation)
NOT_PLACE_BEFORE = _n("قناة صحيفة جريدة وكالة إذاعة تلفزيون موقع نادي فريق منتخب شركة بنك مصرف جامعة "
                      "أبو ابو أبي ابي بن ابن بنت آل عبد أم الشيخ السيد الرئيس الأمير الملك الدكتور الحاج "
                      "مسجد جامع كنيسة مستشفى فندق مطعم شارع")
# common Arabic words that are also (Arabic alternate) names of places: need a trigger word
STOP = _n(
    "إلى الي بين أمس اليوم غدا الجمعة السبت الأحد الاثنين الثلاثاء الأربعاء الخميس بوجه وجه المدينة "
    "القاعدة الحزم الأمل النور الفجر الشروق الصباح المساء الليل الثورة السوق الجيش الشعب الدولة "
    "الحكومة المركز الاتحاد الوطن الساحل البحر الجبل الوادي النهر المطار الميناء الجسر الطريق القصر "
    "السجن الحي النصر السلام الحرية الوحدة الشرق الغرب الشمال الجنوب الوسط الأمن حجة أب إب عمر علي "
    "محمد أحمد حسن حسين سلمان خالد عمرو زيد سعيد صالح الأمير الملك الشيخ الرئيس الإمام الحرم الكعبة "
    "العاصمة البلد البلاد الدولي الخليج العرب العربي العربية الإسلام الإسلامية الوطنية القوات قوات "
    "الحرب الإرهاب المقاومة النظام الثوار الأهالي الناس الشهداء الجامعة المدرسة المستشفى الكلية "
    "الخط خط المنطقة منطقة الحدود الحد حد وقت قبل بعد عند منذ خلال ضد عبر حول نحو أمام خلف فوق تحت "
    "مع عن على لكن ثم أو أم هل ما لا لم لن قد كان كانت يكون هذا هذه ذلك تلك التي الذي الذين هناك هنا "
    "كل بعض غير أكثر أقل جديد الجديد جديدة الجديدة كبير الكبير الكبرى صغير الصغير العليا السفلى الأعلى "
    "الأولى الثانية الثالث الأول الثاني آخر أخرى الأخرى عام العام سنة شهر يوم أيام ساعة دقيقة قرار "
    "ليلة الليلة مساء صباح ظهر عصر فجر الظهر العصر مالك نعم وزير وزارة الوزير مجلس المجلس لجنة "
    "تنظيم التنظيم حزب الحزب جماعة الجماعة جبهة الجبهة حركة الحركة عملية العملية هجوم الهجوم "
    "القدم كرة الكرة الماء ماء النفط الغاز البيت بيت الدار دار البيضاء الخضراء الحمراء السوداء "
    "الكبيرة الصغيرة القديمة الحديثة الزهراء الرحمن الرحمة الخير البركة الصفا المروة الروضة الجنة "
    "العين الباب الجزيرة المغرب مالي بنين قبلي قطر عمران الخليل الرشيد الفرات دجلة النيل العاصي "
    "الأردن سلام عيسى موسى يوسف إبراهيم مريم فاطمة زينب سارة هند نور أمل ريم الحسن الحسين العباس "
    "الكرامة العزة الشهيد الشهيدة التحرير الاستقلال الجمهورية الرئاسة القصر السفارة القنصلية"
)
STOP = STOP | frozenset(TRIGGERS) | DIRECTIONS | PREPS | _n("كيف بيان وان وأن وإن دولة سلطات شباب أحد بأنه إسلامية "
                                                           "التحالف الحكومة حكومة معسكر إطار زيارة مشروع المشروع")


# never places: function words, demonyms, trigger/direction words, and names of far-away places
# that are ordinary Arabic words (checked against the exact matched key)
NEVER = (frozenset(TRIGGERS) | DIRECTIONS | PREPS | _n(
    "إلى الي بين أمس اليوم بوجه وجه كيف بيان وان وأن وإن بلا هوية أمان باب كاميرون دوره دور صعيد غربية "
    "شرقية عثمانية علوية إسلامية اسلامية سعودية هاربين قوم ميدان خرج سان كان رقة خليل شمال جنوب شرق غرب "
    "سوري عراقي يمني ليبي مصري لبناني تركي إيراني أفغاني باكستاني تونسي جزائري مغربي سوداني أمريكي "
    "أميركي روسي كردي عربي إسرائيلي فلسطيني أردني كويتي قطري إماراتي بحريني عماني صومالي المدينة مدينة "
    "أحد شباب دولة الدولة سلطات الحكومة حكومة التحالف مشروع المشروع زيارة إطار معسكر بأنه قصر القصر "
    "الشمال الجنوب الشرق الغرب الوسط القارة كبيرة الخضراء "
    "متن صورة صور الصور مسجد فندق الفندق نساء فصائل الفصائل جامعة خبراء طول طراز أساس قيام القيام"))


# ordinary adjectives/nouns (without «ال») that GeoNames also has as small places abroad
_ORDINARY = _n("عسكري امني سياسي شعبي وطني رسمي مدني دولي اقليمي محلي جديد قديم كبير صغير اخير اول ثاني "
               "شرقي غربي شمالي جنوبي اوسط سفلي علوي عالي جوي بحري بري صحي طبي مالي اداري قضائي")


@lru_cache(maxsize=1)
def _common() -> frozenset[str]:
    """Names that news text uses as ordinary words (derived at build time), plus :data:`STOP`."""
    return frozenset(load_gazetteer().common) | STOP


# names that lose their strong prior (need a preposition or a trigger word)
WEAK = _n("العين الباب الجزيرة المغرب مالي بنين قبلي قطر عمران الخليل البيضاء حماة الرشيد الأردن "
          "الفرات دجلة النيل الرياض الحديدة الجوف الضالع الوادي الساحل سيناء الشرقية الغربية "
          "الشمالية الجنوبية الوسطى العاصمة")
# STOP words that are real, well-known places when a preposition precedes them
STOP_OK_WITH_PREP = _n("العين الباب الجزيرة المغرب مالي بنين قطر عمران الخليل البيضاء الأردن إب حجة "
                       "القاعدة الحزم الفرات دجلة النيل")
# anchoring words between a mention and the place that contains it
ANCHOR_GAP = _n("في حدود قرب بالقرب من التابعة التابع تتبع يتبع تابعة تابع إداريا الى إلى ضمن أطراف "
                "محيط على محافظة قضاء ناحية ولاية مديرية مدينة بلدة شمال جنوب شرق غرب شمالي جنوبي "
                "شرقي غربي ريف منطقة إقليم داخل بمحافظة بقضاء بناحية بمدينة وتحديدا تحديدا أقصى")
ANCHOR_STRONG = _n("حدود قرب بالقرب التابعة التابع تتبع يتبع تابعة تابع ضمن أطراف محيط ريف")
ADMIN_STATEMENT = _n("تتبع يتبع التابعة التابع تابعة تابع")
PLURAL_TRIGGERS = _n("منطقتي مناطق قرى قريتي قريتين بلدات بلدتي بلدتين مدينتي مدن أحياء مخيمات نواحي")
FUNCTION_WORDS = _n("التي الذي الذين اللتي هي هو هم ذلك تلك هذا هذه لكن قد كان كانت أن إن لم لا ما من في على عن مع "
                    "بعد قبل عند منذ حتى كما أيضا")
CLAUSE_BREAK = set(".!?؟؛;\n،,:()[]«»\"")
SENT_BREAK = set(".!?؟؛;\n")
DEMONYMS = {
    "IQ": "عراقي", "SY": "سوري", "YE": "يمني", "LY": "ليبي", "EG": "مصري", "SA": "سعودي", "LB": "لبناني",
    "JO": "اردني", "PS": "فلسطيني", "TR": "تركي", "IR": "ايراني", "AF": "افغاني", "PK": "باكستاني",
    "TN": "تونسي", "DZ": "جزائري", "MA": "مغربي", "SD": "سوداني", "SO": "صومالي", "KW": "كويتي",
    "BH": "بحريني", "QA": "قطري", "AE": "اماراتي", "OM": "عماني", "IL": "اسرائيلي", "ML": "مالي",
    "NG": "نيجيري", "US": "امريكي",
}
FOCUS = frozenset("DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE EH SS TR IR IL AF PK ML NE TD BF".split())

_WORD_RE = re.compile(r"\w+")
_AR_DIGIT_KM = _n("كم كيلومتر كيلومترات كلم كيلو ميل أميال متر")

FEATURE_BASE = {"country": 3.0, "admin1": 2.5, "region": 3.0, "city": 2.0, "town": 1.4, "village": 1.2,
                "admin2": 1.0, "district": 1.0, "admin3": 0.8, "neighbourhood": 1.0, "site": 1.0}
TRIGGER_BONUS = {
    "admin1": {"admin1": 4.0, "region": 2.0, "admin2": 1.0},
    "admin2": {"admin2": 4.0, "admin3": 1.0, "district": 3.0},
    "admin3": {"admin3": 4.0, "admin2": 1.5},
    "district": {"district": 3.0, "admin2": 2.0, "admin3": 1.5},
    "city": {"city": 2.5, "town": 2.0, "village": 0.5},
    "town": {"town": 2.5, "village": 2.5, "city": 0.5, "admin1": -1.0, "country": -3.0},
    "neighbourhood": {"neighbourhood": 3.0, "town": 1.0, "village": 1.0},
    "area": {"region": 1.5, "neighbourhood": 1.0, "village": 0.5, "town": 0.5, "admin3": 0.5},
    "country": {"country": 4.0},
    "site": {"site": 3.0, "region": 1.0},
}


TRIGGER_COMPAT = {
    "admin1": {"admin1", "region", "admin2"},
    "admin2": {"admin2", "admin3", "district", "city", "town"},
    "admin3": {"admin3", "admin2", "town", "village", "city"},
    "district": {"district", "admin2", "admin3", "town", "neighbourhood", "village"},
    "city": {"city", "town", "village", "admin2", "admin3"},
    "town": {"town", "village", "city", "admin3", "neighbourhood"},
    "neighbourhood": {"neighbourhood", "town", "village", "admin3", "site"},
    "area": {"region", "neighbourhood", "village", "town", "city", "admin3", "admin2", "site", "district"},
    "country": {"country"},
    "site": {"site", "region", "town", "village"},
}


def _forms(word: str) -> list[str]:
    """A context word and its forms without و/ف, ب/ل/ك and ال."""
    return list(_forms_t(word))


@lru_cache(maxsize=65536)
def _forms_t(word: str) -> tuple[str, ...]:
    out = [word]
    w = word
    if len(w) > 2 and w[0] in "وف":
        w = w[1:]
        out.append(w)
    if len(w) > 2 and w[0] in "بلك":
        out.append(w[1:])
        if w[1:].startswith("ال"):
            out.append(w[3:])
        if w.startswith("لل"):
            out.append(w[2:])
    if w.startswith("ال") and len(w) > 3:
        out.append(w[2:])
    return tuple(out)


# word -> _in(word, TRIGGERS) (key None: the TRIGGERS it was filled from)
_TRIGGER_MEMO: dict[Any, Any] = {}


def _in(word: str, vocab: frozenset[str] | set[str] | dict[str, Any]) -> str | None:
    for f in _forms_t(word):
        if f in vocab:
            return f
    return None


# ----------------------------------------------------------------------------- caches
@lru_cache(maxsize=1)
def place_matcher() -> PhraseMatcher[int]:
    """The PhraseMatcher over every Arabic name of the gazetteer (built once)."""
    gaz = load_gazetteer()
    pairs = [(n, i) for i, e in enumerate(gaz.entries) for n in e.names_ar]
    return PhraseMatcher(pairs, allow_prefix=True, allow_suffix=False, al_optional=True, min_len=2)


@lru_cache(maxsize=1)
def _demonym_re() -> re.Pattern[str]:
    alts = "|".join(sorted(DEMONYMS.values(), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:[وفبل]?ال)?({alts})(?:ه|ين|ون|يه|يين|يون)?(?!\w)")


def clear_caches() -> None:
    _TRIGGER_MEMO.clear()
    place_matcher.cache_clear()
    _common.cache_clear()


# ----------------------------------------------------------------------------- mentions
@dataclass
class Mention:
    nstart: int
    nend: int
    start: int  # original, clitics included
    end: int
    stem_start: int
    stem_end: int
    key: str
    prefix: str
    cands: list[int]
    word: int  # index of its first word
    last_word: int
    trigger: str | None = None  # kind of trigger word before it
    trigger_word: str | None = None
    prep: bool = False
    rel: bool = False
    rel_word: str | None = None
    coord: bool = False  # «و» + follows another place
    after_bayn: bool = False  # «بين X وY»
    accepted: bool = False
    container: "Mention | None" = None
    anchor: "Mention | None" = None
    admin_statement: bool = False
    entry: GazEntry | None = None
    score: float = 0.0
    unresolved: bool = False
    name_ar: str = ""
    alternatives: list[int] = field(default_factory=list)
    foreign_common: bool = False  # dropped: a common word whose gazetteer entries lie in other countries
    far_anchor: "Mention | None" = None  # every entry of the name lies far from the place the text ties it to


class _Ctx:
    """Words of the normalised text with clause/sentence breaks."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.words = word_spans(text)
        self.starts = [w[0] for w in self.words]

    def word_at(self, npos: int) -> int:
        return max(0, bisect.bisect_right(self.starts, npos) - 1)

    def gap(self, i: int, j: int) -> str:
        """Characters between word i and word j (i < j)."""
        return self.text[self.words[i][1]: self.words[j][0]]

    def broken(self, i: int, j: int, chars: set[str] = CLAUSE_BREAK) -> bool:
        if isinstance(chars, (set, frozenset)):
            return not chars.isdisjoint(self.text[self.words[i][1]: self.words[j][0]])
        return any(c in chars for c in self.gap(i, j))

    def before(self, wi: int, k: int, chars: set[str] = CLAUSE_BREAK) -> list[str]:
        """Up to k words before word wi (nearest first), stopping at a break."""
        out: list[str] = []
        j = wi
        if not isinstance(chars, (set, frozenset)):
            while j > 0 and len(out) < k:
                if self.broken(j - 1, j, chars):
                    break
                j -= 1
                out.append(self.words[j][2])
            return out
        words = self.words
        text = self.text
        isdisjoint = chars.isdisjoint
        while j > 0 and len(out) < k:
            if not isdisjoint(text[words[j - 1][1]: words[j][0]]):
                break
            j -= 1
            out.append(words[j][2])
        return out


def _find_mentions(doc: Document, gaz: Gazetteer, ctx: _Ctx) -> list[Mention]:
    out = _candidate_mentions(doc, gaz, ctx)
    for mt in out:
        _context(mt, ctx)
    return out


def _candidate_mentions(doc: Document, gaz: Gazetteer, ctx: _Ctx) -> list[Mention]:
    """Gazetteer matches as fresh mentions, without those inside a PER/ORG entity (no context yet)."""
    matcher = place_matcher()
    groups: dict[tuple[int, int], Mention] = {}
    for m in matcher.find(doc.norm):
        key = (m.nstart, m.nend)
        if key in groups:
            if m.payload not in groups[key].cands:
                groups[key].cands.append(m.payload)
            continue
        wi = ctx.word_at(m.nstart)
        we = ctx.word_at(max(m.nstart, m.nend - 1))
        groups[key] = Mention(m.nstart, m.nend, m.start, m.end, m.stem_start, m.stem_end, m.key, m.prefix,
                              [m.payload], wi, we)
    mentions = sorted(groups.values(), key=lambda x: x.nstart)
    per = [(e.start, e.end) for e in doc.entities if getattr(e, "label", "") in ("PER", "ORG")]
    if not per:
        return mentions
    out = []
    for mt in mentions:
        if any(a <= mt.start < b or a < mt.end <= b for a, b in per) and not any(
            gaz.entries[i].feature in ("country", "admin1") for i in mt.cands
        ):
            # inside a person's or organisation's name, unless it names a country/admin1 («مجلس محافظة نينوى»)
            org_ok = any(a <= mt.start and mt.end <= b and doc.text[a:b].strip() != doc.text[mt.start:mt.end].strip()
                         for a, b in per)
            if not org_ok:
                continue
        out.append(mt)
    return out


def _context(mt: Mention, ctx: _Ctx) -> None:
    prev = ctx.before(mt.word, 6)
    p = mt.prefix
    if p and ("ب" in p or "ل" in p.replace("ال", "")):
        mt.prep = True
    if prev:
        w0 = prev[0]
        if _in(w0, NOT_PLACE_BEFORE) and not _in(w0, PREPS):
            mt.trigger = "reject"
            return
        t = _in(w0, TRIGGERS)
        if t and p and p[-1] in "بل" and not p.endswith("ال") and not p.endswith("لل"):
            mt.trigger = "reject"  # «منطقة لكمة …»: a trigger word is not followed by ب/ل + name
            return
        if t:
            mt.trigger, mt.trigger_word = TRIGGERS[t], t
        if _in(w0, PREPS):
            mt.prep = True
        d = _in(w0, DIRECTIONS)
        if d is None and len(prev) > 1 and _in(w0, _n("من")):
            d = _in(prev[1], DIRECTIONS)  # «إلى الشمال من عدن», «بالقرب من»
        if d is None and t and len(prev) > 1:
            d = _in(prev[1], DIRECTIONS)  # «شمال مدينة الموصل»
            if d is None and len(prev) > 2 and _in(prev[1], _n("من")):
                d = _in(prev[2], DIRECTIONS)  # «بالقرب من مدينة تكريت»
        if d:
            mt.rel, mt.rel_word = True, d
        # «على بعد 20 كم (جنوب|من) X»
        for k in range(min(len(prev), 6)):
            if _in(prev[k], _n("بعد")) and k + 1 < len(prev) and _in(prev[k + 1], _n("على")):
                mt.rel, mt.rel_word = True, "على بعد"
                break
        if _in(w0, _n("بين")):
            mt.after_bayn = True


# ----------------------------------------------------------------------------- acceptance
def _strong(e: GazEntry) -> bool:
    if e.feature in ("country", "admin1", "region"):
        return True
    return e.feature in SETTLEMENT and e.pop >= 100_000 and (e.cc in FOCUS or e.pop >= 1_000_000)


def _accept(mentions: list[Mention], gaz: Gazetteer, ctx: _Ctx) -> None:
    accepted_keys: set[str] = set()
    dir_parts: set[str] = set()  # X of an accepted «شمال X», «ريف X»
    art_cc: set[str] = set()
    art_scores: dict[str, float] = {}
    own_votes: dict[str, dict[str, float]] = {}
    own_seen: dict[str, tuple[int, bool]] = {}  # key -> (accepted mentions in round 0, any place-like)
    for _round in range(2):
        if _round == 1:
            art_scores = _article_country_scores(mentions, gaz, None)
            own_votes = _own_country_votes(mentions, gaz)
            art_cc = {cc for cc, v in art_scores.items() if v >= 1.0}
        prev_acc: Mention | None = None
        for mt in mentions:
            if mt.trigger == "reject":
                continue
            key = mt.key
            bare = key[2:] if key.startswith("ال") else key
            triggered = mt.trigger is not None and mt.trigger != "reject"
            compat = triggered and any(gaz.entries[i].feature in TRIGGER_COMPAT.get(mt.trigger or "", ())
                                       for i in mt.cands)
            placeish = compat or mt.prep or mt.rel
            # coordination: «بين بغداد وأربيل», «قرى الهديدة والفسلوج»
            if prev_acc is not None and mt.prefix.startswith("و") and mt.word - prev_acc.last_word <= 2 \
                    and not ctx.broken(prev_acc.last_word, mt.word):
                mt.coord = True
                mt.after_bayn = mt.after_bayn or prev_acc.after_bayn
                if mt.trigger is None and prev_acc.trigger:
                    mt.trigger, mt.trigger_word = prev_acc.trigger, prev_acc.trigger_word
                placeish = True
            common = _common()
            if key in NEVER:
                ok = False
            elif key in common or bare in common:
                ok = compat or (mt.prep and (key in STOP_OK_WITH_PREP or bare in STOP_OK_WITH_PREP))
            elif key in WEAK or bare in WEAK or len(bare) <= 2:
                # «سيناء» is a place in an article that says «شمال سيناء» elsewhere
                ok = placeish or (len(bare) > 2 and (key in dir_parts or bare in dir_parts))
            else:
                ok = placeish or any(_strong(gaz.entries[i]) for i in mt.cands) or key in accepted_keys
                if not ok and mt.prefix == "" and len(key.split()) > 1 and key.split()[0] not in FUNCTION_WORDS \
                        and key.split()[0] not in NEVER and key.split()[0] not in _n("ان إن أن"):
                    ok = True  # multi-word names are rarely ordinary words
                if not ok and len(key.split()) > 1 and TRIGGERS.get(key.split()[0]) == "site":
                    ok = True  # a gazetteer name that starts with its own kind: «قاعدة العند», «مطار صنعاء»
            if ok and _round == 1 and art_cc:
                # the article's countries without this name's own votes («حي العسكري» must not make
                # the article Iranian because GeoNames has a village Askari in Iran)
                own_cc = own_votes.get(key, {})
                if own_seen.get(key, (0, False))[0] >= 2 and own_seen[key][1]:
                    own_cc = {}  # named again and again, once at least as a place: the article is about it
                mine = {cc for cc, v in art_scores.items() if v - own_cc.get(cc, 0.0) >= 1.0}
                if mine and not any(gaz.entries[i].cc in mine or _strong(gaz.entries[i]) for i in mt.cands):
                    # a small place in a country the article is not about: needs a place-like context
                    # and no common-word reading
                    is_common = key in common or bare in common or bare in _ORDINARY
                    # a town of some size, a multi-word name, or a trigger word with a name-like word
                    # («مدينة مانشستر», «في لوزان»; not «منطقة خضراء», «من القصور»)
                    sized = max(gaz.entries[i].pop for i in mt.cands) >= 100_000 or " " in key
                    named = compat and _loose_name(key) and not (
                        mt.trigger_word in _MASC_TRIGGERS and not key.startswith("ال") and key.endswith("ي"))
                    if is_common or not (compat or mt.prep or mt.rel) or not (sized or named):
                        ok = False
                        mt.foreign_common = is_common
            mt.accepted = ok
            if ok and _round == 0:
                n_seen, placed = own_seen.get(key, (0, False))
                own_seen[key] = (n_seen + 1, placed or bool(compat or mt.prep or mt.rel))
            if ok:
                accepted_keys.add(key)
                kw = key.split()
                if len(kw) > 1 and kw[0] in DIRECTIONS and kw[0] not in _n("داخل خارج"):
                    rest = " ".join(kw[1:])
                    dir_parts.update({rest, rest[2:] if rest.startswith("ال") else rest})
                prev_acc = mt


# ----------------------------------------------------------------------------- containers & anchors
def _link_containers(mentions: list[Mention], gaz: Gazetteer, ctx: _Ctx) -> None:
    acc = [m for m in mentions if m.accepted]
    for idx, m in enumerate(acc):
        # next accepted mention within the same clause, only anchoring words between
        for n in acc[idx + 1: idx + 4]:
            if ctx.broken(m.last_word, n.word, SENT_BREAK):
                break
            gap_words = [ctx.words[k][2] for k in range(m.last_word + 1, n.word)]
            # skip coordinated siblings in the gap («سركران وقرجوغ في حدود مخمور»)
            # a coordinated sibling right after m may be skipped («سركران وقرجوغ في حدود مخمور»)
            core = list(gap_words)
            if core and m.trigger_word in PLURAL_TRIGGERS and core[0].startswith("و") and len(core[0]) > 3 and _in(core[0], ANCHOR_GAP) is None \
                    and normalize_key(core[0][1:]) not in STOP and core[0][1:] not in FUNCTION_WORDS:
                core = core[1:]
            if len(core) > 5 or not all(_in(w, ANCHOR_GAP) for w in core):
                break
            if ctx.broken(m.last_word, n.word) and not any(_in(w, ANCHOR_STRONG) for w in core):
                break
            n_prep = bool(n.prefix and ("ب" in n.prefix or "ل" in n.prefix.replace("ال", "")))
            if not core and not n_prep:
                if n.coord:
                    continue  # a sibling: «X وY في Z»
                break
            m.container = n
            break
    # long-distance admin statements: «بلدة مخمور … والتي تتبع إداريا إلى محافظة نينوى»
    for n in acc:
        prev = ctx.before(n.word, 5, SENT_BREAK)
        if not any(_in(w, ADMIN_STATEMENT) for w in prev):
            continue
        best = None
        for m in acc:
            if m.nstart >= n.nstart or ctx.broken(m.last_word, n.word, SENT_BREAK):
                continue
            if n.word - m.last_word > 25 or any(
                    TRIGGERS.get(_in(ctx.words[k][2], TRIGGERS) or "") in _ANCHORED_TRIGGERS
                    for k in range(m.last_word + 1, n.word)):
                continue  # the statement is about a nearer place («… ومنطقة معين التي تتبع إداريا لمحافظة أبين»)
            if m.after_bayn or all(gaz.entries[i].feature in ("country", "admin1", "region") for i in m.cands):
                continue
            if any(gaz.entries[i].pop >= 1_000_000 for i in m.cands):
                continue
            best = m
        if best is not None and best.container is None:
            best.container = n
            best.admin_statement = True


# words after «منطقة/حي/قرية …» that describe the area instead of naming it
_NOT_NAME = _n("آمنة امنة عازلة واسعة كبيرة صغيرة نائية مجاورة قريبة بعيدة مختلفة متفرقة عدة عديدة أخرى اخرى "
               "محررة محاصرة مفتوحة مغلقة خاضعة تابعة واقعة جديدة قديمة ساخنة رئيسية سيطرة نفوذ تواجد وجود "
               "انتشار اشتباك عمليات العمليات المعارك معارك القتال قتال النزاع نزاع التماس تماس الاشتباكات "
               "الاشتباك المواجهات مواجهات خضراء حمراء عسكرية منزوعة السلاح خفض التصعيد تصعيد الحدود حدود "
               "قريبة المجاورة المحيطة القريبة البعيدة الواقعة المذكورة نفسها ذاتها واحدة معينة ما بسبب اليورو "
               "الأولى الثانية الثالثة الرابعة الخامسة السادسة السابعة الثامنة التاسعة العاشرة "
               # «مديرية الأمن/الصحة …» is a government directorate, not a district
               "الدفاع الأمن الصحة التربية التعليم الزراعة الشرطة المرور الجوازات الأحوال الشؤون المياه "
               "الكهرباء الأوقاف السياحة العمل الإعلام الثقافة الاستخبارات المخابرات الأمنية الشباب "
               "الرياضة البلدية الخدمات الإسكان النقل الطرق الجمارك الضرائب الإدارة العامة عامة")


def _plain_word_ok(core: str) -> bool:
    k = normalize_key(core)
    bare = k[2:] if k.startswith("ال") else k
    if k in STOP or k in NEVER or bare in STOP or k in _NOT_NAME or bare in _NOT_NAME or k in FUNCTION_WORDS:
        return False
    if k in _common() or bare in _common() or bare in _ORDINARY:
        return False
    if _in(core, ANCHOR_GAP) or _in(core, TRIGGERS) or _in(core, PREPS) or _in(core, DIRECTIONS):
        return False
    if len(bare) < 2 or any(c.isdigit() for c in k):
        return False
    # nisba adjectives and plurals («حدودية», «سكنية», «المسلحين», «عمليات»)
    return not (k.endswith("يه") or k.endswith("ين") or k.endswith("ون") or k.endswith("ات"))


def _loose_name(core: str) -> bool:
    """May this word after a singular trigger («منطقة ليجي», «حي العسكري») be the name of a place the
    gazetteer lacks, when it is tied to an anchor only by the sentence?"""
    k = normalize_key(core)
    if not _plain_word_ok(core):
        return False
    if k.startswith(("لل", "بال", "كال", "وال", "فال", "لا", "با")) and len(k) > 4:
        return False  # «للاستثمار», «لاجتماع»: a preposition + a noun, not a name
    # an indefinite feminine word after an indefinite trigger is an adjective («منطقة عازلة»)
    return k.startswith("ال") or not k.endswith("ه")


def _loose_second(core: str) -> bool:
    k = normalize_key(core)
    return k.startswith("ال") and _plain_word_ok(core) and not k.endswith("ه")


# «حي ساحلي», «حي سكني»: after a masculine trigger an indefinite «…ي» is an adjective
_MASC_TRIGGERS = _n("حي مخيم قضاء مركز")
# triggers of an administrative unit or settlement («مديرية X» in «وفي محافظة Y …، … مديرية X»)
_ADMIN_UNIT_TRIGGERS = _n("مديرية ناحية قضاء")
_ANCHOR_TIER = {"city": 0, "town": 0, "admin3": 1, "admin2": 1, "district": 1, "admin1": 2, "region": 3,
                "country": 4}


def _scope_anchor(first: int, last: int, key: str, acc: list[Mention], ctx: _Ctx,
                  before_ok: bool = False) -> Mention | None:
    """The resolved town/governorate that words ``first..last`` are tied to by the text: a following
    one in the same clause, with an anchoring word («في، ب، شرقي، قرب، التابعة …») or a ب/ل prefix
    between and at most one other word («حي اليرموك الثانية غربي بعقوبة»); with ``before_ok``, else
    a preceding one in the same sentence that the text marks as a place («في محافظة Y … مديرية X»)."""
    def usable(n: Mention) -> bool:
        if n.unresolved or n.entry is None or (key and n.key == key) or n.far_anchor is not None:
            return False
        if n.trigger in _ANCHORED_TRIGGERS or n.entry.feature not in _ANCHOR_TIER:
            return False  # a village/neighbourhood (or a sibling of a list «قرى X وY») contains nothing
        return not (n.entry.feature == "town" and n.entry.pop < 10_000)

    for n in acc:
        if n.word <= last:
            continue
        if ctx.broken(last, n.word) or n.word - last > 5:
            break
        if not usable(n):
            break
        gap = [ctx.words[k][2] for k in range(last + 1, n.word)]
        tie = [g for g in gap if _in(g, ANCHOR_GAP) or _in(g, DIRECTIONS)]
        n_prep = bool(n.prefix and ("ب" in n.prefix or "ل" in n.prefix.replace("ال", "")))
        if len(gap) - len(tie) <= 1 and (tie or n_prep):
            return n
        break
    if not before_ok:
        return None
    # «وفي محافظة أبين جنوب البلاد، سيطر الجيش على … في مديرية X»: the governorate the sentence opened
    # with, when no other place stands between
    prev = [n for n in acc if n.last_word < first and not ctx.broken(n.last_word, first, SENT_BREAK)
            and first - n.last_word <= 20]
    if not prev:
        return None
    n = prev[-1]
    if usable(n) and n.entry is not None and n.entry.feature in ("admin1", "admin2") and n.trigger in ("admin1", "admin2"):
        return n
    return None


def _fits(e: GazEntry, a: GazEntry, gaz: Gazetteer, trigger: str | None) -> bool:
    """Can the entry ``e`` be the place the text ties to the anchor ``a``?"""
    if e.cc != a.cc:
        return False
    if a.feature == "country":
        return True
    d = haversine(e.lat, e.lon, a.lat, a.lon) if None not in (e.lat, e.lon, a.lat, a.lon) else 1e9
    if d <= ANCHOR_KM:
        return True
    if a.feature == "region":
        return d <= 250
    if trigger == "neighbourhood":
        return False  # a neighbourhood lies in the town the text names
    # a town/village/district named with a city or governorate: in the same governorate
    a1 = a.name if a.feature == "admin1" else a.admin1
    return gaz.same_admin1(e.cc, e.admin1, a1) or any(gaz.same_admin1(e.cc, x, a1) for x in e.admin1_alt)


ANCHOR_KM = 30.0
_ANCHORED_TRIGGERS = frozenset({"neighbourhood", "town", "area", "district", "admin3"})


def _check_anchors(mentions: list[Mention], gaz: Gazetteer, ctx: _Ctx, countries: dict[str, float],
                   top: str | None, anchors: list[GazEntry]) -> None:
    """A name after «حي/قرية/منطقة …» must lie near the town or governorate its sentence (else its
    paragraph) names: the candidate near it wins; with none, the words keep the anchor's location
    (precision 2) instead of a same-named place elsewhere («حي اليرموك … غربي بعقوبة» is not Damascus)."""
    acc = [m for m in mentions if m.accepted and m.cands]
    for m in acc:
        e = m.entry
        if e is None or m.trigger not in _ANCHORED_TRIGGERS or m.admin_statement:
            continue
        if e.feature in ("country", "admin1", "region") or _strong(e):
            continue
        a_m = m.container if (m.container is not None and m.container.entry is not None
                              and m.container.entry.feature in _ANCHOR_TIER) else None
        if a_m is None:
            a_m = _scope_anchor(m.word, m.last_word, m.key, acc, ctx)
        if a_m is None or a_m.entry is None or a_m.entry is e:
            continue
        a = a_m.entry
        if a.feature == "country" or _fits(e, a, gaz, m.trigger):
            continue
        near = [i for i in m.cands if _fits(gaz.entries[i], a, gaz, m.trigger)]
        if near:
            best = max(near, key=lambda i: _score(gaz.entries[i], m, countries, top, anchors, gaz))
            m.entry = gaz.entries[best]
            continue
        if a.feature == "region":
            continue
        # with no candidate near the anchor: a neighbourhood lies in the town its sentence names; a
        # village/district keeps its gazetteer entry in the anchor's country (the sentence may name a
        # town it only lies towards), but not an entry in another country («قرى … والقاهرة بريف حماة»)
        if m.trigger == "neighbourhood" or not any(gaz.entries[i].cc == a.cc for i in m.cands):
            m.far_anchor = a_m


def _unresolved(mentions: list[Mention], ctx: _Ctx, doc: Document) -> list[Mention]:
    """Names after a trigger word that the gazetteer lacks, when tied to an anchor place."""
    acc = [m for m in mentions if m.accepted]
    covered: set[int] = set()
    for m in mentions:
        if not m.foreign_common:  # «حي العسكري»: the words are free for a local name
            covered.update(range(m.word, m.last_word + 1))
    new: list[Mention] = []
    words = ctx.words
    memo = _TRIGGER_MEMO
    if memo.get(None) is not TRIGGERS or len(memo) > 200000:
        memo.clear()
        memo[None] = TRIGGERS
    for wi, (ws, we, w) in enumerate(words):
        t = memo.get(w, memo)
        if t is memo:
            t = memo[w] = _in(w, TRIGGERS)
        if t is None or TRIGGERS[t] not in ("town", "area", "neighbourhood", "admin3", "district", "city"):
            continue
        if any(w.startswith(x) for x in ("ال", "وال", "بال", "فال", "لل")):
            definite_trigger = True  # «المنطقة العازلة»: an adjective follows, not a name
        else:
            definite_trigger = False
        plural = t in _n("منطقتي مناطق قرى قريتي قريتين بلدات بلدتي بلدتين مدينتي أحياء مخيمات")
        names: list[tuple[int, int]] = []
        j = wi + 1
        while j < len(words) and len(names) < 6:
            if ctx.broken(j - 1, j):
                break
            wj = words[j][2]
            if j in covered:
                if plural:
                    j += 1
                    continue
                break
            if names and not (plural and wj.startswith("و")):
                break
            core = wj[1:] if names and wj.startswith("و") else wj
            if _in(core, ANCHOR_GAP) or _in(core, TRIGGERS) or normalize_key(core) in STOP or len(core) < 3 \
                    or core.isdigit() or _in(core, PREPS) or normalize_key(core) in _NOT_NAME:
                break
            if definite_trigger and not names:
                break  # «المنطقة الرابعة في عدن»: an adjective after a definite trigger
            if core.endswith("يه") and core.startswith("ال") and not names:
                break  # «منطقة العسكرية»-like adjectives
            names.append((j, j))
            j += 1
        if not names:
            continue
        # the anchor: an accepted mention right after the list, with anchoring words between
        last = names[-1][1]
        anchor = None
        for n in acc:
            if n.word <= last:
                continue
            if ctx.broken(last, n.word, SENT_BREAK):
                break
            gap_words = [words[k][2] for k in range(last + 1, n.word) if k not in covered]
            if len(gap_words) <= 4 and all(_in(g, ANCHOR_GAP) for g in gap_words) and (
                gap_words or (n.prefix and ("ب" in n.prefix or "ل" in n.prefix.replace("ال", "")))
            ):
                anchor = n
            break
        j0 = names[0][0]
        if anchor is None and not plural and not definite_trigger and len(names) == 1 \
                and TRIGGERS[t] != "city" and t not in _n("مركز مخيم") and _loose_name(words[j0][2]) \
                and not (t in _MASC_TRIGGERS and not normalize_key(words[j0][2]).startswith("ال")
                         and normalize_key(words[j0][2]).endswith("ي")) \
                and j0 + 1 not in covered:
            # «انفجرت عبوة في منطقة X شرقي Y», «مقر الحوثيين في حي X، …» with a city/governorate named in
            # the same sentence (else the paragraph): X's words at that place, precision 2
            j0 = names[0][0]
            # a second word of the name: «مديرية خب الشعف»
            if j0 + 1 < len(words) and j0 + 1 not in covered and not ctx.broken(j0, j0 + 1) \
                    and _loose_second(words[j0 + 1][2]):
                names = [(j0, j0 + 1)]
            anchor = _scope_anchor(names[0][0], names[0][1], "", acc, ctx, before_ok=t in _ADMIN_UNIT_TRIGGERS)
            if anchor is not None and anchor.entry is not None and anchor.entry.feature in ("country", "region"):
                anchor = None
        if anchor is None:
            continue
        for a, b in names:
            word_s, word_e = words[a][0], words[b][1]
            pre = 1 if (a != wi + 1 and words[a][2].startswith("و")) else 0
            s, e = doc.norm.to_original(word_s, word_e)
            ss, se = doc.norm.to_original(word_s + pre, word_e)
            um = Mention(word_s + pre, word_e, s, e, ss, se, normalize_key(ctx.text[word_s + pre: word_e]), words[a][2][:pre],
                         [], a, b, trigger=TRIGGERS[t], trigger_word=t, prep=True, accepted=True, unresolved=True)
            um.anchor = anchor
            um.container = anchor
            new.append(um)
    return new


# ----------------------------------------------------------------------------- resolution
def _article_country_scores(mentions: list[Mention], gaz: Gazetteer, doc: Document | None) -> dict[str, float]:
    scores: dict[str, float] = {}
    for m in mentions:
        if not m.accepted or not m.cands:
            continue
        ccs = {gaz.entries[i].cc for i in m.cands}
        feats = {gaz.entries[i].feature for i in m.cands}
        if len(ccs) == 1:
            cc = next(iter(ccs))
            w = 2.0 if "country" in feats else 1.5 if feats & {"admin1", "region"} else 1.0
            if m.after_bayn:
                w *= 0.5
            scores[cc] = scores.get(cc, 0.0) + w
    if doc is None:
        return scores
    inv = {v: k for k, v in DEMONYMS.items()}
    for mm in _demonym_re().finditer(doc.norm.text):
        cc = inv.get(mm.group(1))
        if cc:
            scores[cc] = scores.get(cc, 0.0) + 0.5
    return scores


def _own_country_votes(mentions: list[Mention], gaz: Gazetteer) -> dict[str, dict[str, float]]:
    """Per name key: what its own accepted mentions add to :func:`_article_country_scores`."""
    out: dict[str, dict[str, float]] = {}
    for m in mentions:
        if not m.accepted or not m.cands:
            continue
        ccs = {gaz.entries[i].cc for i in m.cands}
        if len(ccs) != 1:
            continue
        feats = {gaz.entries[i].feature for i in m.cands}
        w = 2.0 if "country" in feats else 1.5 if feats & {"admin1", "region"} else 1.0
        if m.after_bayn:
            w *= 0.5
        d = out.setdefault(m.key, {})
        cc = next(iter(ccs))
        d[cc] = d.get(cc, 0.0) + w
    return out


def _score(e: GazEntry, m: Mention, countries: dict[str, float], top: str | None, anchors: list[GazEntry],
           gaz: Gazetteer) -> float:
    s = FEATURE_BASE.get(e.feature, 1.0) + 0.35 * math.log10(e.pop + 1)
    if e.cc in FOCUS:
        s += 0.5
    if countries:
        tot = sum(countries.values())
        s += 3.0 * countries.get(e.cc, 0.0) / tot
        if e.cc == top:
            s += 1.0
    if m.trigger and m.trigger in TRIGGER_BONUS:
        s += TRIGGER_BONUS[m.trigger].get(e.feature, 0.0)
    c = m.container.entry if m.container is not None else None
    if c is not None and e.cc == c.cc:
        s += 1.0
        if c.feature == "admin1" or m.admin_statement:
            if gaz.same_admin1(e.cc, e.admin1, c.admin1 or c.name):
                s += 3.0
        elif c.feature in ("admin2", "admin3"):
            if e.admin2 and c.admin2 and e.admin2 == c.admin2:
                s += 3.0
        if c.lat is not None and e.lat is not None and c.feature != "country":
            d = haversine(e.lat, e.lon, c.lat, c.lon)
            s += 3.0 if d < 30 else 1.5 if d < 80 else 0.0
    if anchors and e.lat is not None:
        d = min((haversine(e.lat, e.lon, a.lat, a.lon) for a in anchors if a.lat is not None and a is not e),
                default=1e9)
        s += 1.5 if d < 40 else 0.8 if d < 150 else 0.0
    return s


def _resolve(mentions: list[Mention], gaz: Gazetteer, doc: Document) -> dict[str, float]:
    countries = _article_country_scores(mentions, gaz, doc)
    top = max(countries, key=countries.get) if countries else None  # type: ignore[arg-type]
    acc = [m for m in mentions if m.accepted and m.cands]
    # unambiguous entries serve as anchors for nearness
    anchors = [gaz.entries[m.cands[0]] for m in acc
               if len(m.cands) == 1 and gaz.entries[m.cands[0]].feature not in ("country",)]
    # containers first (a container is resolved without its contained mention)
    order = sorted(acc, key=lambda m: 0 if any(m is x.container for x in acc) else 1)
    for m in order:
        best, best_s = None, -1e9
        for i in m.cands:
            e = gaz.entries[i]
            s = _score(e, m, countries, top, anchors, gaz)
            if s > best_s:
                best, best_s = e, s
        m.entry, m.score = best, best_s
    return countries


# ----------------------------------------------------------------------------- places
def _name_ar(doc: Document, m: Mention) -> str:
    s = doc.text[m.stem_start: m.stem_end]
    if m.prefix.endswith("لل") and not normalize_key(s).startswith("ال"):
        s = "ال" + s  # «للموصل» -> «الموصل»
    return s


def _place_from(e: GazEntry, gaz: Gazetteer) -> Place:
    return Place(
        name=e.name, country=gaz.country_name(e.cc), iso3=gaz.iso3(e.cc), admin1=e.admin1, admin2=e.admin2,
        admin3=e.admin3, latitude=e.lat, longitude=e.lon, geo_precision=e.geo_precision, gazetteer_id=e.id,
        feature=e.feature, admin1_alt=list(e.admin1_alt),
    )


def _latin(words: str) -> str:
    """An English (Latin) spelling of place words the gazetteer lacks; the Arabic stays in name_ar."""
    try:
        from hadath.extract.roles import romanize

        out = romanize(words)
    except Exception:  # noqa: BLE001 - a spelling is a convenience, never a failure
        return words
    return out if out and out.isascii() else words


def _to_place(m: Mention, gaz: Gazetteer, doc: Document) -> Place | None:
    c = m.container
    ce = c.entry if c is not None else None
    if m.unresolved:
        if ce is None:
            return None
        p = _place_from(ce, gaz)
        words = doc.text[m.stem_start: m.stem_end]
        p.name = f"{_latin(words)} (near {ce.name})"
        p.feature = m.trigger or "locality"
        # a named district/village inside the anchor: precision 2 even when the anchor is a governorate
        p.geo_precision = 2 if ce.feature not in ("country", "region") else 3
        p.note = f"not in the gazetteer; located by the place the text ties it to: {ce.name}"
        p.admin1_alt = list(ce.admin1_alt)
        p.gazetteer_id = None
    elif m.far_anchor is not None and m.far_anchor.entry is not None and m.entry is not None:
        ae, e = m.far_anchor.entry, m.entry
        p = _place_from(ae, gaz)
        words = _name_ar(doc, m)
        p.name = f"{_latin(words)} (near {ae.name})"
        p.feature = m.trigger or "locality"
        p.geo_precision = 2
        d = haversine(e.lat, e.lon, ae.lat, ae.lon) if None not in (e.lat, e.lon, ae.lat, ae.lon) else None
        p.note = (f"not in the gazetteer near {ae.name}; located by the place the text ties it to "
                  f"(the gazetteer's {e.name}, {e.id}, lies " + (f"{d:.0f} km away)" if d is not None else "elsewhere)"))
        p.admin1_alt = list(ae.admin1_alt)
        p.gazetteer_id = None
    else:
        e = m.entry
        if e is None:
            return None
        p = _place_from(e, gaz)
        if ce is not None and ce is not e and e.feature in SETTLEMENT | {"admin3", "admin2"} and ce.feature in SETTLEMENT \
                and e.lat is not None and ce.lat is not None and not m.admin_statement and e.pop < 50_000:
            d = haversine(e.lat, e.lon, ce.lat, ce.lon)
            if d > 30:
                # the text ties it to a town the gazetteer entry is far from: trust the text
                q = _place_from(ce, gaz)
                q.name = f"{e.name} (near {ce.name})"
                q.geo_precision = 2
                q.note = f"gazetteer entry {e.id} is {d:.0f} km from {ce.name}, which the text ties it to"
                p = q
        if ce is not None and ce.cc == e.cc and ce.feature in ("admin1", "admin2", "admin3", "city", "town") \
                and e.feature not in ("country", "region", "admin1"):
            text_a1 = ce.admin1 if ce.feature != "admin1" else ce.name
            if text_a1 and p.admin1 and not gaz.same_admin1(e.cc, text_a1, p.admin1) and \
                    (m.admin_statement or ce.feature == "admin1"):
                p.admin1_alt = [p.admin1] + [a for a in p.admin1_alt if a != p.admin1]
                p.note = (f"the text places it in {text_a1}; the gazetteer ({e.id}) in {p.admin1}"
                          + (f"; {p.note}" if p.note else ""))
                p.admin1 = text_a1
                if ce.feature == "admin1":
                    p.admin2 = p.admin2 if gaz.same_admin1(e.cc, e.admin1, text_a1) else p.admin2
        if m.rel and (p.geo_precision or 1) < 2:
            p.geo_precision = 2
    p.name_ar = _name_ar(doc, m) if not m.unresolved else doc.text[m.stem_start: m.stem_end]
    p.span = doc.span(m.start, m.end)
    p.score = round(m.score, 3)
    if m.rel and m.rel_word:
        p.note = (p.note + "; " if p.note else "") + f"relative: {m.rel_word}"
    return p


def geoparse(doc: Document) -> tuple[list[Place], list[Mention]]:
    """Place mentions of ``doc`` (resolved) and the internal mention records."""
    gaz = load_gazetteer()
    # The result depends on the document only through its text and the mentions kept by the
    # PER/ORG filter: the entities stage (which needs the article's countries before doc.entities
    # exists) and the places stage share one run whenever they keep the same mentions.
    memo = doc.cache.get("geoparse")
    if memo is None or memo[0] is not doc.norm or memo[1] is not gaz:
        memo = (doc.norm, gaz, _Ctx(doc.norm.text), {})
        doc.cache["geoparse"] = memo
    ctx, results = memo[2], memo[3]
    mentions = _candidate_mentions(doc, gaz, ctx)
    key = tuple((m.nstart, m.nend) for m in mentions)
    hit = results.get(key)
    if hit is not None:
        return [_copy_place(p) for p in hit[0]], list(hit[1])
    for mt in mentions:
        _context(mt, ctx)
    places, mentions = _geoparse(doc, gaz, ctx, mentions)
    results[key] = (places, mentions)
    return [_copy_place(p) for p in places], list(mentions)


def _copy_place(p: Place) -> Place:
    return replace(p, admin1_alt=list(p.admin1_alt))


def _geoparse(doc: Document, gaz: Gazetteer, ctx: _Ctx, mentions: list[Mention]) -> tuple[list[Place], list[Mention]]:
    _accept(mentions, gaz, ctx)
    _link_containers(mentions, gaz, ctx)
    countries = _resolve(mentions, gaz, doc)
    top = max(countries, key=countries.get) if countries else None  # type: ignore[arg-type]
    anchors = [gaz.entries[m.cands[0]] for m in mentions if m.accepted and len(m.cands) == 1
               and gaz.entries[m.cands[0]].feature != "country"]
    _check_anchors(mentions, gaz, ctx, countries, top, anchors)
    extra = _unresolved(mentions, ctx, doc)
    mentions = sorted([m for m in mentions if m.accepted] + extra, key=lambda m: m.nstart)
    places = []
    for m in mentions:
        p = _to_place(m, gaz, doc)
        if p is not None:
            places.append(p)
    return places, mentions


@stage("places.gazetteer.v1", requires=("tokens",), assigns=("places",))
def places_stage(doc: Document) -> Document:
    """Fill ``doc.places`` with resolved :class:`~hadath.model.Place` mentions."""
    doc.places, _ = geoparse(doc)
    return doc


# ----------------------------------------------------------------------------- helpers for events
def article_countries(doc: Document) -> list[str]:
    """The article's countries (ISO3), most mentioned first."""
    gaz = load_gazetteer()
    places = doc.places if doc.places else geoparse(doc)[0]
    scores: dict[str, float] = {}
    for p in places:
        if p.iso3:
            w = 1.0 if p.feature != "country" else 1.5
            scores[p.iso3] = scores.get(p.iso3, 0.0) + w
    inv = {v: k for k, v in DEMONYMS.items()}
    for mm in _demonym_re().finditer(doc.norm.text):
        iso = gaz.iso3(inv.get(mm.group(1)))
        if iso:
            scores[iso] = scores.get(iso, 0.0) + 0.5
    return [k for k, _ in sorted(scores.items(), key=lambda kv: -kv[1])]


def _sentences(doc: Document) -> list[tuple[int, int, int]]:
    """(start, end, paragraph) of the sentences; a simple split when the segment stage did not run."""
    if doc.sentences:
        return [(s.start, s.end, s.paragraph) for s in doc.sentences]
    out = []
    para = 0
    start = 0
    for m in re.finditer(r"[.!?؟\n]+", doc.text):
        if m.end() > start:
            out.append((start, m.end(), para))
        if "\n" in m.group():
            para += 1
        start = m.end()
    if start < len(doc.text):
        out.append((start, len(doc.text), para))
    return out


_SPECIFIC = {"neighbourhood": 2.5, "site": 2.5, "village": 2.2, "town": 2.2, "city": 2.0, "admin3": 1.6,
             "district": 1.5, "admin2": 1.4, "locality": 2.0, "area": 2.0, "region": 0.8, "admin1": 0.8,
             "country": 0.0}
_BROAD = frozenset({"country", "region", "admin1"})
# bare site nouns: «أكبر قاعدة جوية» in the trigger's clause refers to the article's named «قاعدة العند»
_SITE_NOUNS = _n("قاعدة مطار ميناء سجن معبر")
# a place list «في محافظات لحج، وأبين، وعدن، جنوبي اليمن»: the separators between its members
_LIST_SEP = re.compile(r"^[\s،,]*$")
# home countries of news outlets, for articles that name no place at all (a domestic story)
SOURCE_COUNTRY = {
    **{s: "SA" for s in ("alriyadh", "aljazirah", "alyaum", "aleqtisadiya", "okaz", "alwatan", "almadina",
                         "alweeam", "3alyoum", "sabq", "was", "arreyadi", "arriyadiyah", "spa", "alarabiya.sa")},
}


def _tags_start(doc: Document) -> int:
    """Start of a trailing tag list («… سمات بيروت طارق الحبيب …») whose places are not the story's."""
    tail_from = max(0, len(doc.text) - 400)
    m = re.search(r"(?:^|\s)(?:سمات|الوسوم|وسوم|كلمات مفتاحية)\s", doc.text[tail_from:])
    if m is None:
        return len(doc.text)
    pos = tail_from + m.start()
    # only when nothing but a short tag line follows
    return pos if "." not in doc.text[pos:].strip().rstrip(".") else len(doc.text)


def _paren_depth(text: str, a: int, b: int) -> bool:
    """Is position ``b`` inside parentheses opened after ``a``?"""
    seg = text[a:b]
    return seg.rfind("(") > seg.rfind(")")


def _event_score(p: Place, doc: Document, start: int, end: int, sent_start: int = 0) -> float:
    s = _SPECIFIC.get(p.feature or "", 1.5)
    s -= 0.6 * ((p.geo_precision or 1) - 1)
    assert p.span is not None
    ps = p.span.start
    between = doc.text[min(end, ps): max(start, ps)]
    breaks = sum(between.count(c) for c in "،,؛;")
    if start <= ps < end:
        s += 2.0  # inside the trigger/evidence span
    elif ps >= end:
        s += 1.0 - 0.02 * min(len(between), 60)
    else:
        s += 0.4 - 0.015 * min(len(between), 60)
    s -= 0.6 * min(breaks, 3)
    # a gloss in parentheses after another name («إقليم عدن … (عدن ولحج والضالع وأبين)», «كيليس (جنوب)»)
    if not (start <= ps < end) and _paren_depth(doc.text, max(sent_start, min(end, ps)), ps):
        s -= 1.5
    # «في»/«ب»-marked
    before = doc.norm.text[max(0, doc.norm.from_original(ps) - 12): doc.norm.from_original(ps)]
    word = doc.text[p.span.start: p.span.end]
    nword = normalize_key(word)
    if re.search(r"(?:^|\s)(?:و?في|قرب|بالقرب من|داخل|وسط)\s+(?:\w+\s+)?$", before) or nword[:1] in "ب" or nword.startswith("وب"):
        s += 0.8
    if p.note and "not in the gazetteer" in p.note:
        s += 0.3
    if _is_dateline(doc, p):
        s -= 3.0
    return s


_DATELINE_RE = re.compile(r"^[^\n]{0,60}?\((?:CNN|رويترز|أ ف ب|ا ف ب|أ\.ف\.ب|د ب أ|واس|قنا|وام|كونا|سبأ|الأناضول|AFP|Reuters)\)|"
                          r"^[^\n]{0,40}?[-–—]\s")


def _is_dateline(doc: Document, p: Place) -> bool:
    """A bureau dateline («دبي، الإمارات العربية المتحدة (CNN) --», «بغداد - …») at the start of the text."""
    if p.span is None or p.span.start > 60:
        return False
    head = doc.text[: p.span.start].strip()
    if len(head) > 25:
        return False
    return bool(_DATELINE_RE.match(doc.text[max(0, p.span.start - len(head)):]))


def _fallback_country(doc: Document, cc: str, note: str) -> Place | None:
    gaz = load_gazetteer()
    e = gaz.country_entry(cc)
    if e is None:
        return None
    p = _place_from(e, gaz)
    p.geo_precision = 3
    p.note = note
    return p


def _country_fallback(doc: Document) -> Place | None:
    """No place named at all: the country the article's demonyms point to, else the home country of a
    national news outlet (``doc.source``), at precision 3 (ACLED: the capital's coordinates)."""
    inv = {v: k for k, v in DEMONYMS.items()}
    counts: dict[str, int] = {}
    for mm in _demonym_re().finditer(doc.norm.text):
        cc = inv.get(mm.group(1))
        if cc:
            counts[cc] = counts.get(cc, 0) + 1
    if counts:
        cc = max(counts, key=counts.get)  # type: ignore[arg-type]
        return _fallback_country(doc, cc, "no place named: country from the article's nationality words")
    src = (doc.source or "").strip().lower()
    cc2 = SOURCE_COUNTRY.get(src)
    if cc2:
        return _fallback_country(doc, cc2, f"no place named: home country of the outlet {doc.source}")
    return None


def _same_area(gaz: Gazetteer, broad: Place, p: Place) -> bool:
    """Does ``p`` lie inside the broad place ``broad`` (country, region or admin1)?"""
    if p.iso3 != broad.iso3 or p.iso3 is None:
        return False
    if broad.feature == "country":
        return True
    cc = gaz.iso3_to_cc.get(p.iso3 or "")
    mine = [broad.admin1, *broad.admin1_alt]
    return any(gaz.same_admin1(cc, a, b) for a in mine for b in [p.admin1, *p.admin1_alt] if a and b)


def _list_container(doc: Document, cands: list[Place], best: Place) -> Place | None:
    """``best`` is one member of a list of places followed by the area that holds them all
    («في محافظات لحج، وأبين، وعدن، جنوبي اليمن»): the guideline's most specific common place."""
    seq = sorted(cands, key=lambda p: p.span.start)  # type: ignore[union-attr]
    k = seq.index(best)
    lo = hi = k
    while lo > 0 and _LIST_SEP.match(doc.text[seq[lo - 1].span.end: seq[lo].span.start]) \
            and normalize_key(doc.text[seq[lo].span.start: seq[lo].span.end])[:1] == "و":  # type: ignore[union-attr]
        lo -= 1
    while hi + 1 < len(seq) and _LIST_SEP.match(doc.text[seq[hi].span.end: seq[hi + 1].span.start]) \
            and normalize_key(doc.text[seq[hi + 1].span.start: seq[hi + 1].span.end])[:1] == "و":  # type: ignore[union-attr]
        hi += 1
    members = seq[lo: hi + 1]
    if len({(m.gazetteer_id or m.name) for m in members}) < 2 or hi + 1 >= len(seq):
        return None
    nxt = seq[hi + 1]
    gap = doc.text[seq[hi].span.end: nxt.span.start]  # type: ignore[union-attr]
    if nxt.feature not in ("region", "admin1", "country") or not _LIST_SEP.match(gap) or "،" not in gap and "," not in gap:
        return None
    gaz = load_gazetteer()
    if nxt.feature == "country" and not all(m.iso3 == nxt.iso3 for m in members):
        return None
    if nxt.feature != "country" and not all(_same_area(gaz, nxt, m) for m in members):
        return None
    return nxt


def _site_coreference(doc: Document, places: list[Place], a: int, b: int, start: int, end: int) -> Place | None:
    """A bare site noun in the trigger's clause («أكبر قاعدة جوية إلى الشمال من عدن») and exactly one
    named site of that kind in the article («قاعدة العند»): the named site."""
    lo = max(a, start - 80)
    hi = min(b, end + 80)
    nlo, nhi = doc.norm.from_original(lo), doc.norm.from_original(hi)
    seg = doc.norm.text[nlo:nhi]
    named_here = [p for p in places if p.span is not None and lo <= p.span.start < hi and p.feature == "site"]
    if named_here:
        return None
    for mm in re.finditer(r"(?<!\w)(?:[وف]?(?:ب|ل|ال|بال|لل)?)(\w+)", seg):
        w = mm.group(1)
        noun = w if w in _SITE_NOUNS else (w[2:] if w.startswith("ال") and w[2:] in _SITE_NOUNS else None)
        if noun is None:
            continue
        named = {}
        for p in places:
            if p.feature != "site" or not p.name_ar:
                continue
            if normalize_key(p.name_ar).startswith(noun + " "):
                named.setdefault(p.gazetteer_id or p.name, p)
        if len(named) == 1:
            return next(iter(named.values()))
    return None


def _refine(doc: Document, places: list[Place], best: Place, sents: list[tuple[int, int, int]],
            sent: tuple[int, int, int] | None) -> Place:
    """A province/region for the incident, and the next sentences (rest of the paragraph, the next
    paragraph) name a more specific place inside it: the more specific one (ACLED codes the most
    specific location the report gives)."""
    if best.feature != "admin1" or sent is None:
        return best
    gaz = load_gazetteer()
    para = sent[2]
    window = [s for s in sents if s[0] >= sent[1] and para <= s[2] <= para + 1]
    if not window:
        return best
    a, b = window[0][0], window[-1][1]
    inner = [p for p in places if p.span is not None and a <= p.span.start < b and (p.geo_precision or 1) <= 2
             and p.feature not in _BROAD and _same_area(gaz, best, p) and not _is_dateline(doc, p)]
    if not inner:
        return best
    first = min(inner, key=lambda p: p.span.start)  # type: ignore[union-attr]
    return first


def locate_event(doc: Document, start: int, end: int) -> Place | None:
    """The place an incident trigger at ``[start, end)`` is tied to (or ``None``).

    Looks in the trigger's sentence, then its paragraph, then the first sentence (dateline), then
    the article's dominant place; prefers places inside/after the trigger in the same clause,
    «في»-marked ones and more specific features; a country gives way to a place inside it named in
    the same scope; a list of places followed by the area holding them gives that area; a bare
    «قاعدة/مطار …» refers to the article's one named site of that kind; a province is refined by a
    more specific place inside it named in the next sentences.
    """
    places = doc.places
    if not places:
        places = geoparse(doc)[0]
    tags_at = _tags_start(doc)
    places = [p for p in places if p.span is not None and p.latitude is not None and p.span.start < tags_at]
    if not places:
        return _country_fallback(doc)
    sents = _sentences(doc)
    sent = next((s for s in sents if s[0] <= start < max(s[1], s[0] + 1)), None)
    scopes: list[tuple[int, int]] = []
    if sent is not None:
        scopes.append((sent[0], sent[1]))
        para = [s for s in sents if s[2] == sent[2]]
        if para:
            scopes.append((para[0][0], para[-1][1]))
    if sents:
        scopes.append((sents[0][0], sents[0][1]))
    if len(places) > 1:
        places = [p for p in places if not _is_dateline(doc, p)] or places
    for a, b in scopes:
        cands = [p for p in places if a <= p.span.start < b]  # type: ignore[union-attr]
        if not cands:
            continue
        site = _site_coreference(doc, places, a, b, start, end)
        if site is not None:
            return site
        scored = sorted(cands, key=lambda p: -_event_score(p, doc, start, end, a))
        best = scored[0]
        if best.feature == "country":
            # the country is the container of a more specific place named in the same scope
            inner = [p for p in scored[1:] if p.iso3 == best.iso3 and p.feature != "country"]
            if inner:
                best = inner[0]
        cont = _list_container(doc, cands, best)
        if cont is not None:
            return cont
        if (a, b) == scopes[0]:
            best = _refine(doc, places, best, sents, sent)
        return best
    # fall back to the most frequent specific place of the article
    counts: dict[str, int] = {}
    for p in places:
        counts[p.gazetteer_id or p.name] = counts.get(p.gazetteer_id or p.name, 0) + 1
    return max(places, key=lambda p: (counts[p.gazetteer_id or p.name], _SPECIFIC.get(p.feature or "", 1.0)))


__all__ = ["places_stage", "geoparse", "locate_event", "article_countries", "place_matcher", "clear_caches"]

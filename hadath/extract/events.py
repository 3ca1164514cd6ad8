"""Incidents: detection, modality, arguments, merging and coding (stage ``events.rules.v1``).

The stage works in four passes over a processed Document (see docs/events.md):

1. **Mentions.** Each sentence is cut into clauses; a clause with a trigger
   (:mod:`hadath.extract.triggers`) that survives the modality checks (plans, threats, denials,
   negation, anniversaries, cumulative tolls, accidents) becomes a *mention* with its own place,
   date, casualty figures (:mod:`hadath.extract.casualties`) and sides.
2. **Incidents.** Mentions are merged when they can be the same incident: compatible method
   family, same place (or none given), same date (or none given), no conflicting sides. The
   headline, the lead and a later paragraph that retell one incident become one event; towns
   with their own details stay apart.
3. **Fields.** Each incident takes the most specific place, its own date (else the governing
   one, else the publication date with precision 2), the latest/highest toll per victim group,
   the breakdown into groups, and its sides.
4. **Coding** (:mod:`hadath.extract.coding`): ACLED type/sub-type from the method and the sides,
   PLOVER, CAMEO, inter codes, notes; and exactly one ``main`` event.

Every layer it reads may be empty (no actors, no places …): the stage degrades to what it has.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from hadath.arabic.normalize import normalize_key, normalize_view
from hadath.document import Document, Span
from hadath.errors import StageTimeout
from hadath.extract.casualties import CIVILIAN_WORDS, UNSPECIFIED_WORDS, Casualty, bare_forms, find_casualties
from hadath.extract.coding import ARMED, CIVILIANS, PROTESTERS, RIOTERS, apply_coding, decide_type
from hadath.extract.triggers import FAMILY, PRIORITY, VIOLENT, Cue, Trigger, find_cues, find_triggers
from hadath.model import Actor, CasualtyGroup, Event, Place
from hadath.pipeline import stage

try:  # the geo helper (optional at import time)
    from hadath.geo.geoparse import locate_event as _locate_event  # type: ignore
except Exception:  # noqa: BLE001
    _locate_event = None

HISTORY_DAYS = 30
_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
_GENERIC_FAMILY = "generic"
_SPEECH = frozenset(
    normalize_key(w)
    for w in "قال قالت أفاد أفادت أعلن أعلنت ذكر ذكرت أكد أكدت أوضح أوضحت أشار أشارت بحسب وفق وفقا حسب نقلت نقل "
    "أضاف أضافت صرح صرحت تابع تابعت لفت لفتت بيان مصادر مصدر المرصد وكالة".split()
)
_AGENT_LEFT = tuple(
    normalize_key(w)
    for w in ("على يد", "من قبل", "برصاص", "بنيران", "نيران", "رصاص", "شنه", "شنها", "شنته", "نفذه", "نفذها", "تبناه", "تبنته", "قامت بها", "قام به",
              "بغارة", "بغارات", "غارات", "غارة", "قصف", "بقصف", "بقذائف", "قذائف", "بصواريخ", "طيران", "طائرات", "مقاتلات", "مدفعية", "قصفا", "ضربات", "لطيران", "للطيران")
)
_PATIENT_LEFT = tuple(
    normalize_key(w)
    for w in ("استهدف", "استهدفت", "استهدفوا", "يستهدف", "تستهدف", "استهداف", "على", "ضد", "مواقع", "موقع", "مواقع ل", "تجمعات", "صفوف", "معاقل", "مقر", "مقرات",
              "مقتل", "إصابة", "اغتيال", "اختطاف", "اعتقال", "أسر", "من", "قتل", "قتلت", "هاجم", "هاجمت", "هاجموا", "مع", "عناصر", "آليات", "تمركزات", "تحركات",
              "القبض على", "اعتقلت", "اعتقل", "خطف", "اختطف", "اختطفت", "تحصينات", "دوريات", "دورية", "قافلة", "نقطة", "حاجز", "مراكز", "ثكنة", "معسكر", "معسكرات",
              # the owner of a target, and members of a group («قافلة تابعة للجيش», «وثلاثة أعضاء آخرين في التنظيم»)
              "تابعة", "التابعة", "تابع", "التابع", "أعضاء آخرين في", "أعضاء في", "عضو في", "قيادي في", "القيادي في", "قياديين في",
              "عناصر في", "عنصرا في", "عناصر من", "عنصرا من", "مقاتلين من", "مقاتلي", "قادة", "زعيم", "أمير")
)


#: «مصدر في الشرطة», «مصادر أمنية في الجيش», «بحسب الجيش», «وفقا لمسؤول في», «نقلا عن»: a reporting frame
_SOURCE_FRAME = re.compile(
    r"(?:(?:^|\s)[وف]?(?:ب|ل)?(?:ال)?(?:مصدر|مصادر|مسؤول|مسوول|مسؤولون|مسؤولين|متحدث|ناطق|مراسل|شهود|مصدرا)(?:\s+\S+){0,2}\s+(?:في|ب|من|باسم|لدي)\s*"
    r"|(?:^|\s)[وف]?(?:بحسب|حسب|وفقا|وفق|نقلا عن|نقلت عن|نقل عن|استنادا الي)(?:\s+(?:ل|بيان|مصدر|مصادر|مسؤول)\S*)?(?:\s+\S+)?(?:\s+(?:في|ب|من|عن))?\s*)$"
)
#: the word before a verbal-noun trigger that makes it a topic of talk, not a reported act
_TOPIC_WORDS = frozenset(normalize_key(w) for w in "حول بشأن بخصوص تدعم يدعم تؤيد يؤيد نزعة فكرة لفكرة ثقافة مفهوم ظاهرة "
                         "للتنديد تنديدا التنديد وللتنديد".split())

#: blame cues among the aggregate ones («مسؤول عن», «مسؤولية مقتل»)
_BLAME = re.compile(r"^(?:ال)?مسوول")

#: what a protest is against, just before the actor
_PROTEST_TARGET = re.compile(
    r"(?:ضد|احتجاجا علي|احتجاجا ضد|تنديدا ب|تنديدا|رفضا ل|رفضا|مطالبين|مطالبه|مطالبا|طالبوا|طالب|يطالبون|تطالب|امام|امام مبني|امام مقر|امام سفاره|امام السفاره|امام قنصليه|"
    r"سفاره|السفاره|مقر|مبني|قصر|ضد حكومه|باسقاط|برحيل|باقاله|بتنحي|الي رحيل)(?:\s+\S+){0,2}\s*$"
)
#: «X تعرض لهجوم»: X undergoes the act
_UNDERGO_AFTER = re.compile(
    r"\s{0,3}(?:\S{1,30}\s{1,3}){0,2}?[وف]?(?:(?:تعرض|تعرضت|تعرضوا|يتعرض|تتعرض|يتعرضون|وقعوا ضحيه|وقع ضحيه|لقوا|لقي|لقيا)\s"
    r"|(?:قتل|قتلا|قتلوا|قتلت|اصيب|اصيبوا|اصيبا|اصيبت|جرح|جرحوا|جرحا|سقطوا|سقط)(?:\s+(?:في|خلال|جراء|اثر|عندما|حين|اليوم|امس|بنيران|برصاص|بجروح)\s|\s*[،.]))"
)
#: the defender of an interception is the target: «تصدت الدفاعات الجوية لصاروخين»
_DEFENDER_LEFT = ("تصدي", "تصدت", "اعترضت", "اعتراض", "اسقطت", "اسقاط")
#: a trigger whose object right after it is its victim
_VICTIM_TRIGGER = frozenset({"KILL", "ASSASSINATE", "ABDUCT", "ATTACK", "SHOOT", "EXECUTE", "INJURE", "SEXUAL", "IED", "EXPLOSION", "SUICIDE", "GRENADE"})

#: duals and «others» that name nobody in particular (besides casualties.UNSPECIFIED_WORDS)
_UNSPECIFIED_EXTRA = frozenset(normalize_key(w) for w in ("شخصين", "شخصان", "آخرين", "آخرون", "اثنين", "اثنان", "عدد", "العشرات", "عشرات"))
_ATTACKER_NOUNS = tuple(normalize_key(w) for w in ("انتحاري", "انتحاريون", "انتحاريين", "انتحاريا", "انتحاريان", "مفجر", "مهاجم", "انغماسي", "قناص"))
_SUBJ_VERB_END = re.compile(
    r"(?:^|\s)[وف]?(?:هاجم|هاجمت|استهدف|استهدفت|اختطف|اختطفت|خطف|خطفت|اعتقل|اعتقلت|قصف|قصفت|فجر|اطلق|اطلقت|شن|شنت|نفذ|نفذت|"
    r"اقتحم|اقتحمت|قتلت|اغتال|اغتالت|اعدم|اعدمت|فتح|فتحت|اسقط|اسقطت|داهم|داهمت|احرق|احرقت|نصب|نصبت)\s*$"
)
# «اندلعت مظاهرات», «وقع انفجار», «شارك في التظاهرة», «الاحتجاجات التي وقعت»: the clause says it happened
_EVENT_VERB_BEFORE = re.compile(
    r"(?:^|\s)[وف]?(?:وقع|وقعت|اندلع|اندلعت|خرجت|انطلقت|نظم|نظمت|نظموا|جرت|جري|دارت|شهد|شهدت|شارك|شاركوا|شاركت|تعرض|تعرضت|هز|هزت)"
    r"(?:\s+(?:امس|اليوم|مساء|صباح|ظهر|فجر|ليل|الجمعه|السبت|الاحد|الاثنين|الثلاثاء|الاربعاء|الخميس))?"
    r"(?:\s+(?:في|ب)?\S*)?\s*$"
)
_EVENT_VERB_AFTER = re.compile(r"\s+(?:التي|الذي|اللتين|اللذين)\s+(?:وقع|وقعت|جرت|جري|شهدتها|شهدها|نظمت|نظمها|اندلعت|خرجت)\s")


#: a weapon and the nationality that follows it («صاروخين إسرائيليين», «غارات يرجح أنها أمريكية»)
_NISBA = {
    "اسراييلي": ("ISR", "Israel"), "امريكي": ("USA", "the United States"), "اميركي": ("USA", "the United States"),
    "تركي": ("TUR", "Turkey"), "روسي": ("RUS", "Russia"), "ايراني": ("IRN", "Iran"), "فرنسي": ("FRA", "France"),
    "بريطاني": ("GBR", "United Kingdom"),
}
_WEAPON_NAT = re.compile(
    r"(?:^|\s)[وبل]?(?:ال)?(?:صاروخ|صواريخ|غاره|غارات|ضربه|ضربات|طاير|مقاتل|قذيف|قذايف|مدفعيه|طيران|زوارق|بوارج|مروحي|قصف)[^\s،.]*"
    r"\s+(?:[^\s،.]+\s+){0,3}?(?:ال)?(" + "|".join(_NISBA) + r")(?:ه|ين|ون|تين|ان|يه)?(?=[\s،.]|$)"
)
_MEMBER_OF = re.compile(r"(?:^|\s)[وف]?(?:ال)?(?:قيادي|القيادي|قياديا|زعيم|امير|عضو|اعضاء|احد عناصر|عناصر|مسوول|قاده)(?:\s+(?:ال)?(?:بارز|البارز|كبير|الكبير|رفيع|سابق|السابق))?(?:\s+(?:في|ب|ما يعرف|ما يسمي))?\s*(?:جماعه|تنظيم|حركه)?\s*$")
_LEADER_OF = re.compile(r"(?:^|\s)[وف]?(?:ال)?(?:زعيم|قايد|امير)(?:\s{1,3}(?:ال)?(?:بارز|البارز|كبير|الكبير))?(?:\s{1,3}(?:ما يعرف|ما يسمي))?\s{0,3}(?:ب|ل)?(?:جماعه|تنظيم|حركه)?\s{0,3}$")
_ACCUSE_LEFT = re.compile(r"(?:^|\s)[وف]?(?:اتهم|اتهمت|اتهموا|يتهم|تتهم|حمل|حملت|يحمل|تحمل)(?:\s+\S+){0,3}\s*$")
_ACCUSE_AFTER = re.compile(r"\s{0,3}(?:ب|بال)(?:تنفيذ|شن|الوقوف|ارتكاب|قصف|استهداف|المسووليه|مسووليه|الهجوم|هجوم|التفجير|تفجير|قتل|اغتيال|خطف)")
_ASCRIBE_LEFT = re.compile(r"(?:^|\s)[وف]?(?:نسب|نسبت|ينسب|تنسب)\s+(?:\S+\s+){0,4}?(?:الهجوم|الاعتداء|التفجير|العمليه|الهجمات|الانفجار)\s+(?:الي|ل)\s*$")
_CONTINUES = re.compile(r"\s{0,3}[وف](?:اوضح|اضاف|تابع|اشار|بين|لفت|قال)(?:ت)?\s{1,3}(?:ال)?(?:مصدر|مصادر|المصدر|المصادر|المتحدث|البيان|المسوول)")
#: «… لدى محاولتهم اقتحام / أثناء محاولتهم التسلل»: the actor just before it attempted the attack
_ATTEMPT_AFTER = re.compile(
    r"\s{0,3}(?:\S{1,20}\s{1,3}){0,2}?(?:لدي|اثناء|خلال|عند|حين|بعد)\s{1,3}(?:محاولتهم|محاولته|محاولتها|محاولتهما|محاوله|محاولات)\s{1,3}"
    r"(?:ال)?(?:اقتحام|تسلل|هجوم|تقدم|مهاجمه|سيطره|دخول|التفاف|اختراق)"
)
#: «<place> (في شرقي العاصمة)، حيث …»: the clause after the comma happened at that place
_WHERE = re.compile(r"[^،.]{0,30}،\s{0,2}حيث\s")
_PRIOR = re.compile(r"\s{0,3}بعد\s{1,3}(?:ايام|يومين|ساعات|اسبوع|اسبوعين|اسابيع|شهر|شهرين|اشهر|ثلاثه|اربعه|خمسه|سته|عشره|[0-9]{1,2})(?:\s{1,3}\S{1,10})?\s{1,3}(?:من|علي)\s")
_ARMED_SUBJECT = re.compile(r"\s{1,2}(?:ال)?(?:مهاجم|مسلح|انتحاري|مفجر|ارهابي|متشدد|مجهول|متمرد)(?:ون|ين|ان)(?=[\s،.]|$)")
_LAUNCHED = re.compile(r"(?:^|\s)[وف]?(?:اطلق|اطلقت|اطلقوا|اطلاق|باطلاق|شن|شنت|شنوا|نفذ|نفذت|نفذوا|القي|القت|القوا|سقوط|سقط|سقطت)\s{1,3}(?:\S{1,12}\s{1,3})?[0-9٠-٩]{1,4}\s{1,3}$")
_PROTEST_SPOT = re.compile(r"(?:^|\s)(?:في|الي|نحو)\s{1,3}(?:ال)?(?:شارع|شوارع|ساحه|ميدان|باحه)|(?:^|\s)(?:امام|قرب|بالقرب من)\s{1,3}(?:ال)?(?:مقر|مبني|سفاره|قنصليه|برلمان|مجلس|وزاره|قصر|مسجد)")
_STRONG_ACCIDENT = re.compile(
    r"(?:^|\s)[وف]?(?:ال)?(?:غرق|غرقوا|غرقت|غرقا|غريق|غرقي|حادث مروري|حادث سير|حادثا مروريا|تصادم|اصطدام|زلزال|فيضان|فيضانات|سيول|"
    r"تحطم طايره|تحطمت|انقلاب سياره|انقلاب حافله)(?=[\s،.]|$)"
)
_BORDER_LEFT = re.compile(r"(?:الحدود مع|حدود مع|الحدود|حدود|الحدوديه مع|المتاخمه|المتاخم|المحاذيه|المحاذي|المجاوره|القريبه من|القريب من)\s{0,2}(?:ل|لل)?$")
_ALSO = re.compile(r"\s{0,3}[وف]?(?:كما|كذلك)\s")
#: an ally named after the side it supports
_SUPPORT_LEFT = re.compile(r"(?:^|\s)(?:مسنود|مسنوده|مسنودا|مسنودين|مدعوم|مدعومه|مدعوما|مدعومين|المدعوم|المدعومه|المدعومين|بدعم|بمسانده|باسناد|باسناد من|بمشاركه)(?:\s{1,3}(?:من|ب))?\s{0,3}(?:ب|ل|بال)?$")
#: a sentence opening that turns to another incident or topic
_SHIFT = re.compile(
    r"\s{0,3}[وف]?(?:في سياق (?:متصل|اخر|منفصل)|علي صعيد (?:اخر|متصل|منفصل)|من جهه اخري|من ناحيه اخري|في تطور (?:اخر|منفصل)|"
    r"الي ذلك|في غضون ذلك|في شان (?:اخر|متصل)|في حادث (?:اخر|منفصل))\s{0,2}[،,]"
)
_TOLL_OF_THE = re.compile(
    r"(?:قتلي|ضحايا|حصيله|جرحي|مصابي|شهداء)\s{1,3}(?:ال)(?:هجوم|هجمات|تفجير|تفجيرات|انفجار|اعتداء|قصف|غاره|غارات|عمليه|حادث|مجزره)\b"
)
_DEMONSTRATIVES = frozenset(("هذه", "هذا", "تلك", "ذلك", "هذين", "هاتين", "هاته", "وهذه", "وهذا", "وتلك", "وذلك"))
#: sub-types whose perpetrator ACLED codes as an unidentified armed group when nobody is named
_UNCLAIMED_BOMB = frozenset({"Remote explosive/landmine/IED", "Suicide bomb", "Grenade"})


# ----------------------------------------------------------------------------- data
@dataclass(slots=True)
class Mention:
    """One telling of an incident: a clause with its trigger(s) and arguments."""

    sent: int
    para: int
    start: int  # clause (original offsets)
    end: int
    triggers: list[Trigger]
    cls: str
    classes: set[str]
    strength: str
    status: str = "reported"
    retell: bool = False  # inside a condemnation / reaction: may merge, founds only when alone
    toll_update: bool = False  # «ارتفاع عدد قتلى الهجوم»: updates the toll of an incident already told
    place: Any = None
    place_explicit: bool = False
    time: Any = None
    rtime: Any = None  # a reporting time («أعلن الجيش، الأحد، عن مقتل …»): the incident happened by then
    casualties: list[Casualty] = field(default_factory=list)
    actor1: Any = None
    actor2: Any = None
    actor1_src: int = 0  # confidence of the role decision (0 none, 1 default, 2 cue)
    actor2_src: int = 0
    assoc1: list[Any] = field(default_factory=list)
    assoc2: list[Any] = field(default_factory=list)
    victims_civilian: bool = False
    victims_armed: bool = False
    in_title_para: bool = False
    historic: bool = False
    can_found: bool = True
    definite: bool = False  # «الهجوم», «التفجير»: refers back to a known incident
    supported: bool = False  # has its own toll / place / time / side (or an explicit object / agent)
    prior: bool = False  # «(يأتي ذلك) بعد أيام من تفجير …»: an earlier, distinct incident
    segment: int = 0  # topic segment: a sentence opening with «في سياق متصل / إلى ذلك / على صعيد آخر» starts a new one

    @property
    def family(self) -> str:
        return FAMILY.get(self.cls, _GENERIC_FAMILY)

    @property
    def trigger(self) -> Trigger:
        best = max(self.triggers, key=lambda t: (t.strength == "core", PRIORITY.get(t.cls, 0)))
        return best


@dataclass(slots=True)
class Incident:
    mentions: list[Mention] = field(default_factory=list)

    @property
    def first(self) -> Mention:
        return self.mentions[0]

    def classes(self) -> set[str]:
        out: set[str] = set()
        for m in self.mentions:
            out |= m.classes
        return out


# ----------------------------------------------------------------------------- helpers
def _sentences(doc: Document) -> list[tuple[int, int, int, int]]:
    """(start, end, index, paragraph) of each sentence (fallback split when the layer is empty)."""
    if doc.sentences:
        return [(s.start, s.end, s.index, s.paragraph) for s in doc.sentences]
    out = []
    para = 0
    k = 0
    for pm in re.finditer(r"[^\n]+", doc.text):
        for m in re.finditer(r"[^.!?؟]+[.!?؟]*", pm.group()):
            if m.group().strip():
                out.append((pm.start() + m.start(), pm.start() + m.end(), k, para))
                k += 1
        para += 1
    return out


_CLAUSE_RE = re.compile(
    r"(?:[؛;]|،\s*(?=(?:و|ف)?(?:كما|فيما|بينما|في حين|كذلك|وفي|في سياق|من جهه|من جانب|الي ذلك|وعلي|في غضون)\b)|"
    r"\s(?=(?:فيما|بينما|في حين|وذلك|بعد ان|بعد ايام|بعد يومين|بعد ساعات|بعد اسبوع|بعد اربعه|بعد ثلاثه|بعد خمسه|"
    r"اثر|باثر|علي خلفيه|ردا علي|رد علي|في اعقاب|عقب|غداه|قبل ايام|قبل يومين|قبل ساعات|منذ)\s)|،\s*(?=و(?!المقتول|القتيل)\S)|،\s*(?=(?:لافتا|مشيرا|مضيفا|موضحا|مبينا|مبينه|مشيره|لافته|مضيفه)\s))"
)


def _clauses(ntext: str, ns: int, ne: int) -> list[tuple[int, int]]:
    """Clause spans (view offsets) of the sentence [ns, ne)."""
    out = []
    last = ns
    for m in _CLAUSE_RE.finditer(ntext, ns, ne):
        if m.start() - last >= 8:
            out.append((last, m.start()))
            last = m.end()
    out.append((last, ne))
    return out


def _span(doc: Document, start: int, end: int) -> Span | None:
    try:
        return doc.span(start, end)
    except Exception:  # noqa: BLE001
        return None


def _actor_span(a: Any) -> tuple[int, int] | None:
    sp = getattr(a, "span", None)
    if sp is None:
        return None
    return (sp.start, sp.end)


def _place_span(p: Any) -> tuple[int, int] | None:
    sp = getattr(p, "span", None)
    if sp is None:
        return None
    return (sp.start, sp.end)


_FEATURE_RANK = {"country": 0, "region": 1, "admin1": 2, "governorate": 2, "admin2": 3, "district": 3, "admin3": 4}


def _place_rank(p: Any) -> int:
    """Specificity of a place: higher is more specific."""
    if p is None:
        return -1
    f = (getattr(p, "feature", None) or "").lower()
    if f in _FEATURE_RANK:
        return _FEATURE_RANK[f]
    gp = getattr(p, "geo_precision", None)
    if gp == 3:
        return 1
    return 5


def _place_key(p: Any) -> str:
    if p is None:
        return ""
    return str(getattr(p, "gazetteer_id", None) or getattr(p, "name", None) or getattr(p, "name_ar", None) or "").lower()


def _place_relation(a: Any, b: Any) -> str:
    """same | contains (a ⊃ b) | within (a ⊂ b) | different | unknown."""
    if a is None or b is None:
        return "unknown"
    if _place_key(a) == _place_key(b):
        return "same"
    na, nb = (getattr(a, "name", "") or "").lower(), (getattr(b, "name", "") or "").lower()
    if na and na == nb:
        return "same"
    ra, rb = _place_rank(a), _place_rank(b)

    def inside(small: Any, big: Any, rbig: int) -> bool:
        bn = (getattr(big, "name", "") or "").lower()
        if rbig == 0:
            return (getattr(small, "iso3", None) or getattr(small, "country", None)) in (getattr(big, "iso3", None), getattr(big, "country", None)) and bool(getattr(big, "iso3", None) or getattr(big, "country", None))
        if rbig in (1, 2):
            return bool(bn) and bn in ((getattr(small, "admin1", "") or "").lower(), (getattr(small, "admin2", "") or "").lower())
        if rbig == 3:
            return bool(bn) and bn in ((getattr(small, "admin2", "") or "").lower(), (getattr(small, "admin3", "") or "").lower())
        return False

    la, lb = (getattr(a, "latitude", None), getattr(a, "longitude", None)), (getattr(b, "latitude", None), getattr(b, "longitude", None))
    if None not in la and None not in lb:
        import math

        dlat = math.radians(lb[0] - la[0])
        dlon = math.radians(lb[1] - la[1])
        h = math.sin(dlat / 2) ** 2 + math.cos(math.radians(la[0])) * math.cos(math.radians(lb[0])) * math.sin(dlon / 2) ** 2
        km = 12742 * math.asin(math.sqrt(min(1.0, h)))
        if km <= 15 and ra >= 3 and rb >= 3:
            return "near"
    if ra < rb and inside(b, a, ra):
        return "contains"
    if rb < ra and inside(a, b, rb):
        return "within"
    return "different"


def _region_conflict(a: Any, b: Any) -> bool:
    """Two places in different first-level regions of one country (another country's place, when
    only implied, is as likely a misread word as a real place: no verdict)."""
    ia, ib = getattr(a, "iso3", None), getattr(b, "iso3", None)
    if not ia or ia != ib:
        return False
    if _place_rank(a) < 2 or _place_rank(b) < 2:
        return False
    aa = (getattr(a, "admin1", None) or "").lower()
    ab = (getattr(b, "admin1", None) or "").lower()
    if not aa or not ab or aa == ab:
        return False
    alts = {x.lower() for x in (getattr(a, "admin1_alt", None) or []) + (getattr(b, "admin1_alt", None) or [])}
    return aa not in alts and ab not in alts


def _time_value(t: Any) -> tuple[str | None, int | None]:
    if t is None:
        return None, None
    v = getattr(t, "value", None)
    if not v:
        return None, None
    return str(v)[:10], _PRECISION.get(getattr(t, "precision", "day") or "day", 1)


def _actor_key(a: Any) -> str:
    if a is None:
        return ""
    return str(getattr(a, "id", None) or getattr(a, "name", "") or "").lower()


def _inter(a: Any) -> int | None:
    try:
        v = getattr(a, "inter", None)
        return int(v) if v is not None else None
    except (TypeError, ValueError):
        return None


# ----------------------------------------------------------------------------- extractor
class _Extractor:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.norm = doc.norm
        self.ntext = doc.norm.text
        self.sents = _sentences(doc)
        self.sent_starts = [s[0] for s in self.sents]
        self.triggers = find_triggers(doc)
        self._trig_starts = [t.nstart for t in self.triggers]
        self.cues = find_cues(doc)
        self.cue_starts = [c.nstart for c in self.cues]
        self.casualties = sorted(find_casualties(doc), key=lambda c: c.start)
        self.cas_starts = [c.start for c in self.casualties]
        self.actors = sorted((a for a in (doc.actors or []) if _actor_span(a)), key=lambda a: _actor_span(a)[0])  # type: ignore[index]
        self.actor_starts = [_actor_span(a)[0] for a in self.actors]  # type: ignore[index]
        self.places = sorted((p for p in (doc.places or []) if _place_span(p)), key=lambda p: _place_span(p)[0])  # type: ignore[index]
        self.place_starts = [_place_span(p)[0] for p in self.places]  # type: ignore[index]
        self.times = sorted((t for t in (doc.times or []) if getattr(t, "value", None)), key=lambda t: t.start)
        self.time_starts = [t.start for t in self.times]
        self.pub = doc.reference_date
        self.first_para = min((s[3] for s in self.sents), default=0)
        self._inc_of: dict[int, Incident] = {}
        self._multi = False
        self.para_start: dict[int, int] = {}
        for st in self.sents:
            self.para_start.setdefault(st[3], st[0])
        self.trace: list[tuple[str, int]] | None = None
        self._tnorm: str | None = None
        self.has_aggregate = any(c.kind == "aggregate" for c in self.cues) or bool(
            self.doc.title and re.search(r"منذ|خلال", self.doc.title)
        )

    def _t(self, why: str, pos: int) -> None:
        if self.trace is not None:
            self.trace.append((why, pos))

    # ------------------------------------------------------------------ lookups in ranges
    def _in(self, starts: list[int], items: list[Any], a: int, b: int, span_of) -> list[Any]:  # type: ignore[no-untyped-def]
        i = bisect.bisect_left(starts, a)
        out = []
        while i < len(items) and starts[i] < b:
            sp = span_of(items[i])
            if sp and sp[1] <= b:
                out.append(items[i])
            i += 1
        return out

    def actors_in(self, a: int, b: int) -> list[Any]:
        return self._in(self.actor_starts, self.actors, a, b, _actor_span)

    def places_in(self, a: int, b: int) -> list[Any]:
        return self._in(self.place_starts, self.places, a, b, _place_span)

    def times_in(self, a: int, b: int) -> list[Any]:
        return self._in(self.time_starts, self.times, a, b, lambda t: (t.start, t.end))

    def cues_in(self, na: int, nb: int) -> list[Cue]:
        i = bisect.bisect_left(self.cue_starts, na)
        out = []
        while i < len(self.cues) and self.cues[i].nstart < nb:
            out.append(self.cues[i])
            i += 1
        return out

    # ------------------------------------------------------------------ pass 1: mentions
    def mentions(self) -> list[Mention]:
        out: list[Mention] = []
        trig_starts = [t.nstart for t in self.triggers]
        seg = 0
        acc_ctx: tuple[int, int] | None = None
        for s_start, s_end, s_idx, para in self.sents:
            ns, ne = self.norm.from_original(s_start), self.norm.from_original(s_end)
            i = bisect.bisect_left(trig_starts, ns)
            strig = []
            while i < len(self.triggers) and self.triggers[i].nstart < ne:
                strig.append(self.triggers[i])
                i += 1
            if _SHIFT.match(self.ntext, ns, min(ne, ns + 40)):
                seg += 1  # «في سياق متصل، قتل …»: another incident is told from here on
            if _STRONG_ACCIDENT.search(self.ntext, ns, ne):
                acc_ctx = (seg, para)  # «غرق 40 مهاجرا» … «لقوا حتفهم»: the later bare deaths are the same accident
            if not strig:
                continue
            scues = self.cues_in(ns, ne)
            kinds = {c.kind for c in scues}
            if "sport" in kinds:
                self._t("sport", ns)
                continue
            if self._title_echo(ns, ne, para):
                self._t("title-echo", ns)  # «رابط الخبر: <the title>»: a footer repeating the headline
                continue
            if self.ntext[ns:ne].rstrip().endswith(("?", "؟")):
                self._t("question", ns)  # rhetorical / opinion question
                continue
            accident = "accident" in kinds
            in_acc_ctx = acc_ctx is not None and (acc_ctx[1] == para or (seg > 0 and acc_ctx[0] == seg))
            s_status = "reported"
            if "claim" in kinds:
                s_status = "claimed"
            elif "alleged" in kinds:
                s_status = "alleged"
            prev: Mention | None = None
            clauses = _clauses(self.ntext, ns, ne)
            st_starts = [t.nstart for t in strig]
            sc_starts = [c.nstart for c in scues]
            real_starts = [t.nstart for t in strig if t.strength != "hint"]
            self._multi = sum(1 for cs, ce in clauses if bisect.bisect_left(real_starts, ce) > bisect.bisect_left(real_starts, cs)) > 1
            all_scues = scues
            for cs, ce in clauses:
                ctrig = strig[bisect.bisect_left(st_starts, cs):bisect.bisect_left(st_starts, ce)]
                if not ctrig:
                    continue
                if self.ntext.startswith("منذ ", cs) and cs > ns:
                    self._t("since-clause", cs)  # «… منذ الإطاحة به وقتله»: background, not an incident
                    continue
                # cues of this clause (and of the sentence when it is short)
                if len(clauses) > 8:
                    scues = all_scues[bisect.bisect_left(sc_starts, cs):bisect.bisect_left(sc_starts, ce)]
                else:
                    scues = all_scues
                kept = [t for t in ctrig if self._modality_ok(t, cs, ce, scues)]
                kept = [t for t in kept if not (t.cls == "TERR" and self._purpose(t, cs, scues))]
                real = [t for t in kept if t.strength in ("core", "weak")]
                if not real:
                    self._t("modality", cs)
                    continue
                if in_acc_ctx and not accident and all(t.cls in ("KILL", "INJURE") for t in real) and not any(
                        a is not None and _inter(a) in ARMED for a in self.actors_in(*self.norm.to_original(cs, ce))):
                    self._t("accident-context", cs)
                    continue
                if accident and not any(t.cls in ("AIR", "DRONE", "SHELL", "SUICIDE", "IED", "CLASH", "SHOOT", "ABDUCT", "ARREST", "PROTEST", "TERR") and t.strength == "core" for t in real):
                    self._t("accident", cs)
                    continue
                # «مسؤول عن مقتل الآلاف»: blame governs only what follows it
                blame = [c for c in scues if c.kind == "aggregate" and cs <= c.nstart < ce and _BLAME.match(c.key)]
                if blame:
                    # … up to the next comma: «مسؤولون عن اغتيال رجل دين، قتلوا في ضربة جوية»
                    kept = [t for t in kept if not any(c.nstart < t.nstart and "،" not in self.ntext[c.nend:t.nstart] for c in blame)]
                    real = [t for t in kept if t.strength in ("core", "weak")]
                    if not real:
                        self._t("aggregate", cs)
                        continue
                if any(c.kind == "aggregate" and cs <= c.nstart < ce + 30 and c not in blame for c in scues):
                    self._t("aggregate", cs)
                    continue
                if any(self._history_blocks(c, kept, cs, ce) for c in scues if c.kind == "history"):
                    self._t("history-cue", cs)
                    continue
                kept = [t for t in kept if t.cls != "BLOCK"]
                if not any(t.strength in ("core", "weak") for t in kept):
                    self._t("block-only", cs)
                    continue
                classes = {t.cls for t in kept}
                best = max(real, key=lambda t: (t.strength == "core", PRIORITY.get(t.cls, 0)))
                # a violent method wins over an arrest / withdrawal told in the same clause («أسر ستة وقتل 15»)
                pool = {c for c in classes - {"CROWD"} if c in VIOLENT and any(t.cls == c and t.strength != "hint" for t in kept)}
                cls = max(pool or (classes - {"CROWD"}) or classes, key=lambda c: PRIORITY.get(c, 0))
                # a hint refines a generic method: «قصف … الطيران» → air strike
                if cls in ("SHELL", "EXPLOSION", "ATTACK", "KILL", "INJURE", "SHOOT") and "AIR" in classes:
                    cls = "AIR"
                if cls in ("CLASH", "ATTACK", "SHOOT", "KILL", "INJURE", "STORM", "TERR", "WITHDRAW") and any(t.cls == "PROTEST" and t.strength == "core" for t in kept):
                    cls = "RIOT" if ({"CLASH", "RIOT"} & classes) else "PROTEST"
                if cls == "AIR" and not any(t.cls == "AIR" and t.strength != "hint" for t in kept) and best.cls not in ("SHELL", "EXPLOSION", "ATTACK", "KILL", "INJURE", "SHOOT", "CLASH"):
                    cls = best.cls
                strength = "core" if any(t.strength == "core" for t in real) else "weak"
                oa, ob = self.norm.to_original(cs, ce)
                ckinds = {c.kind for c in scues if cs <= c.nstart < ce}
                c_status = "claimed" if "claim" in ckinds else ("alleged" if "alleged" in ckinds else "reported")
                if c_status == "reported" and not self._multi:
                    c_status = s_status
                m = Mention(s_idx, para, oa, ob, kept, cls, classes, strength, status=c_status)
                m.retell = "condemn" in kinds or any(c.kind == "judicial" and cs <= c.nstart < ce for c in scues)
                m.in_title_para = para == self.first_para
                m.segment = seg
                m.prior = bool(_PRIOR.match(self.ntext, cs, ce))
                m.definite = best.prefix.endswith("ال") or self.ntext[best.nstart:best.nstart + 2] == "ال"
                # «تأتي هذه الغارات», «ذلك الهجوم»: a demonstrative points back to an incident told before
                lw = self.ntext[max(cs, best.nstart - 14):best.nstart].split()
                if lw and not self.ntext[best.nstart - 1:best.nstart].isspace():
                    lw = lw[:-1]  # the trigger's own proclitics («ال»)
                if lw and lw[-1] in _DEMONSTRATIVES:
                    m.definite = True
                    m.retell = True
                # «ارتفاع عدد قتلى الهجوم», «حصيلة ضحايا التفجير»: a toll of «the» attack updates an
                # incident already told; it does not found one where the sentence happens to be
                if _TOLL_OF_THE.search(self.ntext, cs, ce):
                    m.retell = m.toll_update = True
                self._arguments(m, s_start, s_end, best)
                # «للتنديد بإعدام ناشط»: a trigger dropped as a topic / plan takes its toll with it
                dropped = [t for t in ctrig if t not in kept and t.strength != "hint" and t.cls != "BLOCK"]
                if dropped:
                    m.casualties = [c for c in m.casualties if not any(t.start - len(t.prefix) - 1 <= c.start < t.end for t in dropped)]
                if blame:  # the toll someone is blamed for is not this incident's
                    b0 = min(c.start for c in blame)
                    m.casualties = [c for c in m.casualties if c.start < b0]
                # a result clause without its own place or trigger family («، مما أسفر عن مقتل …»)
                if prev is not None and m.family in (_GENERIC_FAMILY,) and m.cls in ("KILL", "INJURE") and not m.place_explicit:
                    prev.casualties.extend(c for c in m.casualties if c not in prev.casualties)
                    prev.triggers.extend(m.triggers)
                    if m.actor2 is not None and prev.actor2 is None:
                        prev.actor2, prev.actor2_src = m.actor2, m.actor2_src
                    prev.victims_civilian |= m.victims_civilian
                    prev.victims_armed |= m.victims_armed
                    self._t("merged-result", cs)
                    continue
                own_args = bool(self.places_in(m.start, m.end) or self.times_in(m.start, m.end) or m.casualties)
                if m.strength == "weak" and m.definite and not own_args:
                    m.retell = True
                if m.historic:
                    self._t("historic-time", cs)
                    continue
                m.supported = self._supported(m)
                m.can_found = m.supported and not (m.retell and not ("condemn" in kinds))
                if not m.can_found and not m.retell:
                    self._t("unsupported", cs)
                    continue
                if m.cls == "ATTACK" and any(c.kind == "verbal" and cs <= c.nstart < ce for c in scues):
                    self._t("verbal", cs)
                    continue
                if self._aggregate_toll(m, kinds):
                    self._t("aggregate-toll", cs)
                    continue
                out.append(m)
                prev = m
        return out

    def _sent_start(self, m: Mention) -> int:
        k = bisect.bisect_right(self.sent_starts, m.start) - 1
        return self.sents[k][0] if k >= 0 else m.start

    def _history_blocks(self, c: Cue, kept: list[Trigger], cs: int, ce: int) -> bool:
        """Does a history cue make the clause's incident history?  «خلال إحياء ذكرى عاشوراء» (a
        commemoration) and a protest «في الذكرى الرابعة» happen now; a cue far after the clause's
        triggers (in a later relative clause: «… التي سبق أن وعدا بها») does not reach back."""
        if c.key.endswith(("ذكري", "ذكراه")):
            if re.search(r"(?:احياء|لاحياء|باحياء|احيا|احيت|يحيي|تحيي|بمناسبه)\s{1,3}(?:ال)?$", self.ntext[max(0, c.nstart - 12):c.nstart]):
                return False
            if any(t.cls in ("PROTEST", "RIOT") and t.strength == "core" for t in kept):
                return False
        if c.nstart < cs:
            return True  # told before the clause: it governs what follows
        last = max((t.nend for t in kept if t.strength != "hint"), default=cs)
        return c.nstart - last <= 100

    def _title_echo(self, ns: int, ne: int, para: int) -> bool:
        """A later sentence that repeats the headline (a link line or footer)."""
        if para == self.first_para or not self.doc.title:
            return False
        if self._tnorm is None:
            self._tnorm = " ".join(normalize_key(self.doc.title).split())
        t = self._tnorm
        head = t[:30].rsplit(" ", 1)[0] if len(t) > 30 else t
        return len(head) >= 15 and head in " ".join(self.ntext[ns:ne].split())

    def _aggregate_toll(self, m: Mention, kinds: set[str]) -> bool:
        """A large toll with no time of its own in an article that speaks of a campaign."""
        big = [c for c in m.casualties if c.value is not None and c.value >= 200]
        if not big or m.time is not None:
            return False
        return self.has_aggregate

    def _modality_ok(self, t: Trigger, cs: int, ce: int, scues: list[Cue]) -> bool:
        # future: «سيقصف», «ستشن»
        if t.prefix.endswith("س") and self.ntext[t.nstart:t.nstart + 1] in "يتن":
            return False
        # a topic, not a report: «مازح حول اغتيال …», «نزعة تدعم اغتيال …», «جدل بشأن قصف …»
        lw = self.ntext[max(cs, t.nstart - 14):t.nstart - len(t.prefix)].split()
        if lw and lw[-1] in _TOPIC_WORDS and t.strength != "hint":
            return False
        for c in scues:
            if c.nstart >= t.nstart or c.nstart < cs:
                continue
            gap = t.nstart - c.nend
            if c.kind == "irrealis" and gap <= 40:
                if c.key == "قد":
                    nxt = self.ntext[c.nend + 1:c.nend + 2]
                    if nxt not in ("ي", "ت", "ن"):
                        continue
                    # «كان … قد قتل», «قد تم / تعرض»: past perfect, not a possibility
                    word = self.ntext[c.nend + 1:c.nend + 8].split(" ", 1)[0]
                    if word.startswith(("تم", "تعرض", "تسبب", "تمكن")) or re.search(r"(?:^|\s)[وف]?كان(?:ت|وا)?\s", self.ntext[max(cs, c.nstart - 45):c.nstart]):
                        continue
                if c.key in ("طالب", "يجب", "ضروره") and t.cls in ("PROTEST", "RIOT"):
                    continue  # protesters demand things
                if c.key in ("محاوله", "محاولات"):
                    continue
                # a result clause in between («… لمنع تكرار …» vs «ما أسفر عن مقتل»)
                return False
            if c.kind == "negation" and gap <= 12:
                if any(o.nstart <= c.nstart and c.nend <= o.nend for o in self._trig_near(c.nstart)):
                    continue  # «طائرة بدون طيار»: part of a trigger, not a negation
                between = self.ntext[c.nend:t.nstart]
                if "،" in between:
                    continue
                if c.key in ("دون", "بدون") and t.cls in ("KILL", "INJURE"):
                    continue
                return False
            if c.kind == "denial" and gap <= 80:
                return False
        return True

    def _trig_near(self, pos: int) -> list[Trigger]:
        k = bisect.bisect_right(self._trig_starts, pos)
        return self.triggers[max(0, k - 3):k]

    def _purpose(self, t: Trigger, cs: int, scues: list[Cue]) -> bool:
        if t.prefix.endswith("ل") and not t.prefix.endswith("ال"):
            return True
        return any(c.kind == "purpose" and cs <= c.nstart < t.nstart and t.nstart - c.nend <= 25 for c in scues)

    _OBJ_PRON = ("ه", "ها", "هم", "هما")

    def _explicit(self, m: Mention) -> bool:
        """A finite trigger verb with an object pronoun («قتلهم», «هاجمته») or an agent phrase right
        after it («تم اغتصابها من قبل …», «قتل على يد …»): the clause asserts a specific act."""
        for t in m.triggers:
            if t.strength == "hint" or (t.strength != "core" and t.cls not in ("PROTEST", "ATTACK")) or (t.cls not in VIOLENT and t.cls != "PROTEST"):
                continue
            if t.strength == "core" and t.cls in ("KILL", "ATTACK", "ASSASSINATE", "SEXUAL", "EXECUTE") and t.suffix in self._OBJ_PRON or normalize_key(t.entry.phrase).endswith(("هم", "هما", "وه", "وها")):
                return True
            before = self.ntext[max(0, t.nstart - 22):t.nstart]
            after = self.ntext[t.nend:t.nend + 24]
            generic = t.strength != "core" and t.cls == "ATTACK" and not any(w in t.entry.phrase for w in ("هجوم", "اعتداء"))
            if not generic and (_EVENT_VERB_BEFORE.search(before) or _EVENT_VERB_AFTER.match(after)):
                return True
            if re.match(r"\s*(?:\S+\s)?(?:من قبل|علي يد|علي ايدي|بايدي)\s", after):
                return True
            # a perfect verb with an armed subject right after it: «فجر المهاجمون قنابلهم», «هاجم مسلحون»
            if t.strength == "core" and not t.prefix.endswith("ال") and not t.suffix and normalize_key(t.entry.phrase)[:1] not in ("ا", "م") \
                    and _ARMED_SUBJECT.match(after):
                return True
        return False

    def _quoted(self, m: Mention) -> bool:
        """The trigger is inside a quotation of its sentence (an open «"» or «« … »» before it)."""
        ns = self.norm.from_original(self.sents[bisect.bisect_right(self.sent_starts, m.start) - 1][0]) if self.sents else 0
        pre = self.ntext[ns:m.trigger.nstart]
        return pre.count('"') % 2 == 1 or pre.count("«") > pre.count("»") or pre.count("“") > pre.count("”")

    def _supported(self, m: Mention) -> bool:
        has_cas = any(c.value is not None or c.zero for c in m.casualties)
        has_side = m.actor1 is not None or m.actor2 is not None
        if self._explicit(m) and not self._quoted(m):
            return True
        place_ok = m.place_explicit and _place_rank(m.place) >= 2
        na, nb = self.norm.from_original(m.start), self.norm.from_original(m.end)
        # «أطلقت 5 صواريخ», «شنت 16 غارة»: a counted volley that was launched
        if any(t.cls in ("SHELL", "AIR", "DRONE") and _LAUNCHED.search(self.ntext, max(na, t.nstart - len(t.prefix) - 40), t.nstart - len(t.prefix)) for t in m.triggers):
            return True
        # «تجمهر الناس في الشارع الرئيسي», «تظاهروا أمام السفارة»: a protest at a named spot
        if m.cls in ("PROTEST", "RIOT") and _PROTEST_SPOT.search(self.ntext, na, nb):
            place_ok = True
        if m.strength == "core":
            if m.cls in ("KILL", "INJURE", "ATTACK", "EXPLOSION"):
                return has_cas or place_ok or m.time is not None or (m.actor1 is not None and m.actor2 is not None)
            return has_cas or m.place_explicit or place_ok or m.time is not None or has_side
        # weak; a plural generic noun («هجمات داعش») needs a toll of its own
        if all(t.entry.phrase.endswith("ات") for t in m.triggers if t.strength == "weak") and not has_cas:
            return False
        return (has_cas and (place_ok or m.time is not None or has_side)) or (m.time is not None and (place_ok or has_side))

    # ------------------------------------------------------------------ arguments
    def _arguments(self, m: Mention, s_start: int, s_end: int, trig: Trigger) -> None:
        doc = self.doc
        # place: a place of this clause after the trigger (or just before it); else the geo helper's
        place = self._clause_place(m.start, m.end, trig.start)
        m.place_explicit = place is not None
        if place is None and _locate_event is not None and self.places:
            try:
                place = _locate_event(doc, trig.start, trig.end)
            except StageTimeout:
                raise
            except Exception:  # noqa: BLE001 - a geo failure leaves the place empty
                place = None
            sp = _place_span(place) if place is not None else None
            m.place_explicit = sp is not None and m.start <= sp[0] < m.end and (
                sp[0] >= trig.start or (trig.start - sp[1] <= 40 and ("،" not in doc.text[sp[1]:trig.start] or _WHERE.match(doc.text, sp[1], trig.start)))
            )
        m.place = place
        # date: the clause's own time, else the sentence's (nearest to the trigger)
        ts = self.times_in(m.start, m.end) or ([] if self._multi else self.times_in(s_start, s_end))
        # history: the old time nearest the trigger, unless a recent one is nearer («أعاق المتظاهرون
        # البرلمان أمس في أحدث تطور لحملة بدأت قبل ستة أشهر»); an old time far after the trigger
        # (a later relative clause) does not reach back
        own = self.times_in(m.start, m.end)
        old = [t for t in own if self._old(t) and t.start - trig.end <= 100]
        if old:
            d_old = min(abs(t.start - trig.start) for t in old)
            recent = [t for t in own if not self._old(t) and abs(t.start - trig.start) < d_old]
            if not recent:
                m.historic = True
        ts = [t for t in ts if not (self._old(t) and t.start - trig.end > 100)]
        rts = [t for t in ts if self._reporting_time(t, trig)]
        ts = [t for t in ts if t not in rts]
        if ts:
            m.time = min(ts, key=lambda t: abs(t.start - trig.start) + (0 if t.start >= trig.start else 5))
        elif rts:
            m.rtime = min(rts, key=lambda t: abs(t.start - trig.start))
        # casualties of the clause; the sentence's when it has a single clause with triggers
        m.casualties = self.casualties[bisect.bisect_left(self.cas_starts, m.start):bisect.bisect_left(self.cas_starts, m.end)]
        # sides
        self._sides(m, s_start, s_end, trig)

    def _old(self, t: Any) -> bool:
        v, _ = _time_value(t)
        if not v or self.pub is None:
            return False
        try:
            return (self.pub - dt.date.fromisoformat(v)).days > HISTORY_DAYS
        except ValueError:
            return False

    def _reporting_time(self, t: Any, trig: Trigger) -> bool:
        """«قال … في بيان اليوم الأحد إن …»: the time of the statement, not of the incident."""
        left = normalize_key(self._left(t.start, 28)).split()
        if not left:
            return False
        speech = {"بيان", "تصريح", "تصريحات", "مؤتمر", "صحفي", "صحافي", "قال", "قالت", "اعلن", "اعلنت", "افاد", "افادت", "ذكر", "ذكرت", "اكد", "اكدت", "اوضح", "نقلت", "امس،", "اضاف"}
        near = left[-3:]
        if any(w in speech or w.lstrip("وف") in speech for w in near):
            # only when the incident is told after it («… إن …») or the trigger comes later
            return t.start < trig.start
        return False

    _LOC_CUES = ("في", "ب", "بلده", "مدينه", "قريه", "قري", "بلدات", "منطقه", "محافظه", "حي", "ناحيه", "قضاء", "مديريه", "قرب", "بالقرب من", "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "وسط", "ريف", "اطراف", "محيط", "مخيم", "جبهه", "محور")

    def _clause_place(self, a: int, b: int, pos: int) -> Any:
        """The place of the clause [a, b) told for the trigger at ``pos``."""
        best = None
        best_sc = -1e9
        for p in self.places_in(a, b):
            ps, pe = _place_span(p)  # type: ignore[misc]
            # («منطقة بغداد الجديدة في شرقي العاصمة، حيث أدى تفجير …»: «حيث» ties the trigger to the place before it)
            if ps < pos and (pos - pe > 40 or ("،" in self.doc.text[pe:pos] and not _WHERE.match(self.doc.text, pe, pos))):
                continue
            left = normalize_key(self._left(ps, 16)).replace("#", " ").split()
            lw = left[-1] if left else ""
            raw = normalize_key(self.doc.text[ps:pe])
            sc = -abs(ps - pos) / 40.0
            if _place_rank(p) == 0:
                sc -= 2.5  # a country is the least telling place of a clause that names a smaller one
            if re.match(r"\s{0,2}و\S", self.doc.text[pe:pe + 4]) and any(q is not p and 0 <= _place_span(q)[0] - pe <= 3 for q in self.places_in(pe, pe + 40)):  # type: ignore[index]
                sc -= 2.0  # «حول الحسكة وحلب وكوباني»: one of a list, not the place of the incident
            elif raw[:1] == "و" and any(q is not p and 0 <= ps - _place_span(q)[1] <= 3 for q in self.places_in(max(a, ps - 40), ps)):  # type: ignore[index]
                sc -= 2.0
            if lw in self._LOC_CUES or (lw[:1] in ("ل", "ب") and lw[1:] in self._LOC_CUES) or raw[:1] == "ب" or raw[:2] == "في":
                sc += 1.5
            if lw == "بين" or (raw[:1] == "و" and len(left) >= 2 and left[-1] == "بين"):
                sc -= 3
            if _BORDER_LEFT.search(" ".join(left[-3:])):
                continue  # «على الحدود مع سوريا», «المتاخمة للبيضاء»: a landmark, not the incident's place
            if lw in ("الي", "من", "نحو", "صوب", "باتجاه", "مع"):
                sc -= 1
            sc += 0.2 * _place_rank(p)
            if ps < pos:
                sc -= 0.5
            if sc > best_sc:
                best, best_sc = p, sc
        return best

    def _nearest_place(self, a: int, b: int, pos: int, s_start: int, s_end: int) -> Any:
        ps = self.places_in(a, b)
        if not ps:
            ps = self.places_in(s_start, s_end)
        if not ps:
            return None
        after = [p for p in ps if _place_span(p)[0] >= pos]  # type: ignore[index]
        pool = after or ps
        # the most specific of the nearest ones
        pool.sort(key=lambda p: (abs(_place_span(p)[0] - pos) // 40, -_place_rank(p)))  # type: ignore[index]
        return pool[0]

    def _left(self, start: int, width: int = 24) -> str:
        ns = self.norm.from_original(start)
        return self.ntext[max(0, ns - width):ns]

    _PARTICIPLE = frozenset(("مقتول", "قتيل"))

    def _participle_np(self, t: Trigger) -> tuple[int, int] | None:
        """«إن صالح الصماد، رئيس …، والمقتول بغارة …»: a killing participle after a comma describes the
        noun phrase before it (back to «إن / أن» or the clause's start): its span (original offsets)."""
        if normalize_key(t.entry.phrase) not in self._PARTICIPLE or not t.prefix.endswith("ال"):
            return None
        pre = self.ntext[max(0, t.nstart - len(t.prefix) - 4):t.nstart - len(t.prefix)]
        if not re.search(r"،\s{0,2}$", pre):
            return None
        a = max(0, t.nstart - 180)
        window = self.ntext[a:t.nstart]
        starts = [mm.end() for mm in re.finditer(r"(?:^|\s)(?:ان|إن|بان|قال|قالت|[.:؛])\s", window)]
        ns = a + (starts[-1] if starts else 0)
        os_, oe = self.norm.to_original(ns, t.nstart)
        return (os_, oe)

    def _sides(self, m: Mention, s_start: int, s_end: int, trig: Trigger) -> None:
        doc = self.doc
        acts = self.actors_in(m.start, m.end) or self.actors_in(s_start, s_end)
        # drop speakers and sources («قال الجيش إن …», «بحسب المرصد»)
        keep = []
        agents: set[int] = set()
        patients: set[int] = set()
        for t in m.triggers:
            np_ = self._participle_np(t)
            if np_ is not None:
                patients.update(id(a) for a in acts if np_[0] <= _actor_span(a)[0] < np_[1])  # type: ignore[index]
        claim = any(c.kind == "claim" for c in self.cues_in(self.norm.from_original(m.start), self.norm.from_original(m.end)))
        protest = m.cls in ("PROTEST", "RIOT") or trig.cls in ("PROTEST", "RIOT")
        for a in acts:
            if protest:
                # what a protest is against («احتجاجا على الحكومة», «أمام السفارة الأمريكية», «مطالبين الحكومة»)
                sp0 = _actor_span(a)
                if _PROTEST_TARGET.search(normalize_key(self._left(sp0[0], 40))) and (_inter(a) not in (PROTESTERS, RIOTERS)):  # type: ignore[index]
                    m.assoc2.append(a)
                    continue
            sp = _actor_span(a)
            after = self.ntext[self.norm.from_original(sp[1]):self.norm.from_original(sp[1]) + 40]  # type: ignore[index]
            left = self._left(sp[0], 30)  # type: ignore[index]
            lw = left.split()
            # a source / reporting frame is never a side («مصدر في الشرطة», «بحسب الجيش»), unless it claims the act
            if _SOURCE_FRAME.search(left) and not claim:
                continue
            # «القوات الأمريكية تعرضت لهجوم»: the subject of «تعرض ل» is the target
            if _UNDERGO_AFTER.match(after):
                patients.add(id(a))
            if lw and (lw[-1] in _SPEECH or (len(lw) > 1 and lw[-2] in _SPEECH and lw[-1] in ("ل", "عن", "الي"))):
                if sp[0] < trig.start:  # type: ignore[index]
                    continue
            # «اتهمت دمشق إسرائيل بتنفيذ الغارة», «نسب الجيش الهجوم إلى X»: the accused is the (alleged) attacker
            if (_ACCUSE_LEFT.search(left) and _ACCUSE_AFTER.match(after)) or _ASCRIBE_LEFT.search(left):
                agents.add(id(a))
                keep.append(a)
                continue
            if re.match(r"\s*(?:في بيان|،)?\s*(?:ان|إن|بان)(?:ه|ها|هم)\s", after) and sp[0] < trig.start:  # type: ignore[index]
                agents.add(id(a))
            elif re.match(r"\s*(?:في بيان|،)?\s*(?:ان|إن|بان)\s", after) and sp[0] < trig.start:  # type: ignore[index]
                continue
            if lw and lw[-1] in ("بحسب", "حسب", "وفق", "وفقا", "لدي") :
                continue
            kind = (getattr(a, "kind", None) or "").lower()
            if kind in ("person", "government", "igo", "ngo", "organisation", "organization", "media", "place"):
                # speakers, officials and institutions are sides only when a cue says so
                lft = normalize_key(self._left(sp[0], 22))  # type: ignore[index]
                if id(a) in patients:
                    pass
                elif kind == "person" and sp[0] > trig.start and self._person_victim(trig, sp[0], lft):  # type: ignore[index]
                    # «اغتالوا الإمام فلان», «استهدف موكب الشيخ فلان»: a named victim → civilians
                    patients.add(id(a))
                    victim = self._civilians(None, self._article_country(), surface=sp_text(self.doc, sp), span=getattr(a, "span", None))
                    m.assoc2.append(a)
                    a = victim
                    patients.add(id(a))
                elif not any(lft.endswith(x) for x in _AGENT_LEFT + ("مقتل", "اغتيال", "اختطاف", "اعتقال")):
                    continue
            keep.append(a)
        acts = keep
        # victims from the casualty groups
        cas_groups = [(c.group_start, c.group_end) for c in m.casualties if c.group_start is not None]
        cas_groups += [(b.group_start, b.group_end) for c in m.casualties for b in c.breakdown]
        for c in m.casualties:
            words = c.group_norm.split()
            if any(w in CIVILIAN_WORDS and w not in UNSPECIFIED_WORDS for w in words) or any(bare_forms(w)[-1] in CIVILIAN_WORDS and bare_forms(w)[-1] not in UNSPECIFIED_WORDS for w in words):
                m.victims_civilian = True
        a1 = a2 = None
        s1 = s2 = 0
        tpos = trig.start
        between_open = False
        a2_leader = False
        for a in acts:
            sp = _actor_span(a)
            left = normalize_key(self._left(sp[0], 22))  # type: ignore[index]
            inter = _inter(a)
            # «القيادي البارز في تنظيم القاعدة», «أحد عناصر داعش»: the victim's group
            member = inter in ARMED and bool(_MEMBER_OF.search(left))
            if member:
                patients.add(id(a))
            # «القيادي في تنظيم القاعدة وزعيم جماعة خراسان»: the group he leads is the more specific one
            leader = member and bool(_LEADER_OF.search(left))
            in_group = any(gs is not None and sp[0] < (ge or gs) + 1 and gs < sp[1] for gs, ge in cas_groups)  # type: ignore[index]
            victim_noun = any(left.endswith(x) or left.endswith(x + " ل") for x in ("مقتل", "بمقتل", "اصابه", "مصرع", "بمصرع"))
            if in_group or id(a) in patients or victim_noun or any(left.endswith(x) or left.endswith(x + " ل") for x in ("صفوف", "من")) and sp[0] > tpos:  # type: ignore[index]
                if a2 is None or s2 < 2 or (inter in ARMED and (_inter(a2) == CIVILIANS or (getattr(a2, "kind", None) or "").lower() == "person")) \
                        or (leader and not a2_leader and _actor_key(a) != _actor_key(a2)):
                    if a2 is not None and (_inter(a2) == CIVILIANS or leader) and inter in ARMED:
                        m.assoc2.append(a2)
                    a2, s2 = a, 2
                    a2_leader = leader
                elif _actor_key(a) != _actor_key(a2):
                    m.assoc2.append(a)
                if inter in ARMED:
                    m.victims_armed = True
                elif inter == CIVILIANS:
                    surface = [bare_forms(w)[-1] for w in normalize_key(sp_text(self.doc, sp)).split()]
                    if not all(w in UNSPECIFIED_WORDS or w in _UNSPECIFIED_EXTRA or not w for w in surface):
                        m.victims_civilian = True
                continue
            clash_before = any(t.cls in ("CLASH", "RIOT", "PROTEST") and 0 <= sp[0] - t.end <= 30 for t in m.triggers)  # type: ignore[index]
            if clash_before and (left.endswith("بين") or left.endswith("بين ال")):
                if a1 is None or s1 < 2:
                    a1, s1 = a, 2
                between_open = True
                continue
            if between_open and (left.endswith(" و") or left.endswith("و")) and (a2 is None or s2 < 2):
                raw_left = self._left(sp[0], 3)  # type: ignore[index]
                if raw_left.rstrip().endswith("و") or self.ntext[self.norm.from_original(sp[0]):self.norm.from_original(sp[0]) + 1] == "و":
                    a2, s2 = a, 2
                    between_open = False
                    continue
            if self.ntext[self.norm.from_original(sp[0]):self.norm.from_original(sp[0]) + 1] == "و" and between_open and (a2 is None or s2 < 2):  # type: ignore[index]
                a2, s2 = a, 2
                between_open = False
                continue
            if _SUPPORT_LEFT.search(left):
                # «قوات الجيش، مسنودة بالتحالف», «بدعم من …»: an ally of the side before it, not the other side
                (m.assoc1 if a1 is not None and a2 is None else m.assoc2).append(a)
                continue
            surf = normalize_key(sp_text(self.doc, sp))
            attacker_noun = any(w in surf for w in _ATTACKER_NOUNS)
            # VSO: an armed actor right after an active perfect verb is its subject («هاجم مسلحون …»)
            vso = inter in ARMED and bool(_SUBJ_VERB_END.search(left))
            if any(left.endswith(x) for x in _DEFENDER_LEFT) and a2 is None:
                a2, s2 = a, 2
                continue
            if any(left.endswith(x) for x in _AGENT_LEFT) or id(a) in agents or attacker_noun or vso:
                if a1 is None or s1 < 2:
                    a1, s1 = a, 2
                continue
            if any(left.endswith(x) for x in _PATIENT_LEFT) and sp[0] > tpos:  # type: ignore[index]
                if a2 is None or s2 < 2:
                    a2, s2 = a, 2
                if inter in ARMED:
                    m.victims_armed = True
                continue
            if inter == CIVILIANS and m.cls not in ("PROTEST", "RIOT"):
                if a2 is None:
                    a2, s2 = a, 1
                surface = [bare_forms(w)[-1] for w in normalize_key(sp_text(self.doc, sp)).split()]
                if not all(w in UNSPECIFIED_WORDS or w in _UNSPECIFIED_EXTRA for w in surface):
                    m.victims_civilian = True
                continue
            if a1 is None:
                a1, s1 = a, 1
            elif a2 is None and _actor_key(a) != _actor_key(a1):
                a2, s2 = a, 1
            elif _actor_key(a) not in (_actor_key(a1), _actor_key(a2)):
                (m.assoc1 if sp[0] < tpos else m.assoc2).append(a)  # type: ignore[index]
        if a1 is not None and a2 is not None and _actor_key(a1) == _actor_key(a2):
            a2, s2 = None, 0
        # a lone actor after a nominal killing trigger is the victim: «مقتل 8 من الحوثيين»
        if a1 is not None and a2 is None and s1 == 1 and trig.cls in ("KILL", "INJURE", "ASSASSINATE") and _actor_span(a1)[0] > trig.start and not trig.entry.phrase.startswith(("قتل", "اغتال", "هاجم")):  # type: ignore[index]
            a1, a2, s2, s1 = None, a1, 1, 0
        # «قتل 15 من تلك المليشيات»: a demonstrative toll group points back to an armed actor told before
        back, gspan = self._demonstrative_group(m)
        if back is not None and (a1 is None or _actor_key(back) != _actor_key(a1)):
            sp2 = _actor_span(a2) if a2 is not None else None
            if a2 is None or (s2 < 2 and _inter(a2) == CIVILIANS) or (sp2 is not None and gspan[0] <= sp2[0] < gspan[1] + 1):
                a2, s2 = back, 2
        # «اشتبكت القوات مع عناصر داعش لدى محاولتهم اقتحام القرى»: the side that tried to storm started it
        if a1 is not None and a2 is not None and s1 < 2 and _inter(a2) in ARMED and m.cls in ("CLASH", "KILL", "ATTACK", "STORM"):
            sp2 = _actor_span(a2)
            n2 = self.norm.from_original(sp2[1])  # type: ignore[index]
            if m.start <= sp2[0] < m.end and _ATTEMPT_AFTER.match(self.ntext, n2, min(len(self.ntext), n2 + 70)):
                a1, a2, s1, s2 = a2, a1, 2, 2
        if a2 is not None and _inter(a2) in ARMED and s2 == 2:
            m.victims_armed = True
        m.actor1, m.actor2, m.actor1_src, m.actor2_src = a1, a2, s1, s2

    _DEMONSTRATIVE_GROUP = re.compile(r"^(?:من\s)?(?:تلك|هذه|هولاء|اوليك|ذلك|هذا)\s(?:ال)?(\S{3,20})")

    def _demonstrative_group(self, m: Mention) -> tuple[Any, tuple[int, int]]:
        """The armed actor a demonstrative toll group («من تلك المليشيات», «هؤلاء المسلحين») refers to:
        the nearest earlier actor (within ~1500 characters) whose words hold the same noun."""
        for c in m.casualties:
            g = self._DEMONSTRATIVE_GROUP.match(c.group_norm or "")
            if not g or c.group_start is None:
                continue
            noun = g.group(1)
            stem = noun[:-2] if noun.endswith(("ات", "ين", "ون")) and len(noun) > 5 else noun
            k = bisect.bisect_left(self.actor_starts, c.start) - 1
            while k >= 0:
                a = self.actors[k]
                sp = _actor_span(a)
                if sp is None or c.start - sp[0] > 1500:  # type: ignore[index]
                    break
                if _inter(a) in ARMED and stem in normalize_key(sp_text(self.doc, sp)) and not (c.group_start <= sp[0] <= (c.group_end or c.group_start)):  # type: ignore[index,operator]
                    return a, (c.group_start, c.group_end or c.group_start)
                k -= 1
        return None, (0, 0)

    # ------------------------------------------------------------------ pass 2: incidents
    def incidents(self, mentions: list[Mention]) -> list[Incident]:
        incs: list[Incident] = []
        founders = [m for m in mentions if not m.retell and m.can_found]
        retells = [m for m in mentions if m.retell or not m.can_found]
        for m in founders + retells:
            best = None
            best_score = -1.0
            for inc in incs[-40:]:
                sc = self._compat(inc, m)
                if sc is not None and sc > best_score:
                    best, best_score = inc, sc
            if best is None and m.toll_update and incs:
                # a toll of «the attack» told elsewhere (a visit, a press conference) belongs to the
                # latest incident told before it, whatever place the sentence names
                before = [inc for inc in incs if inc.first.start < m.start]
                best = before[-1] if before else incs[0]
                m.place, m.place_explicit = None, False
            if best is not None:
                best.mentions.append(m)
            elif m.can_found and (not m.retell or not incs):
                incs.append(Incident([m]))
            else:
                self._t("retell-no-found", m.start)
        if not incs:
            # only retellings (trial, reaction): the first supported one founds the incident
            for m in retells:
                if not m.supported or m.status == "denied":
                    continue
                best = None
                for inc in incs:
                    if self._compat(inc, m) is not None:
                        best = inc
                        break
                if best is not None:
                    best.mentions.append(m)
                else:
                    incs.append(Incident([m]))
        for inc in incs:
            inc.mentions.sort(key=lambda x: x.start)
        incs.sort(key=lambda i: i.first.start)
        return incs

    def _inc_place(self, inc: Incident) -> Any:
        ps = [m.place for m in inc.mentions if m.place_explicit and m.place is not None]
        if not ps:
            return None
        return max(ps, key=_place_rank)

    def _inc_date(self, inc: Incident) -> tuple[str | None, int | None]:
        """The incident's most precise own date (and its precision)."""
        best: tuple[str | None, int | None] = (None, None)
        for m in inc.mentions:
            v, p = _time_value(m.time)
            if v and (best[0] is None or (p or 9) < (best[1] or 9)):
                best = (v, p)
        return best

    def _compat(self, inc_full: Incident, m: Mention) -> float | None:
        inc = Incident(inc_full.mentions[:3] + inc_full.mentions[-30:]) if len(inc_full.mentions) > 40 else inc_full
        fams = {x.family for x in inc.mentions}
        fam = m.family
        strict = fams - {_GENERIC_FAMILY}
        if fam != _GENERIC_FAMILY and strict and fam not in strict:
            # ground fighting and air strikes or shelling of one place: different events
            if not ({fam} | strict) <= {"ground", "explosion"}:
                return None
            # a bombing and fighting are one incident only when told together (same sentence) or
            # at the same named place: «انفجار عبوة … تلته اشتباكات» vs a bombing and a battle elsewhere
            # (one sentence of a long enumeration is not «told together»: the clauses must be close)
            if not any(x.sent == m.sent and min(abs(m.start - x.end), abs(x.start - m.end)) <= 160 for x in inc.mentions):
                ip0 = self._inc_place(inc)
                if not (m.place_explicit and ip0 is not None and _place_relation(ip0, m.place) in ("same", "near")):
                    return None
        # protests / arrests / withdrawals never merge with violence
        nonviol = {"protest", "arrest", "withdraw", "loot", "disrupt", "abduct"}
        # «أسر ستة وقتل 15» after «إلقاء القبض على ستة»: the fight that made the captures is one incident
        captured = (fam in ("ground", _GENERIC_FAMILY) and m.cls in VIOLENT and "ARREST" in m.classes and strict == {"arrest"}) or (
            fam == "arrest" and any("ARREST" in x.classes and x.cls in VIOLENT and x.family in ("ground", _GENERIC_FAMILY) for x in inc.mentions))
        if (fam in nonviol) != bool(strict & nonviol) and strict and not captured:
            if fam != _GENERIC_FAMILY:
                return None
        if fam == _GENERIC_FAMILY and strict & {"arrest", "withdraw", "loot", "disrupt"} and not captured:
            return None
        if fam in ("arrest", "withdraw", "loot", "disrupt") and any(x.cls in VIOLENT for x in inc.mentions) and not captured:
            return None
        if not strict and fam != _GENERIC_FAMILY:
            # a generic incident («مقتل 3») takes a specific method only from its own sentence or place
            same_sent = any(x.sent == m.sent for x in inc.mentions)
            ip0 = self._inc_place(inc)
            if not same_sent and not (m.place_explicit and ip0 is not None and _place_relation(ip0, m.place) == "same"):
                return None
        if m.prior and not any(x.prior and x.sent == m.sent for x in inc.mentions):
            return None  # «بعد أيام من تفجير …» names the earlier incident the report is compared with
        score = 0.0
        ip = self._inc_place(inc)
        # another topic segment («في سياق متصل، …»): the same incident only at the same named place
        if all(x.segment != m.segment for x in inc.mentions):
            if not (m.place_explicit and ip is not None and _place_rank(ip) >= 3 and _place_relation(ip, m.place) == "same"):
                return None
        # place
        if m.place_explicit and ip is not None:
            rel = _place_relation(ip, m.place)
            if rel == "same":
                score += 3
            elif rel in ("contains", "within", "near"):
                score += 1
            else:
                return None
        else:
            # an implied place (the paragraph's, the geo helper's) still tells the region: a clash
            # near Dhale and a capture in Abyan are two incidents even when one place is implied
            mp = m.place
            ipp = ip if ip is not None else next((x.place for x in inc.mentions if x.place is not None), None)
            if mp is not None and ipp is not None and (m.place_explicit or ip is not None) and _region_conflict(mp, ipp):
                return None
            near = any(abs(x.sent - m.sent) <= 1 or x.para == m.para for x in inc.mentions)
            if near:
                score += 1.5
            elif m.definite or not m.place_explicit:
                score += 0.5
            else:
                return None
        # date
        idate, iprec = self._inc_date(inc)
        mdate, mprec = _time_value(m.time)
        if idate and mdate:
            if idate != mdate:
                try:
                    gap = abs((dt.date.fromisoformat(idate) - dt.date.fromisoformat(mdate)).days)
                except ValueError:
                    gap = 99
                # a coarse time («هذا الشهر», «قبل أيام») contains the exact day of the same incident
                coarse = max(iprec or 1, mprec or 1)
                allowed = 1 if coarse == 1 else (7 if coarse == 2 else 31)
                if coarse == 3 and idate[:7] != mdate[:7]:
                    allowed = 1
                if gap > allowed:
                    return None
                score -= 0.5
            else:
                score += 1
        # different tolls told far apart: different incidents
        mk = {c.value for c in m.casualties if c.kind == "killed" and c.value}
        ik = {c.value for x in inc.mentions for c in x.casualties if c.kind == "killed" and c.value}
        if mk and ik and not (mk & ik) and not any(c.update for c in m.casualties):
            if not any(abs(x.sent - m.sent) <= 1 for x in inc.mentions):
                return None
            # «كما انفجرت سيارة مفخخة في …، ما أدى إلى مقتل أربعة»: «also» with a toll of its own is another incident
            if m.sent != inc.mentions[-1].sent and _ALSO.match(self.ntext, self.norm.from_original(self._sent_start(m)), self.norm.from_original(m.end)):
                return None
        # sides
        a1s = {_actor_key(x.actor1) for x in inc.mentions if x.actor1 is not None and x.actor1_src >= 2}
        if m.actor1 is not None and a1s and _actor_key(m.actor1) not in a1s:
            a2s = {_actor_key(x.actor2) for x in inc.mentions if x.actor2 is not None}
            if _actor_key(m.actor1) not in a2s and m.actor1_src == 2:
                return None
            score -= 0.5
        # distance in text
        last = inc.mentions[-1]
        score -= min(abs(m.sent - last.sent), 10) * 0.05
        return score

    # ------------------------------------------------------------------ pass 3: fields
    def build(self, incs: list[Incident]) -> list[Event]:
        doc = self.doc
        events: list[Event] = []
        pub_iso = self.pub.isoformat() if self.pub else None
        country = self._article_country()
        for inc in incs:
            ms = inc.mentions
            classes = inc.classes()
            founders = [m for m in ms if not m.retell] or ms
            spec = [m for m in founders if m.family != _GENERIC_FAMILY]
            spec.sort(key=lambda m: m.cls not in VIOLENT)  # a fight with captures is a fight
            if spec and spec[0].cls not in VIOLENT and any(m.cls in VIOLENT for m in founders):
                spec = []  # captures told with a killing («أسر ستة وقتل 15»): the killing sets the type
            if spec:
                cls = spec[0].cls
                fam = spec[0].family
                for m in ms:  # «تفجير» then «انتحاري»: the more specific method of the same family
                    if m.family == fam and PRIORITY.get(m.cls, 0) > PRIORITY.get(cls, 0) and fam in ("explosion", "air"):
                        cls = m.cls
            else:
                viol = [m.cls for m in founders if m.cls in VIOLENT]
                cls = max(viol or [m.cls for m in founders], key=lambda c: PRIORITY.get(c, 0))
            # place
            place = self._inc_place(inc)
            place_ms = [m for m in ms if m.place_explicit and m.place is place]
            if place is None:
                place = next((m.place for m in ms if m.place is not None), None)
            if place is None:
                place = self._governing_place(ms[0])
            # date
            date = prec = None
            date_span = None
            # the founders' own times: an exact day beats «قبل أيام», a week or a month
            for m in founders:
                v, p = _time_value(m.time)
                if v and (date is None or (p or 9) < (prec or 9)):
                    date, prec, date_span = v, p, m.time
            if date is None:
                # only the day the incident was announced («أعلن الجيش، الأحد، عن مقتل …»)
                for m in founders:
                    v, p = _time_value(m.rtime)
                    if v and self.pub is not None and v <= self.pub.isoformat():
                        date, prec, date_span = v, p, m.rtime
                        break
            if date is None:
                gov = self._governing_time(founders[0])
                if gov is not None:
                    date, prec = _time_value(gov)
                    date_span = gov
                    prec = max(prec or 1, 2)
            if date is None and pub_iso:
                date, prec = pub_iso, 2
            # history: older than a month before publication, or in the future
            if date and self.pub:
                try:
                    d = dt.date.fromisoformat(date)
                    if (self.pub - d).days > HISTORY_DAYS:
                        self._t("old-date", ms[0].start)
                        continue
                except ValueError:
                    pass
            # sides
            a1 = a2 = None
            s1 = s2 = 0
            for m in ms:
                if m.actor1 is not None and m.actor1_src > s1:
                    a1, s1 = m.actor1, m.actor1_src
                if m.actor2 is not None and m.actor2_src > s2:
                    a2, s2 = m.actor2, m.actor2_src
            if a1 is not None and a2 is not None and _actor_key(a1) == _actor_key(a2):
                if s2 >= s1:
                    # the victims of a toll / a cued target stay actor2; take the next attacker
                    alt1 = [(m.actor1, m.actor1_src) for m in ms if m.actor1 is not None and _actor_key(m.actor1) != _actor_key(a2)]
                    a1 = max(alt1, key=lambda x: x[1])[0] if alt1 else None
                else:
                    alt = next((m.actor2 for m in ms if m.actor2 is not None and _actor_key(m.actor2) != _actor_key(a1)), None)
                    a2 = alt
            # a country's forces do not attack their own forces: the weaker-cued side was a bystander
            if a1 is not None and a2 is not None and _inter(a1) == _inter(a2) == 1 and getattr(a1, "country", None) and getattr(a1, "country", None) == getattr(a2, "country", None):
                if s1 <= s2:
                    a1 = None
            # no named attacker: the nationality of the weapon («صواريخ إسرائيلية», «غارة أمريكية»)
            if a1 is None:
                a1 = self._weapon_force(ms, a2)
            victims_civ = any(m.victims_civilian for m in ms)
            victims_armed = any(m.victims_armed for m in ms)
            # casualties
            killed, injured, kspans, ispans, groups = self._tolls(ms, a1, a2, place)
            if killed is None:
                one = self._named_killed(ms)
                if one is not None:
                    killed, kspans = 1, [one]
            if a2 is None and victims_civ and not victims_armed:
                a2 = self._civilians(place, country)
            trig_words = tuple(normalize_key(t.entry.phrase) for m in ms for t in m.triggers)
            # status: reported unless every telling is a claim / allegation
            statuses = {m.status for m in ms}
            status = "reported" if "reported" in statuses else ("claimed" if "claimed" in statuses else "alleged")
            et, st = decide_type(cls, classes, a1, a2, victims_civilian=victims_civ, victims_armed=victims_armed,
                                 trigger_words=trig_words, killed=killed)
            if st == "Attack" and a2 is None and not victims_armed:
                # ACLED: the victims of violence against civilians are civilians, named or not
                a2 = self._civilians(place, country)
            # civilians are those of the place they were struck at («قصف جرابلس على الحدود مع تركيا»)
            piso = getattr(place, "iso3", None) if place is not None else None
            if a2 is not None and _inter(a2) == CIVILIANS and piso and getattr(a2, "country", None) not in (None, piso):
                a2 = self._civilians(place, country, surface=getattr(a2, "name_ar", None), span=getattr(a2, "span", None))
            # a bomb with no named perpetrator: an unidentified armed group (ACLED's convention)
            if a1 is None and st in _UNCLAIMED_BOMB and status != "claimed":
                a1 = self._unidentified(place, country)
            ev = Event(id="", event_type=et, sub_event_type=st, disorder_type="Political violence")
            ev.event_date, ev.time_precision = date, prec
            ev.actor1, ev.actor2 = a1, a2
            ev.assoc_actor_1 = _dedupe([x for m in ms for x in m.assoc1], (a1, a2))
            ev.assoc_actor_2 = _dedupe([x for m in ms for x in m.assoc2], (a1, a2))
            ev.location = place
            ev.fatalities, ev.injured = killed, injured
            ev.casualties_by_group = groups
            ev.status = status
            ev.civilian_targeting = False
            method = self._method(cls, ms)
            ev.weapon = method or None
            # evidence
            evd: dict[str, list[Span]] = {}
            for m in ms:
                for t in m.triggers:
                    if t.strength != "hint" or t.cls == cls:
                        sp = _span(doc, t.start, t.end)
                        if sp:
                            evd.setdefault("trigger", []).append(sp)
            for key, actor in (("actor1", a1), ("actor2", a2)):
                if actor is not None and getattr(actor, "span", None) is not None:
                    evd[key] = [actor.span]
            if place is not None and getattr(place, "span", None) is not None:
                evd["location"] = [place.span]
            if date_span is not None:
                sp = _span(doc, date_span.start, date_span.end)
                if sp:
                    evd["event_date"] = [sp]
            if kspans:
                evd["fatalities"] = kspans
            if ispans:
                evd["injured"] = ispans
            if method:
                wsp = [_span(doc, t.start, t.end) for m in ms for t in m.triggers if t.entry.method == method]
                evd["weapon"] = [s for s in wsp if s][:3]
            ev.evidence = evd
            from hadath.extract.coding import civilian_targeting

            ev.civilian_targeting = civilian_targeting(et, a2, victims_civ and not victims_armed)
            apply_coding(ev, method)
            ev.confidence = self._confidence(inc, ev)
            ev.source_statement = None
            events.append(ev)
            self._inc_of[id(ev)] = inc
        events = self._drop_sums(events)
        self._mark_main(events)
        for k, ev in enumerate(events, 1):
            ev.id = f"e{k}"
        return events

    def _drop_sums(self, events: list[Event]) -> list[Event]:
        """«مقتل 24 مدنيا في بعقوبة» then «… مقتل ستة» and «… مقتل 18»: a lead toll that is the sum of
        incidents told after it in the same region is a summary, not another incident."""
        if len(events) < 3:
            return events
        out = []
        for ev in events:
            if not ev.fatalities or ev.fatalities < 2:
                out.append(ev)
                continue
            inc = self._inc_of[id(ev)]
            adm = (getattr(ev.location, "admin1", None) or "").lower()
            parts = [o for o in events if o is not ev and o.fatalities and self._inc_of[id(o)].first.start > inc.mentions[-1].start
                     and (getattr(o.location, "admin1", None) or "").lower() == adm]
            found = False
            if adm and 2 <= len(parts) <= 4:
                import itertools

                for r in range(2, len(parts) + 1):
                    for combo in itertools.combinations(parts, r):
                        if sum(o.fatalities for o in combo) == ev.fatalities and (
                                not ev.injured or sum(o.injured or 0 for o in combo) == ev.injured):
                            found = True
                            break
                    if found:
                        break
            if found:
                self._t("sum-of-incidents", inc.first.start)
                continue
            out.append(ev)
        return out

    def _method(self, cls: str, ms: list[Mention]) -> str | None:
        for m in ms:
            for t in m.triggers:
                if t.cls == cls and t.entry.method:
                    return t.entry.method
        for m in ms:
            for t in m.triggers:
                if t.entry.method and PRIORITY.get(t.cls, 0) >= PRIORITY.get(cls, 0):
                    return t.entry.method
        return None

    def _tolls(self, ms: list[Mention], a1: Any, a2: Any, place: Any = None) -> tuple[int | None, int | None, list[Span], list[Span], list[CasualtyGroup]]:
        doc = self.doc
        cas = []
        seen = set()
        # a coarser telling («30 killed in bombings across Iraq») does not set a town's toll
        rank = _place_rank(place)
        fine = [m for m in ms if not (m.place_explicit and _place_rank(m.place) < rank)]
        if any(c.value is not None for m in fine for c in m.casualties):
            ms = fine
        for m in ms:
            for c in m.casualties:
                if id(c) not in seen:
                    seen.add(id(c))
                    cas.append(c)
        out: dict[str, int | None] = {}
        spans: dict[str, list[Span]] = {"killed": [], "injured": []}
        groups: list[CasualtyGroup] = []
        for kind in ("killed", "injured"):
            cs = [c for c in cas if c.kind == kind]
            if not cs:
                out[kind] = None
                continue
            vals = [c for c in cs if c.value is not None]
            if not vals:
                out[kind] = None
                continue
            upd = [c for c in vals if c.update]
            if upd:
                best = max(upd, key=lambda c: c.value or 0)
                total = best.value
                chosen = [best]
            else:
                # per victim group: the highest figure; sum of distinct groups vs unspecified totals
                by_group: dict[str, Casualty] = {}
                unspecified: list[Casualty] = []
                for c in vals:
                    gkey = self._group_key(c)
                    if not gkey:
                        unspecified.append(c)
                        continue
                    if gkey not in by_group or (c.value or 0) > (by_group[gkey].value or 0):
                        by_group[gkey] = c
                summed = sum(c.value or 0 for c in by_group.values())
                top_unspec = max(unspecified, key=lambda c: c.value or 0) if unspecified else None
                if top_unspec is not None and (top_unspec.value or 0) >= summed:
                    total = top_unspec.value
                    chosen = [top_unspec]
                else:
                    total = summed
                    chosen = list(by_group.values())
            out[kind] = total
            for c in chosen:
                sp = _span(doc, c.start, c.end)
                if sp:
                    spans[kind].append(sp)
            if kind == "killed":
                src = max(vals, key=lambda c: (len([b for b in c.breakdown if b.value is not None]), len(c.breakdown), c.value or 0))
                seen_g: set[str] = set()
                for b in src.breakdown:
                    actor = self._group_actor(b.group_start, b.group_end, b.group_norm, a1, a2)
                    if actor is not None and _actor_key(actor) not in seen_g:
                        seen_g.add(_actor_key(actor))
                        groups.append(CasualtyGroup(group=actor, killed=b.value))
        return out["killed"], out["injured"], spans["killed"], spans["injured"], groups

    def _group_key(self, c: Casualty) -> str:
        words = [bare_forms(w)[-1] for w in c.group_norm.split()]
        words = [w for w in words if w not in UNSPECIFIED_WORDS and w not in ("من", "في", "علي", "بين")]
        if not words:
            return ""
        if c.group_start is not None:
            acts = self.actors_in(c.group_start, (c.group_end or c.group_start) + 1)
            if acts:
                return "actor:" + _actor_key(acts[0])
        if any(w in CIVILIAN_WORDS for w in words):
            return "civilians"
        return " ".join(words[:1])

    def _group_actor(self, gs: int, ge: int, gnorm: str, a1: Any, a2: Any) -> Any:
        acts = self.actors_in(gs, ge + 1)
        if acts:
            return acts[0]
        words = [bare_forms(w)[-1] for w in gnorm.split()]
        if any(w in CIVILIAN_WORDS and w not in UNSPECIFIED_WORDS for w in words) or any(w in CIVILIAN_WORDS and w not in UNSPECIFIED_WORDS for w in gnorm.split()):
            return self._civilians(None, self._article_country())
        return None

    _COUNTRY_NAMES = {
        "IRQ": "Iraq", "SYR": "Syria", "YEM": "Yemen", "LBY": "Libya", "EGY": "Egypt", "TUR": "Turkey",
        "SAU": "Saudi Arabia", "AFG": "Afghanistan", "LBN": "Lebanon", "PSE": "Palestine", "ISR": "Israel",
        "SOM": "Somalia", "SDN": "Sudan", "TUN": "Tunisia", "DZA": "Algeria", "MAR": "Morocco", "JOR": "Jordan",
        "KWT": "Kuwait", "BHR": "Bahrain", "IRN": "Iran", "PAK": "Pakistan", "NGA": "Nigeria", "MLI": "Mali",
        "FRA": "France", "GBR": "United Kingdom", "USA": "United States", "MYS": "Malaysia",
    }

    def _article_country(self) -> str | None:
        try:
            from hadath.geo.geoparse import article_countries  # type: ignore

            cs = article_countries(self.doc)
            if cs:
                return cs[0]
        except StageTimeout:
            raise
        except Exception:  # noqa: BLE001
            pass
        for p in self.places:
            iso = getattr(p, "iso3", None)
            if iso:
                return iso
        return None

    def _named_killed(self, ms: list[Mention]) -> Span | None:
        """«مقتل محسن الفضلي», «اغتيال الشيخ فلان»: one named person killed (no figure given)."""
        for m in ms:
            if m.status != "reported":
                continue
            for t in m.triggers:
                if t.cls not in ("KILL", "ASSASSINATE") or t.strength == "hint":
                    continue
                np_ = self._participle_np(t)
                if np_ is not None:  # «فلان، …، والمقتول بغارة»
                    persons = [a for a in self.actors_in(*np_) if (getattr(a, "kind", None) or "").lower() == "person"]
                    if persons:
                        return _span(self.doc, _actor_span(persons[0])[0], t.end)  # type: ignore[index]
                    continue
                if not normalize_key(t.entry.phrase).startswith(("مقتل", "مصرع", "اغتيال")) or t.suffix:
                    continue
                for a in self.actors_in(t.end, t.end + 40):
                    sp = _actor_span(a)
                    if (getattr(a, "kind", None) or "").lower() == "person" and sp is not None and sp[0] - t.end <= 12 \
                            and not re.search(r"[،,0-9٠-٩]", self.doc.text[t.end:sp[0]]):
                        return _span(self.doc, t.start, sp[1])
                    break
        return None

    def _unidentified(self, place: Any, country: str | None) -> Actor:
        iso = (getattr(place, "iso3", None) if place is not None else None) or country
        cname = (getattr(place, "country", None) if place is not None else None) or self._COUNTRY_NAMES.get(iso or "", iso)
        name = f"Unidentified Armed Group ({cname})" if cname else "Unidentified Armed Group"
        return Actor(name=name, inter=3, country=iso, kind="unidentified")

    def _weapon_force(self, ms: list[Mention], a2: Any) -> Any:
        """«صواريخ يرجح أنها إسرائيلية», «غارة أمريكية»: the state whose weapon struck."""
        for m in ms:
            if m.family not in ("air", "shell", "explosion", _GENERIC_FAMILY):
                continue
            na, nb = self.norm.from_original(m.start), self.norm.from_original(m.end)
            for mm in _WEAPON_NAT.finditer(self.ntext, na, nb):
                iso, cname = _NISBA[mm.group(1)]
                name = f"Military Forces of {cname}"
                if a2 is not None and (getattr(a2, "country", None) == iso or _actor_key(a2) == name.lower()):
                    continue
                a0 = mm.start() + (len(mm.group()) - len(mm.group().lstrip()))
                sp = _span(self.doc, *self.norm.to_original(a0, mm.end()))
                return Actor(name=name, name_ar=sp.text if sp is not None and hasattr(sp, "text") else None, inter=1, country=iso, kind="state_force", span=sp)
        return None

    def _civilians(self, place: Any, country: str | None, surface: str | None = None, span: Any = None) -> Actor:
        iso = (getattr(place, "iso3", None) if place is not None else None) or country
        cname = (getattr(place, "country", None) if place is not None else None) or self._COUNTRY_NAMES.get(iso or "", iso)
        name = f"Civilians ({cname})" if cname else "Civilians"
        return Actor(name=name, name_ar=surface, inter=CIVILIANS, country=iso, kind="civilians", span=span)

    _VICTIM_LEFT = ("موكب", "منزل", "سياره", "مكتب", "استهدف", "استهدفت", "استهدفوا", "استهداف", "اغتيال", "اغتالوا", "اغتالت", "اغتال",
                    "اختطاف", "خطف", "خطفوا", "اختطفوا", "اختطفت", "مقتل", "قتل", "قتلوا", "اصابه", "ضد", "علي")

    def _person_victim(self, trig: Trigger, pos: int, lft: str) -> bool:
        """A named person right after a violent trigger (or a victim cue) is its victim."""
        if trig.cls not in _VICTIM_TRIGGER:
            return False
        between = self.doc.text[trig.end:pos]
        if len(between) > 45 or "،" in between or "," in between or re.search(r"\s(?:ان|أن|إن|قال|قالت)\s", " " + between + " "):
            return False
        words = lft.split()
        if words and words[-1] in ("بحسب", "حسب", "وفق", "وفقا", "قال", "قالت", "اعلن", "اعلنت", "لدي", "باسم"):
            return False
        return True

    def _governing_place(self, m: Mention) -> Any:
        """No place in the clause: the nearest place before it in the paragraph, else the title's."""
        k = bisect.bisect_left(self.place_starts, m.start)
        if k > 0:
            return self.places[k - 1]  # the nearest before it (same paragraph or earlier)
        k = bisect.bisect_left(self.place_starts, m.start)
        return self.places[k] if k < len(self.places) else None

    def _governing_time(self, m: Mention) -> Any:
        """The time of an earlier incident mention in the same paragraph (series, lead + details)."""
        para_start = self.para_start.get(m.para, 0)
        # «وأوضح المصدر أن …», «وأضاف …»: the same report goes on, its lead's time still governs
        ss = self.sents[bisect.bisect_right(self.sent_starts, m.start) - 1][0] if self.sents else m.start
        if _CONTINUES.match(normalize_key(self.doc.text[ss:ss + 30])) and m.para - 1 in self.para_start:
            para_start = self.para_start[m.para - 1]
        k = bisect.bisect_left(self.time_starts, m.start)
        if k > 0 and self.times[k - 1].start >= para_start and not self._old(self.times[k - 1]):
            return self.times[k - 1]
        return None

    def _confidence(self, inc: Incident, ev: Event) -> float:
        c = 0.35
        if any(m.strength == "core" for m in inc.mentions):
            c += 0.15
        if ev.location is not None:
            c += 0.15
        if ev.actor1 is not None:
            c += 0.1
        if ev.fatalities is not None or ev.injured is not None:
            c += 0.1
        if len(inc.mentions) > 1:
            c += 0.05
        if ev.status != "reported":
            c -= 0.1
        return max(0.05, min(0.95, c))

    # ------------------------------------------------------------------ pass 4: main
    def _mark_main(self, events: list[Event]) -> None:
        if not events:
            return
        title = self.doc.title or ""
        tnorm = normalize_key(title)
        tfams: set[str] = set()
        tnums: set[int] = set()
        if title:
            tv = normalize_view(title)
            for t in find_triggers(self.doc, tv):
                if t.strength != "hint":
                    tfams.add(FAMILY.get(t.cls, _GENERIC_FAMILY))
            tnums = {int(x) for x in re.findall(r"\d+", tnorm)[:5]}
        best = None
        best_sc = -1e9
        for ev in events:
            inc: Incident = self._inc_of[id(ev)]
            sc = 0.0
            loc = ev.location
            if loc is not None and title:
                nar = normalize_key(getattr(loc, "name_ar", "") or "")
                if nar and len(nar) >= 3 and (nar in tnorm or (nar.startswith("ال") and nar[2:] in tnorm)):
                    sc += 3
            fams = {m.family for m in inc.mentions}
            if fams & {"air", "shell"}:
                fams = fams | {"air", "shell"}
            if min(m.sent for m in inc.mentions) == min((s[2] for s in self.sents), default=0):
                sc += 1
            if tfams & fams:
                sc += 1.5
            elif _GENERIC_FAMILY in tfams and fams & {"explosion", "ground", "air", "shell"}:
                sc += 0.5
            if ev.fatalities is not None and ev.fatalities in tnums:
                sc += 1.5
            first = min(m.sent for m in inc.mentions)
            if any(m.in_title_para for m in inc.mentions):
                sc += 2
            elif any(m.para == self.first_para + 1 for m in inc.mentions):
                sc += 1
            sc -= min(first, 20) * 0.1
            if ev.event_type == "Strategic developments":
                sc -= 2.5
            if ev.status != "reported":
                sc -= 0.5
            sc += 0.1 * len(inc.mentions)
            if sc > best_sc:
                best, best_sc = ev, sc
        for ev in events:
            ev.main = ev is best

    # ------------------------------------------------------------------ run
    def run(self) -> list[Event]:
        if not self.triggers:
            return []
        ms = self.mentions()
        if not ms:
            return []
        return self.build(self.incidents(ms))


def sp_text(doc: Document, sp: tuple[int, int] | None) -> str:
    return doc.text[sp[0]:sp[1]] if sp else ""


def _dedupe(actors: list[Any], exclude: tuple[Any, ...]) -> list[Any]:
    keys = {_actor_key(a) for a in exclude if a is not None}
    out = []
    for a in actors:
        k = _actor_key(a)
        if k and k not in keys:
            keys.add(k)
            out.append(a)
    return out


def extract_events_from(doc: Document) -> list[Event]:
    """The incidents of a processed Document (does not modify it)."""
    return _Extractor(doc).run()


@stage("events.rules.v1", requires=("tokens", "numbers", "times"), assigns=("events",))
def events_stage(doc: Document) -> Document:
    """Fill ``doc.events`` with the incidents the article reports."""
    doc.events = extract_events_from(doc)
    return doc

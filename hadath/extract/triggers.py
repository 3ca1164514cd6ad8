"""Event triggers and the cues around them (modality, claims, accidents, history).

The trigger lexicon is ``hadath/data/events/triggers.tsv`` (phrase, class, default ACLED type and
sub-type, PLOVER-style method, strength). Both matchers are built once per process.

* ``core`` triggers can found an incident («اشتباكات», «غارة», «انفجرت», «مقتل», «اختطاف» …);
* ``weak`` ones only with support (a place, a toll, a date or a named side: «هجوم», «معركة»);
* ``hint`` ones only refine the method of a clause («طيران», «مقاتلات»).

:func:`find_triggers` returns :class:`Trigger` objects (original spans, class, strength);
:func:`find_cues` the modality and context cues of :data:`CUES`.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from hadath.arabic.lexmatch import PhraseMatcher
from hadath.document import Document

#: class priority when several triggers share a clause (the most specific method wins)
PRIORITY: dict[str, int] = {
    "SUICIDE": 100, "CHEM": 95, "DRONE": 92, "AIR": 90, "GRENADE": 85, "IED": 80, "SHELL": 75,
    "EXPLOSION": 70, "TERR": 62, "ABDUCT": 58, "SEXUAL": 57, "CLASH": 55, "ASSASSINATE": 52,
    "EXECUTE": 51, "RIOT": 50, "PROTEST": 48, "SHOOT": 45, "STORM": 40, "ATTACK": 38,
    "WITHDRAW": 36, "ARREST": 35, "LOOT": 34, "DISRUPT": 33, "KILL": 30, "INJURE": 20, "CROWD": 10,
}
#: classes that describe a violent incident (the rest: arrests, withdrawals, looting, disrupted weapons)
VIOLENT = frozenset(
    "SUICIDE CHEM DRONE AIR GRENADE IED SHELL EXPLOSION TERR ABDUCT SEXUAL CLASH ASSASSINATE "
    "EXECUTE RIOT SHOOT STORM ATTACK KILL INJURE".split()
)
#: families used when merging mentions: same family (or a generic one) may be one incident
FAMILY: dict[str, str] = {
    "SUICIDE": "explosion", "IED": "explosion", "EXPLOSION": "explosion", "GRENADE": "explosion",
    "CHEM": "chem", "AIR": "air", "DRONE": "air", "SHELL": "shell", "CLASH": "ground", "TERR": "ground",
    "STORM": "ground", "SHOOT": "generic", "ATTACK": "generic", "KILL": "generic", "INJURE": "generic",
    "ASSASSINATE": "generic", "EXECUTE": "generic", "ABDUCT": "abduct", "SEXUAL": "generic",
    "PROTEST": "protest", "RIOT": "protest", "CROWD": "protest", "ARREST": "arrest",
    "WITHDRAW": "withdraw", "LOOT": "loot", "DISRUPT": "disrupt",
}


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    phrase: str
    cls: str
    event_type: str
    sub_event_type: str
    method: str
    strength: str  # core | weak | hint


@dataclass(slots=True)
class Trigger:
    """A trigger found in the text (original offsets)."""

    start: int
    end: int
    stem_start: int
    stem_end: int
    entry: TriggerEntry
    prefix: str = ""
    suffix: str = ""
    nstart: int = 0
    nend: int = 0

    @property
    def cls(self) -> str:
        return self.entry.cls

    @property
    def strength(self) -> str:
        return self.entry.strength


@lru_cache(maxsize=1)
def load_lexicon() -> tuple[TriggerEntry, ...]:
    """The trigger lexicon (``hadath/data/events/triggers.tsv``)."""
    path = resources.files("hadath").joinpath("data/events/triggers.tsv")
    rows: list[TriggerEntry] = []
    with path.open(encoding="utf-8") as f:
        lines = [ln for ln in f if not ln.startswith("#")]
    for r in csv.DictReader(lines, delimiter="\t"):
        if not r.get("phrase"):
            continue
        rows.append(
            TriggerEntry(
                r["phrase"].strip(), r["class"].strip(), r["event_type"].strip(),
                r["sub_event_type"].strip(), (r.get("method") or "").strip(), (r.get("strength") or "core").strip(),
            )
        )
    return tuple(rows)


@lru_cache(maxsize=1)
def trigger_matcher() -> PhraseMatcher[TriggerEntry]:
    return PhraseMatcher([(e.phrase, e) for e in load_lexicon()], allow_prefix=True, allow_suffix=True)


def find_triggers(doc: Document, text_view=None) -> list[Trigger]:  # type: ignore[no-untyped-def]
    """Longest non-overlapping trigger matches; one entry per span (highest priority class)."""
    view = text_view if text_view is not None else doc.norm
    out: list[Trigger] = []
    by_span: dict[tuple[int, int], Trigger] = {}
    for m in trigger_matcher().find(view):
        e = m.payload
        t = Trigger(m.start, m.end, m.stem_start, m.stem_end, e, m.prefix, m.suffix, m.nstart, m.nend)
        k = (m.nstart, m.nend)
        old = by_span.get(k)
        if old is None or _rank(e) > _rank(old.entry):
            by_span[k] = t
    out = sorted(by_span.values(), key=lambda t: t.nstart)
    text = view.text
    upto = -1
    for t in out:
        # «تمكنوا من تفجير 163 عبوة ناسفة»: destroying a counted stock of devices is disrupted weapons use
        m = _COUNTED_DEVICES.match(text, t.nend) if t.cls in ("IED", "EXPLOSION") else None
        if m is not None or (t.nstart < upto and t.cls in ("IED", "EXPLOSION")):
            e = t.entry
            t.entry = TriggerEntry(e.phrase, "DISRUPT", "Strategic developments", "Disrupted weapons use", "", "core")
            if m is not None:
                upto = m.end()
    return out


_COUNTED_DEVICES = re.compile(
    r"\s{1,3}(?:\d[\d,.]*|عدد من|العديد من|عشرات|مئات|كميه من|كميات من)\s{1,3}(?:من\s{1,3})?(?:ال)?(?:عبو|لغم|الغام|قنبل|ذخاير|مخلفات|متفجرات)"
)


def _rank(e: TriggerEntry) -> tuple[int, int]:
    return ({"core": 2, "weak": 1, "hint": 0}.get(e.strength, 0), PRIORITY.get(e.cls, 0))


# ----------------------------------------------------------------------------- cues
#: cue type → phrases (normalised on load). Checked around each trigger by events.py.
CUES: dict[str, tuple[str, ...]] = {
    # plans, threats, warnings, conditions: not (yet) an event
    "irrealis": (
        "سوف", "هدد", "هددت", "يهدد", "تهدد", "هددوا", "يهددون", "توعد", "توعدت", "يتوعد", "تتوعد",
        "تهديد", "تهديدات", "التهديدات", "يعتزم", "تعتزم", "اعتزام", "ينوي", "تنوي", "يخطط", "تخطط",
        "خطط", "التخطيط", "مخطط", "مخططا", "لشن", "لتنفيذ", "للقيام", "بهدف", "يستعد", "تستعد",
        "استعدادا", "حذر من", "حذرت من", "يحذر من", "تحذر من", "تحذير من", "مخاوف من", "خشية", "قد",
        "ربما", "لو", "اذا", "في حال", "في حالة", "احتمال", "محتمل", "لمنع", "تكرار", "يمكن",
        "لمواجهة", "للتصدي", "لصد", "اي هجوم", "لن", "ضد اي", "يجب", "ضرورة", "دعا الى", "دعت الى", "يدعو الى", "تدعو الى", "دعوا الى", "دعوة الى",
        "طالب", "لمكافحة", "مكافحة", "محاربة", "ضد الارهاب", "الحرب على", "محاولة", "محاولات",
        "احباط", "احبطت", "افشال", "افشلت", "للمشاركة في", "سعيا", "بغية", "وعد", "يريد", "تريد",
        "نية", "النية", "بنية", "نيته", "نيتها", "نيتهم",
        "توقف عن", "يتوقف عن", "التوقف عن", "الكف عن", "يكف عن", "كف عن", "امتنع عن", "يمتنع عن", "وقف",
    ),
    "negation": ("لم", "لا", "ليس", "ليست", "عدم", "ما لم", "دون", "بدون", "ولا"),
    "denial": ("نفي", "نفت", "ينفي", "تنفي", "نفوا", "كذب", "كذبت", "عار عن الصحة", "لا صحة", "نفيه"),
    "claim": (
        "تبنى", "تبنت", "تبنوا", "يتبنى", "تتبنى", "اعلن مسؤوليته", "اعلنت مسؤوليتها", "اعلن مسؤوليتهم",
        "مسؤوليته عن", "مسؤوليتها عن", "تبناها", "تبناه", "تبناهما", "اللذين تبناهما",
    ),
    "alleged": (
        "انباء عن", "انباء", "تقارير عن", "تقارير غير مؤكدة", "غير مؤكدة", "يعتقد", "يرجح", "يرجح انها",
        "زعم", "زعمت", "مزاعم", "يزعم", "تزعم", "اتهم", "اتهمت", "يتهم", "تتهم", "معلومات عن",
        "يشتبه", "يشتبه في", "مزعوم", "المزعوم", "ادعى", "ادعت", "نسبت",
    ),
    "history": (
        "ذكرى", "الذكرى", "ذكراه", "في ذكرى", "ابان", "عام 2014", "في السابق", "قبل سنوات", "منذ سنوات",
        "قبل عامين", "قبل اعوام", "العام الماضي", "السنوات الماضية", "تاريخيا", "الحرب العالمية",
        "سبق ان", "سبق له", "سبق لها", "سبق لهم", "كما حدث", "مثلما حدث", "كما جرى", "مثلما جرى",
    ),
    "aggregate": (
        "منذ بدء", "منذ بداية", "منذ اندلاع", "منذ مطلع", "منذ دخول", "منذ اكثر من", "منذ انطلاق",
        "خلال الاشهر", "خلال الاسابيع", "خلال العام", "خلال الشهر", "حتى الان", "الاشهر الماضية",
        "الاسابيع الماضية", "السنوات الماضية", "حصيلة القتلى منذ", "الاشهر الاخيرة", "منذ مارس",
        "منذ يناير", "منذ شهور", "منذ اشهر", "خلال اسبوعين", "مسؤول عن", "مسؤولة عن", "المسؤول عن",
        "مسؤولون عن", "الحرب الاهلية", "مسؤولية مقتل", "مسؤولية قتل", "مسؤولية اغتيال", "المسؤولية عن مقتل", "منذ تفجرت", "منذ اندلعت", "حتى الآن", "اجمالي", "الحصيلة الاجمالية",
    ),
    "condemn": (
        "ادان", "ادانت", "يدين", "ندين", "تدين", "استنكر", "استنكرت", "نستنكر", "شجب", "شجبت",
        "تعازينا", "تعازيه", "تعازيها", "عزى", "معزيا", "يستنكر", "تستنكر", "نعزي",
    ),
    "accident": (
        "حادث مروري", "حادث سير", "حوادث مرورية", "حادثا مروريا", "حادث مرور", "حوادث السير",
        "تصادم", "اصطدام", "غرق", "الغرق", "غرقا", "حريق", "الحريق", "حرائق", "زلزال", "فيضان",
        "فيضانات", "سيول", "انهيار مبنى", "عطل فني", "تسمم", "بكتيريا", "وباء", "صعقة كهربائية",
        "محرك", "محركها", "محركيها", "تحطم طائرة", "تحطمت", "اسطوانة غاز", "تسرب غاز", "ماس كهربائي",
        "انقلاب سيارة", "انقلاب حافلة", "الهبوط الاضطراري", "حادث", "حوادث", "مروري", "مرورية",
        "وفاة طبيعية", "الاعاصير", "اعصار", "غاز الاعصاب",
    ),
    "sport": (
        "مباراة", "المباراة", "المنتخب", "الملعب", "مهاجم الفريق", "اللاعب", "كرة القدم", "الشوط",
        "ركلة جزاء", "حارس المرمى",
    ),
    "judicial": (
        "محاكمة", "المحاكمة", "التحقيق", "تحقيق", "التحقيقات", "المتهم", "المتهمين", "متهما",
        "المشتبه", "مشتبه", "الادعاء", "النيابة", "ادين", "ادانة", "اعترف",
        "اعترافات", "في هذا الاعتداء", "في هذا الهجوم", "منفذي", "منفذ", "المنفذين",
    ),
    "verbal": (
        "متهما", "واصفا", "منتقدا", "انتقد", "انتقدت", "قائلا", "تصريحات", "بتصريحات", "انتقادات", "لاذعا",
        "كلامي", "اعلامي", "اعلاميا", "اتهامات",
    ),
    "purpose": ("من اجل", "لاجل", "بهدف", "سعيا", "في محاولة", "لمحاولة", "محاولة", "محاولتهم"),
    "result": ("اسفر عن", "اسفرت عن", "ادى الى", "ادت الى", "مما ادى", "ما ادى", "ما اسفر", "مما اسفر", "خلف", "خلفت", "اوقع", "اوقعت"),
}


@dataclass(slots=True)
class Cue:
    kind: str
    start: int
    end: int
    nstart: int
    nend: int
    key: str


@lru_cache(maxsize=1)
def cue_matcher() -> PhraseMatcher[str]:
    items = [(p, kind) for kind, phrases in CUES.items() for p in phrases]
    return PhraseMatcher(items, allow_prefix=True, allow_suffix=True, min_len=2)


def find_cues(doc: Document) -> list[Cue]:
    """All modality / context cues of the document (sorted by position)."""
    out = []
    text = doc.norm.text
    for m in cue_matcher().find(doc.norm, longest=False):
        # «الحكومة المنتخبة», «البرلمان المنتخب»: elected, not the national team
        if m.payload == "sport" and m.key.endswith("منتخب") and (
                getattr(m, "suffix", "") or re.search(r"(?:حكومه|برلمان|رييس|مجلس|نواب|سلطه|سلطات)\s{0,2}$", text[max(0, m.nstart - 16):m.nstart])):
            continue
        out.append(Cue(m.payload, m.start, m.end, m.nstart, m.nend, m.key))
    out.sort(key=lambda c: c.nstart)
    return out

"""Temporal expressions in Arabic news, and the publication date when metadata lacks it.

Two stages:

* ``times`` (:func:`times_stage`) fills ``doc.times`` with
  :class:`~hadath.document.TimeExpression`, resolved against ``doc.reference_date``
  (``published``, else ``retrieved``; when there is none, relative expressions get
  ``value=None``).
* ``pubdate`` (:func:`pubdate_stage`) fills ``doc.published`` / ``doc.published_basis`` from
  the text when metadata lacks them, then re-resolves ``doc.times``.

Everything is matched on the normalised view ``doc.norm`` (أإآ→ا, ة→ه, ى→ي, ئ→ي, digits
ASCII) with precompiled regexes and mapped back to the original text, so
``doc.text[t.start:t.end] == t.text``. A proclitic (و ف ب ل) before an expression is left out
of its span.

Kinds and resolution
--------------------
``absolute``  «3 ديسمبر 2021», «الثالث من كانون الأول/ديسمبر», «يوليو (تموز)», 3/12/2021,
              2021-12-03, "December 3, 2021", "3 December 2021". Without a year: the
              nearest occurrence on or before the reference date, allowing 7 days of
              future (announced events); ``anchor_needed=True``.
``month``     «ديسمبر 2021», «في ديسمبر الماضي», «شهر ديسمبر»; ``precision="month"``, value the
              15th (the middle of the period, as ACLED codes imprecise dates), never after
              the reference date for the current month. A bare month name counts only
              after «شهر/في/خلال/منذ/حتى/مطلع…» (``مارس``, ``ماي``, ``آب`` are also words).
``year``      «عام 2014», «منذ 2014», «العام الماضي», «السنة الماضية», «العام الجاري»;
              ``precision="year"``, value 1 July (clamped to the reference date).
``hijri``     «15 رمضان 1436 هـ», «الأول من محرم»: converted with ``hijridate`` (Umm al-Qura);
              a Hijri month needs a day or a year («صفر» a year: «3 صفر» is a score).
              Without a year: nearest past, as above. «عام 1436 هـ»: precision year.
``weekday``   «الجمعة», «يوم الجمعة», «اليوم الجمعة» → the latest such day on or before the
              reference date; «… الماضي/الماضية» strictly before; «… المقبل/القادم» after.
``deictic``   أمس/البارحة/بالأمس (−1), أول أمس/أول من أمس/أمس الأول (−2), اليوم (0),
              غدا/الغد/يوم غد (+1), بعد غد (+2), الليلة الماضية (−1, night),
              الليلة قبل الماضية (−2, night), الليلة (0, night).
``relative``  «قبل ثلاثة أيام/يومين/أسبوع/شهر/عامين», «قبل أيام» (≈3 days, precision week),
              الأسبوع الماضي/الجاري/المقبل (±7 days, precision week), الشهر الماضي/الجاري/
              المقبل (precision month).
``duration``  «منذ ثلاثة أيام», «منذ سنوات», «الأشهر/السنوات الماضية», «العامين الماضيين»:
              ``value=None``.

Days of a relative month (kind ``absolute``): «الثامن من الشهر الجاري/الحالي», «يوم 8 من
الشهر الماضي», «العشرين من الشهر المقبل», «السابع عشر من هذا الشهر» (digits need «من»).
For the current month a day after the reference date is taken from the month before (the
reference is often later than the text). «هذا الشهر الفضيل/الكريم» (Ramadan) is not a month.

``range``     «بين 3 و5 ديسمبر», «من 3 إلى 5 ديسمبر», «3-5 ديسمبر», «(خلال) الفترة من 28
              نوفمبر إلى 2 ديسمبر 2021», «بين الثالث والخامس من ديسمبر», «ما بين العشرين
              والخامس والعشرين من الشهر الحالي»: ONE expression whose span runs from «الفترة/
              بين/من» to the end, ``value`` = the first day, ``precision`` "week" when the
              range spans at most 7 days, "month" up to 32 days, else "year". The year and
              month of the first day default to those of the last; without a year the last
              day is placed as an ``absolute`` date and the first day before it.
``relative``  (more) «بعد ثلاثة أيام/أسبوعين/أيام» (ref + N, the precision of «قبل …»);
              «بعد يومين من/على …» counts from another event: ``value=None``.
              Stretches up to now (or from now): «اليومين الماضيين» (−1), «الأيام الماضية»
              (−3), «الأيام الثلاثة الماضية» (−⌈N/2⌉), «الأسبوعين الماضيين» (−7), «الأيام
              المقبلة» (+3): the middle of the stretch, ``precision`` "week" up to 7 days,
              "month" up to 31; «الساعات الماضية», «الساعات القليلة الماضية» → the reference
              date, «الـ24 ساعة الماضية», «الساعات الـ24 الماضية», «آخر 24 ساعة» → the day
              before (precision day); 48 hours and more → −N/48 days, precision week.
              «نهاية/مطلع/منتصف الأسبوع الماضي»: weeks start on Saturday; early = Sunday,
              mid = Tuesday, late = Friday of that week (precision week).
``clock``     «الساعة العاشرة صباحا», «في تمام الساعة 10:30 مساء», «الساعة الثالثة والنصف فجرا»,
              «الساعة 22:15». A clock time right before or after a day-level expression (only
              spaces, commas and عند/في/من/حوالي/نحو/حتى/منذ between: «أمس الساعة العاشرة
              صباحا», «الساعة العاشرة من صباح أمس», «الساعة الواحدة ظهرا ليوم الخميس») is
              merged into it: ONE expression of that kind, its span grown over the clock, its
              ``time_of_day`` from «صباحا/مساء/…» (or a 24-hour hour ≥ 13) when it had none.
              Otherwise it is its own ``kind="clock"`` expression, ``precision="day"``,
              ``value`` the day of the nearest day-precision expression before it in the same
              sentence (≤ 120 characters, no . ! ? ؟ or line break between), else the reference
              date (``anchor_needed=True``). The hour itself is not stored (it is in ``text``).
``hijri``     (more) feasts: «عيد الفطر» (1 Shawwal), «عيد الأضحى» (10 Dhu al-Hijja), with
              «المبارك», a Hijri year («عيد الأضحى 1442») or a Gregorian one («عيد الفطر
              2021»: the feast falling in that year), «الماضي/المقبل»; else the nearest one on
              or before the reference date (7 days of future allowed). ``precision="week"``
              (sighting differs from Umm al-Qura by a day or two, and the feast lasts days);
              «أول/ثاني/ثالث/رابع أيام عيد …» give that day (``precision="day"``), «آخر أيام
              عيد …» the last (3rd / 4th) day, week. «أول أيام (شهر) رمضان» = 1 Ramadan (day),
              «آخر أيام رمضان» = 29 Ramadan (week).

Weekday nights: «ليلة الخميس الجمعة», «ليل الخميس - الجمعة», «ليلة السبت على الأحد» → the
first day, ``time_of_day="night"`` (kind ``weekday``).

Period words before a month or year expression (مطلع/مستهل/بداية/أوائل → day 5,
منتصف/أواسط → 15, أواخر/نهاية/آخر → 25; for a year: January, July, December) are taken
into the span and give ``precision="month"``. Parts of the day before or after a day-level
expression (فجر/صباح/ظهر/عصر/مساء/ليل/ليلة + …, «… صباحا/مساء/ليلا») set ``time_of_day``
(dawn, morning, noon, afternoon, evening, night) and are taken into the span.

Not covered: Hijri month names without a day or a year, two-digit years, lists of days
(«10 و11 و12 شوال»), clock times without «الساعة» («في العاشرة صباحا»).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from hadath.arabic.normalize import normalize_key
from hadath.arabic.numbers import cardinal_words, extend_over_marks, parse_numbers
from hadath.document import Document, TimeExpression
from hadath.pipeline import stage

__all__ = [
    "find_times",
    "resolve_times",
    "times_stage",
    "pubdate_stage",
    "infer_published",
    "MONTHS",
    "WEEKDAYS",
]


def _n(s: str) -> str:
    return normalize_key(s)


def _alt(words: Any) -> str:
    """A regex alternation of normalised literals, longest first."""
    keys = sorted({_n(w) for w in words}, key=len, reverse=True)
    return "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in keys)


# ----------------------------------------------------------------------------- lexicons
_MONTH_WORDS = {
    1: "يناير|كانون الثاني|جانفي",
    2: "فبراير|شباط|فيفري",
    3: "مارس|آذار",
    4: "أبريل|إبريل|ابريل|نيسان|أفريل",
    5: "مايو|أيار|ماي",
    6: "يونيو|يونيه|حزيران|جوان",
    7: "يوليو|يوليه|تموز|جويلية",
    8: "أغسطس|آب|أوت|اغسطس",
    9: "سبتمبر|أيلول",
    10: "أكتوبر|تشرين الأول",
    11: "نوفمبر|تشرين الثاني",
    12: "ديسمبر|كانون الأول",
}
MONTHS: dict[str, int] = {_n(w): m for m, ws in _MONTH_WORDS.items() for w in ws.split("|")}
# month words that are also ordinary words: need a day or a year (and «آب» its madda)
_WEAK_MONTHS = frozenset({_n("مارس"), _n("ماي"), _n("آب"), _n("أوت")})

_HIJRI_WORDS = {
    1: "محرم",
    2: "صفر",
    3: "ربيع الأول",
    4: "ربيع الآخر|ربيع الثاني",
    5: "جمادى الأولى|جمادى الأول",
    6: "جمادى الآخرة|جمادى الآخر|جمادى الثانية|جمادى الثاني",
    7: "رجب",
    8: "شعبان",
    9: "رمضان",
    10: "شوال",
    11: "ذو القعدة|ذي القعدة",
    12: "ذو الحجة|ذي الحجة",
}
HIJRI_MONTHS: dict[str, int] = {_n(w): m for m, ws in _HIJRI_WORDS.items() for w in ws.split("|")}

WEEKDAYS: dict[str, int] = {  # Python weekday(): Monday = 0
    _n("الاثنين"): 0, _n("الإثنين"): 0, _n("الثلاثاء"): 1, _n("الأربعاء"): 2, _n("الخميس"): 3,
    _n("الجمعة"): 4, _n("السبت"): 5, _n("الأحد"): 6,
}

_EN_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

_ORD_UNITS = ["الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع"]
_ORD_UNITS_TEEN = ["الحادي", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع"]
DAY_WORDS: dict[str, int] = {}
for _i, _w in enumerate(_ORD_UNITS, 1):
    DAY_WORDS[_n(_w)] = _i
DAY_WORDS[_n("العاشر")] = 10
for _i, _w in enumerate(_ORD_UNITS_TEEN, 1):
    DAY_WORDS[_n(f"{_w} عشر")] = 10 + _i
    DAY_WORDS[_n(f"{_w} والعشرين")] = 20 + _i
DAY_WORDS[_n("العشرين")] = 20
DAY_WORDS[_n("الثلاثين")] = 30
DAY_WORDS[_n("الحادي والثلاثين")] = 31
DAY_WORDS[_n("الواحد والثلاثين")] = 31
DAY_WORDS[_n("الواحد والعشرين")] = 21

_TOD = {
    "فجر": "dawn", "صباح": "morning", "ضحى": "morning", "ظهر": "noon", "ظهيرة": "noon",
    "عصر": "afternoon", "مساء": "evening", "عشية": "evening", "مغرب": "evening",
    "ليل": "night", "ليلة": "night", "منتصف ليل": "night", "منتصف ليلة": "night",
}
TOD: dict[str, str] = {_n(k): v for k, v in _TOD.items()}
_TOD_AFTER: dict[str, str] = {
    _n(k): v for k, v in {"صباحا": "morning", "مساء": "evening", "مساءا": "evening", "ليلا": "night",
                          "فجرا": "dawn", "ظهرا": "noon", "عصرا": "afternoon", "صباحاً": "morning"}.items()
}
_PERIOD = {
    "مطلع": "early", "مستهل": "early", "بداية": "early", "بدايات": "early", "أوائل": "early",
    "منتصف": "mid", "أواسط": "mid", "أواخر": "late", "نهاية": "late", "آخر": "late", "أواخر": "late",
}
PERIOD: dict[str, str] = {_n(k): v for k, v in _PERIOD.items()}
_PERIOD_DAY = {"early": 5, "mid": 15, "late": 25}
_PERIOD_MONTH = {"early": 1, "mid": 7, "late": 12}

_PAST = {_n(w) for w in ("الماضي", "الماضية", "المنصرم", "المنصرمة", "الفائت", "الفائتة", "السابق", "الماضيين")}
_NEXT = {_n(w) for w in ("المقبل", "المقبلة", "القادم", "القادمة", "المقبلين", "القادمين")}
_CURR = {_n(w) for w in ("الجاري", "الجارية", "الحالي", "الحالية")}
_MODS = _alt(list(_PAST | _NEXT | _CURR))

# time units for «قبل N …» / «منذ N …»: (unit, count implied by the word or None)
_UNITS = {
    "يوم": ("day", 1), "يوما": ("day", None), "أيام": ("day", None), "يومين": ("day", 2), "يومان": ("day", 2),
    "أسبوع": ("week", 1), "أسبوعا": ("week", None), "أسابيع": ("week", None), "أسبوعين": ("week", 2),
    "شهر": ("month", 1), "شهرا": ("month", None), "أشهر": ("month", None), "شهور": ("month", None),
    "شهرين": ("month", 2),
    "عام": ("year", 1), "عاما": ("year", None), "أعوام": ("year", None), "عامين": ("year", 2),
    "سنة": ("year", 1), "سنوات": ("year", None), "سنين": ("year", None), "سنتين": ("year", 2),
    "ساعة": ("hour", 1), "ساعات": ("hour", None), "ساعتين": ("hour", 2),
}
UNITS: dict[str, tuple[str, int | None]] = {_n(k): v for k, v in _UNITS.items()}

# ----------------------------------------------------------------------------- regexes
_MONTH_ALT = _alt(MONTHS)
_HIJRI_ALT = _alt(HIJRI_MONTHS)
_WD_ALT = _alt(WEEKDAYS)
_DAYW_ALT = _alt(DAY_WORDS)
_UNIT_ALT = _alt(UNITS)
_TENS_ALT = _alt(["عشرين", "عشرون", "ثلاثين", "ثلاثون", "أربعين", "أربعون", "خمسين", "خمسون", "ستين", "ستون",
                   "سبعين", "سبعون", "ثمانين", "ثمانون", "تسعين", "تسعون"])
_CLITIC = r"(?<!\w)(?:[وفبل]|وب|فب|لل)?"
_SEP = r"(?:\s*[,،]\s*|\s+)"
_YEAR_KW = r"(?:(?:من\s+)?(?:" + _alt(["عام", "العام", "سنة", "السنة"]) + r")\s+)?"
_NOT_AFTER_DAYWORD = r"(?<!كانون\s)(?<!تشرين\s)(?<!ربيع\s)(?<!جمادي\s)"
# «النصف الثاني من ديسمبر» is the second half, not the 2nd
_NOT_PART = r"(?<!النصف\s)(?<!الاسبوع\s)(?<!الربع\s)(?<!الثلث\s)(?<!العشر\s)"


def _mp(name: str) -> str:
    """A month, optionally paired with its other name: «تموز/يوليو», «يوليو (تموز)»."""
    return (
        rf"(?P<{name}>{_MONTH_ALT})(?:\s*/\s*(?P<{name}b>{_MONTH_ALT})"
        rf"|\s*\(\s*(?P<{name}c>{_MONTH_ALT})\s*\)|\s+(?P<{name}d>{_MONTH_ALT}))?"
    )


_WD_PREFIX = rf"(?:(?:يوم\s+)?(?P<pwd>{_WD_ALT}){_SEP})?"

# what stands before a month name to make it a full date: [weekday] [يوم] day [من]
_RE_DAY_HEAD = re.compile(
    r"(?:^|[^\w])(?:[وفبل]|وب|فب|لل)?(?P<head>" + _WD_PREFIX + r"(?:يوم\s+)?" + _NOT_AFTER_DAYWORD + _NOT_PART
    + rf"(?P<d>[0-9]{{1,2}}|{_DAYW_ALT}))\s+(?:من\s+)?$"
)
_RE_MONTH = re.compile(
    _CLITIC + r"(?P<core>(?:شهر\s+)?" + _mp("m")
    + rf"(?:{_SEP}{_YEAR_KW}(?P<y>[0-9]{{4}})(?![0-9])|\s+(?P<mod>{_MODS}))?)(?!\w)"
)
_RE_NUMERIC = re.compile(
    r"(?<![0-9A-Za-z/.\-])(?P<core>(?P<d>[0-9]{1,2})(?P<s>[/.\-])(?P<m>[0-9]{1,2})(?P=s)(?P<y>[0-9]{4}))(?![0-9]|[/.\-][0-9])"
)
_RE_ISO = re.compile(
    r"(?<![0-9A-Za-z/.\-])(?P<core>(?P<y>[0-9]{4})(?P<s>[/\-])(?P<m>[0-9]{1,2})(?P=s)(?P<d>[0-9]{1,2}))(?![0-9]|[/.\-][0-9])"
)
_EN_ALT = "|".join(sorted(_EN_MONTHS, key=len, reverse=True))
_RE_EN = re.compile(
    rf"(?<![A-Za-z0-9])(?P<core>(?:(?P<m>{_EN_ALT})\.?\s+(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>[0-9]{{4}})"
    rf"|(?P<d2>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_EN_ALT})\.?,?\s+(?P<y2>[0-9]{{4}})))(?![0-9])",
    re.IGNORECASE,
)
# cheap gates (no look-behind, so the engine skips quickly): run a pattern only if they hit
_RE_GATE_MONTH = re.compile(_MONTH_ALT)
_RE_GATE_WEEKDAY = re.compile(_WD_ALT)
_RE_GATE_DEICTIC = re.compile("امس|اليوم|الليله|البارحه|غد")
_RE_GATE_NUMERIC = re.compile(r"[0-9][/.\-][0-9]")
_RE_GATE_YEAR = re.compile(r"[0-9]{4}")
_RE_ASCII_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ,.]{6,}")
_RE_HIJRI = re.compile(
    _CLITIC + r"(?P<core>" + _NOT_AFTER_DAYWORD
    + rf"(?:(?P<d>[0-9]{{1,2}}|{_DAYW_ALT})\s+(?:من\s+)?(?:شهر\s+)?)?(?P<m>{_HIJRI_ALT})"
    + rf"(?:{_SEP}{_YEAR_KW}(?P<y>[0-9]{{4}}))?(?:\s*(?P<h>ه)(?!\w))?)(?!\w)"
)
_RE_YEAR = re.compile(
    r"(?<!\w)(?:[وفبل]|لل)?(?P<core>(?:(?P<kw>" + _alt(["عام", "العام", "سنة", "السنة", "عامي"]) + r")\s+)?"
    r"(?P<y>[0-9]{4})(?:\s*(?P<h>ه|م)(?!\w))?)(?![0-9\w])"
)
_RE_YEAR_PREP = re.compile(r"(?:^|[^\w])[وفب]?(?:منذ|في|خلال|حتي|مطلع|منتصف|اواخر|نهايه|بدايه)\s+$")
_RE_YEAR_REL = re.compile(
    _CLITIC + r"(?P<core>(?:(?P<this>هذا|هذه)\s+)?(?P<u>" + _alt(["العام", "السنة", "عام", "سنة"]) + r")"
    + r"(?:\s+(?P<bef>قبل))?" + rf"(?:\s+(?P<mod>{_MODS}))?)(?!\w)"
)
_RE_WEEK_MONTH_REL = re.compile(
    _CLITIC + r"(?P<core>(?:(?P<this>هذا|هذه)\s+)?(?P<u>" + _alt(["الأسبوع", "الشهر", "الاسبوع"]) + r")"
    + rf"(?:\s+(?P<mod>{_MODS}))?)(?!\w)(?!\s+(?:الفضيل|الكريم|المبارك))"  # «هذا الشهر الفضيل»: Ramadan
)
_RE_DEICTIC = re.compile(
    _CLITIC + r"(?P<core>(?P<w>"
    + _alt([
        "الليلة قبل الماضية", "الليلة الماضية", "الليلة المنصرمة", "هذه الليلة", "الليلة",
        "أول من أمس", "أول أمس", "أمس الأول", "يوم أمس", "أمس", "الأمس", "البارحة",
        "اليوم", "يوم غد", "بعد غد", "غدا", "الغد",
    ])
    + rf")(?:{_SEP}(?P<wd>{_WD_ALT}))?)(?!\w)(?!\s+(?:التالي|السابق|الاول|الثاني|الذي|نفسه|العالمي|الوطني|الدولي))"
)
_RE_WEEKDAY = re.compile(
    _CLITIC + rf"(?P<core>(?:يوم\s+)?(?P<wd>{_WD_ALT})(?:\s+(?P<mod>{_MODS}))?)(?!\w)"
)
_RE_AGO = re.compile(  # proclitic checked in code (a literal start scans fast)
    r"(?P<core>(?P<p>قبل|منذ|بعد)\s+(?:(?P<n>[0-9]+|"
    + _alt(["بضعة", "عدة", "بضع"])
    + "|(?:" + _alt(cardinal_words()) + r")(?:\s+عشره?|\s+و(?:" + _TENS_ALT + r"))?)\s+)?(?P<u>"
    + _UNIT_ALT
    + r"))(?!\w)(?!\s+[0-9])"
)
_RE_TOD_BEFORE = re.compile(
    r"(?:^|[^\w])[وفب]?(?P<tod>" + _alt(TOD) + r")\s+(?:من\s+)?(?:يوم\s+)?$"
)
_RE_PERIOD_BEFORE = re.compile(
    r"(?:^|[^\w])[وفب]?(?P<per>" + _alt(PERIOD) + r")\s+(?:شهر\s+)?$"
)
_RE_BARE_MONTH_PREV = re.compile(
    r"(?:^|[^\w])[وفب]?(?:في|خلال|منذ|حتي|بين|قبل|بعد|" + _alt(PERIOD) + r")\s+$"
)
_RE_TODAY_WD = re.compile(r"(?<!\w)اليوم(?:\s*[,،]\s*|\s+)(?P<wd>" + _WD_ALT + r")(?!\w)")
_RE_POST_LINE = re.compile(r"^\s*[\u2014\u2013\-]+\s")
_RE_NEAR_HANDLE = re.compile(r"\(@\w+\)|@\w+")

# --- «ليلة الخميس الجمعة», «ليل الخميس - الجمعة», «ليلة الخميس على الجمعة»
_RE_NIGHT_WD = re.compile(
    rf"(?P<core>ليله?\s+(?P<wd1>{_WD_ALT})(?:\s*[-/\u2013]\s*|\s+(?:علي|الي)\s+|\s+)(?P<wd2>{_WD_ALT}))(?!\w)"
)
# --- the start of a range before a day-and-month head: «بين 3 و», «من 28 نوفمبر إلى», «3-»
_RE_RANGE_HEAD = re.compile(
    r"(?:^|[^\w])[وفب]?(?P<rs>(?:(?:الفتره|المده)\s+(?:الممتده\s+)?)?(?:(?:ما\s+)?(?P<p>بين|من)\s+(?:يوم\s+)?)?"
    + rf"(?P<d1>[0-9]{{1,2}}|{_DAYW_ALT})(?:\s+(?:من\s+)?(?:شهر\s+)?" + _mp("m1")
    + rf"(?:{_SEP}{_YEAR_KW}(?P<y1>[0-9]{{4}}))?)?"
    + r"\s*(?P<c>و|الي|حتي|-|\u2013)\s*(?:يوم\s+)?)$"
)
# --- «اليومين الماضيين», «الأيام الماضية», «الساعات الـ24 الماضية», «الأيام الثلاثة المقبلة», «آخر 48 ساعة»
_LAST_PAST = _alt(["الماضي", "الماضية", "الماضيين", "الماضيتين", "المنصرم", "المنصرمة", "المنصرمين", "الفائتة",
                   "الأخيرة", "الأخير", "الأخيرين", "الأخيرتين"])
_LAST_NEXT = _alt(["المقبل", "المقبلة", "المقبلين", "المقبلتين", "القادم", "القادمة", "القادمين"])
_CARD_ALT = _alt(cardinal_words())
_RE_LAST = re.compile(
    _CLITIC + r"(?P<core>(?:ال(?:(?P<n1>[0-9]{1,3})\s*)?(?P<u>" + _UNIT_ALT + r")"
    + rf"(?:\s+ال(?P<n2>[0-9]{{1,3}}|{_CARD_ALT})|\s+(?P<few>القليله|القليلين))?"
    + rf"\s+(?:(?P<past>{_LAST_PAST})|(?P<next>{_LAST_NEXT}))"
    + rf"|(?P<last>اخر)\s+(?P<n3>[0-9]{{1,3}}|{_CARD_ALT})\s+(?P<u3>{_UNIT_ALT})))(?!\w)"
)
# --- clock times: «الساعة العاشرة صباحا», «في تمام الساعة 10:30 مساء», «الساعة الثالثة والنصف فجرا»
_HOUR_WORDS = {
    "الواحدة": 1, "الثانية": 2, "الثالثة": 3, "الرابعة": 4, "الخامسة": 5, "السادسة": 6, "السابعة": 7,
    "الثامنة": 8, "التاسعة": 9, "العاشرة": 10, "الحادية عشرة": 11, "الحادية عشر": 11,
    "الثانية عشرة": 12, "الثانية عشر": 12,
}
HOUR_WORDS: dict[str, int] = {_n(k): v for k, v in _HOUR_WORDS.items()}
_CLOCK_AP = {
    "صباحا": "morning", "صباح": "morning", "مساء": "evening", "مساءا": "evening", "ليلا": "night", "فجرا": "dawn",
    "ظهرا": "noon", "عصرا": "afternoon", "بعد الظهر": "afternoon", "بعد الظهيرة": "afternoon",
    "بعد منتصف الليل": "night", "منتصف الليل": "night",
}
CLOCK_AP: dict[str, str] = {_n(k): v for k, v in _CLOCK_AP.items() if k != "صباح"}
_RE_CLOCK = re.compile(  # starts with a literal (fast scan); proclitic and «في تمام» checked before it
    r"(?P<core>الساعه\s+(?:(?P<hh>[0-9]{1,2})(?:[:.](?P<mm>[0-9]{2}))?(?![0-9.:])"
    + rf"|(?P<hw>{_alt(HOUR_WORDS)}))"
    + r"(?:\s+(?P<frac>و\s*(?:ال)?(?:نصف|ربع|ثلث)|الا\s+(?:ربعا|ربع|الربع|ثلثا|ثلث|الثلث)))?"
    + rf"(?:\s+(?P<ap>{_alt(CLOCK_AP)}))?)(?!\w)"
)
_RE_CLOCK_PRE = re.compile(r"(?:^|[^\w])(?:[وفبل]|وب|فب|لل)?(?P<pre>(?:في\s+)?تمام\s+)$")
# gap allowed between a clock time and the day expression it belongs to
_RE_CLOCK_GAP = re.compile(r"[\s,،]{0,4}(?:و?(?:عند|في|من|حوالي|نحو|قرابه|منذ|حتي)\s{1,3}){0,3}[لب]?$")  # bounded: linear
# --- feasts: «عيد الفطر», «ثاني أيام عيد الأضحى 1442», «آخر أيام رمضان», «أول أيام شهر رمضان المبارك»
_RE_FEAST = re.compile(
    r"(?P<core>(?:عيد\s+(?P<which>الفطر|الاضحي)(?:\s+المبارك)?|(?P<ram>رمضان(?:\s+المبارك)?))"
    + rf"(?:{_SEP}{_YEAR_KW}(?P<y>[0-9]{{4}})(?:\s*ه(?!\w))?|\s+(?P<mod>{_MODS}))?)(?!\w)"
)
_RE_FEAST_PRE = re.compile(
    r"(?:^|[^\w])(?:[وفبل]|وب|فب|لل)?(?P<pre>(?P<nth>اول|ثاني|ثالث|رابع|اخر)\s+ايام\s+(?:شهر\s+)?|شهر\s+)$"
)
_RE_SENT_BREAK = re.compile(r"[.!?؟\n]")


# ----------------------------------------------------------------------------- candidates
@dataclass(slots=True)
class _Cand:
    ns: int
    ne: int
    kind: str
    spec: tuple[Any, ...]
    prio: int
    tod: str | None = None
    period: str | None = None
    explicit_year: bool = False


def _month_of(m: re.Match[str], name: str) -> int | None:
    return MONTHS.get(" ".join(m.group(name).split()))


def _day_of(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    return DAY_WORDS.get(" ".join(s.split()))


def _count_of(s: str | None) -> float | None:
    if s is None:
        return None
    s = " ".join(s.split())
    if s.isdigit():
        return float(s)
    if s in (_n("بضعة"), _n("عدة"), _n("بضع")):
        return 3.0
    nums = parse_numbers(s)
    if len(nums) == 1 and nums[0].kind == "cardinal" and nums[0].end - nums[0].start >= len(s) - 2:
        return nums[0].value
    return None


def _madda_ok(doc: Document, m: re.Match[str], group: str) -> bool:
    """«آب» (August) must be written with its madda (else it is «أب», father)."""
    if m.group(group) is None or " ".join(m.group(group).split()) != _n("آب"):
        return True
    s, e = doc.norm.to_original(m.start(group), m.end(group))
    return "آ" in doc.text[s:e]


_NTH_DAY = {"اول": 0, "ثاني": 1, "ثالث": 2, "رابع": 3}


def _left_ok(text: str, s: int) -> bool:
    """``s`` starts a word, allowing up to two proclitic letters (و ف ب ل) before it."""
    k = s
    while k > 0 and s - k < 2 and text[k - 1] in "وفبل":
        k -= 1
    return k == 0 or not (text[k - 1].isalnum() or text[k - 1] == "_")
_RE_AFTER_EVENT = re.compile(r"\s{1,3}(?:من|علي)(?!\w)")
_RE_GATE_LAST = re.compile("الماضي|المنصرم|الفائت|الاخير|المقبل|القادم|اخر")


def _hour_tod(hh: int, digits: bool) -> str | None:
    """The part of the day of a clock hour without «صباحا/مساء» (24-hour digits only)."""
    if not digits or hh < 13 and hh != 0:
        return None
    if hh < 17:
        return "afternoon"
    if hh < 21:
        return "evening"
    return "night"


def _range_before(
    doc: Document, text: str, hs: int, d2: int, y2: int | None, m2: int, rel: str | None, end: int
) -> _Cand | None:
    """A range «بين 3 و5 ديسمبر» / «من 28 نوفمبر إلى 2 ديسمبر» / «3-5 ديسمبر» whose second
    day-and-month starts at ``hs``; None if the text before it does not open a range."""
    r = _RE_RANGE_HEAD.search(text, max(0, hs - 64), hs) if hs > 0 else None
    if r is None:
        return None
    p, c = r.group("p"), r.group("c")
    if not ((p == "بين" and c == "و") or (p == "من" and c != "و") or (p is None and c in "-\u2013")):
        return None
    if p is None and not r.group("d1").isdigit():
        return None
    d1 = _day_of(r.group("d1"))
    m1 = _month_of(r, "m1") if r.group("m1") else None
    if d1 is None or not 1 <= d1 <= 31 or (r.group("m1") and (m1 is None or not _madda_ok(doc, r, "m1"))):
        return None
    if m1 is None and d1 >= d2:
        return None
    y1 = int(r.group("y1")) if r.group("y1") else None
    return _Cand(r.start("rs"), end, "range", ("range", y1, m1, d1, y2, m2, d2, rel), 1, explicit_year=y2 is not None)


_CACHE: OrderedDict[int, tuple[Any, list[_Cand]]] = OrderedDict()
_CACHE_SIZE = 8


def _candidates(doc: Document) -> list[_Cand]:
    """The (resolution-independent) candidates of a document, cached on its normalised view."""
    norm = doc.norm
    hit = _CACHE.get(id(norm))
    if hit is not None and hit[0] is norm:
        return hit[1]
    cands = _find_candidates(doc)
    _CACHE[id(norm)] = (norm, cands)
    while len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return cands


def _find_candidates(doc: Document) -> list[_Cand]:
    text = doc.norm.text
    out: list[_Cand] = []

    for m in _RE_MONTH.finditer(text) if _RE_GATE_MONTH.search(text) else ():
        mo = _month_of(m, "m")
        if mo is None or not _madda_ok(doc, m, "m"):
            continue
        y = int(m.group("y")) if m.group("y") else None
        mod = m.group("mod")
        rel = None if mod is None else ("past" if mod in _PAST else "next" if mod in _NEXT else "curr")
        core = m.group("core")
        ms = m.start("core")
        window = text[max(0, ms - 48) : ms]
        head = _RE_DAY_HEAD.search(window) if window else None
        if head is not None:
            d = _day_of(head.group("d"))
            if d is not None and 1 <= d <= 31:
                hs = ms - len(window) + head.start("head")
                rng = _range_before(doc, text, hs, d, y, mo, rel, m.end("core"))
                if rng is not None:
                    out.append(rng)
                    continue
                out.append(_Cand(hs, m.end("core"), "absolute", ("abs", y, mo, d, rel), 1, explicit_year=y is not None))
                continue
        if y is None and mod is None:
            paired = bool(m.group("mb") or m.group("mc") or m.group("md"))
            if " ".join(m.group("m").split()) in _WEAK_MONTHS and not paired and not core.startswith("شهر"):
                continue
            if not core.startswith("شهر") and not _RE_BARE_MONTH_PREV.search(text[max(0, ms - 20) : ms]):
                continue
        out.append(_Cand(ms, m.end("core"), "month", ("month", y, mo, rel), 3, explicit_year=y is not None))

    for rx in (_RE_NUMERIC, _RE_ISO) if _RE_GATE_NUMERIC.search(text) else ():
        for m in rx.finditer(text):
            d, mo, y = int(m.group("d")), int(m.group("m")), int(m.group("y"))
            if mo > 12 and d <= 12:
                d, mo = mo, d
            try:
                dt.date(y, mo, d)
            except ValueError:
                continue
            if not 1000 <= y <= 2999:
                continue
            out.append(_Cand(m.start("core"), m.end("core"), "absolute", ("abs", y, mo, d, None), 1, explicit_year=True))

    for run in _RE_ASCII_RUN.finditer(text):
        for m in _RE_EN.finditer(text, run.start(), run.end()):
            mon = (m.group("m") or m.group("m2")).lower()
            d = int(m.group("d") or m.group("d2"))
            y = int(m.group("y") or m.group("y2"))
            out.append(
                _Cand(m.start("core"), m.end("core"), "absolute", ("abs", y, _EN_MONTHS[mon], d, None), 1,
                      explicit_year=True)
            )

    for m in _RE_HIJRI.finditer(text) if any(k.split()[0] in text for k in HIJRI_MONTHS) else ():
        if m.group("d") is None and m.group("y") is None:
            continue
        hm = HIJRI_MONTHS.get(" ".join(m.group("m").split()))
        if hm == 2 and m.group("y") is None:  # «فاز 3 صفر»: a score, not 3 Safar
            continue
        d = _day_of(m.group("d")) if m.group("d") else None
        y = int(m.group("y")) if m.group("y") else None
        if hm is None or (d is not None and not 1 <= d <= 30):
            continue
        if y is not None and not 1 <= y <= 1600:
            continue
        out.append(_Cand(m.start("core"), m.end("core"), "hijri", ("hijri", y, hm, d), 1, explicit_year=y is not None))

    for m in _RE_YEAR.finditer(text) if _RE_GATE_YEAR.search(text) else ():
        y = int(m.group("y"))
        if m.group("kw") is None:
            if not 1900 <= y <= 2100 or not _RE_YEAR_PREP.search(text[max(0, m.start("core") - 12) : m.start("core")]):
                continue
        if m.group("h") == "ه":
            out.append(_Cand(m.start("core"), m.end("core"), "hijri", ("hijri_year", y), 4, explicit_year=True))
        else:
            out.append(_Cand(m.start("core"), m.end("core"), "year", ("year", y), 4, explicit_year=True))

    for m in _RE_YEAR_REL.finditer(text) if ("عام" in text or "سنه" in text) else ():
        mod, this = m.group("mod"), m.group("this")
        u = m.group("u")
        if mod is None and this is None:
            continue
        if this is None and not u.startswith("ال"):
            continue
        if m.group("bef") and (mod is None or mod not in _PAST):
            continue
        off = 0 if (this or mod in _CURR) else (-2 if m.group("bef") else -1) if mod in _PAST else 1
        out.append(_Cand(m.start("core"), m.end("core"), "year", ("year_rel", off), 4))

    for m in _RE_WEEK_MONTH_REL.finditer(text) if ("الاسبوع" in text or "الشهر" in text) else ():
        mod, this = m.group("mod"), m.group("this")
        if mod is None and this is None:
            continue
        off = 0 if (this or mod in _CURR) else -1 if mod in _PAST else 1
        unit = "week" if "اسبوع" in m.group("u") else "month"
        ms = m.start("core")
        if unit == "month" and m.group("u") == "الشهر" and ms > 0:
            # a day of it: «الثامن من الشهر الجاري», «يوم الخميس 8 من هذا الشهر»
            head = _RE_DAY_HEAD.search(text, max(0, ms - 48), ms)
            if head is not None:
                d = _day_of(head.group("d"))
                if d is not None and 1 <= d <= 31 and not (head.group("d").isdigit() and "من" not in text[head.end("d"):ms]):
                    r = _RE_RANGE_HEAD.search(text, max(0, head.start("head") - 64), head.start("head"))
                    if r is not None and r.group("m1") is None and r.group("p") is not None and (
                        (r.group("p") == "بين") == (r.group("c") == "و")
                    ):
                        d1 = _day_of(r.group("d1"))
                        if d1 is not None and 1 <= d1 < d:  # «بين العشرين والخامس والعشرين من الشهر الحالي»
                            out.append(_Cand(r.start("rs"), m.end("core"), "range", ("range_dom", d1, d, off), 1))
                            continue
                    out.append(_Cand(head.start("head"), m.end("core"), "absolute", ("dom_rel", d, off), 1))
                    continue
        out.append(_Cand(ms, m.end("core"), "relative", (f"{unit}_rel", off), 3))

    for m in _RE_DEICTIC.finditer(text) if _RE_GATE_DEICTIC.search(text) else ():
        w = " ".join(m.group("w").split())
        wd = WEEKDAYS.get(m.group("wd")) if m.group("wd") else None
        tod = None
        if w in (_n("الليلة قبل الماضية"),):
            off, tod = -2, "night"
        elif w in (_n("الليلة الماضية"), _n("الليلة المنصرمة")):
            off, tod = -1, "night"
        elif w in (_n("هذه الليلة"), _n("الليلة")):
            off, tod = 0, "night"
        elif w in (_n("أول من أمس"), _n("أول أمس"), _n("أمس الأول")):
            off = -2
        elif w in (_n("يوم أمس"), _n("أمس"), _n("الأمس"), _n("البارحة")):
            off = -1
        elif w == _n("اليوم"):
            off = 0
        elif w == _n("بعد غد"):
            off = 2
        else:
            off = 1
        if w == _n("اليوم") and wd is not None:
            out.append(_Cand(m.start("core"), m.end("core"), "weekday", ("weekday", wd, "latest", True), 2))
        else:
            out.append(_Cand(m.start("core"), m.end("core"), "deictic", ("deictic", off, wd), 2, tod=tod))

    for m in _RE_WEEKDAY.finditer(text) if _RE_GATE_WEEKDAY.search(text) else ():
        wd = WEEKDAYS[" ".join(m.group("wd").split())]
        mod = m.group("mod")
        mode = "latest" if mod is None or mod in _CURR else "past" if mod in _PAST else "next"
        out.append(_Cand(m.start("core"), m.end("core"), "weekday", ("weekday", wd, mode, False), 5))

    for m in _RE_NIGHT_WD.finditer(text) if "ليل" in text else ():
        if not _left_ok(text, m.start()):
            continue
        wd1, wd2 = WEEKDAYS[" ".join(m.group("wd1").split())], WEEKDAYS[" ".join(m.group("wd2").split())]
        if wd2 != (wd1 + 1) % 7:
            continue
        out.append(_Cand(m.start("core"), m.end("core"), "weekday", ("weekday", wd1, "latest", False), 2, tod="night"))

    for m in _RE_LAST.finditer(text) if _RE_GATE_LAST.search(text) else ():
        u = m.group("u") or m.group("u3")
        unit, implied = UNITS[" ".join(u.split())]
        n = m.group("n1") or m.group("n2") or m.group("n3")
        if n is not None:
            if implied is not None and implied != 1:
                continue
            count = _count_of(n)
            if count is None or count <= 0:
                continue
        elif implied == 1:  # «الأسبوع الماضي», «اليوم الأخير»: not a stretch of time
            continue
        else:
            count = float(implied) if implied is not None else None
        sign = 1 if m.group("next") else -1
        if unit in ("month", "year"):
            out.append(_Cand(m.start("core"), m.end("core"), "duration", ("duration",), 2))
        else:
            out.append(_Cand(m.start("core"), m.end("core"), "relative", ("last", count, unit, sign), 2))

    for m in _RE_CLOCK.finditer(text) if "الساعه" in text else ():
        if not _left_ok(text, m.start()):
            continue
        if m.group("hh") is not None:
            hh = int(m.group("hh"))
            if hh > 24 or (m.group("mm") is not None and int(m.group("mm")) > 59):
                continue
        else:
            hh = HOUR_WORDS[" ".join(m.group("hw").split())]
        ap = m.group("ap")
        tod = CLOCK_AP[" ".join(ap.split())] if ap else _hour_tod(hh, m.group("hh") is not None)
        pre = _RE_CLOCK_PRE.search(text, max(0, m.start() - 16), m.start()) if m.start() > 0 else None
        cs = pre.start("pre") if pre is not None else m.start("core")
        out.append(_Cand(cs, m.end("core"), "clock", ("clock",), 2, tod=tod))

    for m in _RE_FEAST.finditer(text) if ("عيد" in text or "رمضان" in text) else ():
        if not _left_ok(text, m.start()):
            continue
        pre = _RE_FEAST_PRE.search(text, max(0, m.start() - 24), m.start()) if m.start() > 0 else None
        nth = pre.group("nth") if pre is not None else None
        if m.group("ram"):
            if nth not in ("اول", "اخر"):
                continue  # «رمضان 1442» is left to the Hijri pattern
            hm, hd, prec = 9, (1 if nth == "اول" else 29), ("day" if nth == "اول" else "week")
        else:
            fitr = m.group("which") == "الفطر"
            hm, hd = (10, 1) if fitr else (12, 10)
            if nth is None:
                prec = "week"
            elif nth == "اخر":
                hd, prec = hd + (2 if fitr else 3), "week"
            else:
                hd, prec = hd + _NTH_DAY[nth], "day"
        mod = m.group("mod")
        rel = None if mod is None else ("past" if mod in _PAST else "next" if mod in _NEXT else "curr")
        y = int(m.group("y")) if m.group("y") else None
        fs = pre.start("pre") if pre is not None else m.start("core")
        out.append(_Cand(fs, m.end("core"), "hijri", ("feast", hm, hd, y, rel, prec), 1,
                         explicit_year=y is not None))

    for m in _RE_AGO.finditer(text) if ("قبل" in text or "منذ" in text or "بعد" in text) else ():
        if not _left_ok(text, m.start()):
            continue
        unit, implied = UNITS[" ".join(m.group("u").split())]
        n = m.group("n")
        if n is not None:
            if implied is not None and implied != 1:  # «قبل ثلاثة يومين»
                continue
            count = _count_of(n)
            if count is None:
                continue
            vague = False
        else:
            count = float(implied) if implied is not None else None
            vague = implied is None
        if m.group("p") == "منذ":
            out.append(_Cand(m.start("core"), m.end("core"), "duration", ("duration",), 2))
        elif m.group("p") == "بعد":
            if _RE_AFTER_EVENT.match(text, m.end("core")):  # «بعد يومين من الهجوم»: not the reference
                out.append(_Cand(m.start("core"), m.end("core"), "relative", ("after_event",), 2))
            else:
                out.append(_Cand(m.start("core"), m.end("core"), "relative", ("ago", count, unit, vague, 1), 2))
        else:
            out.append(_Cand(m.start("core"), m.end("core"), "relative", ("ago", count, unit, vague, -1), 2))

    return _select(doc, out)


def _select(doc: Document, cands: list[_Cand]) -> list[_Cand]:
    """Longest non-overlapping candidates; then period and time-of-day extensions."""
    cands.sort(key=lambda c: (-(c.ne - c.ns), c.prio, c.ns))
    starts: list[int] = []  # sorted, non-overlapping intervals taken so far
    ends: list[int] = []
    chosen: list[_Cand] = []
    for c in cands:
        i = bisect.bisect_right(starts, c.ns)
        if i > 0 and ends[i - 1] > c.ns:
            continue
        if i < len(starts) and starts[i] < c.ne:
            continue
        starts.insert(i, c.ns)
        ends.insert(i, c.ne)
        chosen.append(c)
    taken = sorted(chosen, key=lambda c: c.ns)
    text = doc.norm.text
    prev_end = 0
    for c in taken:
        window = text[max(prev_end, c.ns - 25) : c.ns]
        if c.kind in ("month", "year") or c.spec[0] in ("month_rel", "week_rel"):
            pm = _RE_PERIOD_BEFORE.search(window)
            if pm is not None:
                c.period = PERIOD[pm.group("per")]
                c.ns = c.ns - len(window) + pm.start("per")
        elif c.kind in ("absolute", "weekday", "deictic", "hijri") and c.spec[0] != "hijri_year":
            tm = _RE_TOD_BEFORE.search(window)
            if tm is not None and c.tod is None:
                c.tod = TOD[" ".join(tm.group("tod").split())]
                c.ns = c.ns - len(window) + tm.start("tod")
            elif c.tod is None:
                after = text[c.ne : c.ne + 12]
                stripped = after.lstrip(" ")
                parts = stripped.split(maxsplit=1) if stripped[:1].strip() else []
                word = parts[0] if parts else ""
                w2 = word.rstrip(".,،؛:")
                if w2 in _TOD_AFTER and len(after) - len(stripped) <= 2:
                    c.tod = _TOD_AFTER[w2]
                    c.ne = c.ne + (len(after) - len(stripped)) + len(w2)
        prev_end = c.ne
    return _attach_clocks(text, taken)


_DAY_LEVEL = frozenset({"abs", "dom_rel", "deictic", "weekday", "hijri"})


def _attach_clocks(text: str, taken: list[_Cand]) -> list[_Cand]:
    """Merge a clock time into the day expression right before or after it («أمس الساعة
    العاشرة صباحا», «الساعة العاشرة من صباح أمس»): one expression, its span grown over the
    clock, its ``time_of_day`` from the clock when it had none."""
    if not any(c.kind == "clock" for c in taken):
        return taken
    out: list[_Cand] = []
    i = 0
    n = len(taken)
    while i < n:
        c = taken[i]
        if c.kind == "clock":
            nxt = taken[i + 1] if i + 1 < n else None
            if (nxt is not None and nxt.spec[0] in _DAY_LEVEL and nxt.ns - c.ne <= 20
                    and _RE_CLOCK_GAP.match(text, c.ne, nxt.ns)):
                nxt.ns = c.ns
                if nxt.tod is None:
                    nxt.tod = c.tod
                i += 1
                continue
            prev = out[-1] if out else None
            if (prev is not None and prev.spec[0] in _DAY_LEVEL and c.ns - prev.ne <= 20
                    and _RE_CLOCK_GAP.match(text, prev.ne, c.ns)):
                prev.ne = c.ne
                if prev.tod is None:
                    prev.tod = c.tod
                i += 1
                continue
        out.append(c)
        i += 1
    return out


# ----------------------------------------------------------------------------- resolution
def _add_months(d: dt.date, k: int, day: int | None = None) -> dt.date:
    y, m = divmod(d.month - 1 + k, 12)
    y += d.year
    m += 1
    dd = day if day is not None else d.day
    for day_ in range(dd, min(dd, 28) - 1, -1):  # 31 → 30 → 29 → 28 at the end of a month
        try:
            return dt.date(y, m, day_)
        except ValueError:
            continue
    raise ValueError("date out of range")


def _nearest_past(make: Any, ref: dt.date, year: int) -> dt.date | None:
    """``make(year)`` for the reference year, or the year before if that is > ref + 7 days."""
    try:
        d = make(year)
        if d > ref + dt.timedelta(days=7):
            d = make(year - 1)
        return d
    except (ValueError, OverflowError):
        return None


@lru_cache(maxsize=4096)
def _hijri_to_greg(y: int, m: int, d: int) -> dt.date:
    from hijridate import Hijri

    g = Hijri(y, m, d).to_gregorian()
    return dt.date(g.year, g.month, g.day)


@lru_cache(maxsize=4096)
def _greg_to_hijri_year(d: dt.date) -> int:
    from hijridate import Gregorian

    return Gregorian(d.year, d.month, d.day).to_hijri().year


def _abs_date(y: int | None, mo: int, d: int, rel: str | None, ref: dt.date | None) -> dt.date | None:
    """A day of a Gregorian month; without a year, placed against ``ref`` (see ``absolute``)."""
    if y is not None:
        return dt.date(y, mo, d)
    if ref is None:
        return None
    if rel == "past":
        return dt.date(ref.year if mo < ref.month else ref.year - 1, mo, d)
    if rel == "next":
        return dt.date(ref.year if mo > ref.month else ref.year + 1, mo, d)
    if rel == "curr":
        return dt.date(ref.year, mo, d)
    return _nearest_past(lambda yy: dt.date(yy, mo, d), ref, ref.year)


def _feast_date(hm: int, hd: int, y: int | None, rel: str | None, ref: dt.date | None) -> dt.date | None:
    """A day of the Hijri calendar («عيد الفطر» = 1 Shawwal) in Hijri year ``y``, in the
    Gregorian year ``y`` when ``y`` > 1600, else the nearest one to ``ref``."""

    def make(hy: int) -> dt.date:
        extra, day = divmod(hd - 1, 30)  # «رابع أيام عيد الأضحى» = 13 Dhu al-Hijja; days past 30 roll over
        return _hijri_to_greg(hy, hm, day + 1) + dt.timedelta(days=30 * extra) if extra else _hijri_to_greg(hy, hm, hd)

    if y is not None:
        if y <= 1600:
            return make(y)
        hy = _greg_to_hijri_year(dt.date(y, 7, 1))
        for cand in (hy, hy - 1, hy + 1):
            d = make(cand)
            if d.year == y:
                return d
        return None
    if ref is None:
        return None
    hy = _greg_to_hijri_year(ref)
    if rel == "past":
        d = make(hy)
        return d if d < ref else make(hy - 1)
    if rel == "next":
        d = make(hy)
        return d if d > ref else make(hy + 1)
    return _nearest_past(make, ref, hy)


def _resolve(c: _Cand, ref: dt.date | None) -> tuple[dt.date | None, str, bool]:
    """(value, precision, anchor_needed)."""
    spec = c.spec
    tag = spec[0]
    try:
        if tag == "abs":
            _, y, mo, d, rel = spec
            return _abs_date(y, mo, d, rel, ref), "day", y is None
        if tag == "range":
            _, y1, m1, d1, y2, m2, d2, rel = spec
            end = _abs_date(y2, m2, d2, rel, ref)
            if end is None:
                return None, "week", y2 is None
            mo1 = m1 or m2
            yy1 = y1 if y1 is not None else (end.year if mo1 <= end.month else end.year - 1)
            start = dt.date(yy1, mo1, d1)
            if start > end:
                return None, "week", y2 is None
            days = (end - start).days
            return start, ("week" if days <= 6 else "month" if days <= 31 else "year"), y2 is None
        if tag == "feast":
            _, hm, hd, y, rel, prec = spec
            return _feast_date(hm, hd, y, rel, ref), prec, y is None
        if tag == "month":
            _, y, mo, rel = spec
            day = _PERIOD_DAY[c.period] if c.period else 15
            if y is not None:
                val = dt.date(y, mo, day)
                if ref is not None and (y, mo) == (ref.year, ref.month) and val > ref:
                    val = ref
                return val, "month", False
            if ref is None:
                return None, "month", True
            if rel == "past":
                yy = ref.year if mo < ref.month else ref.year - 1
            elif rel == "next":
                yy = ref.year if mo > ref.month else ref.year + 1
            elif rel == "curr":
                yy = ref.year
            else:
                yy = ref.year if mo <= ref.month else ref.year - 1
            val = dt.date(yy, mo, day)
            if rel != "next" and val > ref and (yy, mo) == (ref.year, ref.month):
                val = ref
            return val, "month", True
        if tag in ("year", "year_rel"):
            if tag == "year":
                y, anchored = spec[1], False
            else:
                if ref is None:
                    return None, "year", True
                y, anchored = ref.year + spec[1], True
            if c.period:
                val = dt.date(y, _PERIOD_MONTH[c.period], 15)
                prec = "month"
            else:
                val, prec = dt.date(y, 7, 1), "year"
            if ref is not None and y == ref.year and val > ref and (tag == "year" or spec[1] <= 0):
                val = ref
            return val, prec, anchored
        if tag == "hijri":
            _, y, hm, d = spec
            if y is not None:
                return _hijri_to_greg(y, hm, d or 15), ("day" if d else "month"), False
            if ref is None or d is None:
                return None, "day", True
            hy = _greg_to_hijri_year(ref)
            return _nearest_past(lambda yy: _hijri_to_greg(yy, hm, d), ref, hy), "day", True
        if tag == "hijri_year":
            return _hijri_to_greg(spec[1], 7, 1), "year", False
        if ref is None:
            return None, ("week" if tag == "week_rel" else "month" if tag == "month_rel" else "day"), tag != "duration"
        if tag == "deictic":
            return ref + dt.timedelta(days=spec[1]), "day", True
        if tag == "weekday":
            _, wd, mode, _today = spec
            back = (ref.weekday() - wd) % 7
            if mode == "latest":
                return ref - dt.timedelta(days=back), "day", True
            if mode == "past":
                return ref - dt.timedelta(days=back or 7), "day", True
            fwd = (wd - ref.weekday()) % 7
            return ref + dt.timedelta(days=fwd or 7), "day", True
        if tag == "week_rel":
            if c.period:  # weeks start on Saturday: early = Sunday, mid = Tuesday, late = Friday
                ws = ref - dt.timedelta(days=(ref.weekday() - 5) % 7) + dt.timedelta(days=7 * spec[1])
                val = ws + dt.timedelta(days={"early": 1, "mid": 3, "late": 6}[c.period])
                return (min(val, ref) if spec[1] == 0 else val), "week", True
            return ref + dt.timedelta(days=7 * spec[1]), "week", True
        if tag in ("dom_rel", "range_dom"):
            d, off = spec[-2], spec[-1]
            first = _add_months(ref, off, 1)
            if off == 0 and d > ref.day:  # «العشرين من الشهر الجاري» after the reference: the month before
                first = _add_months(ref, -1, 1)
            if tag == "dom_rel":
                return dt.date(first.year, first.month, d), "day", True
            dt.date(first.year, first.month, d)  # the last day must exist
            days = d - spec[1]
            return dt.date(first.year, first.month, spec[1]), ("week" if days <= 6 else "month"), True
        if tag == "clock":
            return ref, "day", True
        if tag == "after_event":
            return None, "day", False
        if tag == "last":
            _, count, unit, sign = spec
            if unit == "hour":
                if count is None or count < 24 or sign > 0:
                    return ref, "day", True
                if count < 48:
                    return ref - dt.timedelta(days=1), "day", True
                return ref - dt.timedelta(days=int(count) // 48), "week", True
            days = (3 if unit == "day" else 14) if count is None else -(-int(count * (1 if unit == "day" else 7)) // 2)
            span = (7 if unit == "day" else 28) if count is None else int(count * (1 if unit == "day" else 7))
            prec = "week" if span <= 7 else "month" if span <= 31 else "year"
            return ref + dt.timedelta(days=sign * days), prec, True
        if tag == "month_rel":
            if c.period:
                val = _add_months(ref, spec[1], _PERIOD_DAY[c.period])
            else:
                val = _add_months(ref, spec[1], 15)
            if spec[1] == 0 and val > ref:
                val = ref
            return val, "month", True
        if tag == "ago":
            _, count, unit, vague, sign = spec
            if unit == "hour":
                return ref, "day", True
            if count is None:  # «قبل أيام/أسابيع/أشهر», «بعد أيام»
                if unit == "day":
                    return ref + dt.timedelta(days=3 * sign), "week", True
                if unit == "week":
                    return ref + dt.timedelta(days=14 * sign), "month", True
                return None, "month" if unit == "month" else "year", True
            k = int(count) * sign
            if unit == "day":
                return ref + dt.timedelta(days=k), "day", True
            if unit == "week":
                return ref + dt.timedelta(days=7 * k), "week", True
            if unit == "month":
                return _add_months(ref, k), "month", True
            return _add_months(ref, 12 * k), "year", True
        if tag == "duration":
            return None, "day", False
    except (ValueError, OverflowError, ArithmeticError):
        return None, "day", False
    return None, "day", False


def _to_expr(doc: Document, c: _Cand, ref: dt.date | None) -> TimeExpression:
    value, precision, anchor = _resolve(c, ref)
    s, e = doc.norm.to_original(c.ns, c.ne)
    e = extend_over_marks(doc.text, e)
    return TimeExpression(
        s, e, doc.text[s:e], value.isoformat() if value else None, precision, c.kind, c.tod, anchor  # type: ignore[arg-type]
    )


def find_times(doc_or_text: Document | str, reference: dt.date | str | None = None) -> list[TimeExpression]:
    """Temporal expressions of a Document (or text), resolved against ``reference``
    (default: ``doc.reference_date``)."""
    doc = Document(text=doc_or_text) if isinstance(doc_or_text, str) else doc_or_text
    if not doc.text:
        return []
    ref = reference if reference is not None else doc.reference_date
    if isinstance(ref, str):
        ref = dt.date.fromisoformat(ref[:10])
    out = [_to_expr(doc, c, ref) for c in _candidates(doc)]
    prev: TimeExpression | None = None
    for t in out:
        if t.kind == "clock" and prev is not None and t.start - prev.end <= 120 and prev.value and (
            prev.precision == "day" and not _RE_SENT_BREAK.search(doc.text, prev.end, t.start)
        ):  # a lone clock time takes the day of the day expression before it in the sentence
            t.value, t.anchor_needed = prev.value, prev.anchor_needed
        if t.precision == "day" and t.value and t.kind != "clock":
            prev = t
    return out


def resolve_times(doc: Document) -> Document:
    """(Re)compute ``doc.times`` against the document's current reference date."""
    doc.times = find_times(doc)
    return doc


@stage("times.rules.v1", requires=(), assigns=("times",))
def times_stage(doc: Document) -> Document:
    """Fill ``doc.times``."""
    return resolve_times(doc)


# ----------------------------------------------------------------------------- publication date
def _today_weekday(doc: Document) -> int | None:
    """The weekday of the first «اليوم <weekday>» phrase, if any."""
    m = _RE_TODAY_WD.search(doc.norm.text)
    return WEEKDAYS.get(m.group("wd")) if m else None


# A full date inside the running text is mostly historical («… في 15 يوليو 2016»): on 426
# articles of ant-multisource-2018 the latest such date was the publication date in 0 of 17
# cases. It is therefore used only when «اليوم <weekday>» confirms it (or when this is True).
USE_UNCORROBORATED_TEXT_DATES = False


def _is_dateline(before: str) -> bool:
    """Text before a date that makes it a dateline: short, one line, not «… في <date>»."""
    if len(before) > 60 or "\n" in before:
        return False
    words = [w for w in before.split() if any(ch.isalpha() for ch in w)]
    if len(words) > 4:
        return False
    return not words or normalize_key(words[-1]) not in _NARRATIVE_PREP


_NARRATIVE_PREP = frozenset(normalize_key(w) for w in ("في", "منذ", "حتى", "قبل", "بعد", "يوم", "بتاريخ", "وفي"))


def infer_published(doc: Document) -> tuple[str | None, str | None]:
    """``(published, basis)`` inferred from the text (and ``retrieved``), without metadata.

    Candidates are full dates with an explicit year (day precision): a dateline at the start
    of the text, a date at the end of an embedded post line ("— Name (@handle) December 3,
    2021"), and any other such date in the text. With an «اليوم <weekday>» phrase, a
    candidate on that weekday wins (dateline first, then the latest post date, then the
    latest date); otherwise the dateline, else the latest post date. Other dates in the text
    count only when confirmed by the weekday (see ``USE_UNCORROBORATED_TEXT_DATES``).
    Dates more than a day after ``retrieved`` are ignored. Without a candidate: the latest date
    on or before ``retrieved`` on the weekday of «اليوم <weekday>» (basis "text"), else
    ``retrieved`` itself (basis "retrieved").
    """
    retrieved = None
    if doc.retrieved:
        try:
            retrieved = dt.date.fromisoformat(str(doc.retrieved)[:10])
        except ValueError:
            retrieved = None
    text = doc.text
    full: list[tuple[dt.date, int, str]] = []  # (date, original start, role)
    for c in _candidates(doc):
        if c.spec[0] not in ("abs", "hijri") or not c.explicit_year:
            continue
        value, precision, _ = _resolve(c, None)
        if value is None or precision != "day":
            continue
        if retrieved is not None and value > retrieved and (value - retrieved).days > 1:
            continue
        s, e = doc.norm.to_original(c.ns, c.ne)
        line_start = text.rfind("\n", 0, s) + 1
        line_end = text.find("\n", e)
        line = text[line_start : len(text) if line_end < 0 else line_end]
        if not full and _is_dateline(text[:s]):
            role = "dateline"
        elif _RE_POST_LINE.match(line) or _RE_NEAR_HANDLE.search(text[max(line_start, s - 60) : s]):
            role = "post"
        else:
            role = "text"
        full.append((value, s, role))
    wd = _today_weekday(doc)

    def pick(items: list[tuple[dt.date, int, str]]) -> dt.date | None:
        for role in ("dateline", "post"):
            same = [d for d, _, r in items if r == role]
            if same:
                return max(same)
        return max((d for d, _, _ in items), default=None)

    if full:
        if wd is not None:
            match = [x for x in full if x[0].weekday() == wd]
            if match:
                return pick(match).isoformat(), "text"  # type: ignore[union-attr]
        strong = [x for x in full if x[2] != "text"] if not USE_UNCORROBORATED_TEXT_DATES else full
        best = pick(strong)
        if best is not None:
            return best.isoformat(), "text"
    if retrieved is not None:
        if wd is not None:
            back = (retrieved.weekday() - wd) % 7
            try:
                return (retrieved - dt.timedelta(days=back)).isoformat(), "text"
            except OverflowError:
                return retrieved.isoformat(), "retrieved"
        return retrieved.isoformat(), "retrieved"
    return None, None


@stage("pubdate.text.v1", requires=("times",), assigns=("published",))
def pubdate_stage(doc: Document) -> Document:
    """Fill ``doc.published``/``published_basis`` when metadata lacks them; re-resolve times."""
    if doc.published:
        if not doc.published_basis:
            doc.published_basis = "metadata"
        return doc
    published, basis = infer_published(doc)
    if published is not None:
        doc.published = published
        doc.published_basis = basis
        resolve_times(doc)
    return doc

"""Titles and offices: «رئيس الوزراء العراقي», «محافظ أربيل», «المتحدث باسم التحالف».

:func:`find_roles` finds title phrases in a document and gives each a role key
("pm:IRQ", "governor:Erbil", "spokesman:Saudi-led Coalition") and an English title
("Prime Minister of Iraq", "Governor of Erbil"). :func:`holder` gives the office holder the
actor lexicon knows for a role at a date (the article's ``doc.published``).

:func:`romanize` spells an Arabic personal name in Latin letters with the optional
``arabic-name-romanizer`` package, falling back to a small built-in transliteration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from hadath.arabic.lexmatch import word_spans
from hadath.arabic.normalize import normalize_key

__all__ = ["RoleMention", "role_title", "find_roles", "holder", "romanize", "place_english", "WORD_RE"]

WORD_RE = re.compile(r"\w+")

# office -> English title template ({scope} is a country, a place or an organisation)
_OFFICE_TITLES = {
    "pm": "Prime Minister of {scope}",
    "deputy_pm": "Deputy Prime Minister of {scope}",
    "president": "President of {scope}",
    "vp": "Vice President of {scope}",
    "king": "King of {scope}",
    "emir": "Emir of {scope}",
    "sultan": "Sultan of {scope}",
    "crown_prince": "Crown Prince of {scope}",
    "supreme_leader": "Supreme Leader of {scope}",
    "leader": "Leader of {scope}",
    "deputy_leader": "Deputy Leader of {scope}",
    "commander": "Commander of {scope}",
    "speaker": "Speaker of the Parliament of {scope}",
    "minister_defence": "Minister of Defence of {scope}",
    "minister_interior": "Minister of Interior of {scope}",
    "minister_foreign": "Minister of Foreign Affairs of {scope}",
    "army_chief_of_staff": "Chief of Staff of the Armed Forces of {scope}",
    "national_security_adviser": "National Security Adviser of {scope}",
    "governor": "Governor of {scope}",
    "spokesman": "Spokesperson of {scope}",
    "commander_ops": "Commander of {scope} Operations",
    "police_chief": "Police Chief of {scope}",
    "un_envoy": "UN Special Envoy for {scope}",
    "srsg": "Special Representative of the UN Secretary-General for {scope}",
    "council_head": "Head of the Provincial Council of {scope}",
}
_SPECIAL_SCOPES = {
    "KRG": "the Kurdistan Regional Government",
    "KRI": "the Kurdistan Region",
}
_FIXED_TITLES = {
    "un_sg": "Secretary-General of the United Nations",
    "pm:KRG": "Prime Minister of the Kurdistan Regional Government",
    "president:KRI": "President of the Kurdistan Region",
}


def role_title(role: str) -> str:
    """English title of a role key: "pm:IRQ" -> "Prime Minister of Iraq"."""
    if role in _FIXED_TITLES:
        return _FIXED_TITLES[role]
    office, _, scope = role.partition(":")
    if office == "spokesman" and scope.startswith("military:"):
        return f"Military Spokesperson of {_scope_name(scope.split(':', 1)[1], True)}"
    tmpl = _OFFICE_TITLES.get(office, office.replace("_", " ").title() + " of {scope}")
    forces = office in ("president", "pm", "speaker", "minister_defence", "minister_interior", "minister_foreign",
                        "army_chief_of_staff", "un_envoy", "srsg", "king", "emir", "sultan", "crown_prince", "vp",
                        "deputy_pm", "national_security_adviser", "supreme_leader", "leader")
    return tmpl.format(scope=_scope_name(scope, forces)) if scope else tmpl.replace(" of {scope}", "")


def _scope_name(scope: str, with_article: bool) -> str:
    if scope in _SPECIAL_SCOPES:
        return _SPECIAL_SCOPES[scope]
    if re.fullmatch(r"[A-Z]{3}", scope):
        from hadath.extract.actors import country_name

        n = country_name(scope, forces=with_article)
        if n:
            return n
    if scope.endswith("Coalition") or scope.startswith("Military Forces") or scope.startswith("Police Forces"):
        return "the " + scope
    return scope


# ------------------------------------------------------------------------------- places
# Iraqi, Syrian, Yemeni, Libyan... governorates and big cities (Arabic -> English).
_PLACES = {
    "أربيل": "Erbil", "اربيل": "Erbil", "هولير": "Erbil", "السليمانية": "Sulaymaniyah", "دهوك": "Duhok",
    "حلبجة": "Halabja", "كركوك": "Kirkuk", "نينوى": "Nineveh", "الموصل": "Mosul", "الأنبار": "Anbar",
    "صلاح الدين": "Salah al-Din", "ديالى": "Diyala", "بغداد": "Baghdad", "بابل": "Babil", "كربلاء": "Karbala",
    "النجف": "Najaf", "واسط": "Wasit", "القادسية": "Qadisiyah", "الديوانية": "Diwaniyah", "المثنى": "Muthanna",
    "ذي قار": "Dhi Qar", "ميسان": "Maysan", "البصرة": "Basra", "سامراء": "Samarra", "تكريت": "Tikrit",
    "الرمادي": "Ramadi", "الفلوجة": "Fallujah", "بعقوبة": "Baqubah", "الحلة": "Hillah", "الناصرية": "Nasiriyah",
    "العمارة": "Amarah", "الكوت": "Kut", "السماوة": "Samawah", "غرب الأنبار": "West Anbar", "الجزيرة": "Jazeera",
    "دمشق": "Damascus", "ريف دمشق": "Rural Damascus", "حلب": "Aleppo", "حمص": "Homs", "حماة": "Hama",
    "إدلب": "Idlib", "ادلب": "Idlib", "اللاذقية": "Latakia", "طرطوس": "Tartus", "درعا": "Daraa", "السويداء": "As-Sweida",
    "القنيطرة": "Quneitra", "دير الزور": "Deir ez-Zor", "الرقة": "Raqqa", "الحسكة": "Al-Hasakah",
    "صنعاء": "Sanaa", "أمانة العاصمة": "Amanat al Asimah", "عدن": "Aden", "تعز": "Taiz", "الحديدة": "Al Hudaydah",
    "مأرب": "Marib", "الجوف": "Al Jawf", "صعدة": "Sadah", "حجة": "Hajjah", "إب": "Ibb", "ذمار": "Dhamar",
    "البيضاء": "Al Bayda", "لحج": "Lahj", "أبين": "Abyan", "شبوة": "Shabwah", "حضرموت": "Hadramawt",
    "المهرة": "Al Maharah", "الضالع": "Ad Dali", "عمران": "Amran", "المحويت": "Al Mahwit", "ريمة": "Raymah",
    "سقطرى": "Socotra", "طرابلس": "Tripoli", "بنغازي": "Benghazi", "مصراتة": "Misrata", "سرت": "Sirte",
    "درنة": "Derna", "سبها": "Sabha", "الرياض": "Riyadh", "مكة": "Makkah", "مكة المكرمة": "Makkah",
    "المدينة المنورة": "Madinah", "جازان": "Jazan", "جيزان": "Jazan", "نجران": "Najran", "عسير": "Asir",
    "القطيف": "Qatif", "الشرقية": "Eastern Province", "شمال سيناء": "North Sinai", "جنوب سيناء": "South Sinai",
    "القاهرة": "Cairo", "الجيزة": "Giza", "الإسكندرية": "Alexandria", "ديار بكر": "Diyarbakir", "ديار بكير": "Diyarbakir",
    "هكاري": "Hakkari", "شرناق": "Sirnak", "ماردين": "Mardin", "إسطنبول": "Istanbul", "اسطنبول": "Istanbul",
    "أنقرة": "Ankara", "غازي عنتاب": "Gaziantep", "كابل": "Kabul", "قندهار": "Kandahar", "هلمند": "Helmand",
    "غزة": "Gaza", "الخليل": "Hebron", "نابلس": "Nablus", "جنين": "Jenin", "بيروت": "Beirut",
}
_PLACES_NORM = {normalize_key(k): v for k, v in _PLACES.items()}


def place_english(ar: str) -> str:
    """English name of a governorate/city (a small built-in table, then the geo gazetteer, then romanization)."""
    k = normalize_key(ar)
    if k in _PLACES_NORM:
        return _PLACES_NORM[k]
    if k.startswith("ال") and k[2:] in _PLACES_NORM:
        return _PLACES_NORM[k[2:]]
    return romanize(ar)


# ------------------------------------------------------------------------------- romanization
_TRANSLIT = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh",
    "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
    "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "w",
    "ي": "y", "ى": "a", "ة": "a", "ء": "", "ؤ": "", "ئ": "", "گ": "g", "چ": "ch", "پ": "p", "ڤ": "v", "ۆ": "o",
}


def _simple_romanize(name: str) -> str:
    words = []
    for w in name.split():
        al = w.startswith("ال") and len(w) > 3
        core = w[2:] if al else w
        out = []
        for i, ch in enumerate(core):
            t = _TRANSLIT.get(ch, ch if ch.isascii() else "")
            if ch == "و" and 0 < i:
                t = "u" if i < len(core) - 1 else "w"
            if ch == "ي" and 0 < i:
                t = "i" if i < len(core) - 1 else "i"
            out.append(t)
        s = "".join(out)
        if not s:
            continue
        s = s[0].upper() + s[1:]
        words.append(("al-" + s) if al else s)
    return " ".join(words)


@lru_cache(maxsize=1)
def _romanizer() -> Any:
    try:
        from arabic_name_romanizer.api import Transliterator  # type: ignore[import-not-found]

        # dictionary + rules only: the neural fallback costs ~10 ms a name and loads onnxruntime
        return Transliterator(auto_load_model=False)
    except Exception:  # optional dependency
        return None


@lru_cache(maxsize=8192)
def romanize(name: str) -> str:
    """Latin spelling of an Arabic personal name ("مسرور بارزاني" -> "Masrour Barzani")."""
    name = " ".join(name.split())
    mod = _romanizer()
    if mod is not None:
        try:
            out = mod.transliterate(name)
            if isinstance(out, list):
                out = out[0] if out else ""
            text = getattr(out, "text", out)
            if isinstance(text, str) and text.strip():
                return text.strip()
        except Exception:
            pass
    return _simple_romanize(name)


# ------------------------------------------------------------------------------- patterns
@dataclass(slots=True)
class RoleMention:
    """A title in the text: original span, normalised-view span, role key and English title."""

    start: int
    end: int
    nstart: int
    nend: int
    role: str
    title: str
    office: str
    scope: str | None
    scope_source: str  # "fixed" | "nisba" | "country" | "place" | "org" | "article" | "none"


def _k(s: str) -> tuple[str, ...]:
    return tuple(normalize_key(s).split())


# (words, office, scope mode). scope mode: "fixed:<scope>", "country", "place", "org", "none"
_PATTERNS_SRC: list[tuple[str, str, str]] = [
    ("رئيس حكومة إقليم كردستان العراق", "pm", "fixed:KRG"),
    ("رئيس حكومة إقليم كردستان", "pm", "fixed:KRG"),
    ("رئيس حكومة اقليم كوردستان", "pm", "fixed:KRG"),
    ("رئيس وزراء إقليم كردستان العراق", "pm", "fixed:KRG"),
    ("رئيس وزراء إقليم كردستان", "pm", "fixed:KRG"),
    ("رئيس حكومة الإقليم", "pm", "fixed:KRG"),
    ("رئيس إقليم كردستان العراق", "president", "fixed:KRI"),
    ("رئيس إقليم كردستان", "president", "fixed:KRI"),
    ("رئيس اقليم كوردستان", "president", "fixed:KRI"),
    ("رئيس الإقليم", "president", "fixed:KRI"),
    ("الأمين العام للأمم المتحدة", "un_sg", "none"),
    ("الأمين العام للامم المتحدة", "un_sg", "none"),
    ("المبعوث الأممي الخاص إلى", "un_envoy", "country"),
    ("المبعوث الأممي إلى", "un_envoy", "country"),
    ("المبعوث الأممي الى", "un_envoy", "country"),
    ("مبعوث الأمم المتحدة إلى", "un_envoy", "country"),
    ("المبعوث الخاص للأمين العام للأمم المتحدة إلى", "un_envoy", "country"),
    ("الممثلة الخاصة للأمين العام للأمم المتحدة في", "srsg", "country"),
    ("الممثل الخاص للأمين العام للأمم المتحدة في", "srsg", "country"),
    ("رئيسة بعثة الأمم المتحدة في", "srsg", "country"),
    ("رئيس بعثة الأمم المتحدة في", "srsg", "country"),
    ("رئيس مجلس الوزراء", "pm", "country"),
    ("رئيس الوزراء", "pm", "country"),
    ("رئيس وزراء", "pm", "country"),
    ("رئيس الحكومة", "pm", "country"),
    ("رئيس حكومة", "pm", "country"),
    ("نائب رئيس الوزراء", "deputy_pm", "country"),
    ("رئيس الجمهورية", "president", "country"),
    ("الرئيس", "president", "country_required_or_name"),
    ("نائب الرئيس", "vp", "country"),
    ("نائب رئيس الجمهورية", "vp", "country"),
    ("العاهل", "king", "country_required_or_name"),
    ("الملك", "king", "country_required_or_name"),
    ("خادم الحرمين الشريفين", "king", "fixed:SAU"),
    ("أمير دولة", "emir", "country"),
    ("أمير", "emir", "country_required"),
    ("السلطان", "sultan", "country_required_or_name"),
    ("ولي العهد", "crown_prince", "country"),
    ("ولي ولي العهد", "deputy_crown_prince", "country"),
    ("المرشد الأعلى", "supreme_leader", "fixed:IRN"),
    ("المرشد الإيراني", "supreme_leader", "fixed:IRN"),
    ("مرشد الثورة", "supreme_leader", "fixed:IRN"),
    ("رئيس البرلمان", "speaker", "country"),
    ("رئيس مجلس النواب", "speaker", "country"),
    ("رئيس مجلس الشعب", "speaker", "country"),
    ("وزير الدفاع", "minister_defence", "country"),
    ("وزير دفاع", "minister_defence", "country"),
    ("وزير الداخلية", "minister_interior", "country"),
    ("وزير داخلية", "minister_interior", "country"),
    ("وزير الخارجية", "minister_foreign", "country"),
    ("وزير خارجية", "minister_foreign", "country"),
    ("رئيس أركان الجيش", "army_chief_of_staff", "country"),
    ("رئيس أركان الجيوش", "army_chief_of_staff", "country"),
    ("رئيس هيئة الأركان", "army_chief_of_staff", "country"),
    ("رئيس الأركان", "army_chief_of_staff", "country"),
    ("مستشار الأمن الوطني", "national_security_adviser", "country"),
    ("محافظ", "governor", "place"),
    ("قائد عمليات", "commander_ops", "place"),
    ("قائد شرطة", "police_chief", "place"),
    ("مدير شرطة", "police_chief", "place"),
    ("قائد الشرطة في", "police_chief", "place"),
    ("رئيس مجلس محافظة", "council_head", "place"),
    ("المتحدث الرسمي باسم", "spokesman", "org"),
    ("المتحدث باسم", "spokesman", "org"),
    ("الناطق الرسمي باسم", "spokesman", "org"),
    ("الناطق باسم", "spokesman", "org"),
    ("المتحدثة باسم", "spokesman", "org"),
    ("المتحدث العسكري باسم", "spokesman", "org"),
    ("المتحدث الرسمي لقوات", "spokesman", "org"),
    ("زعيم", "leader", "org"),
    ("قائد", "commander", "org"),
    ("الأمين العام لحزب", "leader", "org_prefixed:حزب"),
    ("الأمين العام ل", "leader", "org"),
    ("رئيس المجلس السياسي الأعلى", "leader", "fixed:Supreme Political Council"),
    ("رئيس المجلس الانتقالي الجنوبي", "leader", "fixed:Southern Transitional Council"),
    ("رئيس مجلس السيادة", "leader", "fixed:SDN"),
    ("رئيس هيئة الحشد الشعبي", "leader", "fixed:Popular Mobilization Forces"),
]


@lru_cache(maxsize=1)
def _patterns() -> dict[tuple[str, ...], tuple[str, str]]:
    return {_k(w): (office, mode) for w, office, mode in _PATTERNS_SRC}


@lru_cache(maxsize=1)
def _max_pat_len() -> int:
    return max(len(k) for k in _patterns())


@lru_cache(maxsize=1)
def _lengths_by_first() -> dict[str, tuple[int, ...]]:
    """First word of a title pattern -> the lengths of the patterns starting with it, longest first."""
    out: dict[str, set[int]] = {}
    for k in _patterns():
        out.setdefault(k[0], set()).add(len(k))
    return {w: tuple(sorted(ls, reverse=True)) for w, ls in out.items()}


_PROCLITICS = ("وبال", "فبال", "وال", "فال", "بال", "لل", "ول", "وب", "فب", "و", "ف", "ب", "ل")


@lru_cache(maxsize=65536)
def _strip_w(word: str) -> str:
    """Drop a conjunction/preposition proclitic before a title word («والرئيس» -> «الرئيس»)."""
    for p in ("و", "ف", "ل", "ب"):
        if word.startswith(p) and len(word) > 3:
            rest = word[len(p):]
            if rest.startswith("ال") or rest.startswith("ل"):
                return "ال" + rest[1:] if rest.startswith("ل") and not rest.startswith("ال") else rest
            return rest
    return word


# word -> _first_info(word) (key None: the _lengths_by_first() table it was filled from)
_FIRST_MEMO: dict[Any, Any] = {}


def _first_info(first: str, by_first: dict[str, tuple[int, ...]]) -> tuple[str, Any] | None:
    """(the word without its proclitic, the lengths of the title patterns it may start, longest
    first), or None when it starts none."""
    stripped = _strip_w(first)
    la = by_first.get(first, ())
    lb = by_first.get(stripped, ()) if stripped != first else ()
    if not (la or lb):
        return None
    # the longest pattern first; only lengths of patterns starting with this word can match
    lengths = sorted(set(la).union(lb), reverse=True) if la and lb else (la or lb)
    return stripped, lengths


def words_of(norm_text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) of the words of a normalised text."""
    return word_spans(norm_text)


def find_roles(doc: Any, words: list[tuple[int, int, str]] | None = None, article_country: str | None = None) -> list[RoleMention]:
    """Title phrases in ``doc`` with their role keys (longest match at each position)."""
    from hadath.extract.actors import find_countries, load_lexicon, nisba_country

    norm = doc.norm
    text = norm.text
    if words is None:
        words = words_of(text)
    pats = _patterns()
    country_hits = {m.nstart: m for m in find_countries(norm)}
    # org matches for «المتحدث باسم X»
    lex = load_lexicon()
    org_hits = {}
    for m in lex.matcher.find(norm):
        rec = lex.by_id.get(m.payload[0])
        if rec is not None and not rec.is_person:
            wstart = m.nstart - len(m.prefix)
            org_hits.setdefault(wstart, m)
    out: list[RoleMention] = []
    by_first = _lengths_by_first()
    first_memo = _FIRST_MEMO
    if first_memo.get(None) is not by_first or len(first_memo) > 200000:
        first_memo.clear()
        first_memo[None] = by_first
    i = 0
    n = len(words)
    while i < n:
        found = None
        first = words[i][2]
        info = first_memo.get(first, first_memo)
        if info is first_memo:
            info = first_memo[first] = _first_info(first, by_first)
        if info is None:
            i += 1
            continue
        stripped, lengths = info
        if lengths:
            for L in lengths:
                if L > n - i:
                    continue
                # words must be adjacent (only spaces between them)
                if any(text[words[i + j][1]:words[i + j + 1][0]].strip() for j in range(L - 1)):
                    continue
                seq = [words[i + j][2] for j in range(L)]
                for variant in (seq, [stripped] + seq[1:]):
                    key = tuple(variant)
                    if key in pats:
                        found = (L, pats[key])
                        break
                if found:
                    break
        if not found:
            i += 1
            continue
        L, (office, mode) = found
        s_n, e_n = words[i][0], words[i + L - 1][1]
        # skip a proclitic on the first word in the span start (keep it in the original span)
        scope: str | None = None
        source = "none"
        j = i + L  # next word index
        gap_ok = j < n and not text[e_n:words[j][0]].strip()
        if mode.startswith("fixed:"):
            scope, source = mode.split(":", 1)[1], "fixed"
            # swallow a trailing «العراق» after «إقليم كردستان»
        elif mode.startswith("country"):
            if gap_ok:
                nxt = words[j][2]
                iso = nisba_country(nxt)
                ch = country_hits.get(words[j][0])
                if iso is None and ch is not None:
                    iso = ch.payload[0]
                    e_n = ch.nend
                    source = "country"
                elif iso is not None:
                    e_n = words[j][1]
                    source = "nisba"
                if iso:
                    scope = iso
            if scope is None:
                if mode in ("country_required",):
                    i += L
                    continue
                scope = article_country
                source = "article" if scope else "none"
                if mode == "country_required_or_name":
                    source = source + "?"  # only used when a name follows
        elif mode.startswith("place"):
            if not gap_ok:
                i += L
                continue
            # one or two words of place name, up to punctuation
            pw = [words[j]]
            if j + 1 < n and not text[words[j][1]:words[j + 1][0]].strip():
                two = normalize_key(words[j][2] + " " + words[j + 1][2])
                if two in _PLACES_NORM or normalize_key(_strip_w(words[j][2])) + " " + words[j + 1][2] in _PLACES_NORM:
                    pw = [words[j], words[j + 1]]
            ptxt = text[pw[0][0]:pw[-1][1]]
            if nisba_country(ptxt) or ptxt in ("البنك", "المركزي"):
                i += L
                continue
            ptxt_stripped = ptxt[1:] if ptxt.startswith("ل") and normalize_key(ptxt[1:]) in _PLACES_NORM else ptxt
            s0, e0 = norm.to_original(pw[0][0], pw[-1][1])
            scope = place_english(doc.text[s0:e0] if ptxt_stripped == ptxt else ptxt_stripped)
            e_n = pw[-1][1]
            source = "place"
        elif mode.startswith("org"):
            if not gap_ok:
                i += L
                continue
            if mode.startswith("org_prefixed:"):
                m = org_hits.get(words[j][0])
            else:
                m = org_hits.get(words[j][0])
            if m is None:
                i += L
                continue
            rec = lex.by_id[m.payload[0]]
            if rec.generic:
                i += L
                continue
            scope, source = rec.name, "org"
            e_n = m.nend
        role = office if office == "un_sg" else f"{office}:{scope}" if scope else office
        s, e = norm.to_original(s_n, e_n)
        out.append(RoleMention(s, e, s_n, e_n, role, role_title(role), office, scope, source))
        # continue after the title words (not after the scope: «محافظ أربيل» may contain a place entity)
        i += L
    return out


def holder(role: str, date: str | None) -> Any:
    """The lexicon's office holder (an ``ActorRecord``) for ``role`` at ``date``, or None."""
    from hadath.extract.actors import load_lexicon

    return load_lexicon().holder(role, date)

"""Tokens with clitic segmentation, offsets into the original text.

A token is a run of letters/digits (diacritics and tatweel included) or a single punctuation
mark; numbers keep their separators (1,500 / 95.5 / ٣٫٥). Each Arabic token is split into
proclitics + stem + enclitics:

* proclitics: و ف (conjunctions), ب ك ل (prepositions), ال (article), س (future), and their
  combinations (وبال، لل، فلل، وس …). ب ك ل are split only before ال (بال، كال، لل) or when
  the rest is a known word, so that names such as بغداد، بارزاني، بلدة، كردستان stay whole;
  و ف are split when at least three letters remain and the word is not itself a known word
  starting with و/ف (وزير، فلسطين …).
* enclitics: ها هم هما كم كن نا ه on indefinite words with a long enough stem (ي is left
  attached: it is far more often a nisba ending, العراقي، بارزاني, than a pronoun).

The split is conservative: lexicon lookups do not depend on it (they match on the normalised
view and allow clitics themselves); it serves features, casualty patterns and display.
"""

from __future__ import annotations

import re
from functools import lru_cache

from hadath.arabic.normalize import normalize_key
from hadath.document import Document, Token
from hadath.pipeline import stage

_TOKEN_RE = re.compile(
    r"\d+(?:[.,٫٬]\d+)*"  # numbers with separators (ASCII digits)
    r"|[\u0660-\u0669\u06F0-\u06F9]+(?:[.,٫٬][\u0660-\u0669\u06F0-\u06F9]+)*"  # Arabic-Indic digits
    r"|[^\W\d_](?:[^\W\d_]|[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200c\u200d])*"  # words
    r"|\S"  # any other single character
)

# Known words starting with a letter that is also a proclitic: never split.
_PROTECTED = frozenset(
    normalize_key(w)
    for w in """
    وزير وزيرة وزارة وزراء الوزير الوزارة وقت وقتها ولاية ولايات واشنطن وكالة وكالات وحدات وحدة وسط
    وفد وفاة وفيات واحد واحدة وطني وطنية وضع وضعت وقف وقفة وقع وقعت يقع وقوع ورد وردت وصل وصلت
    وصول وجود وجه وجهت وجهة وثيقة ولد ولدا والد والدة والي ورقة وعد وعود وهابي واقع واقعة وسيلة وسائل
    ودمر ولي ولاء وراء وعلى وفي ومن وإلى وعن ومع وهو وهي وهم وقد وكان وكانت ولم ولن ولا وإن وأن
    فلسطين فلسطيني فلسطينية فلسطينيين فريق فريقا فرع فرنسا فرنسي فرنسية فرقة فرق فصائل فصيل فترة فجر
    فجرا فيلق فندق فوج فوق في فيه فيها فقط فقد فإن فيما فكرة فعل فعلا فتح فتاة فتيات فتى فرار فوز
    بغداد بارزاني بلدة بلد بلدات بلدية بلاد بيان بين بعد بعض بعدما بيروت بنغازي بريطانيا بريطاني بحر
    بحري بحرية بحث برلمان بشار بري براميل برميل بنك بيت بيوت بوابة بوكو بلدتي باكستان بغدادي
    كردستان كركوك كتائب كتيبة كبير كبيرة كل كلم كلية كما كان كانت كانوا كيلومتر كيلومترات كمين كنيسة
    كويت كوباني كابول كندا كوريا كرد كردي كردية كرة كتب كتاب
    لبنان لبناني لبنانية ليبيا ليبي ليبية لحج لواء لجنة لجان لقاء لقي لقوا لقيت لكن لدى لم لن لا ليلة
    ليل لندن لاجئين لاجئ لاهاي لودر
    سوريا سورية السوري سيارة سيارات سياسة سياسي سياسية سيطرة سيطر سيطرت ستة ست سنة سنوات سبعة سبع
    سجن سجون سجناء سلاح سلطة سلطات سكان سوق سقوط سقط سرية سرايا سيناء سعودي سعودية سلمان سفارة سفير
    سيدة سيد ساعة ساعات سابق سابقة سابقا سرت سبها سامراء سنجار سوق سيول
    """.split()
)

_PROCLITIC_CHAINS = (
    "وبال", "فبال", "وكال", "فكال", "وللل",
    "ولل", "فلل", "وال", "فال", "بال", "كال", "لل",
    "وس", "فس", "وب", "فب", "ول", "فل", "وك", "فك",
    "ال", "و", "ف", "ب", "ك", "ل", "س",
)
_ENCLITICS_3 = ("هما", "ها", "نا")  # stem >= 3 letters
_ENCLITICS_4 = ("هم", "كم", "كن", "ه")  # stem >= 4 letters


@lru_cache(maxsize=200_000)
def segment_word(norm: str, last_is_ta_marbuta: bool = False) -> tuple[str, str, str]:
    """Split a normalised Arabic word into (proclitics, stem, enclitics)."""
    if len(norm) < 3 or norm in _PROTECTED:
        return "", norm, ""
    prefix = ""
    stem = norm
    for chain in _PROCLITIC_CHAINS:
        if not norm.startswith(chain):
            continue
        rest = norm[len(chain):]
        if len(rest) < 2:
            continue
        if rest in _PROTECTED:
            prefix, stem = chain, rest
            break
        last = chain[-1]
        if chain.endswith("ال") or chain.endswith("لل"):
            if len(rest) >= 2:
                prefix, stem = chain, rest
                break
            continue
        if last in "بكل":
            continue  # ب ك ل only before ال or a known word
        if last == "س":
            if rest[:1] in "يتنا" and len(rest) >= 4 and ("س" + rest) not in _PROTECTED:
                prefix, stem = chain, rest
                break
            continue
        if last in "وف" and len(rest) >= 3:
            prefix, stem = chain, rest
            break
    suffix = ""
    if not prefix.endswith("ال") and not prefix.endswith("لل") and not last_is_ta_marbuta:
        for enc in _ENCLITICS_3:
            if stem.endswith(enc) and len(stem) - len(enc) >= 3:
                suffix, stem = enc, stem[: -len(enc)]
                break
        else:
            for enc in _ENCLITICS_4:
                if stem.endswith(enc) and len(stem) - len(enc) >= 4 and stem not in _PROTECTED:
                    suffix, stem = enc, stem[: -len(enc)]
                    break
    return prefix, stem, suffix


def _is_arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufeff"


def _orig_offsets(word: str, nprefix: int, nstem: int) -> tuple[int, int]:
    """Offsets in the original ``word`` after ``nprefix`` and ``nprefix+nstem`` normalised chars."""
    count = 0
    start = end = len(word)
    target_s, target_e = nprefix, nprefix + nstem
    found_s = nprefix == 0
    if found_s:
        start = 0
    for i, ch in enumerate(word):
        if normalize_key(ch) == "":
            continue
        if not found_s and count == target_s:
            start, found_s = i, True
        count += len(normalize_key(ch))
        if count == target_e:
            end = i + 1
            # keep trailing diacritics with the stem
            while end < len(word) and normalize_key(word[end]) == "":
                end += 1
            break
    return start, max(start, end)


@lru_cache(maxsize=65536)
def _analyse(word: str) -> tuple[bool, bool, str, int, int]:
    """(is_punct, is_arabic, norm, stem start, stem end) of a token's text (offsets into ``word``)."""
    first = word[0]
    is_punct = not (first.isalnum())
    arabic = _is_arabic(first) and first.isalpha()
    norm = normalize_key(word) if not is_punct else word
    a, b = 0, len(word)
    if arabic and norm:
        p, stem, x = segment_word(norm, word.rstrip("\u064B-\u065F")[-1:] in "ةۀ")
        if p or x:
            a, b = _orig_offsets(word, len(p), len(stem))
        norm = stem
    return is_punct, arabic, norm, a, b


@stage("tokens.clitic.v1", requires=("sentences",), assigns=("tokens",))
def tokenize(doc: Document) -> Document:
    """Fill ``doc.tokens``, one per word/number/punctuation mark, with clitic segmentation."""
    tokens: list[Token] = []
    append = tokens.append
    sents = doc.sentences
    nsents = len(sents)
    si = 0
    sent_end = sents[0].end if sents else 0
    analyse = _analyse
    for m in _TOKEN_RE.finditer(doc.text):
        s, e = m.span()
        if s >= sent_end and si + 1 < nsents:
            while si + 1 < nsents and sents[si].end <= s:
                si += 1
            sent_end = sents[si].end
        word = m.group()
        is_punct, arabic, norm, a, b = analyse(word)
        if a == 0 and b == e - s:
            append(Token(s, e, word, len(tokens), si, s, e, "", "", norm, arabic, is_punct))
        else:
            append(Token(s, e, word, len(tokens), si, s + a, s + b, word[:a], word[b:], norm, arabic, is_punct))
    doc.tokens = tokens
    return doc

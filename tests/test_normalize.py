from hypothesis import given, strategies as st

from hadath.arabic.normalize import arabic_ratio, normalize_key, normalize_view


def test_folds_letters_digits_and_marks():
    text = "أُعلِنَ إِنَّ آلاف ـــ مُصطفى في المدينةِ ٣٥ ۴۲\u200fرسالة ﻻ"
    v = normalize_view(text)
    assert "اعلن" in v.text
    assert "ان" in v.text.split()
    assert "الاف" in v.text
    assert "مصطفي" in v.text
    assert "المدينه" in v.text
    assert "35 42" in v.text
    assert "\u200f" not in v.text and "ـ" not in v.text
    assert v.text.endswith("لا")  # lam-alef presentation form expanded


def test_offset_map_points_back_to_original():
    text = "قُتِلَ ١٣ شخصاً في بَغْدَادَ"
    v = normalize_view(text)
    i = v.text.index("بغداد")
    s, e = v.to_original(i, i + len("بغداد"))
    assert text[s:e] == "بَغْدَادَ"[:-1] or text[s:e].startswith("بَغْدَاد")
    j = v.text.index("13")
    s, e = v.to_original(j, j + 2)
    assert text[s:e] == "١٣"


def test_normalize_key_matches_view():
    assert normalize_key("  البِشمَركة  ") == "البشمركه"
    assert normalize_key("إلى") == normalize_key("الي")


def test_arabic_ratio():
    assert arabic_ratio("hello world") == 0.0
    assert arabic_ratio("مرحبا") == 1.0
    assert arabic_ratio("") == 0.0


@given(st.text(max_size=300))
def test_view_maps_are_consistent(text):
    v = normalize_view(text)
    assert len(v.starts) == len(v.text) == len(v.ends)
    for k in range(len(v.text)):
        assert 0 <= v.starts[k] < v.ends[k] <= len(text)
    if v.text:
        s, e = v.to_original(0, len(v.text))
        assert 0 <= s <= e <= len(text)

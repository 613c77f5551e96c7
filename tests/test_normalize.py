import pytest

from extract.normalize import detect_language, fold, fold_with_offsets


@pytest.mark.parametrize(("raw", "folded"), [
    ("أمير عبد اللهيان", "امير عبد اللهيان"),          # hamza on alef
    ("إيران", "ايران"),
    ("آية الله", "ايه الله"),                          # madda alef, teh marbuta
    ("مُحَمَّد", "محمد"),                               # harakat
    ("هاتفيـــاً", "هاتفيا"),                           # tatweel and tanween
    ("مصطفى", "مصطفي"),                               # alef maqsura
    ("سرگئی", "سرگيي"),                               # Persian yeh, yeh with hamza
    ("کشور", "كشور"),                                 # keheh
    ("گفت‌وگو", "گفتوگو"),                            # ZWNJ removed
    ("\u200fمسکو\u200e", "مسكو"),                      # bidi marks
    ("۲۹ آذر ۱۴۰۲", "29 اذر 1402"),                    # Persian digits
    ("٢٠ ديسمبر", "20 ديسمبر"),                        # Arabic-Indic digits
    ("Сергей Лавров, Ёлка", "сергей лавров, елка"),    # case, yo
    ("ﻻ", "لا"),                                      # presentation form (NFKC)
])
def test_fold(raw, folded):
    assert fold(raw) == folded


def test_offsets_map_back_to_original():
    original = "قال الوزير: «حسينُ أميرعبداللهيان» اليوم"
    folded = fold_with_offsets(original)
    start = folded.text.index("اميرعبداللهيان")
    begin, end = folded.span_to_original(start, start + len("اميرعبداللهيان"))
    assert original[begin:end] == "أميرعبداللهيان"


def test_offsets_reject_spans_outside_text():
    with pytest.raises(ValueError):
        fold_with_offsets("abc").span_to_original(2, 9)


@pytest.mark.parametrize(("text", "language"), [
    ("أكد وزير الخارجية الروسي خلال اتصال هاتفي اليوم الالتزام بمواصلة التنسيق", "ar"),
    ("وزیر امور خارجه کشورمان در گفت‌وگوی تلفنی با همتای روس خود تأکید کرد", "fa"),
    ("Министр иностранных дел России провёл телефонный разговор", "ru"),
    ("The foreign ministers spoke by phone on Monday", "en"),
    ("1234 5678 !!!", None),
])
def test_detect_language(text, language):
    assert detect_language(text) == language

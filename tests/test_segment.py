from datetime import date

import pytest

from extract.metadata import clean_headline, publication_date, publisher
from extract.records import SegmentKind
from extract.segment import segment

ARABIC_PAGE = """\
عاجل
وزيرا خارجية مصر والأردن يبحثان الأوضاع في غزة
الأربعاء 07/فبراير/2024
عمان-بترا
أجرى وزير الخارجية الأردني اتصالا هاتفيا مع نظيره المصري اليوم.
وبحث الجانبان سبل وقف إطلاق النار في القطاع.
المصدر: وكالة الأنباء الأردنية
كلمات دلالية: غزة الأردن مصر
اقرأ أيضا: وزير الخارجية السعودي يستقبل نظيره التركي في الرياض
وتابع البيان أن الوزيرين اتفقا على مواصلة التنسيق.
اقرأ أيضاً:
الرئيس الروسي يلتقي نظيره الصيني في موسكو
وقال الكرملين إن اللقاء تناول التعاون الثنائي.
يستخدم هذا الموقع ملفات تعريف الارتباط لتحسين تجربتك.
"""

PERSIAN_PAGE = """\
دیدار وزرای خارجه ایران و عمان در مسقط-خبرگزاری نمونه
تاریخ انتشار: ۱۲:۱۰ - ۱۸ بهمن ۱۴۰۲
به گزارش خبرگزاری نمونه، وزیر امور خارجه کشورمان امروز با همتای عمانی خود دیدار کرد.
دو طرف درباره تحولات منطقه گفت‌وگو کردند.
انتهای پیام/
مطالب مرتبط
ارسال نظر
"""


def kinds(text, language):
    result = segment(text, language)
    return [(s.kind, text[s.start:s.end]) for s in result.segments], result


def test_arabic_page_pieces():
    pieces, result = kinds(ARABIC_PAGE, "ar")
    by_kind = {}
    for kind, line in pieces:
        by_kind.setdefault(kind, []).append(line)
    assert result.headline == "وزيرا خارجية مصر والأردن يبحثان الأوضاع في غزة"
    assert by_kind[SegmentKind.DATELINE] == ["الأربعاء 07/فبراير/2024", "عمان-بترا"]
    assert result.dateline_agency == "بترا"
    assert by_kind[SegmentKind.SOURCE] == ["المصدر: وكالة الأنباء الأردنية"]
    assert len(by_kind[SegmentKind.BODY]) == 3          # the body resumes after an inline "read also"
    assert "وتابع البيان أن الوزيرين اتفقا على مواصلة التنسيق." in by_kind[SegmentKind.BODY]
    related = by_kind[SegmentKind.RELATED]
    assert related[0].startswith("اقرأ أيضا: وزير الخارجية السعودي")
    assert "الرئيس الروسي يلتقي نظيره الصيني في موسكو" in related   # a block runs to the end
    assert by_kind[SegmentKind.BOILERPLATE][:2] == ["عاجل", "كلمات دلالية: غزة الأردن مصر"]


def test_arabic_page_metadata():
    result = segment(ARABIC_PAGE, "ar")
    assert publication_date(ARABIC_PAGE, result, "ar") == date(2024, 2, 7)
    assert publisher(ARABIC_PAGE, result) == "وكالة الأنباء الأردنية"


def test_persian_page_metadata():
    result = segment(PERSIAN_PAGE, "fa")
    assert publication_date(PERSIAN_PAGE, result, "fa") == date(2024, 2, 7)   # 18 Bahman 1402
    site = publisher(PERSIAN_PAGE, result)
    assert site == "خبرگزاری نمونه"
    assert clean_headline(result.headline, site) == "دیدار وزرای خارجه ایران و عمان در مسقط"
    pieces, _ = kinds(PERSIAN_PAGE, "fa")
    assert [k for k, line in pieces if line == "مطالب مرتبط"] == [SegmentKind.RELATED]


def test_ticker_is_not_body():
    ticker = " ".join(["سرخط خبر شماره یک درباره موضوعی دیگر"] * 20)
    text = f"تیتر اصلی خبر\n{ticker}\nوزیر خارجه امروز با همتای خود دیدار کرد.\n"
    pieces, _ = kinds(text, "fa")
    assert [k for k, _ in pieces] == [SegmentKind.HEADLINE, SegmentKind.TICKER, SegmentKind.BODY]


def test_a_date_in_the_body_is_not_a_publication_date():
    text = "Ministers met in Cairo\nThe ministers met on Monday, 20 December 2023, in Cairo, officials said.\n"
    result = segment(text, "en")
    assert publication_date(text, result, "en") is None


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("Lavrov, Fidan discuss Syria\nPublished: Feb. 6, 2024\nBody text here.", "en", date(2024, 2, 6)),
    ("Лавров и Фидан обсудили Сирию\nОпубликовано: 27 сентября 2024 года\nТекст.", "ru", date(2024, 9, 27)),
    ("عنوان الخبر\nنشر في: 9 كانون الثاني 2024\nنص الخبر.", "ar", date(2024, 1, 9)),
])
def test_published_markers(text, language, expected):
    assert publication_date(text, segment(text, language), language) == expected

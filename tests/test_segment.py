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


HEADLINES = {"en": "Ministers talk about the Sahel", "ru": "Министры обсудили Сахель",
             "ar": "وزيران يبحثان الوضع في الساحل", "fa": "گفت‌وگوی دو وزیر درباره ساحل"}

# A page flattened to text: the publication cue, its date, and the first sentence of the article on one line.
DATED_CUE_CASES = [
    ("en", "Date 2023-06-14 Foreign Minister Ahmed Attaf on Tuesday telephoned his counterpart Sergey Lavrov "
           "to discuss the situation in the Sahel.", date(2023, 6, 14)),
    ("ru", "Опубликовано 14 июня 2023 года Министр иностранных дел Сергей Лавров провел переговоры с "
           "коллегой из Алжира Ахмедом Аттафом.", date(2023, 6, 14)),
    ("ar", "نشر بتاريخ 2023-06-14 أجرى وزير الخارجية أحمد عطاف اليوم اتصالا هاتفيا مع نظيره الروسي سيرغي لافروف.",
     date(2023, 6, 14)),
    ("fa", "تاریخ انتشار: ۱۴۰۲/۰۳/۲۴ سید عباس عراقچی امروز با سرگئی لاوروف وزیر خارجه روسیه گفت‌وگوی تلفنی کرد.",
     date(2023, 6, 14)),
]


@pytest.mark.parametrize(("language", "line", "published"), DATED_CUE_CASES, ids=[c[0] for c in DATED_CUE_CASES])
def test_a_dated_cue_running_into_the_first_sentence_leaves_the_sentence_in_the_body(language, line, published):
    text = HEADLINES[language] + "\n" + line + "\n"
    result = segment(text, language)
    kinds = [s.kind for s in result.segments]
    assert kinds[-2:] == [SegmentKind.DATELINE, SegmentKind.BODY], kinds
    body = result.segments[-1]
    assert text[body.start:body.end].split()[0] not in line.split()[:2]   # the cue stayed in the dateline
    assert publication_date(text, result, language) == published


@pytest.mark.parametrize("line", ["Published: 14 June 2023 10:45 GMT", "Date 2023-06-14 | Updated 2023-06-15 08:00"])
def test_a_dateline_alone_stays_one_segment(line):
    result = segment("Headline of the page\n" + line + "\nBody text of the article.\n", "en")
    assert [s.kind for s in result.segments][1] is SegmentKind.DATELINE and len(result.segments) == 3


# The site's name, then the publication cue and its date, in the header.
PUBLISHED_AFTER_LEAD_CASES = [
    ("ar", "شبكة الأخبار ـ نشر في 2023/06/14 الساعة 18:20", date(2023, 6, 14)),
    ("en", "The Daily Courier | Published 14 June 2023", date(2023, 6, 14)),
    ("ru", "Агентство новостей — Опубликовано 14 июня 2023 года", date(2023, 6, 14)),
    ("fa", "پایگاه خبری - تاریخ انتشار: ۱۴۰۲/۰۳/۲۴", date(2023, 6, 14)),
]


@pytest.mark.parametrize(("language", "line", "published"), PUBLISHED_AFTER_LEAD_CASES,
                         ids=[c[0] for c in PUBLISHED_AFTER_LEAD_CASES])
def test_a_publication_cue_after_the_sites_name(language, line, published):
    text = HEADLINES[language] + "\n" + line + "\nBody text of the article, long enough to be a sentence.\n"
    result = segment(text, language)
    assert result.segments[1].kind is SegmentKind.DATELINE
    assert publication_date(text, result, language) == published

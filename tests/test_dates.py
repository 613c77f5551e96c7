from datetime import date

import pytest

from extract.dates import find_dates, first_full_date, parse_instant
from extract.normalize import fold


@pytest.mark.parametrize(("text", "expected"), [
    ("تاريخ النشر: 9th, January 2024 GMT", date(2024, 1, 9)),
    ("الثلاثاء 05/ديسمبر/2023", date(2023, 12, 5)),
    ("تاریخ انتشار: ۲۹ آذر ۱۴۰۲", date(2023, 12, 20)),            # Solar Hijri
    ("۱ فروردین ۱۴۰۳", date(2024, 3, 20)),                        # Nowruz
    ("۱۰ دی ۱۴۰۲", date(2023, 12, 31)),
    ("27 сентября 2024 года", date(2024, 9, 27)),
    ("Feb. 6, 2024", date(2024, 2, 6)),
    ("February 6th, 2024", date(2024, 2, 6)),
    ("6 February 2024", date(2024, 2, 6)),
    ("9 كانون الثاني 2024", date(2024, 1, 9)),                    # Levantine month
    ("15 تشرين الأول 2023", date(2023, 10, 15)),
    ("٥ يناير ٢٠٢٤", date(2024, 1, 5)),                           # Arabic-Indic digits
    ("۲۰ دسامبر ۲۰۲۳", date(2023, 12, 20)),                       # Gregorian month in Persian
    ("2023 December 20", date(2023, 12, 20)),
    ("2024-01-09", date(2024, 1, 9)),
    ("05/12/2023", date(2023, 12, 5)),                            # day first outside English
    ("نشر في 2023/12/05 الساعة 10:20", date(2023, 12, 5)),        # year first, slashes
    ("2023.12.05", date(2023, 12, 5)),
    ("۱۴۰۲/۰۹/۱۴", date(2023, 12, 5)),                            # a Solar year first
    ("https://example.org/news/2023/12/05/talks", None),          # a URL's path is no date of the text
    ("31 февраля 2024", None),                                    # no such day
    ("20 December", None),                                        # no year
    ("in 1967", None),
])
def test_first_full_date(text, expected):
    assert first_full_date(text) == expected


def test_english_numeric_dates_are_left_out_when_ambiguous():
    assert first_full_date("03/04/2024", "en") is None
    assert first_full_date("12/25/2024", "en") == date(2024, 12, 25)


def test_partial_date_keeps_day_and_month():
    (found,) = find_dates(fold("الاثنين 20 ديسمبر"))
    assert (found.value, found.month, found.day) == (None, 12, 20)


@pytest.mark.parametrize(("raw", "expected"), [
    ("2024-02-06", date(2024, 2, 6)),
    ("2024-02-06T09:30:00+03:00", "2024-02-06T09:30:00+03:00"),
    ("2024-02-06T09:30:00Z", "2024-02-06T09:30:00+00:00"),
    ("6 February 2024", date(2024, 2, 6)),
    ("not a date", None),
])
def test_parse_instant(raw, expected):
    value = parse_instant(raw)
    assert (value.isoformat() if isinstance(expected, str) else value) == expected

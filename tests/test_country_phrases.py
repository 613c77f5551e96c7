"""Countries named the ways news names them (issue 12): a country's adjective or name after a
title or «counterpart» resolves to whoever the gazetteer has in that office on the day."""
from datetime import date

import pytest

from extract.gazetteer import default
from extract.ingest import RawDocument
from extract.pipeline import extract_facts
from extract.reader import to_article
from linking_helpers import linked

DAY = date(2024, 3, 3)
LAVROV = "sergey-lavrov"


def minister(country: str, on: date = DAY) -> str:
    (person,) = default().holders("foreign_minister", country, on)
    return person.id


# (sentence, language, country whose foreign minister it names after Lavrov)
COUNTERPARTS = [
    ("Sergey Lavrov held talks with his Croatian counterpart in Moscow", "en", "HR"),
    ("Sergey Lavrov received the foreign minister of Bosnia and Herzegovina", "en", "BA"),
    ("Sergey Lavrov met his Peruvian counterpart", "en", "PE"),
    ("Sergey Lavrov spoke by phone with his Ivorian counterpart", "en", "CI"),
    ("Sergey Lavrov hosted his Mongolian counterpart", "en", "MN"),
    ("Sergey Lavrov met his Guinean counterpart", "en", "GN"),
    # a longer name or adjective wins over the shorter one inside it
    ("Sergey Lavrov met his Bissau-Guinean counterpart", "en", "GW"),
    ("Sergey Lavrov met his Equatorial Guinean counterpart", "en", "GQ"),
    ("Sergey Lavrov met his Papua New Guinean counterpart", "en", "PG"),
    ("Sergey Lavrov met the foreign minister of the Democratic Republic of the Congo", "en", "CD"),
    ("Sergey Lavrov met the foreign minister of the Republic of the Congo", "en", "CG"),
    ("Sergey Lavrov talked with the foreign minister of Trinidad and Tobago", "en", "TT"),
    ("التقى وزير الخارجية الروسي سيرغي لافروف نظيره الكرواتي", "ar", "HR"),
    ("بحث سيرغي لافروف مع وزير خارجية كرواتيا العلاقات الثنائية", "ar", "HR"),
    ("أجرى سيرغي لافروف اتصالا هاتفيا مع نظيره الإكوادوري", "ar", "EC"),
    ("استقبل سيرغي لافروف نظيره الغاني", "ar", "GH"),
    ("التقى سيرغي لافروف وزير خارجية غينيا بيساو", "ar", "GW"),
    ("التقى سيرغي لافروف نظيره الكمبودي", "ar", "KH"),
    ("سرگئی لاوروف با همتای کرواسی خود دیدار کرد", "fa", "HR"),
    ("سرگئی لاوروف با وزیر امور خارجه لیتوانی گفتگو کرد", "fa", "LT"),
    ("سرگئی لاوروف با همتای اروگوئه‌ای خود دیدار کرد", "fa", "UY"),
    ("سرگئی لاوروف با وزیر امور خارجه ساحل عاج دیدار کرد", "fa", "CI"),
    ("سرگئی لاوروف با همتای نپالی خود دیدار کرد", "fa", "NP"),
    ("Сергей Лавров провёл переговоры с хорватским коллегой", "ru", "HR"),
    ("Сергей Лавров встретился с министром иностранных дел Хорватии", "ru", "HR"),
    ("Сергей Лавров встретился с министром иностранных дел Боснии и Герцеговины", "ru", "BA"),
    ("Сергей Лавров провёл переговоры с главой МИД Доминиканской Республики", "ru", "DO"),
    ("Сергей Лавров провёл телефонный разговор с мозамбикским коллегой", "ru", "MZ"),
    ("Сергей Лавров встретился с министром иностранных дел Гвинеи-Бисау", "ru", "GW"),
    ("Сергей Лавров провёл переговоры с главой МИД Лаоса", "ru", "LA"),
    ("Сергей Лавров встретился с министром иностранных дел Мьянмы", "ru", "MM"),
]


@pytest.mark.parametrize(("text", "language", "country"), COUNTERPARTS)
def test_a_new_countrys_foreign_minister_is_found(text, language, country):
    assert linked(text, language, DAY) == [LAVROV, minister(country)]


@pytest.mark.parametrize(("text", "language"), [
    ("Sergey Lavrov met his Croatian counterpart on 3 March 2024 in Moscow.", "en"),
    ("التقى وزير الخارجية الروسي سيرغي لافروف نظيره الكرواتي في موسكو يوم 3 مارس 2024.", "ar"),
    ("سرگئی لاوروف روز ۳ مارس ۲۰۲۴ در مسکو با همتای کرواسی خود دیدار کرد.", "fa"),
    ("Сергей Лавров 3 марта 2024 года встретился в Москве с хорватским коллегой.", "ru"),
])
def test_the_counterpart_in_a_reported_meeting_is_the_minister_of_that_day(text, language):
    # the article appeared the day after the meeting it reports
    document = RawDocument("t.txt", "text", text, fields={"published": "2024-03-04"})
    (meeting,) = extract_facts(to_article(document)).interactions
    assert meeting.day == DAY
    assert sorted(p.id for p in meeting.participants) == sorted([LAVROV, minister("HR")])


@pytest.mark.parametrize(("text", "language"), [
    ("Sergey Lavrov met his Congolese counterpart", "en"),       # two Congos: neither is guessed
    ("Sergey Lavrov met his Dominican counterpart", "en"),       # Dominica or the Dominican Republic
    ("قال وزير المالية إن سيرغي لافروف", "ar"),                   # «المالية» is finance, not Mali
    # CLDR's short names that are also common words: «того» "of that", «مالي» / «مالی» "financial"
    ("Сергей Лавров встретился с министром иностранных дел того государства", "ru"),
    ("أعلن سيرغي لافروف عن دعم مالي للوزير", "ar"),
    ("سرگئی لاوروف از کمک مالی وزیر خارجه سخن گفت", "fa"),
    ("Sergey Lavrov spoke of the minister of that country", "en"),
])
def test_an_ambiguous_or_ordinary_word_names_no_country(text, language):
    assert linked(text, language, DAY) == [LAVROV]

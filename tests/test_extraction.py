"""Interactions and statements on small articles of our own, one behaviour each."""
from datetime import date

import pytest

from extraction_helpers import facts, pairs


def test_two_separate_calls_are_two_interactions():
    result = facts("عبد العاطي يجري اتصالين\nتاريخ النشر: 10 مارس 2025\n"
                   "أجرى وزير الخارجية المصري بدر عبد العاطي اليوم اتصالين هاتفيين منفصلين مع وزير الخارجية "
                   "السعودي فيصل بن فرحان ووزير الخارجية الأردني أيمن الصفدي.\n")
    assert pairs(result) == [("ayman-safadi", "badr-abdelatty"), ("badr-abdelatty", "faisal-bin-farhan")]
    assert {i.kind for i in result.interactions} == {"phone"}
    assert {i.day for i in result.interactions} == {date(2025, 3, 10)}


def test_received_a_call_from_names_the_caller():
    result = facts("Safadi receives call from Fidan\nPublished: February 6, 2024\n"
                   "Jordanian Foreign Minister Ayman Safadi on Monday received a phone call from Turkish "
                   "Foreign Minister Hakan Fidan.\n")
    (call,) = result.interactions
    assert call.initiator.id == "hakan-fidan"
    assert call.day == date(2024, 2, 5)      # the Monday before publication
    assert call.plover_mode == "phone" and call.cameo_code == "041" and call.place is None


def test_weekday_that_contradicts_the_date_gives_no_date():
    result = facts("Лавров и Фидан провели переговоры\nОпубликовано: 27 сентября 2024 года\n"
                   "Сергей Лавров провел переговоры с Хаканом Фиданом в понедельник, 27 сентября.\n")
    (meeting,) = result.interactions
    assert meeting.day is None           # 27 September 2024 was a Friday


def test_meeting_place_and_mode():
    result = facts("دیدار عراقچی و لاوروف\nتاریخ انتشار: ۲۶ آذر ۱۴۰۳\n"
                   "سید عباس عراقچی امروز در مسکو با سرگئی لاوروف وزیر امور خارجه روسیه دیدار کرد.\n")
    (meeting,) = result.interactions
    assert (meeting.kind, meeting.place.id, meeting.day) == ("meeting", "moscow", date(2024, 12, 16))
    assert (meeting.plover_mode, meeting.cameo_code) == ("visit", "042")


def test_read_also_items_give_nothing_and_no_date():
    result = facts("Ministers discuss trade\nPublished: March 3, 2024\n"
                   "Trade figures rose in February, the ministry said.\n"
                   "Read also: Lavrov met Fidan in Antalya today\n")
    assert result.interactions == []


def test_denied_meeting_is_no_meeting():
    result = facts("Blinken in Ankara\nPublished: November 6, 2023\n"
                   "Antony Blinken was not received by President Recep Tayyip Erdogan.\n")
    assert result.interactions == []


def test_the_two_sides_speak_for_both():
    result = facts("Lavrov, Wang talk\nPublished: July 25, 2024\n"
                   "Sergey Lavrov held talks with Wang Yi in Vientiane on Thursday.\n"
                   "The two sides stressed the need for a ceasefire in Gaza.\n")
    (statement,) = [s for s in result.statements if "two sides" in s.evidence.sentence]
    assert sorted(p.id for p in statement.speakers) == ["sergey-lavrov", "wang-yi"]
    assert {t.id for t in statement.topics} >= {"ceasefire", "gaza-war"}
    assert statement.during is result.interactions[0]


@pytest.mark.parametrize("attribute", ["interactions", "statements", "mentions"])
def test_every_fact_carries_its_sentence_and_article(attribute):
    text = ("Lavrov, Wang talk\nPublished: July 25, 2024\n"
            "Sergey Lavrov held talks with Wang Yi on Thursday. Lavrov said the two countries oppose sanctions.\n")
    result = facts(text)
    items = getattr(result, attribute)
    assert items
    for item in items:
        evidence = item.evidence
        assert evidence.article_id == result.article.id
        assert result.article.text[evidence.start:evidence.end] == evidence.sentence

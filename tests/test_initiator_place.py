"""Who made the call, and where a meeting took place: table-driven, in all four languages (our own sentences)."""
from __future__ import annotations

import pytest

from extraction_helpers import facts


INITIATOR_CASES = [
    ("ar", "أجرى وزير الخارجية المصري سامح شكري اليوم اتصالا هاتفيا مع وزير الخارجية الأردني أيمن الصفدي.",
     "sameh-shoukry"),
    ("ar", "وزير الخارجية الأردني أيمن الصفدي، أجرى يوم الأحد، اتصالا هاتفيا مع سامح شكري.", "ayman-safadi"),
    ("ar", "تلقى سامح شكري اتصالا هاتفيا من نظيره الأردني أيمن الصفدي.", "ayman-safadi"),
    ("en", "Sergey Lavrov had a phone conversation with Marco Rubio.\n"
           "The conversation took place at the initiative of the American side.", "marco-rubio"),
    ("ru", "Сергей Лавров провел телефонный разговор с Марко Рубио.\n"
           "Разговор состоялся по инициативе американской стороны.", "marco-rubio"),
    ("fa", "سید عباس عراقچی با هاکان فیدان گفت‌وگوی تلفنی کرد.\nاین تماس به درخواست طرف ترکیه انجام شد.",
     "hakan-fidan"),
    # a few time words between the received call and its "from"
    ("en", "Faisal bin Farhan received a phone call on Monday evening from Antony Blinken.", "antony-blinken"),
    ("ar", "تلقى وزير الخارجية أيمن الصفدي اتصالاً هاتفياً، مساء اليوم، من نظيره المصري سامح شكري.", "sameh-shoukry"),
    ("ru", "Сергей Лавров принял телефонный звонок в понедельник от Хакана Фидана.", "hakan-fidan"),
    ("en", "Ayman Safadi received phone calls on Friday from Hakan Fidan.", "hakan-fidan"),
    # the side named right after "at the initiative of", whoever the sentence names first
    ("ru", "По инициативе турецкой стороны состоялся телефонный разговор Сергея Лаврова с Хаканом Фиданом.",
     "hakan-fidan"),
    ("en", "At the request of the Turkish side, Sergey Lavrov held a phone call with Hakan Fidan.", "hakan-fidan"),
]


@pytest.mark.parametrize("language, text, caller", INITIATOR_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(INITIATOR_CASES)])
def test_the_caller(language, text, caller):
    (call,) = facts(text + "\n").interactions
    assert call.initiator is not None and call.initiator.id == caller, language


PLACE_CASES = [
    ("ar", "التقى سامح شكري أيمن الصفدي بالعاصمة الأردنية عمان.", "amman"),
    ("ar", "التقى سامح شكري نظيره الأردني أيمن الصفدي في العاصمة الأردنية اليوم.", "amman"),
    ("en", "Sergey Lavrov held talks with Wang Yi in the Chinese capital on Monday.", "beijing"),
    ("ru", "Сергей Лавров провел переговоры с Ван И в Пекине.", "beijing"),
    ("fa", "سید عباس عراقچی در مسکو با سرگئی لاوروف دیدار کرد.", "moscow"),
    # a dateline places the meeting that no sentence places
    ("en", "MOSCOW, March 3 (Agency) – Sergey Lavrov held talks with Hakan Fidan on Monday.", "moscow"),
    # the article's other meeting with the same minister names the city
    ("ar", "التقى هاكان فيدان الرئيس أحمد الشرع في دمشق.\nكما التقى هاكان فيدان وزير الخارجية أسعد الشيباني.",
     "damascus"),
]


@pytest.mark.parametrize("language, text, place", PLACE_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(PLACE_CASES)])
def test_the_meeting_place(language, text, place):
    meetings = [i for i in facts(text + "\n").interactions if i.kind == "meeting"]
    assert meetings and all(m.place is not None and m.place.id == place for m in meetings), language


def test_a_place_only_named_as_a_topic_is_not_where_they_met():
    (meeting,) = facts("Sergey Lavrov met Hakan Fidan and discussed the situation in the Gaza Strip.\n").interactions
    assert meeting.place is None or meeting.place.id != "gaza"


REQUEST_CASES = [
    # the call was made "on the request of" the other side: that side called
    ("en", "Foreign Minister Hakan Fidan held a telephonic conversation on the request of Secretary of State "
           "Marco Rubio.", "marco-rubio"),
    ("ar", "أجرى وزير الخارجية التركي هاكان فيدان اتصالا هاتفيا بناء على طلب وزير الخارجية الأمريكي ماركو روبيو.",
     "marco-rubio"),
    ("ru", "Министр иностранных дел Турции Хакан Фидан провел телефонный разговор по просьбе госсекретаря США Марко Рубио.",
     "marco-rubio"),
    ("fa", "هاکان فیدان به درخواست مارکو روبیو وزیر امور خارجه آمریکا با او گفت‌وگوی تلفنی کرد.", "marco-rubio"),
]


@pytest.mark.parametrize("language, text, caller", REQUEST_CASES, ids=[c[0] for c in REQUEST_CASES])
def test_the_side_that_asked_for_the_call_made_it(language, text, caller):
    (call,) = facts(text + "\n").interactions
    assert call.initiator is not None and call.initiator.id == caller


GATHERING_CASES = [
    # meetings the sentences do not place were held where the one gathering the article names was
    ("ar", "شارك وزير الخارجية الهندي جايشانكار اليوم في اجتماعات على هامش قمة مجموعة العشرين في نيودلهي.\n"
           "وأكد جايشانكار خلال لقائه مع وزير الخارجية المصري سامح شكري أهمية التعاون.", "new-delhi"),
    ("en", "Ministers gathered on the sidelines of the diplomacy forum in Antalya on Friday.\n"
           "Sergey Lavrov also met Hakan Fidan to discuss the war in Ukraine.", "antalya"),
    ("ru", "Министры собрались на полях форума в Анталье.\nСергей Лавров также встретился с Хаканом Фиданом.",
     "antalya"),
    ("fa", "وزیران در حاشیه مجمع دیپلماسی در آنتالیا گرد هم آمدند.\nعباس عراقچی با هاکان فیدان دیدار کرد.", "antalya"),
]


@pytest.mark.parametrize("language, text, place", GATHERING_CASES, ids=[c[0] for c in GATHERING_CASES])
def test_a_meeting_on_the_sidelines_of_the_articles_one_gathering_took_place_there(language, text, place):
    (meeting,) = facts(text + "\n").interactions
    assert meeting.place is not None and meeting.place.id == place


def test_two_gatherings_named_leave_an_unplaced_meeting_unplaced():
    text = ("Ministers met on the sidelines of the forum in Antalya, and later on the sidelines of the summit in "
            "Geneva.\nSergey Lavrov also met Hakan Fidan to discuss the war in Ukraine.\n")
    (meeting,) = facts(text).interactions
    assert meeting.place is None


def test_from_after_a_call_that_names_someone_between_is_not_the_caller():
    # the one named between the call and "from" is a party; "from Cairo" says nothing of who called
    (call,) = facts("Ayman Safadi had a phone call with Sameh Shoukry from Cairo.\n").interactions
    assert call.initiator is None or call.initiator.id != "ayman-safadi"


MUTUAL_CASES = [
    ("ar", "عباس عراقجي وبدر عبد العاطي أجريا اتصالاً هاتفياً مساء السبت لبحث العلاقات الثنائية."),
    ("en", "Sergey Lavrov and Hakan Fidan held a phone call on Saturday."),
    ("ru", "Сергей Лавров и Хакан Фидан провели телефонный разговор в субботу."),
    ("fa", "سید عباس عراقچی و هاکان فیدان روز شنبه تلفنی گفت‌وگو کردند."),
]


@pytest.mark.parametrize("language, text", MUTUAL_CASES, ids=[c[0] for c in MUTUAL_CASES])
def test_two_who_held_the_call_together_have_no_caller(language, text):
    (call,) = facts(text + "\n").interactions
    assert call.initiator is None, language


# a contact held at someone's request or invitation happened: the request was granted
GRANTED_CASES = [
    ("fa", "Published: 31 October 2023\nحسین امیرعبداللهیان به درخواست وزیر خارجه تایلند با وی دیدار کرد.",
     "parnpree-bahiddha-nukara"),
    ("en", "Published: 31 October 2023\nAt the request of the Thai foreign minister, Hossein Amir-Abdollahian met "
           "Parnpree Bahiddha-Nukara in Doha.", "parnpree-bahiddha-nukara"),
    ("ru", "Published: 31 October 2023\nПо просьбе Хакана Фидана Сергей Лавров провел с ним переговоры.",
     "hakan-fidan"),
    ("ar", "Published: 31 October 2023\nبناء على طلب هاكان فيدان التقى سيرغي لافروف نظيره التركي في موسكو.",
     "hakan-fidan"),
]


@pytest.mark.parametrize("language, text, caller", GRANTED_CASES, ids=[c[0] for c in GRANTED_CASES])
def test_a_contact_held_at_someones_request_happened(language, text, caller):
    (contact,) = facts(text + "\n").interactions
    assert contact.initiator is not None and contact.initiator.id == caller, language


# a country with no word for "capital" names no city: the meeting is not put in that country's capital
NO_CAPITAL_CASES = [
    ("en", "Published: 12 May 2024\nDuring a visit to the US, Sergey Lavrov met Hakan Fidan on Sunday."),
    ("en", "Published: 12 May 2024\nSergey Lavrov met Hakan Fidan on Sunday in the Turkish resort of Bodrum."),
    ("ar", "Published: 12 May 2024\nخلال زيارة إلى الولايات المتحدة، التقى سيرغي لافروف هاكان فيدان يوم الأحد."),
    ("fa", "Published: 12 May 2024\nسرگئی لاوروف در سفر به آمریکا روز یکشنبه با هاکان فیدان دیدار کرد."),
    ("ru", "Published: 12 May 2024\nВо время визита в США Сергей Лавров в воскресенье встретился с Хаканом Фиданом."),
]


@pytest.mark.parametrize("language, text", NO_CAPITAL_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(NO_CAPITAL_CASES)])
def test_a_country_named_after_a_locative_is_not_its_capital(language, text):
    (meeting,) = facts(text + "\n").interactions
    assert meeting.place is None or meeting.place.id not in ("washington", "ankara"), language


# datelined from a participant's own capital, about meetings on the sidelines of a gathering held elsewhere
HOME_DATELINE_CASES = [
    ("en", "ANKARA, May 12 (Agency) – Hakan Fidan held bilateral meetings on the sidelines of the regional "
           "ministerial.\nOn Sunday Hakan Fidan also held talks with Sergey Lavrov."),
    ("ru", "АНКАРА, 12 мая – Хакан Фидан провел встречи на полях министерской встречи.\n"
           "В воскресенье Хакан Фидан также провел переговоры с Сергеем Лавровым."),
    ("ar", "أنقرة: عقد هاكان فيدان لقاءات على هامش الاجتماع الوزاري الإقليمي.\n"
           "كما أجرى هاكان فيدان محادثات مع سيرغي لافروف يوم الأحد."),
    ("fa", "آنکارا - هاکان فیدان در حاشیه نشست وزیران دیدارهایی داشت.\nهاکان فیدان روز یکشنبه با سرگئی لاوروف دیدار کرد."),
]


@pytest.mark.parametrize("language, text", HOME_DATELINE_CASES, ids=[c[0] for c in HOME_DATELINE_CASES])
def test_a_home_capital_dateline_does_not_place_a_meeting_at_a_gathering(language, text):
    meetings = [i for i in facts(text + "\n").interactions if i.kind == "meeting"]
    assert meetings and all(m.place is None or m.place.id != "ankara" for m in meetings), language


def test_a_dateline_still_places_a_meeting_at_a_gathering_held_away_from_the_participants_homes():
    text = ("GENEVA, May 12 (Agency) – Sergey Lavrov held talks with Hakan Fidan on Sunday on the sidelines "
            "of the conference.\n")
    (meeting,) = facts(text).interactions
    assert meeting.place is not None and meeting.place.id == "geneva"


# a locative a few words after "about" names what they spoke of, not where they met
TOPIC_PLACE_CASES = [
    ("fa", "سرگئی لاوروف با هاکان فیدان درباره اوضاع جاری در غزه دیدار و گفتگو کرد."),
    ("en", "Sergey Lavrov met Hakan Fidan on Monday about the worsening situation in Gaza."),
    ("ar", "التقى سيرغي لافروف هاكان فيدان اليوم حول آخر التطورات في غزة."),
    ("ru", "Сергей Лавров провел переговоры с Хаканом Фиданом о ситуации в Газе."),
]


@pytest.mark.parametrize("language, text", TOPIC_PLACE_CASES, ids=[c[0] for c in TOPIC_PLACE_CASES])
def test_a_place_after_about_is_a_topic_not_the_meeting_place(language, text):
    (meeting,) = facts(text + "\n").interactions
    assert meeting.place is None or meeting.place.id != "gaza", language


# talks named by two other countries ("the US-Iran talks in Geneva") are those countries': not a meeting of the
# people who discussed them, and not where they met
OTHERS_TALKS_CASES = [
    ("en", "Sergey Lavrov and Abbas Araghchi discussed the outcomes of the recent US-Iran talks in Geneva.\n"
           "The two ministers spoke by telephone."),
    ("ar", "بحث سيرغي لافروف وعباس عراقجي نتائج المحادثات الإيرانية الأمريكية في جنيف.\nوجرى ذلك خلال اتصال هاتفي بين الوزيرين."),
    ("ru", "Сергей Лавров и Аббас Аракчи обсудили итоги ирано-американских переговоров в Женеве.\n"
           "Министры провели телефонный разговор."),
    ("fa", "سرگئی لاوروف و عباس عراقچی درباره نتایج مذاکرات ایران و آمریکا در ژنو گفتگو کردند.\n"
           "دو وزیر تلفنی با هم گفتگو کردند."),
]


@pytest.mark.parametrize("language, text", OTHERS_TALKS_CASES, ids=[c[0] for c in OTHERS_TALKS_CASES])
def test_other_countries_talks_are_no_meeting_place(language, text):
    contacts = facts("Published: 21 February 2026\n" + text + "\n").interactions
    assert contacts and all(c.place is None or c.place.id != "geneva" for c in contacts), language
    assert all(c.kind == "phone" for c in contacts), language

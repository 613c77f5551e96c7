"""Statements as real news phrase them (issue 11), one cause per table, in the languages where it occurs.

Every text here is our own; the real pages of ../shared/eval/real-dev only showed the causes.
"""
import pytest

from extract.normalize import fold
from extract.topics import topics_in
from extraction_helpers import facts


def said(result, topic: str) -> set[str]:
    """Who the statements say spoke of `topic` (or of a topic under it)."""
    def under(t):
        return t.id == topic or t.broader == topic
    return {p.id for s in result.statements if any(under(t) for t in s.topics) for p in s.speakers}


# Relations named by the two countries they join, not by a fixed phrase.
@pytest.mark.parametrize("sentence, expected", [
    ("They talked about U.S.-China relations.", True),
    ("India's relations with China were the main subject.", True),
    ("the relations between the Islamic Republic of Iran and the Russian Federation", True),
    ("Стороны обсудили перспективы российско-саудовских связей.", True),
    ("Речь шла об отношениях между Россией и Египтом.", True),
    ("الوزيران استعرضا العلاقات المغربية الروسية.", True),
    ("وبحثا آفاق التعاون بين الأردن وبلجيكا.", True),
    ("دو طرف درباره روابط ایران و ترکیه گفتگو کردند.", True),
    # one country only, or a second country far away in another phrase
    ("Министры затронули отношения с Японией и ход урегулирования кризиса на Украине.", False),
    ("They discussed relations with Japan.", False),
    # a qualified noun is that other topic: security cooperation, not the relations as such
    ("وبحثا التعاون الأمني بين تركيا وسوريا.", False),
])
def test_relations_named_by_two_countries(sentence, expected):
    assert ("bilateral-relations" in {t.id for t in topics_in(fold(sentence))}) is expected


# The contact itself as the subject, or a passive discussion verb: every participant spoke of it.
@pytest.mark.parametrize("text, topic", [
    ("Lavrov and Wang Yi met\nPublished: 12 July 2024\n"
     "Sergey Lavrov met Wang Yi in Beijing on Friday.\n"
     "According to the ministry, the situation in Ukraine was also discussed.\n", "war-in-ukraine"),
    ("Лавров и Ван И провели переговоры\nОпубликовано: 12 июля 2024 года\n"
     "Сергей Лавров провел переговоры с Ван И в Пекине.\n"
     "По данным МИД, в ходе беседы обсуждались события на Украине.\n", "war-in-ukraine"),
    ("دیدار عراقچی و لاوروف\nتاریخ انتشار: ۲۶ آذر ۱۴۰۳\n"
     "سید عباس عراقچی امروز در مسکو با سرگئی لاوروف دیدار کرد.\n"
     "به گفته منابع، روابط دوجانبه در این نشست بررسی شد.\n", "bilateral-relations"),
    ("الصفدي يلتقي لافروف\nتاريخ النشر: 10 مارس 2025\n"
     "التقى وزير الخارجية أيمن الصفدي اليوم في موسكو وزير الخارجية الروسي سيرغي لافروف.\n"
     "وتمحورت المباحثات حول وقف إطلاق النار في غزة.\n", "ceasefire"),
])
def test_the_contact_as_subject_speaks_for_all_its_participants(text, topic):
    result = facts(text)
    (contact,) = result.interactions
    assert said(result, topic) == {p.id for p in contact.participants}


def test_talks_of_a_contact_we_did_not_extract_are_nobody_s():
    # the second meeting's other party is unknown: "during it" cannot be the first meeting's people
    result = facts("Лавров и Ван И провели переговоры\nОпубликовано: 12 июля 2024 года\n"
                   "Сергей Лавров провел переговоры с Ван И в Пекине.\n"
                   "Позднее министр провел встречу с делегацией парламентариев.\n"
                   "В ходе нее обсуждались вопросы терроризма.\n")
    assert said(result, "terrorism") == set()


# Subjects meaning all the contact's people: "the two presidents", «روسای جمهور», «президенты», «الرئيسان».
@pytest.mark.parametrize("text, topic", [
    ("Erdogan and Pezeshkian spoke\nPublished: 5 January 2025\n"
     "Recep Tayyip Erdogan held a phone call with Masoud Pezeshkian on Sunday.\n"
     "The two presidents also discussed the war in Gaza.\n", "gaza-war"),
    ("تماس اردوغان و پزشکیان\nتاریخ انتشار: ۱۶ دی ۱۴۰۳\n"
     "رجب طیب اردوغان امروز در تماس تلفنی با مسعود پزشکیان گفتگو کرد.\n"
     "روسای جمهور درباره جنگ غزه رایزنی کردند.\n", "gaza-war"),
    ("Путин и Эрдоган поговорили\nОпубликовано: 5 января 2025 года\n"
     "Владимир Путин провел телефонный разговор с Реджепом Тайипом Эрдоганом.\n"
     "Президенты подчеркнули важность прекращения огня в Газе.\n", "ceasefire"),
    ("اتصال بين أردوغان وبزشكيان\nتاريخ النشر: 5 يناير 2025\n"
     "أجرى الرئيس التركي رجب طيب أردوغان اليوم اتصالا هاتفيا مع الرئيس الإيراني مسعود بزشكيان.\n"
     "وأكد الرئيسان أهمية وقف إطلاق النار في غزة.\n", "ceasefire"),
])
def test_subjects_that_mean_every_participant(text, topic):
    result = facts(text)
    (contact,) = result.interactions
    assert said(result, topic) == {p.id for p in contact.participants}


# A quotation's later sentences belong to its speaker, not to the people it names.
@pytest.mark.parametrize("text, speaker, topic", [
    ("Araghchi on his trip\nPublished: 3 March 2025\n"
     "Abbas Araghchi wrote on X: \"I was glad to be in Cairo again. "
     "Relations between Iran and Egypt are at a level not seen for years.\"\n", "abbas-araghchi", "bilateral-relations"),
    ("عراقچی در قاهره\nتاریخ انتشار: ۱۳ اسفند ۱۴۰۳\n"
     "سید عباس عراقچی در حساب خود نوشت: «امروز با بدر عبدالعاطی دیدار کردم. "
     "روابط ایران و مصر وارد مرحله تازه‌ای شده است.»\n", "abbas-araghchi", "bilateral-relations"),
    ("Лавров о поездке\nОпубликовано: 3 марта 2025 года\n"
     "Сергей Лавров сказал журналистам: «Я доволен поездкой. "
     "Российско-египетские отношения развиваются очень быстро».\n", "sergey-lavrov", "bilateral-relations"),
])
def test_a_quotation_continues_its_speaker(text, speaker, topic):
    assert said(facts(text), topic) == {speaker}


# Speech verbs that real pages use and the lexicon lacked.
@pytest.mark.parametrize("text, speaker, topic", [
    ("الصفدي والحرب\nتاريخ النشر: 10 مارس 2025\n"
     "ونبه وزير الخارجية أيمن الصفدي من خطر توسع الحرب على غزة.\n", "ayman-safadi", "gaza-war"),
    ("الصفدي والحرب\nتاريخ النشر: 10 مارس 2025\n"
     "وذكر وزير الخارجية أيمن الصفدي أن وقف إطلاق النار ضرورة عاجلة.\n", "ayman-safadi", "ceasefire"),
    ("عراقچی و غزه\nتاریخ انتشار: ۱۳ اسفند ۱۴۰۳\n"
     "سید عباس عراقچی در پیامی نوشت که آتش‌بس در غزه باید فوری باشد.\n", "abbas-araghchi", "ceasefire"),
    ("Lavrov on Gaza\nPublished: 3 March 2025\n"
     "Sergey Lavrov wrote that a ceasefire in Gaza was overdue.\n", "sergey-lavrov", "ceasefire"),
    ("Лавров о Газе\nОпубликовано: 3 марта 2025 года\n"
     "Сергей Лавров написал, что прекращение огня в Газе необходимо.\n", "sergey-lavrov", "ceasefire"),
])
def test_speech_verbs_real_pages_use(text, speaker, topic):
    assert said(facts(text), topic) == {speaker}


def test_an_arabic_verb_does_not_match_inside_a_persian_word():
    # Arabic «رأى» folds like the end of Persian «برای» ("for"): no speech verb in this sentence
    result = facts("عراقچی و آژانس\nتاریخ انتشار: ۱۳ اسفند ۱۴۰۳\n"
                   "سفر سید عباس عراقچی برای برنامه هسته‌ای ایران مهم است.\n")
    assert said(result, "iran-nuclear-program") == set()

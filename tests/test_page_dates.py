"""Where real pages put their dates, and how a contact gets its day from them (four languages).

The texts are written for these tests in the shapes news pages use; none is copied from a page.
"""
from datetime import date

import pytest

from extract.dates import first_full_date
from extract.event_dates import event_date
from extract.metadata import publication_date
from extract.normalize import fold
from extract.pipeline import extract_facts
from extract.reader import to_article
from extract.ingest import RawDocument
from extract.segment import segment


@pytest.mark.parametrize(("text", "expected"), [
    ("جرت المباحثات بتاريخ 3 محرم 1446هـ الموافق 9 يوليو 2024م", date(2024, 7, 9)),   # «م» glued to the year
    ("أخبار العالم7-11-2022 | 09:40", date(2022, 11, 7)),                           # glued to a section name
    ("۱۲ آبان‌ماه ۱۴۰۱", date(2022, 11, 3)),                                       # «ماه» after the month
    ("۱۲ آبان ماه ۱۴۰۱", date(2022, 11, 3)),
    ("07-11-2022", date(2022, 11, 7)),
    ("12-2022", None),
])
def test_dates_in_page_furniture(text, expected):
    assert first_full_date(text) == expected


def _published(text: str, language: str, url: str | None = None) -> date | None:
    return publication_date(text, segment(text, language), language, url)


@pytest.mark.parametrize(("text", "language", "url", "expected"), [
    # a bare header date is the day the page was saved when a timestamp below says otherwise
    ("الخميس 3 أكتوبر 2024\n\nوزيرا الخارجية يبحثان التعاون\n\nسياسة7-11-2022 | 09:40\n\n"
     "بحث وزير الخارجية مع نظيره اليوم الاثنين العلاقات الثنائية بين البلدين الشقيقين.", "ar", None, date(2022, 11, 7)),
    # the page's own clock is never the publication date
    ("التوقيت الخميس، 03 أكتوبر 2024\n\nوزيرا الخارجية يبحثان التعاون\n\n"
     "بحث وزير الخارجية مع نظيره اليوم الاثنين العلاقات الثنائية بين البلدين.", "ar", None, None),
    ("- Published Date: 09:15 | 7 November 2022\n- Modified Date: 18:02 | 8 November 2022\n\n"
     "The foreign minister spoke with his counterpart on Monday.", "en", None, date(2022, 11, 7)),
    ("Updated 8 November 2022\nPublished 7 November 2022\n\nThe ministers met on Monday.", "en", None, date(2022, 11, 7)),
    ("This Article is From Nov 07, 2022\n\nMinisters meet on sidelines\n\nThe ministers met on Monday.", "en", None,
     date(2022, 11, 7)),
    ("Tue Nov 8, 2022 6:05PM\n\nThe ministers met on Monday in Geneva to talk about trade.", "en", None, date(2022, 11, 8)),
    ("09:12 GMT 07.11.2022\n\nThe ministers met in Geneva today to talk about trade and energy.", "en", None,
     date(2022, 11, 7)),
    ("Министры провели переговоры\n\n07.11.2022, 14:20\n\nМинистры иностранных дел провели переговоры в Женеве.", "ru",
     None, date(2022, 11, 7)),
    # a byline's timestamp at the start of the body
    ("سارة علي - عمان في الاثنين 7 نوفمبر 2022 09:40 صباحاً - بحث وزير الخارجية مع نظيره العلاقات الثنائية.",
     "ar", None, date(2022, 11, 7)),
    ("خبرگزاری - ۱۶ آبان ۱۴۰۱ ساعت ۱۰:۲۰ - وزیر امور خارجه با همتای خود دیدار کرد و درباره روابط گفتگو کرد.",
     "fa", None, date(2022, 11, 7)),
    # a date in the page's address
    ("https://news.example/20221107/ministers-meet-123.html\n\nالوزيران يلتقيان\n\nالتقى الوزيران اليوم الاثنين.",
     "ar", None, date(2022, 11, 7)),
    ("The ministers met on Monday in Geneva to talk about trade and energy.", "en",
     "https://news.example/world/2022/11/07/ministers-meet", date(2022, 11, 7)),
    # the day of a post the article embeds, when the page says nothing else
    ("Министры встретились в воскресенье в Женеве и обсудили торговлю.\n\n"
     "Встреча прошла конструктивно.— МИД (@MFA_example) November 6, 2022", "ru", None, date(2022, 11, 6)),
    # a date in the body is an event's, not the page's
    ("The ministers met in Geneva on 7 November 2022 and talked about trade and energy and more.", "en", None, None),
])
def test_publication_date_from_where_pages_put_it(text, language, url, expected):
    assert _published(text, language, url) == expected


def test_the_date_nearest_the_contact_word_is_its_day():
    sentence = fold("في إطار الاتفاق الموقع بتاريخ 2 مارس 2024م جرت في العاصمة بتاريخ 9 يوليو 2024م مباحثات بين الوزيرين")
    near = sentence.index("مباحثات")
    assert event_date(sentence, None, near).day == date(2024, 7, 9)
    assert event_date(sentence, None).day == date(2024, 3, 2)    # without the contact word: the first


def _facts(text: str):
    article = to_article(RawDocument("synthetic.txt", "txt", text))
    return extract_facts(article)


@pytest.mark.parametrize("text", [
    # the day is in the lead; the contact word comes a sentence later
    "13 مارس 2024\n\nذكر وزير الخارجية الروسي سيرغي لافروف لنظيره الصيني وانغ يي اليوم الأربعاء أن التعاون "
    "بين البلدين يتقدم بثبات في كل المجالات.\n\nجاء ذلك خلال اتصال هاتفي جمع الطرفين.",
    "13 March 2024\n\nRussian Foreign Minister Sergey Lavrov told his Chinese counterpart Wang Yi on Wednesday that "
    "cooperation between the two countries was advancing steadily.\n\nThe two ministers spoke by phone.",
])
def test_a_contact_takes_its_day_from_the_lead(text):
    (interaction,) = _facts(text).interactions
    assert interaction.day == date(2024, 3, 13)


def test_one_call_reported_across_time_zones_is_one_contact():
    text = ("Nov 7, 2022\n\nChinese Foreign Minister Wang Yi said in a Monday phone call with Secretary of State "
            "Antony Blinken that the two countries should manage their differences.\n\n"
            "Secretary of State Antony Blinken spoke with Foreign Minister Wang Yi on Sunday about the war in Ukraine.")
    (interaction,) = _facts(text).interactions
    assert interaction.day in (date(2022, 11, 6), date(2022, 11, 7))


def test_two_calls_on_explicit_days_stay_two():
    text = ("Nov 9, 2022\n\nSecretary of State Antony Blinken spoke with Foreign Minister Wang Yi by phone on "
            "6 November 2022 about trade.\n\nSecretary of State Antony Blinken spoke with Foreign Minister Wang Yi by "
            "phone again on 7 November 2022 about the war in Ukraine.")
    assert sorted(i.day for i in _facts(text).interactions) == [date(2022, 11, 6), date(2022, 11, 7)]


@pytest.mark.parametrize(("text", "expected"), [
    # a weekday beside a day and month, no year anywhere: the one year that fits the people's terms
    ("On Wednesday, September 24, Secretary of State Marco Rubio met Foreign Minister Sergey Lavrov in New York.",
     date(2025, 9, 24)),
    ("التقى وزير الخارجية البرازيلي ماورو فييرا يوم الجمعة 22 سبتمبر مع وزير الخارجية المصري سامح شكري في نيويورك.",
     date(2023, 9, 22)),
    ("عباس عراقچی وزیر امور خارجه روز سه‌شنبه ۲۹ مهر با سرگئی لاوروف وزیر امور خارجه روسیه در تهران دیدار کرد.",
     date(2025, 10, 21)),
    # two years fit (Lavrov and Wang Yi were both foreign ministers in 2014 and 2025): no date
    ("Глава МИД РФ Сергей Лавров и Ван И встретились в воскресенье, 13 июля, в столице Китая.", None),
    # no weekday: no date
    ("Secretary of State Marco Rubio met Foreign Minister Sergey Lavrov in New York on September 24.", None),
    # a year that fits the weekday but not the war the article speaks of (a translation slip): no date
    ("أجرى وزير الخارجية الإيراني حسين أمير عبد اللهيان اتصالا هاتفيا مع سيرغي لافروف الليلة (الاثنين 20 ديسمبر) "
     "بحثا خلاله الحرب على غزة.", None),
])
def test_a_year_inferred_from_the_weekday_and_the_terms_of_office(text, expected):
    _assert_inferred_day(text, expected)


def _assert_inferred_day(text: str, expected: date | None) -> None:
    (interaction,) = _facts(text).interactions
    assert interaction.day == expected
    assert interaction.date_certainty == ("inferred" if expected else None)


def test_each_meeting_of_one_sentence_takes_the_day_written_before_its_counterpart():
    text = ("التقى وزير الخارجية البرازيلي ماورو فييرا يوم الجمعة 22 سبتمبر مع وزيري خارجية مصر سامح شكري والبحرين "
            "عبد اللطيف الزياني، كما عقد لقاء يوم الخميس 21 سبتمبر مع وزير الخارجية السعودي فيصل بن فرحان في نيويورك.")
    days = {tuple(sorted(p.id for p in i.participants)): i.day for i in _facts(text).interactions}
    assert days == {("mauro-vieira", "sameh-shoukry"): date(2023, 9, 22),
                    ("abdullatif-al-zayani", "mauro-vieira"): date(2023, 9, 22),
                    ("faisal-bin-farhan", "mauro-vieira"): date(2023, 9, 21)}


@pytest.mark.parametrize(("text", "weekday", "place"), [
    ("بحث وزير الخارجية المصري سامح شكري مع نظيره البرازيلي ماورو فييرا العلاقات الثنائية.\n\n"
     "جاء ذلك اليوم الجمعة بمقر الأمم المتحدة على هامش أعمال الجمعية العامة.", 4, "un-headquarters"),
    ("Egyptian Foreign Minister Sameh Shoukry discussed bilateral ties with his Brazilian counterpart Mauro Vieira.\n\n"
     "The meeting took place on Friday in New York.", 4, "new-york"),
    ("Министр иностранных дел России Сергей Лавров обсудил с Ван И двусторонние отношения.\n\n"
     "Встреча прошла в четверг в Пекине.", 3, "beijing"),
    ("عباس عراقچی با سرگئی لاوروف درباره روابط دوجانبه گفتگو کرد.\n\nاین دیدار روز دوشنبه در مسکو انجام شد.",
     0, "moscow"),
])
def test_the_sentence_after_a_contact_may_say_when_and_where(text, weekday, place):
    (interaction,) = _facts(text).interactions
    assert (interaction.day, interaction.weekday, interaction.place.id if interaction.place else None) == \
        (None, weekday, place)


def test_a_weekday_is_the_day_of_the_contact_beside_it_not_of_another_in_the_sentence():
    text = ("The meeting between President Vladimir Putin and Foreign Minister Abbas Araghchi on Thursday was "
            "productive, showing that the dialogue between the two countries keeps its pace and its depth, "
            "Sergey Lavrov said while opening talks with his Iranian counterpart.")
    weekdays = {tuple(sorted(p.id for p in i.participants)): i.weekday for i in _facts(text).interactions}
    assert weekdays.get(("abbas-araghchi", "sergey-lavrov"), "missing") is None


@pytest.mark.parametrize("text", [
    "Sergey Lavrov spoke at a joint press conference with his Iranian counterpart Abbas Araghchi in Moscow.",
    "تحدث سيرغي لافروف في مؤتمر صحفي مشترك مع نظيره الإيراني عباس عراقجي في موسكو.",
    "سرگئی لاوروف در نشست خبری مشترک با عباس عراقچی در مسکو سخن گفت.",
    "Сергей Лавров выступил на совместной пресс-конференции с Аббасом Аракчи в Москве.",
])
def test_a_joint_press_conference_is_a_meeting(text):
    (meeting,) = _facts(text).interactions
    assert (meeting.kind, sorted(p.id for p in meeting.participants)) == ("meeting", ["abbas-araghchi", "sergey-lavrov"])


@pytest.mark.parametrize(("text", "expected"), [
    # a page with no date of its own: "tomorrow" with its weekday and date says which day it was written, and the
    # contact "hours ago" counts from that day (Thursday 17 April fits 2025 only, in Araghchi's term)
    ("Foreign Minister Abbas Araghchi held talks with Sergey Lavrov in Moscow a few hours ago.\n\n"
     "Tomorrow, Thursday, April 17, Araghchi goes on to Minsk.", date(2025, 4, 16)),
    ("أجرى وزير الخارجية الإيراني عباس عراقجي قبل ساعات محادثات مع نظيره الروسي سيرغي لافروف في موسكو.\n\n"
     "ويتوجه عراقجي غدا الخميس 17 أبريل إلى مينسك.", date(2025, 4, 16)),
    ("عباس عراقچی وزیر امور خارجه ساعاتی پیش با سرگئی لاوروف در مسکو دیدار کرد.\n\n"
     "عراقچی فردا (پنجشنبه ۲۸ فروردین) راهی مینسک می‌شود.", date(2025, 4, 16)),
    ("Глава МИД Ирана Аббас Аракчи несколько часов назад встретился с Сергеем Лавровым в Москве.\n\n"
     "Завтра, в четверг, 17 апреля, Аракчи отправится в Минск.", date(2025, 4, 16)),
    # yesterday's contact on a page whose "today" is written out with its weekday
    ("Foreign Minister Abbas Araghchi spoke with Sergey Lavrov by phone yesterday.\n\n"
     "Today, Thursday, April 17, Araghchi receives a delegation in Tehran.", date(2025, 4, 16)),
    # no weekday beside the date: the year stays open, no date
    ("Foreign Minister Abbas Araghchi held talks with Sergey Lavrov in Moscow a few hours ago.\n\n"
     "Tomorrow, April 17, Araghchi goes on to Minsk.", None),
    # a weekday that fits two years of the people's terms (Lavrov and Wang Yi, Sunday 13 July: 2014 and 2025)
    ("Министр иностранных дел России Сергей Лавров несколько часов назад встретился с Ван И в Пекине.\n\n"
     "Завтра, в понедельник, 14 июля, Лавров отправится в Тяньцзинь.", None),
])
def test_a_relative_word_with_its_date_says_which_day_an_undated_page_was_written(text, expected):
    _assert_inferred_day(text, expected)


@pytest.mark.parametrize("text", [
    "Sergey Lavrov's talks with Abbas Araghchi in Moscow were useful; tomorrow, Thursday, Araghchi goes to Minsk.",
    "كانت محادثات سيرغي لافروف مع عباس عراقجي في موسكو مفيدة، ويتوجه عراقجي غدا الخميس إلى مينسك.",
    "دیدار سرگئی لاوروف با عباس عراقچی در مسکو مفید بود و عراقچی فردا پنجشنبه به مینسک می‌رود.",
    "Переговоры Сергея Лаврова с Аббасом Аракчи в Москве были полезными, а завтра, в четверг, Аракчи едет в Минск.",
])
def test_the_weekday_of_tomorrow_is_not_the_day_of_a_contact_reported(text):
    (interaction,) = _facts(text).interactions
    assert interaction.weekday is None


# a wire dateline's day with no year, and the same day written with its year elsewhere on the page (a caption)
DATELINE_YEAR_CASES = [
    ("en", "Antony Blinken arrives in Riyadh, Saudi Arabia, June 7, 2023. Photo: Agency\n"
           "WASHINGTON, June 7 (Agency) - Antony Blinken met Faisal bin Farhan in Riyadh on Wednesday."),
    ("ru", "Энтони Блинкен прибывает в Эр-Рияд, 7 июня 2023 года. Фото: агентство\n"
           "ВАШИНГТОН, 7 июня – Энтони Блинкен встретился с Фейсалом бин Фарханом в Эр-Рияде в среду."),
    ("ar", "أنتوني بلينكن يصل إلى الرياض، 7 يونيو 2023. الصورة: وكالة\n"
           "واشنطن، 7 يونيو - التقى أنتوني بلينكن فيصل بن فرحان في الرياض يوم الأربعاء."),
    ("fa", "آنتونی بلینکن در ریاض، ۷ ژوئن ۲۰۲۳. عکس: خبرگزاری\n"
           "واشنگتن، ۷ ژوئن - آنتونی بلینکن روز چهارشنبه در ریاض با فیصل بن فرحان دیدار کرد."),
]


@pytest.mark.parametrize("language, text", DATELINE_YEAR_CASES, ids=[c[0] for c in DATELINE_YEAR_CASES])
def test_a_wire_datelines_year_from_the_same_day_written_in_full_on_the_page(language, text):
    result = extract_facts(to_article(RawDocument("t.txt", "text", text + "\n")))
    assert result.article.published == date(2023, 6, 7), language
    (meeting,) = result.interactions
    assert meeting.day == date(2023, 6, 7), language


def test_a_datelines_day_written_with_two_years_on_the_page_gives_no_year():
    text = ("A meeting in Riyadh, June 7, 2021. Photo: Agency\nA meeting in Riyadh, June 7, 2023. Photo: Agency\n"
            "WASHINGTON, June 7 (Agency) - Antony Blinken met Faisal bin Farhan in Riyadh.\n")
    assert extract_facts(to_article(RawDocument("t.txt", "text", text))).article.published is None


# a contact reported as going on ("is holding talks") took place on the publication day; Arabic and Persian
# present forms also say the future, so they give no day
PROGRESSIVE_CASES = [
    ("en", "Sergey Lavrov is holding talks with Hakan Fidan in Ankara.", date(2025, 5, 12)),
    ("ru", "Сергей Лавров проводит переговоры с Хаканом Фиданом в Анкаре.", date(2025, 5, 12)),
    ("ar", "يعقد سيرغي لافروف محادثات مع هاكان فيدان في أنقرة.", None),
    ("fa", "سرگئی لاوروف با هاکان فیدان در آنکارا دیدار می‌کند.", None),
]


@pytest.mark.parametrize("language, text, day", PROGRESSIVE_CASES, ids=[c[0] for c in PROGRESSIVE_CASES])
def test_a_contact_going_on_as_reported_is_on_the_publication_day(language, text, day):
    result = extract_facts(to_article(RawDocument("t.txt", "text", "Published: 12 May 2025\n" + text + "\n")))
    if day is None:
        assert all(i.day is None for i in result.interactions), language
    else:
        assert [i.day for i in result.interactions] == [day], language

"""Titles that name a person: organisations' offices and lists of counterparts, in four languages (our own sentences)."""
from __future__ import annotations

import pytest

from extraction_helpers import facts, pairs


ORGANISATION_CASES = [
    ("en", "Published: 12 March 2024\nSergey Lavrov held talks with the EU foreign policy chief in Brussels on Monday.",
     "josep-borrell"),
    ("ar", "تاريخ النشر: 12 مارس 2024\nالتقى سامح شكري اليوم الأمين العام لجامعة الدول العربية في القاهرة.",
     "ahmed-aboul-gheit"),
    ("fa", "تاریخ انتشار: ۲۲ اسفند ۱۴۰۳\nسید عباس عراقچی امروز با دبیرکل سازمان ملل متحد دیدار کرد.",
     "antonio-guterres"),
    ("ru", "Опубликовано: 12 марта 2024 года\nСергей Лавров провел переговоры с генсеком ООН в Нью-Йорке.",
     "antonio-guterres"),
]


@pytest.mark.parametrize("language, text, holder", ORGANISATION_CASES, ids=[c[0] for c in ORGANISATION_CASES])
def test_an_organisation_title_is_its_holder_on_the_day(language, text, holder):
    result = facts(text + "\n")
    assert any(holder in pair for pair in pairs(result)), (language, pairs(result))


def test_counterparts_from_a_list_of_countries_are_one_call_each():
    result = facts("تاريخ النشر: 5 أغسطس 2025\nأجرى وزير الخارجية المصري بدر عبد العاطي اليوم سلسلة من الاتصالات "
                   "الهاتفية مع نظرائه من الأردن والسعودية.\n")
    assert pairs(result) == [("ayman-safadi", "badr-abdelatty"), ("badr-abdelatty", "faisal-bin-farhan")]


SURNAME_CASES = [
    # (language, text, a person that must be linked, a person that must not)
    ("en", "Lavrov had a telephone conversation with Rubio about Ukraine, the Russian and US ministries said.",
     "marco-rubio", None),
    ("ru", "Лавров и Рубио обсудили по телефону Украину, сообщили в МИД России и США.", "marco-rubio", None),
    ("fa", "گفت‌وگوی وزیر امور خارجه ایران و وزیر خارجه ترکیه فیدان درباره غزه.", "hakan-fidan", None),
    # an Arabic word that is also a surname is not that person without a title before it
    ("ar", "أشار الوزير إلى الاجتماع الأخير بين رئيسي إيران وروسيا في موسكو.", None, "ebrahim-raisi"),
]


# a surname right after a title, in an article with no date: the person named, not also the title's
# holder of the article's other people's time (here Araghchi's, when Fidan held the office)
TITLED_SURNAME_CASES = [
    ("en", "Abbas Araghchi met Turkish Foreign Minister Cavusoglu in Ankara."),
    ("ar", "التقى عباس عراقجي وزير الخارجية التركي جاويش أوغلو في أنقرة."),
    ("fa", "عباس عراقچی با وزیر امور خارجه ترکیه چاووش اوغلو در آنکارا دیدار کرد."),
    ("ru", "Аббас Аракчи встретился с министром иностранных дел Турции Чавушоглу в Анкаре."),
]


@pytest.mark.parametrize("language, text", TITLED_SURNAME_CASES, ids=[c[0] for c in TITLED_SURNAME_CASES])
def test_a_surname_after_a_title_is_that_person_alone(language, text):
    (meeting,) = facts(text + "\n").interactions
    assert sorted(p.id for p in meeting.participants) == ["abbas-araghchi", "mevlut-cavusoglu"], language


@pytest.mark.parametrize("language, text, linked, not_linked", SURNAME_CASES, ids=[c[0] for c in SURNAME_CASES])
def test_a_surname_alone(language, text, linked, not_linked):
    people = {m.person.id for m in facts(text + "\n").mentions}
    if linked:
        assert linked in people, (language, people)
    if not_linked:
        assert not_linked not in people, (language, people)


# an editor's brackets inside a quotation ("[Foreign Minister Hakan] Fidan") end no name and start no new person
BRACKET_CASES = [
    ("ru", "Глава МИД Британии прибыла в Москву для переговоров с [министром иностранных дел РФ Сергеем] Лавровым.",
     "sergey-lavrov"),
    ("en", "Published: 12 May 2024\n\"We held talks with [Turkish Foreign Minister Hakan] Fidan on Sunday,\" "
           "Sergey Lavrov said.", "hakan-fidan"),
    ("ar", "Published: 12 May 2024\nوقال سيرغي لافروف: \"أجريت محادثات مع [وزير الخارجية التركي هاكان] فيدان يوم الأحد\".",
     "hakan-fidan"),
    ("fa", "Published: 12 May 2024\nسرگئی لاوروف گفت: \"روز یکشنبه با [وزیر امور خارجه ترکیه هاکان] فیدان گفت‌وگو کردم\".",
     "hakan-fidan"),
]


@pytest.mark.parametrize("language, text, person", BRACKET_CASES, ids=[c[0] for c in BRACKET_CASES])
def test_a_name_split_by_an_editors_bracket_is_the_known_person(language, text, person):
    mentions = facts(text + "\n").mentions
    assert person in {m.person.id for m in mentions} and all(m.person.known for m in mentions), language


# "bin" and common given names spelt another way than the gazetteer's: still the person
SPELLING_CASES = [
    ("ru", "Энтони Блинкен встретился с Фейсалом бин Фарханом в среду.", "faisal-bin-farhan"),
    ("ru", "Сергей Лавров встретился с Абдуллой бин Заидом Аль Нахайяном в среду.", "abdullah-bin-zayed-al-nahyan"),
    ("ru", "Сергей Лавров встретился с наследным принцем Мохаммедом бен Сальманом в среду.", "mohammed-bin-salman"),
    ("en", "Antony Blinken met Faisal ben Farhan on Wednesday.", "faisal-bin-farhan"),
    ("ar", "التقى أنتوني بلينكن فيصل بن فرحان يوم الأربعاء.", "faisal-bin-farhan"),
    ("fa", "آنتونی بلینکن روز چهارشنبه با فیصل بن فرحان دیدار کرد.", "faisal-bin-farhan"),
]


@pytest.mark.parametrize("language, text, person", SPELLING_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(SPELLING_CASES)])
def test_a_name_in_another_spelling_of_bin_or_a_given_name(language, text, person):
    (meeting,) = facts("Published: 7 June 2023\n" + text + "\n").interactions
    assert person in {p.id for p in meeting.participants}, language


# an undated article: the title «وزير الخارجية الإيراني» had several holders in the era of the people named
# in full, but the article names one of them by surname after "Mr"/"Dr" — the title is that one
TITLE_AFTER_SURNAME_CASES = [
    ("en", "Mr Zarif spoke in Tehran on the crisis.\nIran's foreign minister held phone calls with Sergey Lavrov "
           "and Walid Muallem."),
    ("ar", "تحدث الدكتور ظريف في طهران عن الأزمة.\nوأجرى وزير الخارجية الإيراني اتصالين هاتفيين مع سيرغي لافروف "
           "ووليد المعلم."),
    ("fa", "آقای ظریف در تهران درباره بحران سخن گفت.\nوزیر امور خارجه ایران با سرگئی لاوروف و ولید المعلم تلفنی گفتگو کرد."),
    ("ru", "Зариф выступил в Тегеране по поводу кризиса.\nМинистр иностранных дел Ирана провел телефонные разговоры с "
           "Сергеем Лавровым и Валидом Муаллемом."),
]


@pytest.mark.parametrize("language, text", TITLE_AFTER_SURNAME_CASES, ids=[c[0] for c in TITLE_AFTER_SURNAME_CASES])
def test_a_title_is_the_holder_the_article_names_by_surname(language, text):
    calls = sorted(tuple(sorted(p.id for p in i.participants)) for i in facts(text + "\n").interactions)
    assert calls == [("mohammad-javad-zarif", "sergey-lavrov"), ("mohammad-javad-zarif", "walid-muallem")], language


# a title with no country, listed before one with a country, is that country's ("the prime minister and the
# foreign minister of Norway"); and another title's holder is no reason to pick a former minister
SHARED_COUNTRY_CASES = [
    ("fa", "عباس عراقچی روز دوشنبه در اسلو با نخست‌وزیر، وزیر خارجه نروژ و سفیر ژاپن گفتگو کرد."),
    ("en", "Abbas Araghchi met the prime minister and the foreign minister of Norway on Monday."),
    ("ar", "التقى عباس عراقجي يوم الاثنين رئيس الوزراء ووزير الخارجية النرويجي."),
    ("ru", "Аббас Аракчи в понедельник встретился с премьер-министром и министром иностранных дел Норвегии."),
]


@pytest.mark.parametrize("language, text", SHARED_COUNTRY_CASES, ids=[c[0] for c in SHARED_COUNTRY_CASES])
def test_titles_listed_together_share_the_country_named_after_the_last(language, text):
    result = facts("Published: 9 June 2025\n" + text + "\n")
    met = {p.id for i in result.interactions for p in i.participants}
    assert {"jonas-gahr-store", "espen-barth-eide"} <= met, language


# a four-letter Russian given name ending in -й takes case endings too (Юрай → Юраем), after a title or alone
SHORT_GIVEN_NAME_CASES = [
    ("ru", "Сергей Лавров провел переговоры с главой МИД Словакии Юраем Бланаром."),
    ("ru", "Сергей Лавров встретился с Юраем Бланаром в Нью-Йорке."),
    ("en", "Sergey Lavrov held talks with Slovak Foreign Minister Juraj Blanar."),
    ("ar", "أجرى سيرغي لافروف محادثات مع وزير الخارجية السلوفاكي يوراي بلانار."),
    ("fa", "سرگئی لاوروف با یورای بلانار وزیر امور خارجه اسلواکی گفتگو کرد."),
]


@pytest.mark.parametrize("language, text", SHORT_GIVEN_NAME_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(SHORT_GIVEN_NAME_CASES)])
def test_a_short_russian_given_name_in_another_case(language, text):
    (meeting,) = facts("Published: 24 September 2025\n" + text + "\n").interactions
    assert sorted(p.id for p in meeting.participants) == ["juraj-blanar", "sergey-lavrov"], language


# an Arabic or Persian surname alone opening a sentence that reports a contact is its subject
SURNAME_SUBJECT_CASES = [
    ("fa", "عراقچی در سفر به آنکارا با هاکان فیدان دیدار و رایزنی کرد."),
    ("ar", "عراقجي التقى هاكان فيدان في أنقرة."),
    ("en", "Araghchi met Hakan Fidan in Ankara."),
    ("ru", "Аракчи встретился с Хаканом Фиданом в Анкаре."),
]


@pytest.mark.parametrize("language, text", SURNAME_SUBJECT_CASES, ids=[c[0] for c in SURNAME_SUBJECT_CASES])
def test_a_surname_opening_a_contact_sentence_is_its_subject(language, text):
    (meeting,) = facts("Published: 11 May 2025\n" + text + "\n").interactions
    assert sorted(p.id for p in meeting.participants) == ["abbas-araghchi", "hakan-fidan"], language


def test_a_word_that_is_also_a_surname_opening_a_sentence_with_no_contact_is_no_one():
    people = {m.person.id for m in facts("Published: 11 May 2021\nظریف است که وزیر امروز سخن گفت.\n").mentions}
    assert "mohammad-javad-zarif" not in people


HOST_CASES = [
    ("fa", "هاکان فیدان امروز میزبان عباس عراقچی بود."),
    ("en", "Hakan Fidan hosted Abbas Araghchi today."),
    ("ar", "استضاف هاكان فيدان اليوم عباس عراقجي."),
    ("ru", "Хакан Фидан принял сегодня Аббаса Аракчи."),
]


@pytest.mark.parametrize("language, text", HOST_CASES, ids=[c[0] for c in HOST_CASES])
def test_hosting_someone_is_meeting_them(language, text):
    (meeting,) = facts("Published: 11 May 2025\n" + text + "\n").interactions
    assert sorted(p.id for p in meeting.participants) == ["abbas-araghchi", "hakan-fidan"], language


# two country adjectives before one plural title ("the Turkish and Russian foreign ministers") are both its
TWO_ADJECTIVES_CASES = [
    ("en", "The Turkish and Russian foreign ministers held talks in Ankara on Sunday."),
    ("ar", "وعقد وزيرا الخارجية التركي والروسي محادثات في أنقرة يوم الأحد."),
    ("ru", "Российский и турецкий министры иностранных дел провели переговоры в Анкаре в воскресенье."),
    ("fa", "وزیران خارجه ترکیه و روسیه روز یکشنبه در آنکارا دیدار کردند."),
]


@pytest.mark.parametrize("language, text", TWO_ADJECTIVES_CASES, ids=[c[0] for c in TWO_ADJECTIVES_CASES])
def test_one_title_after_two_countries_is_both_ministers(language, text):
    (meeting,) = facts("Published: 11 May 2025\n" + text + "\n").interactions
    assert sorted(p.id for p in meeting.participants) == ["hakan-fidan", "sergey-lavrov"], language


def test_a_country_named_before_another_countrys_title_is_no_title_of_its_own():
    people = {m.person.id for m in facts("Published: 11 May 2025\nTalks between Turkey and the Russian foreign "
                                         "minister Sergey Lavrov took place on Sunday.\n").mentions}
    assert "hakan-fidan" not in people

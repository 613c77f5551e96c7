"""Deputy foreign ministers, ministry spokespersons and security advisers named in a contact link to the
gazetteer's holder of that post on the day, in four languages (our own sentences; issue 12)."""
from __future__ import annotations

from datetime import date

import pytest

from extract import gazetteer
from extract.ingest import RawDocument
from extract.pipeline import extract_facts
from extract.reader import to_article

DFM, SPOX, NSA = "deputy_foreign_minister", "foreign_ministry_spokesperson", "national_security_adviser"

# (language, sentence with {minister} and {deputy} for the people's first names in that language,
#  day of the article, minister, deputy, the deputy's office on that day, its country)
CASES = [
    ("en", "{minister} met Chinese Vice Foreign Minister {deputy} in Tehran on Monday.",
     date(2024, 3, 12), "hossein-amir-abdollahian", "sun-weidong", DFM, "CN"),
    ("ar", "التقى {minister} اليوم نائب وزير الخارجية الصيني {deputy} في بكين.",
     date(2021, 3, 3), "faisal-bin-farhan", "le-yucheng", DFM, "CN"),
    ("fa", "{minister} امروز با {deputy} معاون وزیر امور خارجه چین در تهران دیدار کرد.",
     date(2023, 2, 14), "hossein-amir-abdollahian", "ma-zhaoxu", DFM, "CN"),
    ("ru", "{minister} встретился в Москве с заместителем министра иностранных дел Китая {deputy}.",
     date(2022, 3, 2), "sergey-lavrov", "le-yucheng", DFM, "CN"),
    ("en", "{minister} spoke by phone with State Department spokesperson {deputy} on Tuesday.",
     date(2022, 5, 10), "dmytro-kuleba", "ned-price", SPOX, "US"),
    ("ar", "التقى {minister} اليوم المتحدث باسم وزارة الخارجية الأمريكية {deputy} في واشنطن.",
     date(2023, 11, 20), "ayman-safadi", "matthew-miller", SPOX, "US"),
    ("fa", "{minister} امروز با {deputy} معاون وزیر امور خارجه روسیه در تهران دیدار کرد.",
     date(2023, 6, 20), "hossein-amir-abdollahian", "mikhail-galuzin", DFM, "RU"),
    ("ru", "{minister} провел переговоры в Лондоне с государственным министром Форин-офиса {deputy}.",
     date(2018, 5, 15), "sergey-lavrov", "alistair-burt", DFM, "GB"),
    ("ar", "التقى {minister} اليوم نائب وزير الخارجية السعودي {deputy} في أنقرة.",
     date(2024, 5, 10), "hakan-fidan", "waleed-elkhereiji", DFM, "SA"),
    ("en", "{minister} received Qatari Minister of State at the Foreign Ministry {deputy} in Cairo on Monday.",
     date(2025, 3, 10), "badr-abdelatty", "mohammed-al-khulaifi", DFM, "QA"),
    ("fa", "{minister} امروز با {deputy} معاون وزیر امور خارجه ترکیه در تهران دیدار کرد.",
     date(2025, 2, 10), "abbas-araghchi", "nuh-yilmaz", DFM, "TR"),
    ("ru", "{minister} и советник ОАЭ по национальной безопасности {deputy} провели переговоры в Москве.",
     date(2024, 6, 10), "sergey-lavrov", "tahnoun-bin-zayed", NSA, "AE"),
    ("en", "{minister} met Israeli National Security Adviser {deputy} in Jerusalem on Wednesday.",
     date(2020, 6, 10), "mike-pompeo", "meir-ben-shabbat", NSA, "IL"),
    ("ar", "التقى {minister} اليوم المتحدث باسم الخارجية القطرية {deputy} في عمان.",
     date(2023, 6, 10), "ayman-safadi", "majed-al-ansari", SPOX, "QA"),
    ("en", "{minister} met Pakistani Foreign Office spokesperson {deputy} in Goa on Friday.",
     date(2023, 3, 10), "s-jaishankar", "mumtaz-zahra-baloch", SPOX, "PK"),
    ("ar", "التقى {minister} اليوم وزير الدولة للشؤون الخارجية الهندي {deputy} في موسكو.",
     date(2016, 3, 10), "sergey-lavrov", "v-k-singh", DFM, "IN"),
    ("ar", "التقى {minister} اليوم النائبة الأولى لوزير الخارجية الأوكراني {deputy} في عمان.",
     date(2023, 3, 10), "ayman-safadi", "emine-dzhaparova", DFM, "UA"),
    ("fa", "{minister} امروز با {deputy} معاون وزیر امور خارجه آلمان در تهران دیدار کرد.",
     date(2024, 3, 10), "hossein-amir-abdollahian", "tobias-lindner", DFM, "DE"),
    ("ru", "{minister} встретился с заместителем министра иностранных дел Японии {deputy}.",
     date(2025, 3, 10), "sergey-lavrov", "takehiro-funakoshi", DFM, "JP"),
    ("en", "{minister} met Pakistan's National Security Adviser {deputy} in Moscow on Friday.",
     date(2018, 3, 10), "sergey-lavrov", "nasser-khan-janjua", NSA, "PK"),
    ("ar", "التقى {minister} اليوم نائب وزير الخارجية الروسي {deputy} في عمان.",
     date(2019, 3, 10), "ayman-safadi", "igor-morgulov", DFM, "RU"),
    ("ru", "{minister} встретился в Москве с государственным секретарем Франции по вопросам развития {deputy}.",
     date(2023, 3, 10), "sergey-lavrov", "chrysoula-zacharopoulou", DFM, "FR"),
    ("en", "{minister} met French foreign ministry spokesperson {deputy} in Paris on Friday.",
     date(2023, 3, 10), "hossein-amir-abdollahian", "anne-claire-legendre", SPOX, "FR"),
    ("en", "{minister} met Egyptian Deputy Foreign Minister for African Affairs {deputy} in Moscow on Monday.",
     date(2019, 3, 10), "sergey-lavrov", "hamdi-sanad-loza", DFM, "EG"),
    ("fa", "{minister} امروز با {deputy} سخنگوی وزارت امور خارجه عراق در تهران دیدار کرد.",
     date(2020, 3, 10), "mohammad-javad-zarif", "ahmed-al-sahaf", SPOX, "IQ"),
    ("en", "{minister} met Ukrainian foreign ministry spokesperson {deputy} in Kyiv on Friday.",
     date(2017, 3, 10), "mohammad-javad-zarif", "mariana-betsa", SPOX, "UA"),
    ("ar", "التقى {minister} اليوم وزيرة الدولة للتعاون الدولي القطرية {deputy} في عمان.",
     date(2025, 3, 10), "ayman-safadi", "maryam-al-misnad", DFM, "QA"),
    ("en", "{minister} met German Foreign Office spokesperson {deputy} in Berlin on Monday.",
     date(2024, 3, 11), "hossein-amir-abdollahian", "sebastian-fischer", SPOX, "DE"),
    ("ar", "التقى {minister} اليوم المتحدثة باسم وزارة الخارجية الألمانية {deputy} في برلين.",
     date(2025, 6, 10), "ayman-safadi", "kathrin-deschauer", SPOX, "DE"),
    ("ru", "{minister} встретился в Токио с пресс-секретарем МИД Японии {deputy}.",
     date(2019, 2, 6), "sergey-lavrov", "takeshi-osuga", SPOX, "JP"),
    ("fa", "{minister} امروز با {deputy} سخنگوی وزارت امور خارجه ژاپن در تهران دیدار کرد.",
     date(2022, 10, 26), "hossein-amir-abdollahian", "hikariko-ono", SPOX, "JP"),
    ("en", "{minister} met Japanese Foreign Ministry Press Secretary {deputy} in Tokyo on Monday.",
     date(2025, 3, 10), "abbas-araghchi", "toshihiro-kitamura", SPOX, "JP"),
    ("ar", "التقى {minister} اليوم كاتب الدولة الجزائري المكلف بالجالية الوطنية بالخارج {deputy} في عمان.",
     date(2025, 3, 10), "ayman-safadi", "sofiane-chaib", DFM, "DZ"),
    ("fa", "{minister} امروز با {deputy} معاون وزیر امور خارجه الجزایر در تهران دیدار کرد.",
     date(2025, 2, 10), "abbas-araghchi", "selma-bakhta-mansouri", DFM, "DZ"),
    ("ru", "{minister} встретился в Алжире с советником президента Алжира по вопросам безопасности {deputy}.",
     date(2017, 3, 10), "sergey-lavrov", "athmane-tartag", NSA, "DZ"),
    ("en", "{minister} met Algerian Foreign Ministry spokesperson {deputy} in Algiers on Saturday.",
     date(2018, 3, 10), "mohammad-javad-zarif", "abdelaziz-benali-cherif", SPOX, "DZ"),
    ("ru", "{minister} встретился в Париже с дипломатическим советником президента Франции {deputy}.",
     date(2016, 3, 10), "sergey-lavrov", "jacques-audibert", NSA, "FR"),
    ("ar", "التقى {minister} اليوم المتحدث باسم الخارجية الباكستانية {deputy} في إسلام آباد.",
     date(2017, 3, 10), "ayman-safadi", "nafees-zakaria", SPOX, "PK"),
    ("en", "{minister} met French Minister for European Affairs {deputy} in Paris on Tuesday.",
     date(2018, 3, 13), "sergey-lavrov", "nathalie-loiseau", DFM, "FR"),
    ("fa", "{minister} امروز با {deputy} وزیر مشاور امور خارجه مراکش در تهران دیدار کرد.",
     date(2018, 6, 12), "mohammad-javad-zarif", "mohcine-jazouli", DFM, "MA"),
    ("ar", "التقى {minister} اليوم كاتبة الدولة الفرنسية للشؤون الأوروبية {deputy} في عمان.",
     date(2019, 11, 12), "ayman-safadi", "amelie-de-montchalin", DFM, "FR"),
    ("ru", "{minister} провел телефонный разговор с советником президента США по национальной безопасности {deputy}.",
     date(2025, 6, 10), "sergey-lavrov", "marco-rubio", NSA, "US"),
    ("en", "{minister} met German Foreign Office spokesperson {deputy} in Berlin on Monday.",
     date(2018, 6, 11), "sergey-lavrov", "rainer-breul", SPOX, "DE"),
    ("fa", "{minister} امروز با {deputy} سخنگوی وزارت امور خارجه ژاپن در توکیو دیدار کرد.",
     date(2017, 12, 20), "mohammad-javad-zarif", "norio-maruyama", SPOX, "JP"),
    ("ru", "{minister} провел переговоры в Пекине с первым заместителем министра иностранных дел КНР {deputy}.",
     date(2016, 4, 12), "sergey-lavrov", "zhang-yesui", DFM, "CN"),
    ("ar", "التقى {minister} اليوم نائب وزير الخارجية الصيني {deputy} في عمان.",
     date(2017, 3, 10), "ayman-safadi", "liu-zhenmin", DFM, "CN"),
    ("ar", "التقى {minister} اليوم المتحدث باسم وزارة الخارجية السعودية {deputy} في الرياض.",
     date(2014, 3, 10), "sergey-lavrov", "osama-nugali", SPOX, "SA"),
]


def first_name(person_id: str, language: str) -> str:
    return gazetteer.default().people[person_id].names[language][0]


def contacts(text: str, day: date) -> list[list[str]]:
    article = f"Published: {day:%d %B %Y}\n{text}\n"
    result = extract_facts(to_article(RawDocument("t.txt", "text", article)))
    return [sorted(p.id for p in i.participants) for i in result.interactions]


@pytest.mark.parametrize("language, sentence, day, minister, deputy, role, country", CASES,
                         ids=[f"{c[0]}-{c[4]}" for c in CASES])
def test_a_deputy_in_a_contact_is_the_holder_of_the_post_that_day(language, sentence, day, minister, deputy,
                                                                  role, country):
    assert gazetteer.default().people[deputy].holds(role, country, day), (deputy, role, country, day)
    text = sentence.format(minister=first_name(minister, language), deputy=first_name(deputy, language))
    assert contacts(text, day) == [sorted([minister, deputy])], (language, text)

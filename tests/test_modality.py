"""Did the contact happen, and who took part: table-driven, in all four languages.

Every sentence here is our own. Each case gives a short article and what must
come out: the pairs that are interactions (happened), and the announced
contacts with their modality.
"""
from __future__ import annotations

from datetime import date

import pytest

from extraction_helpers import announced, facts
from extraction_helpers import pairs as happened


LAVROV, RUBIO, ARAGHCHI, FIDAN = "sergey-lavrov", "marco-rubio", "abbas-araghchi", "hakan-fidan"
SHOUKRY, SAFADI, PUTIN, TRUMP = "sameh-shoukry", "ayman-safadi", "vladimir-putin", "donald-trump"


MODALITY_CASES = [
    # (language, text, modality of the one contact it reports)
    ("en", "Foreign Minister Sergey Lavrov will hold talks with Secretary of State Marco Rubio in Geneva.", "planned"),
    ("en", "Sergey Lavrov and Marco Rubio are scheduled to meet in Geneva next week.", "planned"),
    ("en", "Sergey Lavrov said he was ready to meet Marco Rubio at any time.", "hypothetical"),
    ("en", "Moscow denied that Sergey Lavrov had a phone call with Marco Rubio.", "denied"),
    ("en", "Sergey Lavrov did not meet Marco Rubio in Geneva.", "denied"),
    ("en", "Marco Rubio proposed a meeting with Sergey Lavrov in Geneva.", "requested"),
    ("ar", "من المقرر أن يلتقي وزير الخارجية المصري سامح شكري نظيره الأردني أيمن الصفدي في عمان.", "planned"),
    ("ar", "وقال سامح شكري إنه مستعد للقاء أيمن الصفدي في أي وقت.", "hypothetical"),
    ("ar", "نفت الخارجية المصرية أن يكون سامح شكري قد أجرى اتصالا هاتفيا مع أيمن الصفدي.", "denied"),
    ("ar", "وجه سامح شكري دعوة إلى أيمن الصفدي لعقد لقاء في القاهرة.", "requested"),
    ("fa", "سید عباس عراقچی فردا در آنکارا با هاکان فیدان دیدار خواهد کرد.", "planned"),
    ("fa", "سید عباس عراقچی گفت با هاکان فیدان هیچ تماس تلفنی نداشتم.", "denied"),
    ("fa", "عباس عراقچی آمادگی خود را برای دیدار با هاکان فیدان اعلام کرد.", "hypothetical"),
    ("ru", "Сергей Лавров и Марко Рубио проведут переговоры в Женеве.", "planned"),
    ("ru", "Сообщения о телефонном разговоре Сергея Лаврова и Марко Рубио ложны, такой беседы не было.", "denied"),
    ("ru", "Сергей Лавров готов к встрече с Марко Рубио.", "hypothetical"),
    ("ru", "Марко Рубио предложил встречу Сергею Лаврову.", "requested"),
    # a name in apposition between commas does not cut the denial off from the contact
    ("ar", "نفى وزير الخارجية الإيراني، عباس عراقجي، صحة الأنباء التي نشرتها صحف غربية عن إجرائه محادثات مع "
           "ستيف ويتكوف.", "denied"),
    ("en", "The Iranian foreign minister, Abbas Araghchi, denied the reports published in Western papers about his "
           "talks with Steve Witkoff.", "denied"),
    ("ru", "Министр иностранных дел Ирана, Аббас Аракчи, опроверг опубликованные западными газетами сообщения о его "
           "переговорах со Стивом Уиткоффом.", "denied"),
    ("ru", "Сергей Лавров примет участие в переговорах с Марко Рубио в Женеве.", "planned"),
    # a rumoured contact, called fake news; an anticipated one («لقاء مرتقب»)
    ("fa", "سخنگوی وزارت خارجه شایعه دیدار سید عباس عراقچی با مارکو روبیو را خبرسازی جعلی دانست.", "denied"),
    ("en", "The ministry dismissed rumours of a meeting between Abbas Araghchi and Marco Rubio.", "denied"),
    ("ar", "نفت الخارجية ما نشر عن لقاء مرتقب بين عباس عراقجي وماركو روبيو.", "planned"),
    # the denial comes after the names of the parties, many words after the contact noun
    ("en", "On Monday the long-awaited meeting between Presidents Vladimir Putin and Donald Trump did not take "
           "place.", "denied"),
    ("ar", "اللقاء بين الرئيس فلاديمير بوتين والرئيس الأمريكي دونالد ترامب في بودابست لم يعقد.", "denied"),
    ("ru", "Встреча президентов России Владимира Путина и США Дональда Трампа в Будапеште так и не состоялась.",
     "denied"),
    ("fa", "دیدار سید عباس عراقچی وزیر خارجه ایران و هاکان فیدان وزیر خارجه ترکیه در آنکارا برگزار نشد.", "denied"),
]


@pytest.mark.parametrize("language, text, modality", MODALITY_CASES, ids=[f"{c[0]}-{c[2]}-{i}" for i, c in enumerate(MODALITY_CASES)])
def test_a_contact_that_did_not_happen_is_an_announced_contact(language, text, modality):
    result = facts(text + "\n")
    assert result.interactions == [], f"{language}: coded as having happened"
    assert [m for m, _ in announced(result)] == [modality]


HAPPENED_CASES = [
    ("en", "Sergey Lavrov met Marco Rubio in Geneva on Monday, and the two will meet again in May."),
    ("en", "Sergey Lavrov, who will travel to Ankara next week, held a phone call with Marco Rubio."),
    ("ar", "التقى وزير الخارجية المصري سامح شكري اليوم نظيره الأردني أيمن الصفدي في عمان."),
    ("fa", "سید عباس عراقچی امروز در آنکارا با هاکان فیدان دیدار و گفت‌وگو کرد."),
    ("ru", "Сергей Лавров провел телефонный разговор с Марко Рубио."),
]


@pytest.mark.parametrize("language, text", HAPPENED_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(HAPPENED_CASES)])
def test_a_contact_reported_as_done_is_an_interaction(language, text):
    result = facts(text + "\n")
    assert len(result.interactions) == 1, language


SCOPE_CASES = [
    # (language, text, the one pair that took part)
    ("en", "Sergey Lavrov met Marco Rubio in Riyadh to prepare the meeting of presidents Vladimir Putin and "
           "Donald Trump.", (LAVROV, RUBIO)),
    ("en", "Sergey Lavrov spoke by phone with Abbas Araghchi, Russian Foreign Ministry spokeswoman Maria "
           "Zakharova said.", (ARAGHCHI, LAVROV)),
    ("ar", "بحث سامح شكري مع أيمن الصفدي التحضيرات الخاصة بالقمة المرتقبة بين الرئيس فلاديمير بوتين والرئيس "
           "دونالد ترامب.", (SAFADI, SHOUKRY)),
    ("ar", "استقبل سامح شكري أيمن الصفدي الذي نقل رسالة من الرئيس دونالد ترامب.", (SAFADI, SHOUKRY)),
    ("fa", "سید عباس عراقچی با سرگئی لاوروف، نماینده ویژه ولادیمیر پوتین دیدار کرد.", (ARAGHCHI, LAVROV)),
    ("ru", "Сергей Лавров провел переговоры с Хаканом Фиданом для подготовки встречи Владимира Путина и "
           "Дональда Трампа.", (FIDAN, LAVROV)),
]


@pytest.mark.parametrize("language, text, pair", SCOPE_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(SCOPE_CASES)])
def test_only_the_parties_of_the_contact_take_part(language, text, pair):
    result = facts(text + "\n")
    assert happened(result) == [tuple(sorted(pair))], language


SEPARATE_CASES = [
    ("en", "Sergey Lavrov held phone calls with Hakan Fidan, Abbas Araghchi and Marco Rubio.",
     [(FIDAN, LAVROV), (ARAGHCHI, LAVROV), (LAVROV, RUBIO)]),
    ("ar", "أجرى سامح شكري اتصالات هاتفية مع هاكان فيدان وأيمن الصفدي وعباس عراقجي.",
     [(FIDAN, SHOUKRY), (SAFADI, SHOUKRY), (ARAGHCHI, SHOUKRY)]),
    ("fa", "سید عباس عراقچی به طور جداگانه با سرگئی لاوروف و هاکان فیدان گفت‌وگوی تلفنی کرد.",
     [(ARAGHCHI, LAVROV), (ARAGHCHI, FIDAN)]),
    ("ru", "Сергей Лавров провел отдельные телефонные разговоры с Хаканом Фиданом и Марко Рубио.",
     [(FIDAN, LAVROV), (LAVROV, RUBIO)]),
    # calls received from ministers of several countries: one call from each, not a conference
    ("en", "Prince Faisal bin Farhan received calls from Turkish Foreign Minister Hakan Fidan, Jordanian Foreign "
           "Minister Ayman Safadi and Egyptian Foreign Minister Sameh Shoukry.",
     [("faisal-bin-farhan", FIDAN), ("faisal-bin-farhan", SAFADI), ("faisal-bin-farhan", SHOUKRY)]),
    ("ar", "تلقى الأمير فيصل بن فرحان اتصالات هاتفية من هاكان فيدان وأيمن الصفدي وسامح شكري.",
     [("faisal-bin-farhan", FIDAN), ("faisal-bin-farhan", SAFADI), ("faisal-bin-farhan", SHOUKRY)]),
]


@pytest.mark.parametrize("language, text, pairs", SEPARATE_CASES, ids=[c[0] for c in SEPARATE_CASES])
def test_calls_with_several_counterparts_are_one_call_each(language, text, pairs):
    result = facts(text + "\n")
    assert happened(result) == sorted(tuple(sorted(p)) for p in pairs), language


def test_a_joint_meeting_keeps_all_its_participants_in_one_node():
    result = facts("Sergey Lavrov, Hakan Fidan and Abbas Araghchi held talks in Tehran.\n")
    assert happened(result) == [tuple(sorted((LAVROV, FIDAN, ARAGHCHI)))]


ONE_NODE_CASES = [
    ("en", "Lavrov and Rubio spoke by phone\nSergey Lavrov had a phone call with Marco Rubio.\n"
           "During the talks Sergey Lavrov and Marco Rubio discussed Ukraine.\n"),
    ("fa", "گفت‌وگوی تلفنی عراقچی و فیدان\nسید عباس عراقچی با هاکان فیدان گفت‌وگوی تلفنی کرد.\n"
           "در این تماس عراقچی و هاکان فیدان درباره غزه رایزنی کردند.\n"),
    ("ru", "Сергей Лавров провел телефонный разговор с Хаканом Фиданом.\n"
           "По итогам переговоров Сергей Лавров и Хакан Фидан договорились продолжить диалог.\n"),
]


@pytest.mark.parametrize("language, text", ONE_NODE_CASES, ids=[c[0] for c in ONE_NODE_CASES])
def test_one_contact_told_several_times_is_one_node_of_the_first_kind(language, text):
    result = facts(text)
    assert len(result.interactions) == 1, language
    assert result.interactions[0].kind == "phone"


def test_an_undated_contact_beside_its_denial_is_not_kept_as_having_happened():
    result = facts("Sergey Lavrov spoke with Marco Rubio by phone, the paper wrote.\n"
                   "The ministry denied that Sergey Lavrov had a phone call with Marco Rubio.\n")
    assert result.interactions == []
    assert announced(result) == [("denied", tuple(sorted((LAVROV, RUBIO))))]


def test_announced_contacts_reach_the_graph_as_contact_reports_and_never_as_interactions(tmp_path):
    from rdflib import Graph, URIRef
    from rdflib.namespace import RDF

    from exports.cli import main
    from graph.validate import violations

    article = tmp_path / "a.txt"
    article.write_text("Lavrov and Rubio to meet\nSergey Lavrov and Marco Rubio will hold talks in Geneva.\n"
                       "The Kremlin denied that Vladimir Putin had a phone call with Donald Trump.\n", encoding="utf-8")
    assert main(["build", str(article), "--out", str(tmp_path / "out"), "-q"]) == 0
    graph = Graph().parse(tmp_path / "out" / "graph.ttl", format="turtle")
    dg = "https://w3id.org/diplograph/ns#"
    reports = set(graph.subjects(RDF.type, URIRef(dg + "ContactReport")))
    modalities = sorted(str(graph.value(r, URIRef(dg + "modality"))) for r in reports)
    assert modalities == ["denied", "planned"]
    assert not set(graph.subjects(RDF.type, URIRef(dg + "Interaction")))
    assert not set(graph.subject_objects(URIRef(dg + "spokeWith")))
    assert not violations(graph)


def test_the_shapes_refuse_a_contact_report_typed_as_an_interaction():
    from rdflib import Graph

    from graph.validate import violations

    bad = Graph().parse(data="""
        @prefix dg: <https://w3id.org/diplograph/ns#> . @prefix schema: <https://schema.org/> .
        @prefix prov: <http://www.w3.org/ns/prov#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <urn:r> a dg:ContactReport, dg:Interaction, dg:PhoneCall ; dg:modality "rumoured" ;
            dg:participant <urn:a>, <urn:b> ; prov:wasDerivedFrom <urn:n> .
        <urn:a> a schema:Person ; rdfs:label "A" . <urn:b> a schema:Person ; rdfs:label "B" .
        <urn:n> a schema:NewsArticle ; dg:sourceFile "n.txt" .""", format="turtle")
    found = " ".join(str(v) for v in violations(bad))
    assert "never typed as an interaction" in found
    assert "rumoured" in found or "modality" in found


MORE_SCOPE_CASES = [
    # an absent minister is not a party of the meeting held without him
    ("en", "Wang Yi held talks with Sergey Lavrov in Jakarta as Foreign Minister Hakan Fidan was unwell.",
     [("sergey-lavrov", "wang-yi")]),
    # two office holders of one country are a delegation, not a diplomatic contact
    ("ru", "Владимир Путин и Сергей Лавров провели переговоры.", []),
    # a long official title still lets the name after it be the mention
    ("ar", "أجرى وزير الخارجية وشؤون المغتربين أيمن الصفدي اتصالا هاتفيا مع سامح شكري.",
     [("ayman-safadi", "sameh-shoukry")]),
    # "talks attended by X": X joined the contact reported just before
    ("ar", "استقبل هاكان فيدان وزير الخارجية الأردني أيمن الصفدي في أنقرة.\nوعقدت محادثات حضرها سامح شكري.",
     [("ayman-safadi", "hakan-fidan", "sameh-shoukry")]),
    # a meeting of a body's ministers is no office holder's: "the SAARC Foreign Minister's meeting"
    ("en", "Sushma Swaraj met Sergey Lavrov on the margins of the SAARC Foreign Minister's meeting.\n"
           "Nawaz Sharif, who is his own foreign minister, did not attend.",
     [("sergey-lavrov", "sushma-swaraj")]),
    # told as done with a past verb: an earlier announcement of the same contact does not undo it
    ("ru", "Сергей Лавров и Марко Рубио провели переговоры в Женеве.\nРанее сообщалось, что встреча Лаврова и "
           "Рубио пройдет за закрытыми дверями.", [("marco-rubio", "sergey-lavrov")]),
    ("en", "Sergey Lavrov and Marco Rubio held talks in Geneva.\nEarlier, officials had said that the meeting "
           "between Lavrov and Rubio would take place behind closed doors.", [("marco-rubio", "sergey-lavrov")]),
    ("ar", "التقى سامح شكري أيمن الصفدي في عمان.\nوكان من المقرر أن يعقد لقاء شكري والصفدي في الأسبوع الماضي.",
     [("ayman-safadi", "sameh-shoukry")]),
    ("fa", "سید عباس عراقچی با هاکان فیدان در آنکارا دیدار کرد.\nپیش از این گفته شده بود که دیدار عراقچی و فیدان "
           "هفته آینده برگزار خواهد شد.", [("abbas-araghchi", "hakan-fidan")]),
    # counterparts of a minister the sentence does not name are not each other's contact
    ("ar", "Published: 14 September 2025\nالتقى الوزير بنظيره المصري ونظيره العراقي في الدوحة يوم الأحد.", []),
    ("fa", "Published: 14 September 2025\nدیدار وزیر امور خارجه با همتایان مصری و عراقی در دوحه", []),
    ("en", "Published: 14 September 2025\nThe foreign minister met his Egyptian and Iraqi counterparts in Doha.", []),
    ("ru", "Published: 14 September 2025\nМинистр встретился с египетским и иракским коллегами в Дохе.", []),
    # "the Prime Minister's adviser" is not the Prime Minister
    ("en", "Antony Blinken spoke by phone with the Egyptian President's adviser.", []),
    # «… با فیدان دیدار و دو طرف … گفتگو خواهند کرد»: the noun takes the future of the verb at the end
    ("fa", "سید عباس عراقچی در این سفر با هاکان فیدان دیدار و دو طرف درباره غزه گفتگو خواهند کرد.", []),
]


@pytest.mark.parametrize("language, text, pairs", MORE_SCOPE_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(MORE_SCOPE_CASES)])
def test_who_took_part(language, text, pairs):
    result = facts(text + "\n")
    assert happened(result) == sorted(tuple(sorted(p)) for p in pairs), language


@pytest.mark.parametrize("text", ["التقى وزير الخارجية السعودي الأمير فيصل بن فرحان عقدا اجتماعا موسعا.",
                                  "وجه وزير الخارجية المصري سامح شكري دعوة لنظيره التركي لزيارة تركيا."])
def test_words_after_a_title_that_are_no_person(text):
    result = facts(text + "\n")
    assert all(m.person.known for m in result.mentions), [m.surface for m in result.mentions if not m.person.known]


MEETING_SHAPE_CASES = [
    # one minister meeting several others "with" them: one meeting each
    ("fa", "سید عباس عراقچی با سرگئی لاوروف، هاکان فیدان و فیصل بن فرحان دیدار کرد.",
     [(ARAGHCHI, LAVROV), (ARAGHCHI, FIDAN), (ARAGHCHI, "faisal-bin-farhan")]),
    ("en", "Sergey Lavrov met with Hakan Fidan and Abbas Araghchi in Doha.", [(LAVROV, FIDAN), (LAVROV, ARAGHCHI)]),
    # … unless the text says it was one meeting
    ("en", "Sergey Lavrov held a trilateral meeting with Hakan Fidan and Abbas Araghchi in Doha.",
     [(LAVROV, FIDAN, ARAGHCHI)]),
    ("ar", "عقد سامح شكري اجتماعا ثلاثيا مع أيمن الصفدي وهاكان فيدان.", [(SHOUKRY, SAFADI, FIDAN)]),
    # a later sentence "during the meeting" adds to the meeting, it is not a second one
    ("ar", "التقى سامح شكري اليوم أيمن الصفدي وهاكان فيدان في القاهرة.\nوبحث شكري مع الصفدي خلال اللقاء العلاقات الثنائية.",
     [(SHOUKRY, SAFADI, FIDAN)]),
]


@pytest.mark.parametrize("language, text, pairs", MEETING_SHAPE_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(MEETING_SHAPE_CASES)])
def test_one_meeting_or_several(language, text, pairs):
    result = facts(text + "\n")
    assert happened(result) == sorted(tuple(sorted(p)) for p in pairs), language


def test_ministers_of_many_countries_arriving_for_a_conference_are_no_contact():
    result = facts("ووصل إلى مقر الجامعة وزراء خارجية مصر سامح شكري والأردن أيمن الصفدي والسعودية فيصل بن فرحان "
                   "وتركيا هاكان فيدان للمشاركة في الاجتماعات.\n")
    assert result.interactions == []


def test_the_csv_export_lists_announced_contacts_with_their_modality(tmp_path):
    import csv

    from exports.cli import main

    article = tmp_path / "a.txt"
    article.write_text("Lavrov meets Fidan\nSergey Lavrov held talks with Hakan Fidan in Ankara.\n"
                       "Sergey Lavrov will hold talks with Marco Rubio in Geneva.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(article), "--out", str(out), "-q"]) == 0
    assert main(["export", str(out), "--format", "csv", "-q"]) == 0
    with open(out / "graph.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted((r["modality"], r["type"]) for r in rows) == [("happened", "meeting"), ("planned", "meeting")]
    planned = next(r for r in rows if r["modality"] == "planned")
    assert "Rubio" in planned["actor1"] + planned["actor2"] and planned["evidence"]


FIRST_PERSON_CASES = [
    ("en", "Marco Rubio wrote on X: \"In today's call with Sergey Lavrov, I repeated that the war must end.\"",
     [(LAVROV, RUBIO)]),
    ("fa", "سید عباس عراقچی در شبکه ایکس نوشت: «امروز با هاکان فیدان دیدار کردم.»", [(ARAGHCHI, FIDAN)]),
    ("ar", "وقال أيمن الصفدي: \"التقيت اليوم سامح شكري في عمان\".", [(SAFADI, SHOUKRY)]),
    ("ru", "Сергей Лавров сказал: «Сегодня я встретился с Хаканом Фиданом».", [(FIDAN, LAVROV)]),
    # the speaker named well before the reporting verb, the account in the next sentence, "between the two
    # countries" naming no one
    ("fa", "سید عباس عراقچی با انتشار پستی در شبکه ایکس نوشت: «به تازگی از آنکارا برگشتم.\n"
           "در چارچوب گفتگوهای سیاسی بین دو کشور، دیدار طولانی با هاکان فیدان داشتم.»", [(ARAGHCHI, FIDAN)]),
]


@pytest.mark.parametrize("language, text, pairs", FIRST_PERSON_CASES, ids=[c[0] for c in FIRST_PERSON_CASES])
def test_a_contact_told_in_the_first_person_has_the_speaker_as_a_party(language, text, pairs):
    result = facts(text + "\n")
    assert happened(result) == sorted(tuple(sorted(p)) for p in pairs), language


DELEGATION_CASES = [
    ("ru", "В Женеве открылись переговоры делегаций США и России.\nВ делегацию США входят госсекретарь Марко Рубио.\n"
           "На переговорах российскую сторону представляют советник Кремля Юрий Ушаков и глава МИД Сергей Лавров.",
     {LAVROV, RUBIO, "yuri-ushakov"}),
    ("en", "Talks between the delegations of Russia and the United States began in Geneva.\n"
           "The US delegation includes Secretary of State Marco Rubio.\n"
           "The Russian side is represented by Foreign Minister Sergey Lavrov.", {LAVROV, RUBIO}),
]


@pytest.mark.parametrize("language, text, people", DELEGATION_CASES, ids=[c[0] for c in DELEGATION_CASES])
def test_talks_between_delegations_take_their_members_from_the_next_sentences(language, text, people):
    (talks,) = facts(text + "\n").interactions
    assert {p.id for p in talks.participants} == people


BACKGROUND_CASES = [
    # an earlier contact recalled: the article's own contact keeps its day, the recalled one is neither
    ("en", "Published: June 10, 2025\n\nSergey Lavrov met Marco Rubio in New York today. The last time Lavrov "
           "and Rubio held talks was in Riyadh on February 18."),
    ("ar", "تاريخ النشر: 10 يونيو 2025\n\nالتقى وزير الخارجية التركي هاكان فيدان نظيره الإيراني عباس عراقجي اليوم "
           "في أنقرة. وكان آخر لقاء جمع فيدان وعراقجي في طهران يوم 3 مايو."),
    ("fa", "تاریخ انتشار: ۲۰ خرداد ۱۴۰۴\n\nعباس عراقچی امروز با هاکان فیدان در آنکارا دیدار کرد. آخرین دیدار "
           "عراقچی و فیدان در تهران در ۱۰ اردیبهشت بود."),
    ("ru", "Опубликовано: 10 июня 2025\n\nСергей Лавров сегодня провел переговоры с Хаканом Фиданом в Анкаре. "
           "В последний раз Лавров и Фидан встречались в Москве 5 мая."),
]


@pytest.mark.parametrize("language, text", BACKGROUND_CASES, ids=[c[0] for c in BACKGROUND_CASES])
def test_an_earlier_contact_recalled_as_background_is_not_this_articles_contact(language, text):
    result = facts(text)
    (interaction,) = result.interactions
    assert interaction.day == date(2025, 6, 10)     # its own day, not the recalled contact's
    assert not result.reports


SEMICOLON_CASES = [
    # «؛» standing where a comma would, before a name, does not cut the contact from its parties
    ("ar", "التقى وزير الخارجية الروسي؛ سيرغي لافروف، اليوم، مع وزير الخارجية الإيراني؛ عباس عراقجي في طهران.",
     [(ARAGHCHI, LAVROV)]),
    ("fa", "وزیر امور خارجه روسیه؛ سرگئی لاوروف با وزیر امور خارجه ترکیه؛ هاکان فیدان دیدار کرد.", [(FIDAN, LAVROV)]),
]


@pytest.mark.parametrize("language, text, pairs", SEMICOLON_CASES, ids=[c[0] for c in SEMICOLON_CASES])
def test_a_semicolon_before_a_name_is_punctuation_not_a_new_clause(language, text, pairs):
    assert happened(facts(text)) == pairs


TWO_CALLERS_CASES = [
    # two subjects "during a call with" one person: one call each with that person, not with each other
    ("ar", "بحث الملك عبد الله الثاني عاهل الأردن والرئيس المصري عبد الفتاح السيسي، خلال اتصال مع الرئيس "
           "الفلسطيني محمود عباس، الأوضاع في المنطقة."),
    ("en", "King Abdullah II of Jordan and Egyptian President Abdel Fattah el-Sisi held telephone conversations with "
           "Palestinian President Mahmoud Abbas."),
    ("ru", "Король Иордании Абдалла II и президент Египта Абдель Фаттах ас-Сиси провели телефонный разговор с "
           "президентом Палестины Махмудом Аббасом."),
    ("fa", "ملک عبدالله دوم پادشاه اردن و عبدالفتاح السیسی رئیس‌جمهور مصر در تماس تلفنی با محمود عباس رئیس "
           "تشکیلات خودگردان فلسطین گفتگو کردند."),
]


@pytest.mark.parametrize("language, text", TWO_CALLERS_CASES, ids=[c[0] for c in TWO_CALLERS_CASES])
def test_two_people_calling_one_are_two_calls_with_that_one(language, text):
    assert happened(facts(text)) == [("abdel-fattah-el-sisi", "mahmoud-abbas"), ("abdullah-ii", "mahmoud-abbas")]


def test_an_organisation_title_names_its_holder_on_the_day():
    text = ("13 December 2016\n\nThe African Union Commission Chairperson has met with the Minister of Foreign "
            "Affairs of Ethiopia, Workneh Gebeyehu, at the AU headquarters.")
    (meeting,) = facts(text).interactions
    assert sorted(p.id for p in meeting.participants) == ["nkosazana-dlamini-zuma", "workneh-gebeyehu"]
    assert meeting.place.id == "african-union-headquarters"


RETURNED_FROM_CASES = [
    # where the person had just been is where a meeting no sentence places took place
    ("fa", "سید عباس عراقچی نوشت: «به تازگی از آنکارا برگشتم.\nبا هاکان فیدان دیدار کردم.»"),
    ("en", "Sergey Lavrov returned from Ankara on Friday.\nLavrov held talks with Hakan Fidan on Thursday."),
    ("ar", "قال وزير الخارجية الروسي سيرغي لافروف بعد عودته من أنقرة إن المحادثات كانت مفيدة.\n"
           "والتقى لافروف نظيره التركي هاكان فيدان."),
    ("ru", "Сергей Лавров вернулся из Анкары.\nЛавров провел переговоры с Хаканом Фиданом."),
]


@pytest.mark.parametrize("language, text", RETURNED_FROM_CASES, ids=[c[0] for c in RETURNED_FROM_CASES])
def test_a_meeting_took_place_where_its_party_had_just_returned_from(language, text):
    (meeting,) = facts(text + "\n").interactions
    assert meeting.place is not None and meeting.place.id == "ankara"


ALSO_PRESENT_CASES = [
    # "X was also present" after a meeting: X took part in it
    ("fa", "عباس عراقچی امروز با هاکان فیدان دیدار کرد.\nدر این دیدار سرگئی لاوروف نیز حضور داشت."),
    ("en", "Abbas Araghchi met Hakan Fidan today.\nSergey Lavrov was also present at the meeting."),
    ("ru", "Аббас Аракчи встретился с Хаканом Фиданом.\nНа встрече также присутствовал Сергей Лавров."),
    ("ar", "التقى عباس عراقجي هاكان فيدان اليوم.\nوكان سيرغي لافروف حاضرا في اللقاء."),
]


@pytest.mark.parametrize("language, text", ALSO_PRESENT_CASES, ids=[c[0] for c in ALSO_PRESENT_CASES])
def test_someone_also_present_took_part_in_the_meeting(language, text):
    (meeting,) = facts(text + "\n").interactions
    assert sorted(p.id for p in meeting.participants) == [ARAGHCHI, FIDAN, LAVROV]


HE_MET_TWO_CASES = [
    # "he met A and B": the person spoken of before met each of them
    ("ru", "Сергей Лавров посетил Каир.\nОн встретился с Самехом Шукри и президентом Абдель Фаттахом ас-Сиси."),
    ("en", "Sergey Lavrov arrived in Cairo.\nHe met with Sameh Shoukry and President Abdel Fattah el-Sisi."),
    ("ar", "وصل سيرغي لافروف إلى القاهرة.\nوهو التقى مع سامح شكري والرئيس عبد الفتاح السيسي."),
    ("fa", "سرگئی لاوروف وارد قاهره شد.\nوی با سامح شکری و عبدالفتاح السیسی دیدار کرد."),
]


@pytest.mark.parametrize("language, text", HE_MET_TWO_CASES, ids=[c[0] for c in HE_MET_TWO_CASES])
def test_he_met_two_people_is_two_meetings(language, text):
    assert happened(facts(text + "\n")) == [("abdel-fattah-el-sisi", LAVROV), (SHOUKRY, LAVROV)]


@pytest.mark.parametrize("text", [
    "Ранее министр иностранных дел РФ Сергей Лавров был принят президентом Египта Абдель Фаттахом ас-Сиси.",
    "Earlier, Foreign Minister Sergey Lavrov was received by President Abdel Fattah el-Sisi.",
])
def test_being_received_by_someone_is_meeting_them(text):
    assert happened(facts(text + "\n")) == [("abdel-fattah-el-sisi", LAVROV)]


# one minister and a list of counterparts by country: one meeting with each, whatever joins the list
COUNTERPARTS_LIST_CASES = [
    ("en", "Published: 12 May 2024\nSergey Lavrov held talks with his counterparts from Egypt, the United Arab "
           "Emirates, and Jordan on Sunday."),
    ("ar", "Published: 12 May 2024\nأجرى سيرغي لافروف يوم الأحد محادثات مع نظرائه من مصر والإمارات والأردن."),
    ("fa", "Published: 12 May 2024\nسرگئی لاوروف روز یکشنبه با همتایان خود از مصر، امارات و اردن گفت‌وگو کرد."),
    ("ru", "Published: 12 May 2024\nВ воскресенье Сергей Лавров провел переговоры с коллегами из Египта, ОАЭ и Иордании."),
]


@pytest.mark.parametrize("language, text", COUNTERPARTS_LIST_CASES, ids=[c[0] for c in COUNTERPARTS_LIST_CASES])
def test_counterparts_listed_by_country_are_one_meeting_each(language, text):
    assert happened(facts(text + "\n")) == sorted(
        tuple(sorted((LAVROV, other))) for other in (SHOUKRY, SAFADI, "abdullah-bin-zayed-al-nahyan")), language


# one subject, then four people of four countries: the subject's meetings, not a conference
ONE_SUBJECT_CASES = [
    ("en", "Published: 11 May 2025\nOn Sunday Sergey Lavrov met Hakan Fidan, Abbas Araghchi, Marco Rubio and "
           "Ayman Safadi."),
    ("en", "Published: 11 May 2025\nSergey Lavrov met several ministers on Sunday, including Hakan Fidan, "
           "Abbas Araghchi, Marco Rubio, and Ayman Safadi."),
    ("ar", "Published: 11 May 2025\nعقد سيرغي لافروف يوم الأحد لقاءات مع هاكان فيدان وعباس عراقجي وماركو روبيو وأيمن الصفدي."),
    ("fa", "Published: 11 May 2025\nسرگئی لاوروف روز یکشنبه با هاکان فیدان، عباس عراقچی، مارکو روبیو و ایمن صفدی دیدار کرد."),
    ("ru", "Published: 11 May 2025\nВ воскресенье Сергей Лавров встретился с Хаканом Фиданом, Аббасом Аракчи, "
           "Марко Рубио и Айманом Сафади."),
]


@pytest.mark.parametrize("language, text", ONE_SUBJECT_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(ONE_SUBJECT_CASES)])
def test_one_subject_meeting_people_of_many_countries_met_each(language, text):
    assert happened(facts(text + "\n")) == sorted(
        tuple(sorted((LAVROV, other))) for other in (FIDAN, ARAGHCHI, RUBIO, SAFADI)), language


# a conference "with the participation of" ministers of many countries: attendance, not a contact of each two
PARTICIPATION_CASES = [
    ("en", "Published: 11 May 2025\nThe ministerial meeting, hosted by Hakan Fidan with the participation of Sergey "
           "Lavrov, Abbas Araghchi and Ayman Safadi, was held in Antalya."),
    ("ar", "Published: 11 May 2025\nعقد الاجتماع الوزاري في أنطاليا برئاسة هاكان فيدان وبمشاركة سيرغي لافروف وعباس عراقجي "
           "وأيمن الصفدي."),
    ("fa", "Published: 11 May 2025\nنشست وزیران به میزبانی هاکان فیدان با مشارکت سرگئی لاوروف، عباس عراقچی و ایمن صفدی "
           "در آنتالیا برگزار شد."),
    ("ru", "Published: 11 May 2025\nМинистерская встреча прошла в Анталье при участии Хакана Фидана, Сергея Лаврова, "
           "Аббаса Аракчи и Аймана Сафади."),
]


@pytest.mark.parametrize("language, text", PARTICIPATION_CASES, ids=[c[0] for c in PARTICIPATION_CASES])
def test_ministers_taking_part_in_a_conference_are_no_contact_of_each_two(language, text):
    assert happened(facts(text + "\n")) == [], language


# "the two presidents" are the last two leaders named, not the ministers of the call reported before
TWO_LEADERS_CASES = [
    ("en", "Published: 11 May 2025\nSergey Lavrov spoke by phone with Marco Rubio on Sunday.\nVladimir Putin and Donald Trump "
           "had clashed over trade.\nThe two presidents, however, spoke on the phone on Friday."),
    ("ar", "Published: 11 May 2025\nأجرى سيرغي لافروف اتصالا هاتفيا مع ماركو روبيو يوم الأحد.\nوكان فلاديمير بوتين ودونالد "
           "ترامب قد اختلفا حول التجارة.\nلكن الرئيسين أجريا اتصالا هاتفيا يوم الجمعة."),
    ("fa", "Published: 11 May 2025\nسرگئی لاوروف روز یکشنبه با مارکو روبیو تلفنی گفتگو کرد.\nولادیمیر پوتین و دونالد ترامپ "
           "بر سر تجارت اختلاف داشتند.\nبا این حال دو رئیس جمهور روز جمعه تلفنی گفتگو کردند."),
    ("ru", "Published: 11 May 2025\nСергей Лавров в воскресенье провел телефонный разговор с Марко Рубио.\nВладимир Путин "
           "и Дональд Трамп разошлись во мнениях о торговле.\nОднако президенты провели телефонный разговор в пятницу."),
]


@pytest.mark.parametrize("language, text", TWO_LEADERS_CASES, ids=[c[0] for c in TWO_LEADERS_CASES])
def test_the_two_presidents_are_the_last_two_leaders_named(language, text):
    assert (PUTIN, TRUMP) in happened(facts(text + "\n")) or (TRUMP, PUTIN) in happened(facts(text + "\n")), language


# a discussion phrase with the two people standing inside it is their contact
SPLIT_DISCUSSION_CASES = [
    ("ar", "Published: 11 May 2025\nتبادل سيرغي لافروف ووزير الخارجية التركي هاكان فيدان وجهات النظر حول الأزمة."),
    ("en", "Published: 11 May 2025\nSergey Lavrov and Hakan Fidan exchanged their views on the crisis on Sunday."),
    ("ru", "Published: 11 May 2025\nСергей Лавров и Хакан Фидан обменялись в воскресенье мнениями о кризисе."),
    ("fa", "Published: 11 May 2025\nسرگئی لاوروف و هاکان فیدان روز یکشنبه درباره بحران تبادل نظر کردند."),
]


@pytest.mark.parametrize("language, text", SPLIT_DISCUSSION_CASES, ids=[c[0] for c in SPLIT_DISCUSSION_CASES])
def test_a_discussion_phrase_split_by_its_participants_is_their_contact(language, text):
    assert happened(facts(text + "\n")) == [(FIDAN, LAVROV)], language


# "tomorrow" between two commas still makes the contact beside it a planned one; a past day does not
TIME_ASIDE_CASES = [
    ("ar", "يعقد سيرغي لافروف، صباح غد السبت، مباحثات مع هاكان فيدان في أنقرة.", "planned"),
    ("en", "Sergey Lavrov, tomorrow morning, holds talks with Hakan Fidan in Ankara.", "planned"),
    ("ru", "Сергей Лавров, завтра утром, проводит переговоры с Хаканом Фиданом в Анкаре.", "planned"),
    ("fa", "سرگئی لاوروف، فردا صبح، با هاکان فیدان در آنکارا دیدار می‌کند.", "planned"),
    ("ar", "أجرى سيرغي لافروف، يوم الأحد، اتصالا هاتفيا مع هاكان فيدان.", "happened"),
    ("en", "Sergey Lavrov, on Sunday morning, held talks with Hakan Fidan in Ankara.", "happened"),
]


@pytest.mark.parametrize("language, text, modality", TIME_ASIDE_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(TIME_ASIDE_CASES)])
def test_a_time_aside_between_commas_keeps_its_modality(language, text, modality):
    result = facts("Published: 9 May 2025\n" + text + "\n")
    if modality == "happened":
        assert happened(result) == [(FIDAN, LAVROV)] and not result.reports, language
    else:
        assert happened(result) == [] and announced(result) == [(modality, (FIDAN, LAVROV))], language


# the person whose remarks were discussed is no party to the discussion
REMARKS_CASES = [
    ("en", "Antony Blinken discussed Sergey Lavrov's remarks with reporters."),
    ("ar", "ناقش أنتوني بلينكن مع الصحفيين تصريحات سيرغي لافروف."),
    ("fa", "آنتونی بلینکن با خبرنگاران درباره اظهارات سرگئی لاوروف گفتگو کرد."),
    ("ru", "Энтони Блинкен обсудил с журналистами заявления Сергея Лаврова."),
]


@pytest.mark.parametrize("language, text", REMARKS_CASES, ids=[c[0] for c in REMARKS_CASES])
def test_the_author_of_discussed_remarks_is_no_party(language, text):
    assert happened(facts("Published: 12 May 2021\n" + text + "\n")) == [], language


def test_the_author_of_remarks_discussed_by_two_others_is_left_out():
    result = facts("Published: 11 May 2025\nSergey Lavrov discussed Antony Blinken's proposal with Hakan Fidan.\n")
    assert happened(result) == [(FIDAN, LAVROV)]


# a call "in the coming days" is announced, not held; "spoke today with" is a contact
COMING_DAYS_CASES = [
    ("en", "The phone call \"in the coming days\" with Sergey Lavrov will not be a negotiation, Marco Rubio said.",
     "planned"),
    ("ru", "Телефонный разговор Сергея Лаврова с Марко Рубио состоится в ближайшие дни.", "planned"),
    ("ar", "يجري سيرغي لافروف اتصالا هاتفيا مع ماركو روبيو في الأيام المقبلة.", "planned"),
    ("fa", "سرگئی لاوروف در روزهای آینده با مارکو روبیو تلفنی گفتگو می‌کند.", "planned"),
    ("en", "Marco Rubio spoke today with Russian Foreign Minister Sergey Lavrov.", "happened"),
]


@pytest.mark.parametrize("language, text, modality", COMING_DAYS_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(COMING_DAYS_CASES)])
def test_in_the_coming_days_and_spoke_today_with(language, text, modality):
    result = facts("Published: 11 May 2025\n" + text + "\n")
    if modality == "happened":
        assert happened(result) == [(RUBIO, LAVROV)], language
    else:
        assert happened(result) == [] and announced(result) == [(modality, (RUBIO, LAVROV))], language


# "there has been no contact between us": a denial, whichever word names the contact
NO_CONTACT_CASES = [
    ("fa", "سید عباس عراقچی گفت: در روزهای گذشته بین بنده و مارکو روبیو گفتگوی تلفنی وجود نداشته است."),
    ("fa", "سید عباس عراقچی به خبرنگاران گفت: این هفته ارتباطی میان من و آقای روبیو نبود و ما درخواستی برای مذاکره "
           "نداشته‌ایم."),
    ("en", "Sergey Lavrov said there has been no phone call with Marco Rubio in recent days."),
    ("ar", "قال سيرغي لافروف إنه لم يكن هناك أي اتصال هاتفي مع ماركو روبيو في الأيام الأخيرة."),
    ("ru", "Сергей Лавров заявил, что телефонного разговора с Марко Рубио в последние дни не было."),
]


@pytest.mark.parametrize("language, text", NO_CONTACT_CASES, ids=[c[0] for c in NO_CONTACT_CASES])
def test_there_has_been_no_contact_is_a_denial(language, text):
    result = facts("Published: 11 May 2025\n" + text + "\n")
    assert happened(result) == [] and [m for m, _ in announced(result)] == ["denied"], language


# "the talks with X" names its parties: a contact of its own when nothing was reported before
THE_TALKS_WITH_CASES = [
    ("en", "Abbas Araghchi gave details of the talks with Sergey Lavrov."),
    ("ar", "قدم عباس عراقجي تفاصيل المحادثات مع سيرغي لافروف."),
    ("fa", "عباس عراقچی جزئیات مذاکرات با سرگئی لاوروف را تشریح کرد."),
    ("ru", "Аббас Аракчи рассказал подробности переговоров с Сергеем Лавровым."),
]


@pytest.mark.parametrize("language, text", THE_TALKS_WITH_CASES, ids=[c[0] for c in THE_TALKS_WITH_CASES])
def test_the_talks_with_someone_is_a_contact(language, text):
    assert happened(facts("Published: 26 February 2025\n" + text + "\n")) == [(ARAGHCHI, LAVROV)], language


def test_the_talks_with_someone_already_reported_is_the_same_contact():
    result = facts("Published: 26 February 2025\nAbbas Araghchi met Sergey Lavrov on Tuesday in Tehran.\n"
                   "Abbas Araghchi gave details of the talks with Sergey Lavrov.\n")
    (meeting,) = result.interactions
    assert meeting.day is not None and meeting.place is not None and meeting.place.id == "tehran"


# welcomed on arrival by someone: they met
WELCOMED_CASES = [
    ("ar", "وصل سيرغي لافروف إلى أنقرة، وكان في استقباله هاكان فيدان."),
    ("en", "Sergey Lavrov arrived in Ankara, where he was welcomed by Hakan Fidan."),
    ("ru", "Сергея Лаврова встретил в аэропорту Анкары Хакан Фидан."),
    ("fa", "سرگئی لاوروف پس از ورود به آنکارا مورد استقبال هاکان فیدان قرار گرفت."),
]


@pytest.mark.parametrize("language, text", WELCOMED_CASES, ids=[c[0] for c in WELCOMED_CASES])
def test_welcomed_on_arrival_is_a_meeting(language, text):
    assert happened(facts("Published: 11 May 2025\n" + text + "\n")) == [(FIDAN, LAVROV)], language


# "no plans to meet this week" denies a meeting to come; a meeting told in the past tense still happened
NO_PLANS_CASES = [
    ("ru", "У Владимира Путина нет планов на встречу с Аббасом Аракчи на этой неделе.\n"
           "Ранее Владимир Путин провел переговоры с Аббасом Аракчи в Москве."),
    ("en", "Vladimir Putin has no plans to meet Abbas Araghchi this week.\n"
           "Earlier, Vladimir Putin held talks with Abbas Araghchi in Moscow."),
    ("ar", "لا توجد خطط للقاء بين فلاديمير بوتين وعباس عراقجي هذا الأسبوع.\nوكان فلاديمير بوتين قد التقى عباس عراقجي في موسكو."),
    ("fa", "ولادیمیر پوتین این هفته برنامه‌ای برای دیدار با عباس عراقچی ندارد.\n"
           "ولادیمیر پوتین پیش‌تر در مسکو با عباس عراقچی دیدار کرد."),
]


@pytest.mark.parametrize("language, text", NO_PLANS_CASES, ids=[c[0] for c in NO_PLANS_CASES])
def test_no_plans_to_meet_leaves_a_past_meeting_standing(language, text):
    assert happened(facts(text + "\n")) == [(ARAGHCHI, PUTIN)], language


# the foreign ministers of three named countries held one trilateral meeting
TRILATERAL_CASES = [
    ("en", "The foreign ministers of Russia, Iran and Turkey held a trilateral meeting in Astana on Monday."),
    ("ar", "وعقد وزراء خارجية روسيا وإيران وتركيا اجتماعا ثلاثيا في أستانا يوم الاثنين."),
    ("ru", "Министры иностранных дел России, Ирана и Турции провели трехстороннюю встречу в Астане в понедельник."),
    ("fa", "وزرای امور خارجه روسیه، ایران و ترکیه روز دوشنبه نشست سه‌جانبه برگزار کردند."),
]


@pytest.mark.parametrize("language, text", TRILATERAL_CASES, ids=[c[0] for c in TRILATERAL_CASES])
def test_the_ministers_of_three_countries_held_one_meeting(language, text):
    assert happened(facts("Published: 12 May 2025\n" + text + "\n")) == [(ARAGHCHI, FIDAN, LAVROV)], language


# a video call is a call; a videoconference is a (remote) meeting
VIDEO_CASES = [
    ("en", "Sergey Lavrov and Hakan Fidan held a video call on Sunday.", "phone"),
    ("en", "Sergey Lavrov held a videoconference with Hakan Fidan on Sunday.", "meeting"),
    ("ar", "أجرى سيرغي لافروف اتصالا مرئيا مع هاكان فيدان يوم الأحد.", "phone"),
    ("ar", "عقد سيرغي لافروف وهاكان فيدان اجتماعا عبر تقنية الفيديو يوم الأحد.", "meeting"),
    ("ru", "Сергей Лавров провел переговоры с Хаканом Фиданом по видеосвязи в воскресенье.", "phone"),
    ("ru", "Сергей Лавров провел видеоконференцию с Хаканом Фиданом в воскресенье.", "meeting"),
    ("fa", "سرگئی لاوروف روز یکشنبه با هاکان فیدان تماس تصویری داشت.", "phone"),
    ("fa", "سرگئی لاوروف روز یکشنبه با هاکان فیدان ویدئوکنفرانس برگزار کرد.", "meeting"),
]


@pytest.mark.parametrize("language, text, kind", VIDEO_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(VIDEO_CASES)])
def test_video_calls_and_videoconferences(language, text, kind):
    (contact,) = facts("Published: 12 May 2025\n" + text + "\n").interactions
    assert contact.kind == kind, language


# a written message received from someone is no contact with them
MESSAGE_CASES = [
    ("en", "Prince Faisal bin Farhan received a written message from Hakan Fidan."),
    ("ar", "تلقى الأمير فيصل بن فرحان رسالة خطية من هاكان فيدان."),
    ("ru", "Сергей Лавров получил послание от Хакана Фидана."),
    ("fa", "فیصل بن فرحان پیام کتبی هاکان فیدان را دریافت کرد."),
]


@pytest.mark.parametrize("language, text", MESSAGE_CASES, ids=[c[0] for c in MESSAGE_CASES])
def test_a_written_message_is_no_contact(language, text):
    assert happened(facts("Published: 12 May 2025\n" + text + "\n")) == [], language


# a contact named as the setting of another act ("urged him during a call") took place, whatever that act's mood
SETTING_CASES = [
    ("en", "Sergey Lavrov urged Hakan Fidan during a phone conversation on Sunday to keep the talks going.", "happened"),
    ("en", "Sergey Lavrov did not raise the issue during the call with Hakan Fidan on Sunday.", "happened"),
    ("en", "Sergey Lavrov will raise the issue during the call with Hakan Fidan tomorrow.", "planned"),
    ("ar", "دعا سيرغي لافروف هاكان فيدان خلال اتصال هاتفي يوم الأحد إلى مواصلة المحادثات.", "happened"),
    ("ru", "Сергей Лавров призвал Хакана Фидана в ходе телефонного разговора в воскресенье продолжить переговоры.",
     "happened"),
    ("fa", "سرگئی لاوروف در جریان تماس تلفنی روز یکشنبه از هاکان فیدان خواست گفتگوها را ادامه دهد.", "happened"),
]


@pytest.mark.parametrize("language, text, modality", SETTING_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(SETTING_CASES)])
def test_a_contact_as_the_setting_of_another_act(language, text, modality):
    result = facts("Published: 12 May 2025\n" + text + "\n")
    if modality == "happened":
        assert happened(result) == [(FIDAN, LAVROV)], language
    else:
        assert happened(result) == [] and [m for m, _ in announced(result)] == [modality], language


# a relative clause on a person holds that person's own contact; its people take no part in the main clause's
RELATIVE_CASES = [
    ("en", "Hakan Fidan, who met Sergey Lavrov last week, said on Sunday that talks with Marco Rubio were useful.",
     [(FIDAN, RUBIO), (FIDAN, LAVROV)], []),
    ("en", "Hakan Fidan, who will meet Sergey Lavrov next week, said on Sunday that talks were useful.",
     [], [("planned", (FIDAN, LAVROV))]),
    ("ru", "Хакан Фидан, который встретился с Сергеем Лавровым на прошлой неделе, провел переговоры с Марко Рубио.",
     [(FIDAN, RUBIO), (FIDAN, LAVROV)], []),
    ("ar", "قال هاكان فيدان، الذي التقى سيرغي لافروف الأسبوع الماضي، إنه أجرى محادثات مع ماركو روبيو.",
     [(FIDAN, RUBIO), (FIDAN, LAVROV)], []),
    ("fa", "هاکان فیدان که هفته گذشته با سرگئی لاوروف دیدار کرده بود، روز یکشنبه با مارکو روبیو گفتگو کرد.",
     [(FIDAN, RUBIO), (FIDAN, LAVROV)], []),
]


@pytest.mark.parametrize("language, text, pairs, reports", RELATIVE_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(RELATIVE_CASES)])
def test_a_relative_clause_holds_its_own_contact(language, text, pairs, reports):
    result = facts("Published: 11 May 2025\n" + text + "\n")
    assert happened(result) == sorted(tuple(sorted(p)) for p in pairs), language
    assert announced(result) == [(m, tuple(sorted(p))) for m, p in reports], language


# a postponed contact has not taken place: it is announced for later
POSTPONED_CASES = [
    ("en", "Sergey Lavrov's meeting with Hakan Fidan was postponed."),
    ("ar", "تأجل اللقاء بين سيرغي لافروف وهاكان فيدان إلى الأسبوع المقبل."),
    ("ru", "Встреча Сергея Лаврова и Хакана Фидана перенесена на следующую неделю."),
    ("fa", "دیدار سرگئی لاوروف و هاکان فیدان به هفته آینده موکول شد."),
]


@pytest.mark.parametrize("language, text", POSTPONED_CASES, ids=[c[0] for c in POSTPONED_CASES])
def test_a_postponed_contact_is_announced_not_held(language, text):
    result = facts("Published: 11 May 2025\n" + text + "\n")
    assert happened(result) == [] and announced(result) == [("planned", (FIDAN, LAVROV))], language


def test_a_contact_held_after_postponements_happened():
    result = facts("Published: 11 May 2025\nSergey Lavrov met Hakan Fidan on Sunday after the talks had been "
                   "postponed twice.\n")
    assert happened(result) == [(FIDAN, LAVROV)]


# a brief conversation on the sidelines is a contact ("had a brief conversation with", «пообщался с»,
# «تحدث … مع», «گفتگوی کوتاهی داشت»)
CONVERSATION_CASES = [
    ("en", "Sergey Lavrov had a brief conversation with Hakan Fidan on the sidelines."),
    ("ru", "Сергей Лавров коротко пообщался с Хаканом Фиданом на полях саммита."),
    ("ar", "تحدث سيرغي لافروف مع هاكان فيدان على هامش القمة."),
    ("fa", "سرگئی لاوروف در حاشیه اجلاس با هاکان فیدان گفتگوی کوتاهی داشت."),
]


@pytest.mark.parametrize("language, text", CONVERSATION_CASES, ids=[c[0] for c in CONVERSATION_CASES])
def test_a_brief_conversation_is_a_contact(language, text):
    assert happened(facts("Published: 11 May 2025\n" + text + "\n")) == [(FIDAN, LAVROV)], language


def test_speaking_to_reporters_about_a_country_is_no_contact():
    assert happened(facts("Published: 11 May 2025\nتحدث سيرغي لافروف للصحفيين عن العلاقات مع تركيا.\n")) == []


# the speaker quoted in the first person took part in the contact they tell of
FIRST_PERSON_QUOTE_CASES = [
    ("ar", "قال سيرغي لافروف: \"بحثت مع هاكان فيدان الوضع في سوريا\"."),
    ("ru", "«Мы обсудили с Хаканом Фиданом ситуацию в Сирии», — сказал Сергей Лавров."),
    ("fa", "سرگئی لاوروف گفت: با هاکان فیدان درباره سوریه گفتگو کردیم."),
    ("en", "\"I discussed Syria with Hakan Fidan,\" Sergey Lavrov said."),
]


@pytest.mark.parametrize("language, text", FIRST_PERSON_QUOTE_CASES, ids=[c[0] for c in FIRST_PERSON_QUOTE_CASES])
def test_a_first_person_quote_of_a_contact(language, text):
    assert happened(facts("Published: 11 May 2025\n" + text + "\n")) == [(FIDAN, LAVROV)], language

"""Entity linking, table-driven: (text, language, date) → the people it names, in order."""
from datetime import date

import pytest

from extract.linking import link_people
from extract.normalize import fold_with_offsets
from extract.records import Article, Segment, SegmentKind
from extract.sentences import split
from linking_helpers import linked


D2023, D2024_JAN, D2024_SEP, D2025 = date(2023, 12, 1), date(2024, 1, 5), date(2024, 9, 15), date(2025, 3, 10)

CASES = [
    # names and their variants, four languages
    ("أكد سيرغي لافروف أن", "ar", D2023, ["sergey-lavrov"]),
    ("أكد سيرجي لافروف أن", "ar", D2023, ["sergey-lavrov"]),
    ("وصرح حسين أميرعبداللهيان بأن", "ar", D2023, ["hossein-amir-abdollahian"]),
    ("به گزارش خبرگزاری، سرگئی لاوروف گفت", "fa", D2023, ["sergey-lavrov"]),
    ("حسین امیرعبداللهیان تاکید کرد", "fa", D2023, ["hossein-amir-abdollahian"]),
    ("Сергей Лавров заявил", "ru", D2023, ["sergey-lavrov"]),
    ("С.В.Лавров провёл переговоры", "ru", D2023, ["sergey-lavrov"]),
    ("Foreign Minister Sergei Lavrov said", "en", D2023, ["sergey-lavrov"]),
    # a machine-translation slip and an honorific
    ("مشاورة هاتفية بين الأمير عبد اللهيان ولافروف. وقال سيرغي لافروف", "ar", None,
     ["hossein-amir-abdollahian", "sergey-lavrov", "sergey-lavrov"]),
    ("استقبل الدكتور بدر عبد العاطي", "ar", D2025, ["badr-abdelatty"]),
    # roles resolved to the holder on the article's date
    ("قال وزير الخارجية المصري إن", "ar", D2023, ["sameh-shoukry"]),
    ("قال وزير الخارجية المصري إن", "ar", D2025, ["badr-abdelatty"]),
    ("أكد وزير الخارجية الإيراني أن", "ar", D2024_JAN, ["hossein-amir-abdollahian"]),
    ("أكد وزير الخارجية الإيراني أن", "ar", D2024_SEP, ["abbas-araghchi"]),
    ("U.S. Secretary of State arrived", "en", D2023, ["antony-blinken"]),
    ("U.S. Secretary of State arrived", "en", D2025, ["marco-rubio"]),
    ("Egypt's foreign minister said", "en", D2025, ["badr-abdelatty"]),
    ("глава МИД Турции заявил", "ru", D2024_SEP, ["hakan-fidan"]),
    ("министр иностранных дел Египта заявил", "ru", D2023, ["sameh-shoukry"]),
    ("وزیر امور خارجه کشورمان گفت", "fa", D2024_JAN, ["hossein-amir-abdollahian"]),
    # counterparts: the holder of the same office in the other country
    ("التقى وزير الخارجية الروسي سيرغي لافروف نظيره الأردني", "ar", D2023, ["sergey-lavrov", "ayman-safadi"]),
    ("Lavrov, Sergey Lavrov, met his Turkish counterpart", "en", D2024_SEP, ["sergey-lavrov", "sergey-lavrov", "hakan-fidan"]),
    ("عباس عراقچی در گفتگو با همتای روس خود", "fa", D2024_SEP, ["abbas-araghchi", "sergey-lavrov"]),
    # a deputy is not the minister
    ("التقى نائب وزير الخارجية الروسي", "ar", D2023, []),
    # short names need the full name in the same article
    ("Sameh Shoukry met the press. Shoukry said", "en", D2023, ["sameh-shoukry", "sameh-shoukry"]),
    # a surname alone: the one office holder of that name on the day (issue 12)
    ("Shoukry said", "en", D2023, ["sameh-shoukry"]),
    ("Lavrov had a telephone conversation with Rubio.", "en", D2025, ["sergey-lavrov", "marco-rubio"]),
    ("Лавров и Керри обсудили Сирию.", "ru", date(2015, 5, 1), ["sergey-lavrov", "john-kerry"]),
    ("Лавров провел переговоры с Чавушоглу.", "ru", date(2020, 5, 1), ["sergey-lavrov", "mevlut-cavusoglu"]),
    ("التقى وزير الخارجية عراقجي بنظيره", "ar", D2025, ["abbas-araghchi"]),
    ("وزیر امور خارجه عراقچی گفت", "fa", D2025, ["abbas-araghchi"]),
    # … not out of office on the day, not a word that is also a surname with no title before it
    ("Kerry said", "en", D2025, []),
    ("وقال ظريف إن", "ar", date(2016, 6, 1), []),
    # … but the other party of a contact, or a surname of two words, needs no title
    ("چاووش اوغلو یک تماس تلفنی با ظریف داشت", "fa", date(2016, 12, 20), ["mevlut-cavusoglu", "mohammad-javad-zarif"]),
    ("أجرى سيرغي لافروف اتصالا هاتفيا مع ظريف", "ar", date(2016, 12, 20), ["sergey-lavrov", "mohammad-javad-zarif"]),
    ("او با ظریف بودن این کار موافق نیست", "fa", date(2016, 12, 20), []),
    # … and not when two people could be meant: two prime ministers called «آبي», no country named
    ("قال رئيس الوزراء آبي إن", "ar", None, []),
    ("Wang Yi met reporters. Wang said", "en", D2023, ["wang-yi", "wang-yi"]),
    # spelling variants the exact names miss: fuzzy matching on full names
    ("Foreign Minister Hossein Amir-Abdolahian said", "en", D2023, ["hossein-amir-abdollahian"]),
    ("переговоры с Хаканом Фиданом", "ru", D2024_SEP, ["hakan-fidan"]),
    ("التقى وزير الخارجية المصري بدري عبد العاطي", "ar", D2025, ["badr-abdelatty"]),
    ("Foreign Minister Hakan Fidn said", "en", D2025, ["hakan-fidan"]),
    ("Hakan Fidn said", "en", D2025, []),                       # a misspelling needs a title before it
    ("Foreign Minister Mevlut Cavusogl said", "en", D2025, []),  # … and never someone out of office
    # spacing and joining: «سید» joined, guillemets, ZWNJ missing
    ("«سیدعباس عراقچی» وزیر امور خارجه", "fa", D2025, ["abbas-araghchi"]),
    ("فیصل بنفرحان وزیر خارجه عربستان", "fa", D2025, ["faisal-bin-farhan", "faisal-bin-farhan"]),
    # long official titles and Russian case forms
    ("وزير الخارجية والهجرة وشؤون المصريين بالخارج بدر عبد العاطي", "ar", D2025, ["badr-abdelatty"]),
    ("встретился с главой МИД Турции", "ru", D2025, ["hakan-fidan"]),
    ("встретился с министром иностранных дел Казахстана", "ru", D2025, ["murat-nurtleu"]),
    ("Turkey's top diplomat said", "en", D2025, ["hakan-fidan"]),
    ("قال رئيس الدبلوماسية الجزائرية", "ar", D2025, ["ahmed-attaf"]),
    # the Iranian minister: someone the article already named
    ("Hossein Amir-Abdollahian arrived. The Iranian minister said", "en", D2023,
     ["hossein-amir-abdollahian", "hossein-amir-abdollahian"]),
]


@pytest.mark.parametrize(("text", "language", "on", "expected"), CASES)
def test_linking(text, language, on, expected):
    assert linked(text, language, on) == expected


@pytest.mark.parametrize(("text", "language", "written"), [
    ("قال وزير الخارجية الأردني سليم حداد، في مؤتمر", "ar", "سليم حداد"),
    ("Jordanian Foreign Minister Salim Haddad said on Monday", "en", "Salim Haddad"),
    ("Глава МИД Иордании Салим Хаддад заявил", "ru", "Салим Хаддад"),
])
def test_unknown_name_after_a_title_becomes_a_new_person(text, language, written):
    article = Article(id="t", source_file="t", text=text, language=language, published=D2023,
                      segments=[Segment(SegmentKind.BODY, 0, len(text))])
    folded = fold_with_offsets(text)
    spans = [(s.folded_start, s.folded_end) for s in split(article, folded)]
    (mention,) = link_people(folded, spans, D2023, language)
    assert not mention.person.known and mention.person.id.startswith("new-")
    assert mention.person.labels == ((language, written),)


def test_a_country_of_several_words_after_a_title_is_no_new_person():
    text = "وی با عبدالله بن زاید آل نهیان وزیر خارجه امارات عربی متحده و فؤاد حسین وزیر خارجه عراق گفت‌وگو کرد."
    assert all(not person.startswith("new-") for person in linked(text, "fa", D2023))


def test_a_sentence_glued_to_the_last_by_its_full_stop_is_its_own():
    text = "Sergey Lavrov spoke with Hakan Fidan about other issues.According to the ministry, the call was long."
    article = Article(id="t", source_file="t", text=text, language="en", published=D2023,
                      segments=[Segment(SegmentKind.BODY, 0, len(text))])
    sentences = [text[s.start:s.end] for s in split(article, fold_with_offsets(text))]
    assert sentences[0].endswith("issues.") and sentences[1].startswith("According")
    # an abbreviation glued to a name is not a sentence end
    text = "The U.S.Secretary of State met him."
    article = Article(id="t", source_file="t", text=text, language="en", published=D2023,
                      segments=[Segment(SegmentKind.BODY, 0, len(text))])
    assert len(split(article, fold_with_offsets(text))) == 1


def test_an_undated_article_keeps_its_era_when_one_person_is_named_for_a_later_role():
    # Haniyeh's offices in the gazetteer ended in 2014; the article is of Amir-Abdollahian's term
    text = ("حسین امیرعبداللهیان با اسماعیل هنیه گفت‌وگو کرد. "
            "وی همچنین با وزیر خارجه قطر دیدار کرد.")
    assert "mohammed-bin-abdulrahman-al-thani" in linked(text, "fa", None)


def test_words_after_a_title_that_are_not_names():
    assert linked("قيم وزير الخارجية الروسي اللقاء والمحادثات الأخيرة", "ar", D2023) == ["sergey-lavrov"]
    assert linked("وزیر خارجه روسیه یکشنبه هفته پیش گفته بود", "fa", D2023) == ["sergey-lavrov"]


@pytest.mark.parametrize(("text", "language"), [
    ("أجرى وزير الخارجية الإيراني حسين أمير عبد اللهيان اتصالا هاتفيا مع نظيره التركي بحثا خلاله الحرب على غزة.", "ar"),
    ("Iranian Foreign Minister Hossein Amir-Abdollahian held a phone call with his Turkish counterpart about the "
     "war in Gaza.", "en"),
    ("حسین امیرعبداللهیان وزیر امور خارجه ایران با همتای ترکیه‌ای خود درباره جنگ غزه تلفنی گفتگو کرد.", "fa"),
    ("Министр иностранных дел Ирана Хосейн Амир Абдоллахиан провел телефонный разговор с турецким коллегой о "
     "войне в секторе Газа.", "ru"),
])
def test_an_undated_article_about_an_event_is_not_older_than_the_event(text, language):
    # Abdollahian's years saw two Turkish foreign ministers; the Gaza war began after Çavuşoğlu's term
    from extract.ingest import RawDocument
    from extract.pipeline import extract_facts
    from extract.reader import to_article
    (call,) = extract_facts(to_article(RawDocument("t.txt", "text", text))).interactions
    assert sorted(p.id for p in call.participants) == ["hakan-fidan", "hossein-amir-abdollahian"]


def test_without_the_event_the_counterpart_stays_unknown():
    text = "Iranian Foreign Minister Hossein Amir-Abdollahian held a phone call with his Turkish counterpart."
    assert linked(text, "en", None) == ["hossein-amir-abdollahian"]

"""Reports of one event from several articles meet in one node, also when a report gives neither a
date nor a publication day: then only when its text agrees with the one dated event it can be."""
import pytest
from rdflib import RDF, Graph, Namespace

from exports.cli import main

DG = Namespace("https://w3id.org/diplograph/ns#")
PROV = Namespace("http://www.w3.org/ns/prov#")

# 14 March 2024 was a Thursday.
DATED = ("Lavrov and Wang Yi meet in Beijing\nPublished: March 14, 2024\n"
         "Sergey Lavrov met Wang Yi in Beijing today to discuss the war in Ukraine.\n")
DATED_AR = ("لافروف ووانغ يي يلتقيان في بكين\nتاريخ النشر: 14 مارس 2024\n"
            "التقى وزير الخارجية الروسي سيرغي لافروف نظيره الصيني وانغ يي اليوم في بكين.\n")
UNDATED_THURSDAY_RU = ("Лавров и Ван И провели переговоры\n\n"
                       "Министр иностранных дел России Сергей Лавров в четверг провел переговоры с Ван И.\n")
UNDATED_IN_BEIJING_FA = ("دیدار لاوروف و وانگ یی\n\n"
                         "سرگئی لاوروف وزیر امور خارجه روسیه در پکن با وانگ یی دیدار کرد.\n")
UNDATED_MONDAY = ("Lavrov meets Wang Yi\n\nSergey Lavrov met Wang Yi on Monday to discuss trade.\n")
UNDATED_BARE = ("Lavrov meets Wang Yi\n\nSergey Lavrov met Wang Yi to discuss trade and energy.\n")
UNDATED_ELSEWHERE = ("Lavrov meets Wang Yi\n\nSergey Lavrov met Wang Yi in Moscow on Thursday to discuss trade.\n")
OTHER_MEETING = ("Lavrov and Wang Yi meet again\nPublished: March 21, 2024\n"
                 "Sergey Lavrov met Wang Yi in Beijing today to discuss trade.\n")


def _build(tmp_path, *texts) -> Graph:
    out = tmp_path / "out"
    for number, text in enumerate(texts):
        path = tmp_path / f"a{number}.txt"
        path.write_text(text, encoding="utf-8")
        assert main(["build", str(path), "--out", str(out), "-q"]) == 0
    return Graph().parse(out / "graph.ttl", format="turtle")


def _sources_per_event(graph: Graph) -> list[int]:
    return sorted(len(set(graph.objects(event, PROV.wasDerivedFrom)))
                  for event in graph.subjects(RDF.type, DG.Interaction))


@pytest.mark.parametrize(("texts", "expected"), [
    ((DATED, UNDATED_THURSDAY_RU), [2]),           # the weekday it names is the event's day
    ((UNDATED_THURSDAY_RU, DATED_AR), [2]),        # in either order, in any language
    ((DATED, UNDATED_IN_BEIJING_FA), [2]),         # it names the event's place
    ((DATED, UNDATED_MONDAY), [1, 1]),             # another day of the week: another meeting
    ((DATED, UNDATED_BARE), [1, 1]),               # nothing in the text agrees: not safe
    ((DATED, UNDATED_ELSEWHERE), [1, 1]),          # the right weekday, another city
    ((DATED, OTHER_MEETING, UNDATED_THURSDAY_RU), [1, 1, 1]),   # two Thursday meetings: either could be it
])
def test_an_unpublished_undated_report_joins_the_event_its_text_agrees_with(tmp_path, texts, expected):
    assert _sources_per_event(_build(tmp_path, *texts)) == expected


def test_the_weekday_of_an_undated_contact_is_kept():
    from extract.ingest import RawDocument
    from extract.pipeline import extract_facts
    from extract.reader import to_article
    (interaction,) = extract_facts(to_article(RawDocument("x.txt", "text", UNDATED_THURSDAY_RU))).interactions
    assert (interaction.day, interaction.weekday) == (None, 3)


DATED_NEW_YORK = ("Shoukry and Vieira meet in New York\nPublished: September 22, 2023\n"
                  "Sameh Shoukry met Mauro Vieira in New York today on the sidelines of the General Assembly.\n")
UNDATED_AT_UN_HEADQUARTERS = ("شكري وفييرا\n\nالتقى وزير الخارجية المصري سامح شكري نظيره البرازيلي ماورو فييرا "
                              "بمقر الأمم المتحدة.\n")


def test_a_report_naming_the_venue_agrees_with_one_naming_its_city(tmp_path):
    graph = _build(tmp_path, DATED_NEW_YORK, UNDATED_AT_UN_HEADQUARTERS)
    assert _sources_per_event(graph) == [2]

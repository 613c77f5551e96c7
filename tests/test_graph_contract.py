"""The graph a build writes follows shared/CONTRACT.md, checked through SPARQL on the Turtle output."""
import pytest
from rdflib import Graph

from exports.cli import main

PREFIXES = """
PREFIX dg: <https://w3id.org/diplograph/ns#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
FIXED_TOPICS = ["Gaza war", "Ceasefire", "Humanitarian aid", "Palestinian statehood", "Terrorism", "Red Sea security",
                "Syrian crisis", "Libyan crisis", "Lebanon conflict", "Yemen conflict", "Sudan conflict",
                "Bilateral relations", "UN Security Council", "Refugees", "Iran nuclear program", "War in Ukraine",
                "Sanctions", "Military cooperation", "Security cooperation", "Economic cooperation"]


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    from conftest import ROOT
    out = tmp_path_factory.mktemp("examples")
    assert main(["build", str(ROOT / "examples" / "articles"), "--out", str(out), "-q"]) == 0
    return Graph().parse(out / "graph.ttl", format="turtle")


def ask(graph, query):
    return list(graph.query(PREFIXES + query))


def test_there_is_something_to_check(graph):
    assert len(ask(graph, "SELECT ?i WHERE { ?i a dg:Interaction }")) >= 10
    assert len(ask(graph, "SELECT ?s WHERE { ?s a dg:Statement }")) >= 20


def test_interactions_have_exactly_one_kind_and_two_participants(graph):
    assert not ask(graph, """SELECT ?i WHERE { ?i a dg:Interaction .
        FILTER(NOT EXISTS { ?i a dg:PhoneCall } && NOT EXISTS { ?i a dg:Meeting }) }""")
    assert not ask(graph, "SELECT ?i WHERE { ?i a dg:PhoneCall, dg:Meeting }")
    assert not ask(graph, """SELECT ?i WHERE { ?i a dg:Interaction } GROUP BY ?i
        HAVING (COUNT(DISTINCT ?p) < 2) """.replace("?i a dg:Interaction }", "?i a dg:Interaction ; dg:participant ?p }"))


def test_spoke_with_goes_both_ways(graph):
    assert not ask(graph, "SELECT ?a ?b WHERE { ?a dg:spokeWith ?b FILTER NOT EXISTS { ?b dg:spokeWith ?a } }")
    assert not ask(graph, """SELECT ?a ?b WHERE { ?i dg:participant ?a, ?b FILTER(?a != ?b)
        FILTER NOT EXISTS { ?a dg:spokeWith ?b } }""")


def test_every_fact_cites_an_article_and_a_sentence(graph):
    for kind in ("dg:Interaction", "dg:Statement"):
        assert not ask(graph, f"SELECT ?x WHERE {{ ?x a {kind} FILTER NOT EXISTS {{ ?x prov:wasDerivedFrom ?a . ?a a schema:NewsArticle }} }}")
        assert not ask(graph, f"SELECT ?x WHERE {{ ?x a {kind} FILTER NOT EXISTS {{ ?x dg:evidence/dg:sentence ?s }} }}")


def test_statements_have_speaker_topic_and_tagged_text(graph):
    assert not ask(graph, "SELECT ?s WHERE { ?s a dg:Statement FILTER NOT EXISTS { ?s dg:speaker ?p . ?p a schema:Person } }")
    assert not ask(graph, "SELECT ?s WHERE { ?s a dg:Statement FILTER NOT EXISTS { ?s dg:about ?t . ?t a dg:Topic } }")
    assert not ask(graph, "SELECT ?s WHERE { ?s a dg:Statement ; dg:text ?t FILTER(lang(?t) = '') }")


def test_people_have_labels(graph):
    assert not ask(graph, "SELECT ?p WHERE { ?p a schema:Person FILTER NOT EXISTS { ?p rdfs:label ?l } }")


def test_the_fixed_topics_are_in_the_scheme(graph):
    labels = {str(row[0]) for row in ask(graph, """SELECT ?l WHERE { ?t a dg:Topic, skos:Concept ;
        skos:prefLabel ?l FILTER(lang(?l) = 'en') FILTER NOT EXISTS { ?t skos:broader ?b } }""")}
    assert set(FIXED_TOPICS) <= labels
    assert not ask(graph, "SELECT ?t WHERE { ?t skos:broader ?b FILTER NOT EXISTS { ?b a dg:Topic } }")

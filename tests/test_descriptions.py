"""The gazetteer's descriptions kept once, in their own graph, while some article names what they describe."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from graph import iris
from graph.descriptions import GAZETTEER_GRAPH, split_descriptions
from graph.store import GraphStore, articles_among
from graph.validate import out_of_step

ID, DG = str(iris.ID), "https://w3id.org/diplograph/ns#"
LABEL, TYPE = "http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SKOS_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"


def line(subject: str, predicate: str, obj: str) -> bytes:
    return f"<{subject}> <{predicate}> {obj} .\n".encode()


@pytest.mark.parametrize(("triple", "described"), [
    (line(f"{ID}person/ana-example", LABEL, '"Ana Example"@en'), True),          # a known person's name
    (line(f"{ID}person/ana-example", f"{DG}holds", f"<{ID}office/1f2e>"), True),  # and office
    (line(f"{ID}office/1f2e", f"{DG}role", '"foreign_minister"'), True),
    (line(f"{ID}country/xa", f"{DG}countryCode", '"XA"'), True),
    (line(f"{ID}place/some-city", LABEL, '"Some City"@en'), True),
    (line(f"{ID}topic/ceasefire", SKOS_LABEL, '"Ceasefire"@en'), True),
    (line(f"{ID}person/ana-example", f"{DG}spokeWith", f"<{ID}person/bo-example>"), False),   # the article's fact
    (line(f"{ID}person/new-someone", LABEL, '"Someone"@en'), False),         # named as the text writes them
    (line(f"{ID}person/new-someone", TYPE, "<https://schema.org/Person>"), False),
    (line(f"{ID}mention/ab12", f"{DG}mentionOf", f"<{ID}person/ana-example>"), False),
    (line(f"{ID}interaction/cd34", f"{DG}participant", f"<{ID}person/ana-example>"), False),
    (line(f"{ID}article/ef56", "https://schema.org/headline", '"A headline"@en'), False),
    (line("https://example.org/person/ana", LABEL, '"Ana"@en'), False),      # not the project's node
])
def test_what_is_a_description_and_what_the_article_said(triple, described):
    said, descriptions = split_descriptions(triple)
    assert (descriptions, said) == ((triple, b"") if described else (b"", triple))


def article(number: int, people: tuple[str, ...]) -> tuple[str, bytes]:
    """An article naming these people, with their descriptions as the assembler writes them."""
    article_id = f"{number:020x}"
    event = f"{ID}interaction/{article_id}"
    lines = [line(event, TYPE, f"<{DG}Interaction>")]
    for person in people:
        office, country = f"{ID}office/{person}-term", f"{ID}country/{person[:2]}"
        lines += [line(event, f"{DG}participant", f"<{ID}person/{person}>"),
                  line(f"{ID}person/{person}", LABEL, f'"{person}"@en'),
                  line(f"{ID}person/{person}", f"{DG}holds", f"<{office}>"),
                  line(office, f"{DG}country", f"<{country}>"),
                  line(country, f"{DG}countryCode", f'"{person[:2].upper()}"')]
    return article_id, b"".join(lines)


def gazetteer(store: GraphStore) -> set[str]:
    return {quad.subject.value.rsplit("/", 1)[-1]
            for quad in store.store.quads_for_pattern(None, None, None, ox.NamedNode(str(GAZETTEER_GRAPH)))}


def in_union(store: GraphStore, person: str) -> bool:
    return any(True for _ in store.store.quads_for_pattern(ox.NamedNode(f"{ID}person/{person}"), None, None,
                                                             ox.DefaultGraph()))


def test_a_description_goes_with_the_last_article_naming_it(tmp_path):
    # "anna" and "anders" share a country: its code stays while one of their offices is in it.
    with GraphStore(tmp_path) as store:
        store.add_articles([article(1, ("anna", "boris")), article(2, ("anders", "boris"))])
        assert gazetteer(store) == {"anna", "anna-term", "an", "anders", "anders-term", "boris", "boris-term", "bo"}
        for graph in articles_among(store.graph_names()):      # no article graph holds a description
            assert not any(q.predicate.value == LABEL for q in store.store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
        store.remove_article(f"{1:020x}")
        assert gazetteer(store) == {"anders", "anders-term", "an", "boris", "boris-term", "bo"}
        assert not in_union(store, "anna") and in_union(store, "boris")
        store.remove_article(f"{2:020x}")
        assert gazetteer(store) == set() and not in_union(store, "boris")
        assert not out_of_step(store)


def test_an_interrupted_load_leaves_no_description_behind(tmp_path):
    # The journal names a batch whose load never finished: opening the store takes its articles out,
    # and the descriptions loaded with them that no other article names.
    with GraphStore(tmp_path) as store:
        store.add_articles([article(1, ("anna", "boris"))])
        journal = str(iris.ID["journal"])
        store.update_bookkeeping(f"INSERT DATA {{ GRAPH <{journal}> {{ <{journal}> <{iris.ID['journal/loading']}> "
                                 f"<{iris.graph_iri(f'{2:020x}')}> }} }}")
        store.store.bulk_load(line(f"{ID}person/carla", LABEL, '"carla"@en').replace(b" .\n", f" <{GAZETTEER_GRAPH}> .\n".encode())
                              + line(f"{ID}person/carla", LABEL, '"carla"@en'), format=ox.RdfFormat.N_QUADS)
    with GraphStore(tmp_path) as store:
        assert gazetteer(store) == {"anna", "anna-term", "an", "boris", "boris-term", "bo"}
        assert not in_union(store, "carla") and in_union(store, "anna")


def test_a_person_the_gazetteer_does_not_know_keeps_their_name_in_the_article(tmp_path):
    # Named as this article writes them: not the gazetteer's to describe.
    from exports.build import build
    text = tmp_path / "unknown.txt"
    text.write_text("Jordan's Foreign Minister Salim Haddad said on Monday that talks would go on.\n", encoding="utf-8")
    assert build([str(text)], tmp_path / "out", progress=False).ok
    with GraphStore(tmp_path / "out") as store:
        (graph,) = articles_among(store.graph_names())
        names = {(q.subject.value, q.object.value) for q in store.store.quads_for_pattern(
            None, ox.NamedNode(LABEL), None, ox.NamedNode(graph))}
        assert {name for subject, name in names if "/person/new-" in subject} == {"Salim Haddad"}
        assert not any(q.subject.value.startswith(f"{ID}person/new-")
                       for q in store.store.quads_for_pattern(None, None, None, ox.NamedNode(str(GAZETTEER_GRAPH))))

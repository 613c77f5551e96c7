"""A long article read in windows (extract/windows.py): the windows cover the text at good breaks,
and every fact found in a window points at the right place of the whole article."""
from __future__ import annotations

import pytest

from extract.ingest import RawDocument
from extract.pipeline import extract_facts
from extract.reader import to_article
from extract.windows import extract_in_windows, window_spans

PARAGRAPH = ("Russian Foreign Minister Sergey Lavrov met Turkish Foreign Minister Hakan Fidan in Ankara on "
             "Monday. The ministers discussed the war in Ukraine.")


@pytest.mark.parametrize("separator", ["\n", " "])
def test_windows_cover_the_text_and_end_at_breaks(separator):
    text = separator.join(f"{PARAGRAPH} ({n})" for n in range(200))
    spans = window_spans(text, 2000)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    assert all(0 < end - start <= 2000 for start, end in spans)
    for _, end in spans[:-1]:
        assert text[end - 1] in "\n " and (separator == " " or text[end - 1] == "\n")


def test_a_word_longer_than_a_window_is_cut_anyway():
    assert window_spans("x" * 5000, 2000) == [(0, 2000), (2000, 4000), (4000, 5000)]


def test_facts_from_windows_point_into_the_whole_article():
    text = "Lavrov and Fidan meet\n" + "\n".join(f"{PARAGRAPH} ({n})" for n in range(60))
    article = to_article(RawDocument("long.txt", "text", text))
    facts = extract_in_windows(article, extract_facts, window_chars=1500)
    assert len(facts.interactions) >= len(window_spans(article.text, 1500)) - 1
    for mention in facts.mentions:
        assert article.text[mention.start:mention.end] == mention.surface
        assert article.text[mention.evidence.start:mention.evidence.end] == mention.evidence.sentence
    for found in [*facts.interactions, *facts.statements]:
        assert article.text[found.evidence.start:found.evidence.end] == found.evidence.sentence


def test_an_article_within_one_window_is_extracted_as_before():
    article = to_article(RawDocument("short.txt", "text", PARAGRAPH))
    assert extract_in_windows(article, extract_facts) == extract_facts(article)


def test_triples_serialised_in_chunks_are_the_bytes_of_all_at_once(monkeypatch):
    import pyoxigraph as ox

    from graph import assemble
    text = "Lavrov and Fidan meet\n" + "\n".join(f"{PARAGRAPH} ({n})" for n in range(30))
    facts = extract_in_windows(to_article(RawDocument("long.txt", "text", text)), extract_facts, window_chars=1500)
    whole = ox.serialize(assemble.article_triples(facts).triples, format=ox.RdfFormat.N_TRIPLES)
    monkeypatch.setattr(assemble._SerialisedInChunks, "_CHUNK", 7)     # many chunks, one cut inside a fact
    assert whole.count(b"\n") > 10 * 7 and assemble.article_ntriples(facts) == whole

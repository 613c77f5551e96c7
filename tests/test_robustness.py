"""No real page may crash extraction: every real-dev article, and mutated copies of it (lines joined,
split, shuffled, truncated), goes through the whole pipeline with no exception escaping and no
sentence skipped by the per-sentence guard (a skipped sentence is a rule bug, logged, never silent).

The pages are read from ../shared at run time; they belong to their publishers and are not copied here.
"""
from __future__ import annotations

import logging
import random

import pytest

from extract.ingest import RawDocument
from extract.pipeline import extract_facts
from extract.reader import articles_in_file, to_article
from graph.assemble import article_triples

_SEED = 20261202
_TRUNCATIONS = 2


def _mutations(text: str, rng: random.Random) -> dict[str, str]:
    lines = text.splitlines()
    shuffled = lines[:]
    rng.shuffle(shuffled)
    split = "\n".join(part for line in lines for part in (line[:len(line) // 2], line[len(line) // 2:]))
    found = {"joined": " ".join(lines), "split": split, "shuffled": "\n".join(shuffled)}
    for n in range(_TRUNCATIONS):
        found[f"truncated-{n}"] = text[:rng.randrange(1, max(2, len(text)))]
    return found


def test_every_real_page_and_its_mutations_extract_without_error(shared_dir, caplog):
    articles = sorted((shared_dir / "eval" / "real-dev" / "articles").iterdir())
    assert len(articles) >= 100
    rng = random.Random(_SEED)
    failures = []
    caplog.set_level(logging.DEBUG, logger="extract")
    for path in articles:
        for item in articles_in_file(str(path)):
            if not hasattr(item, "text"):
                continue        # an unreadable input is reported, not extracted
            variants = {"as stored": item} | {
                name: to_article(RawDocument(path.name, "text", text))
                for name, text in _mutations(item.text, rng).items() if text.strip()}
            for name, article in variants.items():
                try:
                    article_triples(extract_facts(article))
                except Exception as exc:  # noqa: BLE001 - collected and reported below
                    failures.append(f"{path.name} ({name}): {type(exc).__name__}: {exc}")
    skipped = [r.getMessage() for r in caplog.records if "skipped" in r.getMessage() or "dropped" in r.getMessage()]
    assert not failures, "\n".join(failures[:20])
    assert not skipped, "\n".join(skipped[:20])


@pytest.mark.parametrize("text", ["", " ", "\n\n\n", "وزير", "Лавров.", "«»", "x" * 5000, "."])
def test_degenerate_texts(text):
    article = to_article(RawDocument("t.txt", "text", text)) if text.strip() else None
    if hasattr(article, "text"):      # a text with no letters is reported as a problem, not extracted
        article_triples(extract_facts(article))

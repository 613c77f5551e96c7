"""Raw documents → `Article` records: main text, language, segments, header facts."""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator

from .dates import parse_instant
from .html_page import read_html
from .ingest import InputProblem, RawDocument, discover, read_documents, shown_path
from .limits import Limits
from .metadata import clean_headline, publication_date, publisher
from .normalize import detect_language, fold
from .records import Article
from .segment import segment


# Characters of the text folded and hashed at a time: the id of a long article costs a few
# hundred kilobytes, not a list of one string per character and one per word of the whole text.
_ID_CHUNK = 1 << 16
_SPACE_RUN = re.compile(r"\s+")     # the whitespace str.split() splits at (the same set)


def article_id(text: str) -> str:
    """A stable id from the content: the same text read twice, from any file, gets the same id.

    The hash of the folded text with each run of whitespace one space and none at either end
    (`" ".join(fold(text).split())`), folded and fed to the hash a chunk at a time."""
    digest = hashlib.sha256()
    written = space = False     # a word written yet; whitespace since the last word
    for base in range(0, len(text), _ID_CHUNK):
        squeezed = _SPACE_RUN.sub(" ", fold(text[base:base + _ID_CHUNK]))
        words = squeezed.strip(" ")
        space = space or squeezed.startswith(" ")
        if words:
            if written and space:
                digest.update(b" ")
            digest.update(words.encode("utf-8"))
            written, space = True, squeezed.endswith(" ")
    return digest.hexdigest()[:20]


def to_article(document: RawDocument) -> Article | InputProblem:
    title = published = site = url = None
    if document.kind == "html":
        page = read_html(document.content)
        if page is None:
            return InputProblem(document.source_file, "no article text found in the HTML", document.line)
        text, title, published, site, url = page.text, page.title, page.published, page.publisher, page.url
    else:
        text = document.content.lstrip("\ufeff").strip()
    if document.kind == "html" and title and title.strip() not in text[:len(title) + 200]:
        # The page's headline is part of what it reports: read it like a text file's first line.
        text = clean_headline(title, site) + "\n\n" + text
    language = detect_language(text)
    if language is None:
        return InputProblem(document.source_file, "no letters of a supported script (Arabic, Persian, Latin, Cyrillic)", document.line)
    fields = document.fields
    segmentation = segment(text, language)
    if fields.get("published"):
        published = parse_instant(fields["published"], language) or published
    if published is None:
        published = publication_date(text, segmentation, language, fields.get("url") or url)
    site = fields.get("source") or site or publisher(text, segmentation)
    headline = clean_headline(fields.get("title") or title or segmentation.headline, site)
    return Article(
        id=article_id(text), source_file=shown_path(document.source_file), text=text, language=language,
        headline=headline, published=published, publisher=site, url=fields.get("url") or url,
        line=document.line, segments=segmentation.segments,
    )


def articles_in_file(path: str, limits: Limits | None = None) -> Iterator[Article | InputProblem]:
    """The articles of one file (several for .jsonl), or the problems that stopped them being read."""
    for document in read_documents(path, limits):
        yield document if isinstance(document, InputProblem) else to_article(document)


def read_articles(paths: Iterable[str], limits: Limits | None = None) -> Iterator[Article | InputProblem]:
    """Every article under the given paths, or the problem that stopped one being read."""
    for found in discover(paths):
        if isinstance(found, InputProblem):
            yield found
        else:
            yield from articles_in_file(found, limits)

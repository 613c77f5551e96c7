"""Main text and header facts of an HTML page.

trafilatura finds the article's main text (dropping navigation, related-link
lists and comments); the header facts come from the page's own meta data,
which is more trustworthy than anything guessed from layout.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

import lxml.html

from .dates import parse_instant

# Meta tags that carry a publication time, most specific first.
_DATE_META = (
    "article:published_time", "og:article:published_time", "datepublished", "publishdate",
    "pubdate", "publish-date", "dc.date.issued", "dcterms.created", "dc.date", "parsely-pub-date",
    "sailthru.date", "date",
)
_TITLE_META = ("og:title", "twitter:title")
_SITE_META = ("og:site_name", "application-name")
# Fewer words than this in the main text means the page holds no article (a menu, an error page).
_MIN_ARTICLE_WORDS = 5


@dataclass(frozen=True, slots=True)
class HtmlPage:
    text: str
    title: str | None
    published: date | datetime | None
    publisher: str | None
    url: str | None


def _meta(tree: lxml.html.HtmlElement) -> dict[str, str]:
    found: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").lower()
        content = element.get("content")
        if key and content and key not in found:
            found[key] = content.strip()
    return found


def _json_ld(tree: lxml.html.HtmlElement) -> dict[str, str]:
    """datePublished, headline and publisher name from JSON-LD blocks."""
    found: dict[str, str] = {}
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            document = json.loads(script.text_content())
        except ValueError:
            continue
        items = document if isinstance(document, list) else document.get("@graph", [document])
        for item in items:
            if not isinstance(item, dict):
                continue
            for key in ("datePublished", "headline"):
                if isinstance(item.get(key), str):
                    found.setdefault(key, item[key])
            publisher = item.get("publisher")
            if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
                found.setdefault("publisher", publisher["name"])
    return found


def read_html(html: str) -> HtmlPage | None:
    """The page's main text and header facts; None when it has no article text."""
    try:
        tree = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return None
    meta, linked = _meta(tree), _json_ld(tree)
    import trafilatura   # here, not at the top: a text-only build never pays for importing it

    text = trafilatura.extract(html, include_comments=False, include_tables=False,
                               include_links=False, deduplicate=False, with_metadata=False)
    if not text or len(text.split()) < _MIN_ARTICLE_WORDS:
        return None
    published = None
    for raw in [linked.get("datePublished")] + [meta.get(k) for k in _DATE_META]:
        if raw and (published := parse_instant(raw)):
            break
    if published is None:
        for element in tree.iter("time"):
            if element.get("datetime") and (published := parse_instant(element.get("datetime"))):
                break
    title = linked.get("headline") or next((meta[k] for k in _TITLE_META if meta.get(k)), None)
    if not title:
        heading = tree.find(".//h1")
        title_tag = tree.find(".//title")
        source = heading if heading is not None else title_tag
        title = source.text_content().strip() if source is not None else None
    site = linked.get("publisher") or next((meta[k] for k in _SITE_META if meta.get(k)), None)
    canonical = tree.find('.//link[@rel="canonical"]')
    url = meta.get("og:url") or (canonical.get("href") if canonical is not None else None)
    return HtmlPage(text.strip(), title or None, published, site, url)

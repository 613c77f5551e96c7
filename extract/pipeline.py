"""One article → all its facts. The single entry point graph/ and exports/ call."""
from __future__ import annotations

from .records import Article, ArticleFacts


def extract_facts(article: Article) -> ArticleFacts:
    """Mentions, interactions and statements of one article, each with its evidence."""
    return ArticleFacts(article)

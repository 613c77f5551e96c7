"""The query page `diplograph serve` shows at `/`: our own SPARQL editor, which fetches nothing from anywhere.

Oxigraph's own home page (YASGUI) loads prefix.cc and a CDN at run time. This page is one HTML document
(templates/query.html) with its script (templates/query.js) and its data inline; its Content-Security-Policy
lets it talk to its own server only. The editor opens with the contract's prefixes (graph/assemble.py) and an
example query, and every named query of graph/queries/ is one click away, its `$NAME` parameters filled with
the example values of templates/query_page.json (validated on load: a named query without example values,
or values for a parameter no query takes, is an error naming the file).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from graph import sparql
from graph.assemble import PREFIXES

from .page_scripts import script_hash, script_safe_json

TEMPLATES = Path(__file__).parent / "templates"
PAGE_DATA = TEMPLATES / "query_page.json"
ENDPOINT = "/query"


class QueryPageError(ValueError):
    """templates/query_page.json does not fit the named queries or its own shape."""


@dataclass(frozen=True, slots=True)
class Example:
    label: str
    summary: str
    query: str     # with the prefixes before it: it runs as it is


@dataclass(frozen=True, slots=True)
class QueryPage:
    html: str
    content_security_policy: str


def prefix_lines() -> str:
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())


@cache
def _page_data() -> dict:
    try:
        data = json.loads(PAGE_DATA.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise QueryPageError(f"{PAGE_DATA}: cannot read ({exc})") from None
    example = data.get("example")
    if not (isinstance(example, dict) and all(isinstance(example.get(k), str) and example[k] for k in ("label", "summary"))
            and isinstance(example.get("query"), list) and all(isinstance(line, str) for line in example["query"])):
        raise QueryPageError(f"{PAGE_DATA}: 'example' needs a 'label', a 'summary' and a 'query' (a list of lines)")
    if not (isinstance(data.get("row_limit"), int) and data["row_limit"] > 0):
        raise QueryPageError(f"{PAGE_DATA}: 'row_limit' must be a positive whole number")
    _check_params(data.get("named_query_params"))
    return data


def _check_params(values: object) -> None:
    if not isinstance(values, dict):
        raise QueryPageError(f"{PAGE_DATA}: 'named_query_params' must map a named query to its example values")
    queries = sparql.named_queries()
    for name, params in values.items():
        if name not in queries:
            raise QueryPageError(f"{PAGE_DATA}: named_query_params names {name!r}, which is no query of graph/queries/")
        if not isinstance(params, dict) or not all(isinstance(v, str) for v in params.values()):
            raise QueryPageError(f"{PAGE_DATA}: named_query_params[{name!r}] must map parameters to strings")
    for query in queries.values():
        given = set(values.get(query.name, {}))
        if given != set(query.params):
            raise QueryPageError(f"{PAGE_DATA}: named_query_params[{query.name!r}] must give exactly the parameters "
                                 f"{sorted(query.params)} of graph/queries/{query.name}.rq (it gives {sorted(given)})")


def examples() -> list[Example]:
    """The example the editor opens with, then every named query with its example values in place."""
    data = _page_data()
    first = data["example"]
    found = [Example(first["label"], first["summary"], prefix_lines() + "\n" + "\n".join(first["query"]) + "\n")]
    for query in sparql.named_queries().values():
        text = sparql.substitute(query.text, data["named_query_params"].get(query.name, {}), typed=False)
        found.append(Example(query.name, query.summary, prefix_lines() + "\n" + text))
    return found


def _content_security_policy(script: str) -> str:
    """Run only the page's own script; connect only to this server; load nothing."""
    return (f"default-src 'none'; script-src {script_hash(script)}; connect-src 'self'; style-src 'unsafe-inline'; "
            "img-src data:; base-uri 'none'; form-action 'none'")


def render_query_page(view_port: int, writable: bool) -> QueryPage:
    script = (TEMPLATES / "query.js").read_text(encoding="utf-8")
    payload = {"endpoint": ENDPOINT, "viewPort": view_port, "writable": writable, "prefixes": PREFIXES,
               "rowLimit": _page_data()["row_limit"],
               "examples": [{"label": e.label, "summary": e.summary, "query": e.query} for e in examples()]}
    policy = _content_security_policy(script)
    environment = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    html = environment.get_template("query.html").render(csp=policy, data=script_safe_json(payload), script=script,
                                                         writable=writable, first_query=payload["examples"][0]["query"])
    return QueryPage(html, policy)

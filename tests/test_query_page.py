"""The query page of `diplograph serve` (issue 15, point 13): our own page at `/`, nothing fetched from anywhere,
the editor opening with our prefixes and an example, the named queries one click away, and queries through the
page's endpoint answered from a real built store."""
from __future__ import annotations

import html
import json
import re
import shutil
from email.message import Message
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

import pytest

from browser_helpers import chromium, require_chromium
from exports import query_page
from exports.cli import main
from exports.query_page import QueryPageError, examples, prefix_lines
from graph import sparql
from graph.assemble import PREFIXES
from graph.store import GraphStore
from server_helpers import diplograph_serve

URL = re.compile(r"https?://", re.IGNORECASE)
SPARQL_IRI = re.compile(r"<https?://[^<>\s\"{}|^`\\]*>", re.IGNORECASE)
DATA_BLOCK = re.compile(r'<script type="application/json" id="config">(.*?)</script>', re.DOTALL)
EDITOR = re.compile(r'<textarea id="query"[^>]*>(.*?)</textarea>', re.DOTALL)
PAGE_ACCEPT = "application/sparql-results+json, text/turtle;q=0.9, text/plain;q=0.1"   # what query.js sends
# The people of tests/fixtures/queries: three calls and meetings among them.
FIXTURE_PEOPLE = {"Sergey Lavrov", "Hakan Fidan", "Abbas Araghchi"}

needs_oxigraph = pytest.mark.skipif(shutil.which("oxigraph") is None,
                                    reason="the oxigraph server is not installed (pip install oxigraph)")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("query-page") / "out"
    fixtures = Path(__file__).parent / "fixtures" / "queries"
    assert main(["build", str(fixtures), "--out", str(out), "-q"]) == 0
    return out


@pytest.fixture(scope="module")
def served(built):
    if shutil.which("oxigraph") is None:
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    with diplograph_serve(built) as (base, _):
        yield base


def fetch(url: str, data: bytes | None = None, headers: dict[str, str] | None = None) -> tuple[int, Message, str]:
    try:
        with urlopen(Request(url, data=data, headers=headers or {}), timeout=30) as answer:
            return answer.status, answer.headers, answer.read().decode("utf-8")
    except HTTPError as refused:
        return refused.code, refused.headers, refused.read().decode("utf-8", "replace")


def page_query(base: str, query: str, headers: dict[str, str] | None = None) -> tuple[int, Message, str]:
    """POST the query as the page's Run button does."""
    return fetch(base + "/query", urlencode({"query": query}).encode(),
                 {"Content-Type": "application/x-www-form-urlencoded", "Accept": PAGE_ACCEPT, **(headers or {})})


def bindings(body: str) -> list[dict[str, str]]:
    return [{name: term["value"] for name, term in row.items()} for row in json.loads(body)["results"]["bindings"]]


# --- the examples, without a server ---------------------------------------------------------------------------
def test_the_examples_are_ours_first_then_every_named_query():
    labels = [example.label for example in examples()]
    assert labels[1:] == list(sparql.named_queries())
    assert labels[0] not in sparql.named_queries()
    assert all(example.query.startswith(prefix_lines()) and example.summary for example in examples())
    assert all(f"PREFIX {name}: <{iri}>" in prefix_lines() for name, iri in PREFIXES.items())


def test_the_named_queries_parameters_are_filled_in():
    by_label = {example.label: example for example in examples()}
    for name, query in sparql.named_queries().items():
        code = "\n".join(line for line in by_label[name].query.splitlines() if not line.lstrip().startswith("#"))
        assert not [p for p in query.params if f"${p}" in code], name
    assert '"Lavrov"' in by_label["who-spoke-with"].query


def test_every_example_runs_and_ours_lists_the_latest_interactions_with_names(built):
    with GraphStore(built, read_only=True) as store:
        tables = {example.label: sparql.run(store, example.query) for example in examples()}
    ours = tables[examples()[0].label]
    assert ours.rows, "the example the editor opens with finds the fixture's interactions"
    days = [row[ours.columns.index("day")] for row in ours.rows]
    assert days == sorted(days, reverse=True)
    named = {name for row in ours.rows for name in row[ours.columns.index("participants")].split(", ")}
    assert named <= FIXTURE_PEOPLE and len(named) >= 2
    assert tables["who-spoke-with"].rows      # the example value (Lavrov) finds his contacts


@pytest.mark.parametrize("change, complaint", [
    (lambda d: d["named_query_params"].pop("who-spoke-with"), "who-spoke-with"),
    (lambda d: d["named_query_params"]["most-contacted"].update({"x": "1"}), "most-contacted"),
    (lambda d: d["named_query_params"].update({"no-such-query": {}}), "no-such-query"),
    (lambda d: d["example"].update({"query": "SELECT * {}"}), "list of lines"),
    (lambda d: d.update({"row_limit": 0}), "row_limit"),
])
def test_a_data_file_that_does_not_fit_is_refused_by_name(tmp_path, monkeypatch, change, complaint):
    data = json.loads(query_page.PAGE_DATA.read_text(encoding="utf-8"))
    data["named_query_params"].setdefault("most-contacted", {})
    change(data)
    broken = tmp_path / "query_page.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(query_page, "PAGE_DATA", broken)
    query_page._page_data.cache_clear()
    try:
        with pytest.raises(QueryPageError, match=re.escape(str(broken))) as refused:
            examples()
        assert complaint in str(refused.value)
    finally:
        monkeypatch.undo()
        query_page._page_data.cache_clear()


def test_the_script_names_no_url():
    script = (query_page.TEMPLATES / "query.js").read_text(encoding="utf-8")
    code = re.sub(r"^\s*//.*$", "", script, flags=re.MULTILINE)
    assert not URL.search(script)
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(", code)


# --- the served page ------------------------------------------------------------------------------------------
@needs_oxigraph
def test_the_home_page_is_ours_and_lets_the_browser_fetch_nothing_elsewhere(served):
    status, headers, page = fetch(served + "/")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "yasgui" not in page.lower()
    policy = headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "connect-src 'self'" in policy
    assert not re.search(r"<script[^>]*\ssrc=|<link\b|@import", page)
    # The only URLs are the namespace IRIs of SPARQL text (in the editor and the page's data), never fetched.
    data, editor = DATA_BLOCK.search(page).group(1), EDITOR.search(page).group(1)
    assert not URL.search(EDITOR.sub("", DATA_BLOCK.sub("", page)))
    texts = [html.unescape(editor)] + [example["query"] for example in json.loads(data)["examples"]]
    for text in texts:
        assert len(URL.findall(text)) == len(SPARQL_IRI.findall(text)), text


@needs_oxigraph
def test_the_editor_opens_with_our_prefixes_and_the_example(served):
    page = fetch(served + "/")[2]
    editor = html.unescape(EDITOR.search(page).group(1))
    assert editor == examples()[0].query
    assert all(f"PREFIX {name}: <{iri}>" in editor for name, iri in PREFIXES.items())
    listed = json.loads(DATA_BLOCK.search(page).group(1))["examples"]
    assert [example["label"] for example in listed] == [example.label for example in examples()]


@needs_oxigraph
def test_the_pages_query_is_answered_from_the_built_store(served):
    status, headers, body = page_query(served, examples()[0].query,
                                       {"Origin": served})     # what a browser adds to the page's POST
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+json")
    rows = bindings(body)
    assert rows and {name for row in rows for name in row["participants"].split(", ")} <= FIXTURE_PEOPLE
    status, headers, body = page_query(served, prefix_lines() + "ASK { ?event a dg:Interaction }")
    assert status == 200 and json.loads(body)["boolean"] is True
    status, headers, body = page_query(served, prefix_lines() + "CONSTRUCT { ?e a dg:Meeting } WHERE { ?e a dg:Meeting }")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle") and "Meeting" in body


@needs_oxigraph
def test_other_sparql_clients_still_get_the_protocol_unchanged(served):
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    status, _, body = fetch(served + "/query?" + urlencode({"query": query}), headers={"Accept": "text/csv"})
    assert status == 200 and int(body.split()[1]) > 0
    status, _, body = fetch(served + "/query", query.encode(), {"Content-Type": "application/sparql-query",
                                                                "Accept": "application/sparql-results+json"})
    assert status == 200 and int(bindings(body)[0]["n"]) > 0
    status, _, body = page_query(served, "SELEKT nothing")
    assert status == 400 and body.strip()         # the server's own message, for the page to show


@needs_oxigraph
def test_read_only_refuses_updates_and_other_paths(served):
    assert fetch(served + "/update", b"update=CLEAR+ALL", {"Content-Type": "application/x-www-form-urlencoded"}
                 )[0] == 403
    assert fetch(served + "/store?default", b"<a:a> <a:b> <a:c> .", {"Content-Type": "text/turtle"})[0] == 403
    assert fetch(served + "/somewhere-else")[0] == 404
    status, _, body = fetch(served + "/query?" + urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}),
                            headers={"Accept": "text/csv"})
    assert status == 200 and int(body.split()[1]) > 0     # nothing was cleared


@needs_oxigraph
@pytest.mark.parametrize("mode", [(), ("--writable",)])
def test_another_sites_page_is_refused_and_our_own_passes(built, tmp_path, mode):
    copy = tmp_path / "copy"
    shutil.copytree(built, copy)
    with diplograph_serve(copy, *mode) as (base, _):
        assert page_query(base, "ASK {}", {"Origin": "http://evil.example"})[0] == 403
        assert fetch(base + "/", headers={"Host": "rebound.example"})[0] == 403
        assert page_query(base, "ASK {}", {"Origin": base})[0] == 200
        update = urlencode({"update": "CLEAR ALL"}).encode()
        form = {"Content-Type": "application/x-www-form-urlencoded"}
        assert fetch(base + "/update", update, {**form, "Origin": "http://evil.example"})[0] == 403
        count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        assert int(bindings(page_query(base, count)[2])[0]["n"]) > 0


# --- in a real browser ----------------------------------------------------------------------------------------
@needs_oxigraph
def test_run_in_a_browser_draws_the_table_and_fetches_only_from_its_server(served):
    require_chromium()
    outside: list[str] = []
    problems: list[str] = []
    with chromium() as browser:
        context = browser.new_context(service_workers="block")

        def route(route):
            if route.request.url.startswith(served + "/"):
                route.continue_()
            else:
                outside.append(route.request.url)
                route.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: problems.append(f"uncaught: {error}"))
        page.goto(served + "/")
        page.wait_for_function("() => window.diplographReady === true", timeout=30_000)
        page.click("#run")
        page.wait_for_selector("body[data-state=done]", timeout=30_000)
        cells = page.eval_on_selector_all("#results tbody tr td", "cells => cells.map(c => c.textContent)")
        assert any(name in cell for cell in cells for name in FIXTURE_PEOPLE)
        page.fill("#query", "ASK { ?s ?p ?o }")
        page.click("#run")
        page.wait_for_selector("#results .answer", timeout=30_000)
        assert page.text_content("#results .answer") == "yes"
        page.fill("#query", "SELEKT <script>alert(1)</script>")
        page.click("#run")
        page.wait_for_selector("#error:not([hidden])", timeout=30_000)
        assert "400" in page.text_content("#error") and page.query_selector("#error script") is None
        context.close()
    assert not outside, outside
    assert not [p for p in problems if "400" not in p], problems    # the refused query logs its 400 only

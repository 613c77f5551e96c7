"""Every command with the mistakes a new user makes (issue 15), run as the installed command."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from cli_helpers import ROOT, cli_env, command, run

EXAMPLES = ROOT / "examples" / "articles"
FEED = EXAMPLES / "en_news_feed.jsonl"


@pytest.fixture(scope="session")
def examples_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("examples") / "out"
    assert run("build", EXAMPLES, "--out", out, "-q").returncode == 0
    return out


@pytest.fixture
def out(examples_build, tmp_path):
    """A copy of the examples' build that a test may change."""
    copy = tmp_path / "out"
    shutil.copytree(examples_build, copy)
    return copy


def articles(directory) -> list[dict[str, str]]:
    listed = json.loads(run("query", directory, "--named", "articles", "--format", "json").stdout)
    return [{k: v["value"] for k, v in row.items()} for row in listed["results"]["bindings"]]


# --- 1, 12: ASK, and JSON as the SPARQL 1.1 results format ----------------------------------------------

@pytest.mark.parametrize("fmt, expected", [("table", r"ask\n-+\ntrue\n\(1 row\)"), ("csv", r"^ask\ntrue\n$"),
                                           ("tsv", r"^ask\ntrue\n$"), ("json", r'"boolean": true')])
def test_ask_queries_answer_in_every_format(examples_build, fmt, expected):
    result = run("query", examples_build, "ASK { ?s a schema:NewsArticle }", "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert re.search(expected, result.stdout)


def test_json_is_the_sparql_results_format_with_types_and_languages(examples_build):
    result = run("query", examples_build, "SELECT ?a ?name ?n WHERE { ?a a schema:Person ; rdfs:label ?name "
                 "FILTER(lang(?name) = 'ru') BIND(1 AS ?n) } LIMIT 1", "--format", "json")
    document = json.loads(result.stdout)
    assert document["head"]["vars"] == ["a", "name", "n"]
    (row,) = document["results"]["bindings"]
    assert row["a"]["type"] == "uri"
    assert row["name"]["type"] == "literal" and row["name"]["xml:lang"] == "ru"
    assert row["n"] == {"type": "literal", "value": "1", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}
    assert "SPARQL 1.1" in " ".join(run("query", "--help").stdout.split())


# --- 11: SPARQL errors in the user's terms -------------------------------------------------------------

@pytest.mark.parametrize("query, says", [
    ("SELECT * WHERE { ?s ?p ?o", r"line 1, column \d+: a \{ is not closed"),
    ("SELECT * WHERE { ?s foo:bar ?o }", r"line 1, column \d+: a prefix that is not declared"),
    ("SELEC * WHERE { ?s ?p ?o }", r"starts with SELECT, ASK, CONSTRUCT or DESCRIBE, not 'SELEC'"),
    ("SELECT * WHERE {\n  ?s ?p }", r"line 2, column \d+: unexpected '\}'\n    \?s \?p \}\n\s+\^"),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", r"INSERT is a SPARQL update.*serve DIR --writable"),
    ("PREFIX x: <urn:x#>\nDELETE WHERE { ?s ?p ?o }", r"DELETE is a SPARQL update"),
])
def test_sparql_errors_say_what_is_wrong_and_where(examples_build, query, says):
    result = run("query", examples_build, query)
    assert result.returncode == 2
    assert re.search(says, result.stderr), result.stderr
    assert "expected one of" not in result.stderr and "expected CONSTRUCT" not in result.stderr


# --- 3: commands that write keep to diplograph's own folders ------------------------------------------

def test_remove_on_a_folder_never_built_says_so_and_creates_nothing(tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "graph.html").write_text("my own page", encoding="utf-8")
    for folder in (mine, tmp_path / "empty", tmp_path / "missing"):
        (tmp_path / "empty").mkdir(exist_ok=True)
        result = run("remove", folder, "x.txt")
        assert result.returncode == 2
        assert f"{folder} holds no diplograph store" in result.stderr
        assert not (folder / "store").exists() and not (folder / "graph.ttl").exists()
    assert (mine / "graph.html").read_text(encoding="utf-8") == "my own page"


@pytest.mark.parametrize("args", [["view", "{dir}"], ["export", "{dir}", "--format", "ttl"], ["validate", "{dir}"],
                                  ["query", "{dir}", "--named", "articles"], ["serve", "{dir}", "--writable"],
                                  ["push", "{dir}", "--endpoint", "http://127.0.0.1:9/store"]])
def test_every_command_on_a_folder_never_built_says_so(tmp_path, args):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("mine", encoding="utf-8")
    result = run(*[a.replace("{dir}", str(mine)) for a in args])
    assert result.returncode == 2 and f"{mine} holds no diplograph store" in result.stderr
    assert sorted(p.name for p in mine.iterdir()) == ["notes.txt"]


def test_build_refuses_a_folder_of_other_files(tmp_path):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "graph.ttl").write_text("# my notes", encoding="utf-8")
    result = run("build", EXAMPLES / "fa_araghchi_lavrov_call.txt", "--out", mine)
    assert result.returncode == 2
    assert f"{mine} holds files but no diplograph store" in result.stderr
    assert sorted(p.name for p in mine.iterdir()) == ["graph.ttl"]
    assert (mine / "graph.ttl").read_text(encoding="utf-8") == "# my notes"
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("build", EXAMPLES / "fa_araghchi_lavrov_call.txt", "--out", empty, "-q").returncode == 0


# --- 4: remove by what the user has at hand ---------------------------------------------------------

def _feed_articles(directory):
    return [a for a in articles(directory) if a["file"] == str(FEED)]


def test_remove_a_jsonl_file_removes_its_articles_and_succeeds(out):
    held = len(articles(out))
    assert len(_feed_articles(out)) == 2
    result = run("remove", out, FEED)
    assert result.returncode == 0, result.stderr
    assert "removed 2 articles" in result.stdout
    assert len(articles(out)) == held - 2 and not _feed_articles(out)


def _first_feed_line_id() -> str:
    return json.loads(FEED.read_text(encoding="utf-8").splitlines()[0])["id"]


@pytest.mark.parametrize("reference", ["source id", "file:line", "iri", "hash"])
def test_remove_one_article_by_any_of_its_names(out, reference):
    (first,) = [a for a in _feed_articles(out) if a["line"] == "1"]
    given = {"source id": _first_feed_line_id(), "file:line": f"{FEED}:1",
             "iri": f"https://w3id.org/diplograph/id/article/{first['id']}", "hash": first["id"]}[reference]
    result = run("remove", out, given)
    assert result.returncode == 0, result.stderr
    assert "removed 1 article;" in result.stdout
    assert [a["line"] for a in _feed_articles(out)] == ["2"]


def test_remove_dry_run_lists_and_changes_nothing(out):
    before = (out / "graph.ttl").read_bytes()
    result = run("remove", out, FEED, "--dry-run")
    assert result.returncode == 0
    assert len(re.findall(rf"would remove: \w+  {re.escape(str(FEED))}:[12]", result.stdout)) == 2
    assert "2 articles would be removed; nothing was changed" in result.stdout
    assert (out / "graph.ttl").read_bytes() == before and len(_feed_articles(out)) == 2


def test_remove_an_unknown_article_fails_and_keeps_the_rest(out):
    result = run("remove", out, "no-such-thing", FEED)
    assert result.returncode == 1
    assert "no-such-thing: no such article" in result.stderr and "--named articles" in result.stderr
    assert "removed 2 articles" in result.stdout


def test_readme_says_how_to_find_an_article_id():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "--named articles" in readme and "--dry-run" in readme


# --- 6: export to a folder or to standard output ----------------------------------------------------

def test_export_into_a_folder_and_to_standard_output(examples_build, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    result = run("export", examples_build, "--format", "csv", "--out", folder)
    assert result.returncode == 0, result.stderr
    assert (folder / "graph.csv").read_text(encoding="utf-8").startswith("event")
    streamed = run("export", examples_build, "--format", "nq", "--out", "-", cwd=tmp_path)
    assert streamed.returncode == 0 and streamed.stdout.count("\n") > 100
    assert not (tmp_path / "-").exists() and "wrote" not in streamed.stdout
    missing = run("export", examples_build, "--format", "ttl", "--out", tmp_path / "no" / "such" / "g.ttl")
    assert missing.returncode == 2 and "is not a folder" in missing.stderr


# --- 7: a reader that stops early -------------------------------------------------------------------

@pytest.mark.parametrize("reader", ["head -1", "true"])   # `true` has gone before the first line is written
def test_query_into_a_reader_that_stops_ends_quietly(examples_build, reader):
    pipeline = (f"{' '.join(command())} query {examples_build} 'SELECT ?s ?p ?o WHERE {{ ?s ?p ?o }}' "
                f"--format tsv | {reader}; echo status ${{PIPESTATUS[0]}}")
    result = subprocess.run(["bash", "-c", pipeline], capture_output=True, text=True, env=cli_env(), timeout=120)
    assert result.stderr == "", result.stderr
    assert result.stdout.endswith("status 141\n") or result.stdout.endswith("status 0\n")
    assert result.stdout.startswith("s\tp\to\n" if reader.startswith("head") else "status")


# --- 10: mistakes in view and build options --------------------------------------------------------

def test_view_refuses_a_reversed_period(examples_build):
    result = run("view", examples_build, "--from", "2025-01-01", "--to", "2024-01-01")
    assert result.returncode == 2 and "--from 2025-01-01 is later than --to 2024-01-01" in result.stderr


def test_view_of_an_empty_period_says_what_the_store_holds(out):
    before = (out / "graph.html").read_bytes()
    result = run("view", out, "--from", "1990-01-01", "--to", "1990-12-31")
    assert result.returncode == 2
    held = re.search(r"no interactions from 1990-01-01 to 1990-12-31; .* holds (\d+) interactions \(dated "
                     r"\d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d\)", result.stderr)
    assert held and int(held.group(1)) > 5, result.stderr
    assert (out / "graph.html").read_bytes() == before


def test_view_out_may_be_a_folder(examples_build, tmp_path):
    result = run("view", examples_build, "--out", tmp_path, "--lang", "ru")
    assert result.returncode == 0 and (tmp_path / "graph.html").is_file()


def test_scheduler_needs_the_dask_executor(tmp_path):
    result = run("build", EXAMPLES, "--out", tmp_path / "o", "--scheduler", "tcp://127.0.0.1:1")
    assert result.returncode == 2 and "add --executor dask" in result.stderr
    assert not (tmp_path / "o").exists()


def test_a_failed_dask_connection_leaves_no_store(tmp_path):
    pytest.importorskip("distributed")
    target = tmp_path / "o"
    result = run("build", EXAMPLES / "fa_araghchi_lavrov_call.txt", "--out", target, "--executor", "dask",
                 "--scheduler", "tcp://127.0.0.1:9", timeout=120)
    assert result.returncode == 2 and "Dask scheduler" in result.stderr
    assert not target.exists()


def test_a_missing_input_leaves_no_store(tmp_path):
    result = run("build", tmp_path / "none.txt", "--out", tmp_path / "o")
    assert result.returncode == 1 and "none.txt: no such file or folder" in result.stderr
    assert not (tmp_path / "o" / "store").exists()


# --- 14: wording, --version, validate --quiet ------------------------------------------------------

def test_counts_are_singular_and_plural_in_english(tmp_path, examples_build):
    single = run("build", EXAMPLES / "fa_araghchi_lavrov_call.txt", "--out", tmp_path / "o")
    assert "(from 1 file)" in single.stdout and "1 files" not in single.stdout
    table = run("query", examples_build, "SELECT ?x WHERE { BIND(1 AS ?x) }")
    assert table.stdout.endswith("(1 row)\n")
    removed = run("remove", tmp_path / "o", EXAMPLES / "fa_araghchi_lavrov_call.txt")
    assert "removed 1 article;" in removed.stdout and "(s)" not in removed.stdout


def test_version():
    result = run("--version")
    assert result.returncode == 0 and re.fullmatch(r"diplograph \d+\.\d+\.\d+\S*\n", result.stdout)


def test_validate_quiet_prints_nothing_when_the_graph_conforms(examples_build):
    quiet = run("validate", examples_build, "--quiet")
    assert quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == ""
    loud = run("validate", examples_build)
    assert "conforms" in loud.stdout and "checking" in loud.stderr


def test_readme_says_build_lang_is_the_views_language():
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert re.search(r"`--lang` (?:of `build` )?sets the language of the view", readme)


# --- 8: a section label above the headline ------------------------------------------------------

SECTION_LABELLED = {
    "en.txt": "Middle East | Diplomacy\nLavrov and Fidan meet in Ankara to discuss Syria\n"
              "Russian Foreign Minister Sergey Lavrov met Turkish Foreign Minister Hakan Fidan in Ankara on Friday.\n",
    "ru.txt": "World | Diplomacy\nЛавров и Фидан провели переговоры в Анкаре\n"
              "Сергей Лавров, глава МИД РФ, и Хакан Фидан провели переговоры в Анкаре.\n",
    "site.txt": "Lavrov meets Fidan | Reuters\n"
                "Russian Foreign Minister Sergey Lavrov met Turkish Foreign Minister Hakan Fidan in Ankara on Friday.\n",
}


def test_a_section_label_is_not_the_headline(tmp_path):
    (tmp_path / "in").mkdir()
    for name, text in SECTION_LABELLED.items():
        (tmp_path / "in" / name).write_text(text, encoding="utf-8")
    assert run("build", tmp_path / "in", "--out", tmp_path / "out", "-q").returncode == 0
    headlines = {Path(a["file"]).name: a.get("headline") for a in articles(tmp_path / "out")}
    assert headlines == {"en.txt": "Lavrov and Fidan meet in Ankara to discuss Syria",
                         "ru.txt": "Лавров и Фидан провели переговоры в Анкаре",
                         "site.txt": "Lavrov meets Fidan | Reuters"}   # a headline with its site stays one


# --- once more through every command, as a user who makes mistakes -------------------------------

@pytest.mark.parametrize("args, says", [
    (["serve", "{out}", "--port", "99999"], r"--port: 99999 is not a port \(1 to 65535\)"),
    (["serve", "{out}", "--port", "7000", "--view-port", "7000"], r"need two ports"),
    (["push", "{out}", "--endpoint", "localhost:7878/store"], r"--endpoint: 'localhost:7878/store' is not an http"),
    (["view", "{out}", "--limit", "ten"], r"--limit: 'ten' is not a whole number"),
    (["build", "x.txt", "--out", "o", "--jobs", "0"], r"--jobs: must be 1 or more"),
    (["query", "{out}", "--format", "csv", "SELECT ?x WHERE { }", "more"], r"unrecognized arguments: .*more"),
    (["query", "{out}", "-f", "nothing.rq"], r"nothing\.rq: cannot read"),
    (["query", "{out}", "--named", "who-spoke-with"], r"missing person"),
    (["view", "{out}", "--from", "2024-31-01"], r"'2024-31-01' is not a date like 2024-03-31"),
])
def test_argument_mistakes_are_one_clear_message(examples_build, tmp_path, args, says):
    result = run(*[a.replace("{out}", str(examples_build)) for a in args], cwd=tmp_path)
    assert result.returncode == 2
    assert re.search(says, result.stderr), result.stderr


def test_options_may_come_before_the_query(examples_build):
    result = run("query", examples_build, "--format", "csv", "SELECT ?x WHERE { BIND(1 AS ?x) }")
    assert result.returncode == 0 and result.stdout == "x\n1\n"

import re
import shutil
import subprocess
import sys

import pytest
from rdflib import Graph, Literal, Namespace
from rdflib.namespace import RDF

from exports.cli import main
from graph.store import GraphStore

SCHEMA = Namespace("https://schema.org/")
ARTICLE = ("وزير الخارجية المصري يلتقي نظيره الأردني في القاهرة\n"
           "الثلاثاء 06/فبراير/2024\n"
           "التقى وزير الخارجية المصري سامح شكري نظيره الأردني أيمن الصفدي في القاهرة اليوم.\n"
           "المصدر: وكالة أنباء الشرق الأوسط\n")


def load(out):
    graph = Graph()
    graph.parse(out / "graph.ttl", format="turtle")
    return graph


@pytest.fixture
def mixed_folder(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "legacy.txt").write_bytes(ARTICLE.replace("المصري", "الأردني").encode("cp1256"))
    (folder / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "feed.jsonl").write_text(
        '{"id": "a", "published": "2024-02-07", "text": "Lavrov and Fidan met in Ankara on Wednesday to discuss Syria."}\n'
        "{not json\n", encoding="utf-8")
    return folder


def test_bad_inputs_are_named_and_the_rest_is_built(mixed_folder, tmp_path, capsys):
    out = tmp_path / "out"
    status = main(["build", str(mixed_folder), "--out", str(out), "--quiet"])
    errors = capsys.readouterr().err
    assert status == 1
    assert re.search(r"picture\.txt: binary file", errors)
    assert re.search(r"empty\.txt: empty file", errors)
    assert re.search(r"feed\.jsonl:2: malformed JSON", errors)
    assert "Traceback" not in errors
    graph = load(out)
    sources = {str(o) for o in graph.objects(None, Namespace("https://w3id.org/diplograph/ns#").sourceFile)}
    assert {s.rsplit("/", 1)[-1] for s in sources} == {"good.txt", "legacy.txt", "feed.jsonl"}


def test_rebuild_adds_nothing_twice(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(source), "--out", str(out), "-q"]) == 0
    first = len(load(out))
    copy = tmp_path / "copy-of-a.txt"
    shutil.copy(source, copy)
    assert main(["build", str(source), str(copy), "--out", str(out), "-q"]) == 0
    assert len(load(out)) == first
    other = tmp_path / "b.txt"
    other.write_text(ARTICLE.replace("القاهرة اليوم", "عمان أمس"), encoding="utf-8")
    assert main(["build", str(other), "--out", str(out), "-q"]) == 0
    assert len(list(load(out).subjects(RDF.type, SCHEMA.NewsArticle))) == 2


def test_failed_build_keeps_previous_outputs(tmp_path, capsys):
    out = tmp_path / "out"
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    main(["build", str(source), "--out", str(out), "-q"])
    before = (out / "graph.ttl").read_bytes()
    other = tmp_path / "b.txt"
    other.write_text(ARTICLE.replace("القاهرة اليوم", "عمان أمس"), encoding="utf-8")
    with GraphStore(out):        # another process holds the store
        assert main(["build", str(other), "--out", str(out), "-q"]) == 2
    assert "cannot open the store" in capsys.readouterr().err
    assert (out / "graph.ttl").read_bytes() == before


def test_article_metadata_in_graph(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    main(["build", str(source), "--out", str(out), "-q"])
    graph = load(out)
    (article,) = graph.subjects(RDF.type, SCHEMA.NewsArticle)
    assert graph.value(article, SCHEMA.datePublished).toPython().isoformat() == "2024-02-06"
    assert graph.value(article, SCHEMA.inLanguage) == Literal("ar")
    publisher = graph.value(article, SCHEMA.publisher)
    assert str(graph.value(publisher, Namespace("http://www.w3.org/2000/01/rdf-schema#").label)) == "وكالة أنباء الشرق الأوسط"


def test_view_references_no_remote_resource(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    main(["build", str(source), "--out", str(out), "-q"])
    html = (out / "graph.html").read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert not re.search(r"""url\(\s*["']?(?:https?:)?//""", html, re.I)
    assert not re.search(r"""@import\s+["']?(?:url\()?["']?(?:https?:)?//""", html, re.I)
    assert "<script src" not in html and "<link" not in html


def test_view_command_and_missing_store(tmp_path, capsys):
    assert main(["view", str(tmp_path / "nothing")]) == 2
    assert "holds no diplograph store" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["build", "view", "remove", "query", "export", "validate", "serve", "push",
                                     "gazetteer", "gazetteer import"])
def test_help_has_an_example(command, capsys):
    with pytest.raises(SystemExit):
        main([*command.split(), "--help"])
    assert re.search(r"examples?:\n  diplograph " + command.split()[0], capsys.readouterr().out)


def test_console_script_reports_usage_errors_without_traceback(tmp_path):
    result = subprocess.run([sys.executable, "-m", "exports.cli", "build", str(tmp_path / "none.txt"),
                             "--out", str(tmp_path / "o")], capture_output=True, text=True)
    assert result.returncode == 1
    assert "none.txt: no such file or folder" in result.stderr and "Traceback" not in result.stderr


def test_an_extraction_bug_is_reported_and_the_rest_is_built(tmp_path, capsys, monkeypatch):
    import exports.executors

    real = exports.executors.extract_facts

    def flaky(article):
        if "boom" in article.text:
            raise RuntimeError("boom")
        return real(article)

    monkeypatch.setattr(exports.executors, "extract_facts", flaky)
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text("boom " + ARTICLE, encoding="utf-8")
    assert main(["build", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--out", str(tmp_path / "out"), "-q"]) == 1
    assert "b.txt: could not extract facts (RuntimeError: boom)" in capsys.readouterr().err
    assert len(list(load(tmp_path / "out").subjects(RDF.type, SCHEMA.NewsArticle))) == 1

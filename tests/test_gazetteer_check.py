"""`overlaps` and `gaps` on a small gazetteer built here, the UN members file, and `diplograph gazetteer check`."""
import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from extract.datafiles import DataFileError
from extract.gazetteer import Gazetteer, Person
from extract.gazetteer_check import Member, Period, gaps, load_members, overlaps, un_members
from extract.records import Office

DAY = date(2020, 1, 1)
MEMBERS = {
    "FR": Member("FR", "France"),
    "US": Member("US", "United States", head_of_state_is_head_of_government=True),
    "SM": Member("SM", "San Marino", joint_offices=frozenset({"head_of_state"})),
}


def person(person_id, *offices):
    return Person(person_id, {"en": [person_id]}, {}, tuple(Office(*o) for o in offices))


def complete():
    """Every office of the four states held on DAY; successors start the day predecessors end."""
    return [
        person("fr-president", ("head_of_state", "FR", date(2017, 5, 14), None)),
        person("fr-pm-1", ("head_of_government", "FR", date(2017, 5, 15), date(2020, 7, 3))),
        person("fr-pm-2", ("head_of_government", "FR", date(2020, 7, 3), None)),
        person("fr-fm", ("foreign_minister", "FR", date(2017, 5, 17), None)),
        person("us-president", ("head_of_state", "US", date(2017, 1, 20), None)),
        person("us-fm", ("foreign_minister", "US", date(2018, 4, 26), None)),
        person("sm-regent-1", ("head_of_state", "SM", date(2019, 10, 1), date(2020, 4, 1))),
        person("sm-regent-2", ("head_of_state", "SM", date(2019, 10, 1), date(2020, 4, 1))),
        person("sm-pm", ("head_of_government", "SM", date(2016, 12, 27), None)),
        person("sm-fm", ("foreign_minister", "SM", date(2016, 12, 27), None)),
        # envoys and deputy ministers are many at once: never an overlap
        person("envoy-1", ("special_envoy", "US", date(2019, 1, 1), None)),
        person("envoy-2", ("special_envoy", "US", date(2019, 6, 1), None)),
        # rival governments hold one office side by side
        person("east-pm", ("head_of_government", "LY", date(2016, 1, 1), None, False, "east")),
        person("west-pm", ("head_of_government", "LY", date(2016, 1, 1), None, False, "west")),
    ]


def gazetteer(people):
    return Gazetteer(people={p.id: p for p in people})


def test_none_when_complete():
    assert overlaps(gazetteer(complete()), MEMBERS) == []
    assert gaps(gazetteer(complete()), DAY, MEMBERS) == []


def test_a_gap_is_found():
    people = [p for p in complete() if p.id != "fr-fm"]
    found = gaps(gazetteer(people), DAY, MEMBERS)
    assert [(g.country, g.role) for g in found] == [("FR", "foreign_minister")]
    assert str(found[0]) == "gap: FR (France) has no foreign_minister on 2020-01-01"
    # the day an office ends it is still held; the day after it is not
    assert gaps(gazetteer(complete()), date(2020, 4, 1), MEMBERS) == []
    assert [(g.country, g.role) for g in gaps(gazetteer(complete()), date(2020, 4, 2), MEMBERS)] == [("SM", "head_of_state")]


def test_head_of_state_counts_as_head_of_government_only_where_the_data_says_so():
    people = [p for p in complete() if p.id not in {"fr-pm-1", "fr-pm-2"}]
    assert [(g.country, g.role) for g in gaps(gazetteer(people), DAY, MEMBERS)] == [("FR", "head_of_government")]
    people = [p for p in complete() if p.id != "us-president"]
    assert [(g.country, g.role) for g in gaps(gazetteer(people), DAY, MEMBERS)] == [
        ("US", "head_of_state"), ("US", "head_of_government")]


def test_a_dated_period_without_head_of_government_is_covered_by_the_head_of_state():
    abolished = Period(date(2019, 5, 14), date(2022, 9, 17), "post abolished")
    members = {"SN": Member("SN", "Senegal", no_head_of_government=(abolished,))}
    people = [person("sn-president", ("head_of_state", "SN", date(2012, 4, 2), None)),
              person("sn-pm", ("head_of_government", "SN", date(2014, 7, 4), date(2019, 5, 13))),
              person("sn-fm", ("foreign_minister", "SN", date(2012, 4, 2), None))]
    for day in (date(2019, 5, 13), date(2019, 5, 14), date(2020, 1, 1), date(2022, 9, 17)):
        assert gaps(gazetteer(people), day, members) == [], day
    # the day after the period, and before the head of government came back, is a gap again
    assert [(g.country, g.role) for g in gaps(gazetteer(people), date(2022, 9, 18), members)] == [("SN", "head_of_government")]
    # a period without a head of government does not make up for a missing head of state
    assert [g.role for g in gaps(gazetteer(people[1:]), date(2020, 1, 1), members)] == ["head_of_state", "head_of_government"]


def test_an_open_period_without_head_of_government_runs_on():
    members = {"XX": Member("XX", "Test", no_head_of_government=(Period(date(2020, 1, 1), None, "no post"),))}
    people = [person("xx-hos", ("head_of_state", "XX", None, None)), person("xx-fm", ("foreign_minister", "XX", None, None))]
    assert gaps(gazetteer(people), date(2030, 1, 1), members) == []
    assert [g.role for g in gaps(gazetteer(people), date(2019, 12, 31), members)] == ["head_of_government"]


def test_a_state_without_any_government_is_not_checked():
    collapsed = Period(date(1991, 1, 26), date(2000, 8, 27), "no government")
    members = {"SO": Member("SO", "Somalia", no_government=(collapsed,))}
    people = [person("so-president", ("head_of_state", "SO", date(2000, 8, 27), None))]
    assert gaps(gazetteer(people), date(2000, 1, 1), members) == []
    assert gaps(gazetteer(people), date(2000, 8, 27), members) == []
    assert [g.role for g in gaps(gazetteer(people), date(2000, 8, 28), members)] == ["head_of_government", "foreign_minister"]


def test_a_known_vacancy_of_one_office_is_no_gap_for_that_office_only():
    cabinet_not_named = (("foreign_minister", Period(date(2005, 12, 21), date(2006, 1, 4), "no cabinet yet")),)
    members = {"TZ": Member("TZ", "Tanzania", head_of_state_is_head_of_government=True, vacancies=cabinet_not_named)}
    people = [person("tz-president", ("head_of_state", "TZ", date(2005, 12, 21), None)),
              person("tz-fm", ("foreign_minister", "TZ", date(2006, 1, 4), None))]
    assert gaps(gazetteer(people), date(2006, 1, 1), members) == []
    assert [g.role for g in gaps(gazetteer(people), date(2005, 12, 20), members)] == [
        "head_of_state", "head_of_government", "foreign_minister"]


def test_a_state_is_checked_from_its_admission():
    members = {"SS": Member("SS", "South Sudan", head_of_state_is_head_of_government=True, admitted=date(2011, 7, 14))}
    assert gaps(gazetteer(complete()), date(2011, 7, 13), members) == []
    assert [g.role for g in gaps(gazetteer(complete()), date(2011, 7, 14), members)] == [
        "head_of_state", "head_of_government", "foreign_minister"]


def test_an_overlap_is_found():
    people = complete() + [person("fr-fm-2", ("foreign_minister", "FR", date(2019, 6, 1), date(2021, 1, 1)))]
    found = overlaps(gazetteer(people), MEMBERS)
    assert len(found) == 1
    overlap = found[0]
    assert (overlap.role, overlap.country, overlap.first[0], overlap.second[0]) == ("foreign_minister", "FR", "fr-fm", "fr-fm-2")
    assert overlap.period == (date(2019, 6, 1), date(2021, 1, 1))
    assert str(overlap) == ("overlap: foreign_minister of FR: fr-fm (2017-05-17 to now) and "
                            "fr-fm-2 (2019-06-01 to 2021-01-01) both hold it from 2019-06-01 to 2021-01-01")


def test_overlaps_of_acting_holders_and_one_day_overlaps_count():
    people = complete() + [person("fr-pm-acting", ("head_of_government", "FR", date(2020, 7, 2), date(2020, 7, 4), True))]
    found = overlaps(gazetteer(people), MEMBERS)
    assert {(o.first[0], o.second[0]) for o in found} == {("fr-pm-1", "fr-pm-acting"), ("fr-pm-acting", "fr-pm-2")}


def test_the_shipped_members_file_lists_the_193_states():
    members = un_members()
    assert len(members) == 193
    assert {"US", "RU", "CN", "SS", "ME", "TL"} <= set(members)
    assert not {"PS", "VA", "XK", "TW", "EU"} & set(members)
    assert members["US"].head_of_state_is_head_of_government and not members["FR"].head_of_state_is_head_of_government
    assert members["SS"].admitted == date(2011, 7, 14)
    senegal = members["SN"]
    assert not senegal.head_of_state_is_head_of_government
    assert senegal.head_of_state_heads_government(date(2020, 1, 1)) and not senegal.head_of_state_heads_government(date(2023, 1, 1))
    assert not members["SO"].has_government(date(2000, 1, 1)) and members["SO"].has_government(date(2001, 1, 1))


@pytest.mark.parametrize("change, problem", [
    (lambda rows: rows.pop(), "the UN has 193 member states; the file lists 192"),
    (lambda rows: rows.append(dict(rows[0])), "is repeated"),
    (lambda rows: rows[0].update(code="afg"), "is not an ISO 3166-1 alpha-2 code"),
    (lambda rows: rows[0].update(head_of_government="none"), "unknown field 'head_of_government'"),
    (lambda rows: rows[0].update(joint_offices=["king"]), "unknown role(s) in joint_offices: king"),
    (lambda rows: rows[0].update(admitted="2011-14-07"), "is not a YYYY-MM-DD date"),
    (lambda rows: rows[0].update(no_head_of_government={"start": "2001-01-01"}), "no_head_of_government must be a list"),
    (lambda rows: rows[0].update(no_head_of_government=[{"start": "2001-02-30", "end": None, "comment": "c"}]),
     "no_head_of_government period 1: start '2001-02-30' is not a YYYY-MM-DD date"),
    (lambda rows: rows[0].update(no_head_of_government=[{"start": "2001-01-01", "end": "2000-01-01", "comment": "c"}]),
     "period 1: must end after it starts (start 2001-01-01, end 2000-01-01)"),
    (lambda rows: rows[0].update(no_head_of_government=[{"start": "2001-01-01", "end": "2001-01-01", "comment": "c"}]),
     "must end after it starts (start 2001-01-01, end 2001-01-01)"),
    (lambda rows: rows[0].update(no_head_of_government=[{"start": "2001-01-01", "end": "2003-01-01", "comment": "c"},
                                                        {"start": "2002-01-01", "end": "2004-01-01", "comment": "c"}]),
     "period 2: starts (2002-01-01) before period 1 ends"),
    (lambda rows: rows[0].update(no_head_of_government=[{"start": "2001-01-01", "end": None, "comment": "c"},
                                                        {"start": "2002-01-01", "end": "2004-01-01", "comment": "c"}]),
     "period 2: starts (2002-01-01) before period 1 ends"),
    (lambda rows: rows[0].update(no_head_of_government=[{"start": "2001-01-01", "end": None}]), "period 1: missing comment"),
    (lambda rows: rows[0].update(no_head_of_government=[{"start": "2001-01-01", "comment": "c", "why": "x"}]),
     "period 1: unknown field 'why'"),
    (lambda rows: rows[0].update(no_head_of_government=["2001-01-01"]), "period 1 must be an object"),
    (lambda rows: rows[0].update(no_government=[{"start": "1991", "end": None, "comment": "c"}]),
     "no_government period 1: start '1991' is not a YYYY-MM-DD date"),
    (lambda rows: rows[0].update(vacant_offices=[{"role": "king", "start": "2001-01-01", "end": None, "comment": "c"}]),
     "vacant_offices 1: role must be one of head_of_state, head_of_government, foreign_minister"),
    (lambda rows: rows[0].update(vacant_offices=[
        {"role": "foreign_minister", "start": "2001-01-01", "end": "2001-03-01", "comment": "c"},
        {"role": "foreign_minister", "start": "2001-02-01", "end": "2001-04-01", "comment": "c"}]),
     "period 2: starts (2001-02-01) before period 1 ends"),
])
def test_the_members_file_is_validated_on_load(tmp_path, change, problem):
    from extract.gazetteer_check import UN_MEMBERS_FILE
    document = json.loads(UN_MEMBERS_FILE.read_text(encoding="utf-8"))
    change(document["members"])
    broken = tmp_path / "un_members.json"
    broken.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(DataFileError, match="un_members.json") as error:
        load_members(broken)
    assert problem in str(error.value)


def _diplograph() -> str:
    beside = Path(sys.executable).parent / "diplograph"
    return str(beside) if beside.exists() else (shutil.which("diplograph") or pytest.fail("the diplograph command is not installed"))


def test_the_check_command(tmp_path):
    """Two imported foreign ministers of Tuvalu at once: an overlap; 1900: gaps everywhere; exit 1."""
    people = tmp_path / "gazetteer" / "people"
    people.mkdir(parents=True)
    rows = [{"id": f"test-minister-{n}", "names": {"en": [f"Test Minister {n}"]},
             "offices": [{"role": "foreign_minister", "country": "TV", "start": start, "end": end}]}
            for n, start, end in ((1, "1890-01-01", "1901-01-01"), (2, "1899-06-01", None))]
    (people / "test.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    env = {**os.environ, "DIPLOGRAPH_GAZETTEER": str(tmp_path / "gazetteer")}
    result = subprocess.run([_diplograph(), "gazetteer", "check", "--date", "1900-01-01"],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert ("overlap: foreign_minister of TV: test-minister-1 (1890-01-01 to 1901-01-01) and "
            "test-minister-2 (1899-06-01 to now) both hold it from 1899-06-01 to 1901-01-01") in lines
    assert "gap: FR (France) has no foreign_minister on 1900-01-01" in lines
    assert not any(line.startswith("gap: SS ") for line in lines)          # not yet a member
    assert lines[-1].split()[1] in ("problem:", "problems:") and "Traceback" not in result.stderr

    result = subprocess.run([_diplograph(), "gazetteer", "check", "--date", "2020-02-30"],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 2 and "is not a date like" in result.stderr and "Traceback" not in result.stderr

    result = subprocess.run([_diplograph(), "gazetteer", "check", "--help"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and "example:\n  diplograph gazetteer check --date" in result.stdout


def test_the_shipped_gazetteer_holds_no_office_twice_at_once():
    from extract.datafiles import DATA_DIR
    from extract.gazetteer import load
    found = overlaps(load(DATA_DIR))
    assert not found, "\n".join(map(str, found))

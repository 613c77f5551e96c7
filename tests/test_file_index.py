"""A rebuild trusts a file whose size, modification time and inode the folder's index recorded, and
whose articles are all in the store, without reading it; anything else is read and hashed as before."""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import time
from contextlib import closing
from pathlib import Path

import pytest

import exports.build
from exports.build import build
from exports.cli import main
from exports.file_index import INDEX_FILE, LEGACY_INDEX_FILE
from fault_helpers import write_tiny_corpus

HOUR_AGO = time.time() - 3600


@pytest.fixture
def corpus(tmp_path) -> list[str]:
    files = write_tiny_corpus(30, tmp_path / "articles", per_file=10)
    for file in files:
        os.utime(file, (HOUR_AGO, HOUR_AGO))      # not modified racily close to the index being written
    return files


@pytest.fixture
def hashed(monkeypatch) -> list[str]:
    """The files a build reads and hashes (the real hashing, recorded)."""
    read: list[str] = []
    real = exports.build.file_key

    def recording(path):
        read.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(exports.build, "file_key", recording)
    return read


def test_a_rebuild_reads_no_file_the_index_vouches_for(tmp_path, corpus, hashed):
    out = tmp_path / "out"
    assert build(corpus, out, progress=False).added == 30 and len(hashed) == 3
    hashed.clear()
    report = build(corpus, out, progress=False)
    assert (report.added, report.already_present, report.unchanged_files) == (0, 30, 3)
    assert hashed == []


def test_a_changed_file_is_read_again_and_gives_its_new_articles(tmp_path, corpus, hashed):
    out = tmp_path / "out"
    build(corpus, out, progress=False)
    hashed.clear()
    lines = Path(corpus[1]).read_text(encoding="utf-8").splitlines()
    edited = json.loads(lines[0])
    edited["text"] = edited["text"].replace("(", "[", 1).replace(")", "]", 1)    # same length, new text
    lines[0] = json.dumps(edited, ensure_ascii=False)
    Path(corpus[1]).write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = build(corpus, out, progress=False)
    assert hashed == [Path(corpus[1]).name] and report.added == 1


def test_a_file_modified_just_before_the_index_was_written_is_read_again(tmp_path, corpus, hashed):
    out = tmp_path / "out"
    now = time.time()
    os.utime(corpus[2], (now, now))       # could change again within its timestamp tick, unseen
    build(corpus, out, progress=False)
    hashed.clear()
    build(corpus, out, progress=False)
    assert hashed == [Path(corpus[2]).name]


def test_a_file_whose_articles_were_removed_is_read_again(tmp_path, corpus, hashed):
    out = tmp_path / "out"
    build(corpus, out, progress=False)
    assert main(["remove", str(out), f"{corpus[0]}:4", "-q"]) == 0
    hashed.clear()
    report = build(corpus, out, progress=False)
    assert hashed == [Path(corpus[0]).name] and report.added == 1     # built again, as the record says


def _damage(index: Path, how: str) -> None:
    if how == "not a database":
        index.write_bytes(b"{oops: not SQLite}")
    elif how == "another format":
        with closing(sqlite3.connect(index)) as connection:
            connection.execute("PRAGMA user_version = 99")
            connection.commit()
    elif how == "rows of the wrong shape":
        with closing(sqlite3.connect(index)) as connection:
            connection.execute("UPDATE files SET size = 'big', graphs = ''")
            connection.commit()
    elif how == "no table":
        with closing(sqlite3.connect(index)) as connection:
            connection.execute("DROP TABLE files")
            connection.commit()
    else:
        index.unlink()


@pytest.mark.parametrize("damage", ["not a database", "another format", "rows of the wrong shape", "no table",
                                    "deleted"])
def test_a_damaged_index_only_means_every_file_is_read(tmp_path, corpus, hashed, damage):
    out = tmp_path / "out"
    build(corpus, out, progress=False)
    _damage(out / INDEX_FILE, damage)
    hashed.clear()
    report = build(corpus, out, progress=False)
    assert report.ok and (report.added, report.unchanged_files) == (0, 3) and len(hashed) == 3
    hashed.clear()
    report = build(corpus, out, progress=False)       # the build wrote a sound index again
    assert report.ok and report.unchanged_files == 3 and hashed == []


def test_the_json_index_of_earlier_builds_is_replaced(tmp_path, corpus, hashed):
    out = tmp_path / "out"
    build(corpus, out, progress=False)
    (out / INDEX_FILE).unlink()
    (out / LEGACY_INDEX_FILE).write_text('{"format": 1, "written_ns": 0, "files": {}}', encoding="utf-8")
    hashed.clear()
    assert build(corpus, out, progress=False).ok and len(hashed) == 3
    assert not (out / LEGACY_INDEX_FILE).exists() and (out / INDEX_FILE).is_file()


def test_a_build_writes_only_the_rows_of_files_it_did_not_find_unchanged(tmp_path, corpus, hashed):
    out = tmp_path / "out"
    build(corpus, out, progress=False)

    def written() -> dict[str, int]:
        with closing(sqlite3.connect(out / INDEX_FILE)) as connection:
            return {os.fsdecode(path): written for path, written in connection.execute("SELECT path, written_ns FROM files")}

    before = written()
    Path(corpus[1]).write_text(Path(corpus[1]).read_text(encoding="utf-8") + "\n", encoding="utf-8")
    os.utime(corpus[1], (HOUR_AGO + 60, HOUR_AGO + 60))
    build(corpus, out, progress=False)
    after = written()
    changed = {Path(path).name for path in after if after[path] != before[path]}
    assert after.keys() == before.keys() and changed == {Path(corpus[1]).name}


def test_a_store_copied_without_its_articles_trusts_nothing(tmp_path, corpus, hashed):
    out, other = tmp_path / "out", tmp_path / "other"
    build(corpus, out, progress=False)
    build(corpus[:1], other, progress=False)
    shutil.copy(out / INDEX_FILE, other / INDEX_FILE)      # an index that names articles this store lacks
    hashed.clear()
    report = build(corpus, other, progress=False)
    assert report.added == 20 and sorted(hashed) == sorted(Path(f).name for f in corpus[1:])


def test_a_build_of_other_files_keeps_what_the_index_knows_of_the_first(tmp_path, corpus, hashed):
    # A daily build of the day's folder, then the whole folder again: the first files are still vouched for.
    out = tmp_path / "out"
    today = write_tiny_corpus(10, tmp_path / "today", per_file=10, seed=77)
    for file in today:
        os.utime(file, (HOUR_AGO, HOUR_AGO))
    assert build(corpus, out, progress=False).ok
    assert build(today, out, progress=False).ok
    hashed.clear()
    report = build([*corpus, *today], out, progress=False)
    assert hashed == [] and report.added == 0 and report.unchanged_files == len(corpus) + len(today)


def test_an_entry_racy_when_it_was_written_is_not_carried_into_a_later_index(tmp_path, corpus, hashed):
    out = tmp_path / "out"
    os.utime(corpus[0], None)                       # modified now: racy when this build writes the index
    assert build(corpus, out, progress=False).ok
    time.sleep(2.1)                                 # past the racy margin of the next index
    today = write_tiny_corpus(10, tmp_path / "today", per_file=10, seed=77)
    assert build(today, out, progress=False).ok
    hashed.clear()
    assert build(corpus, out, progress=False).added == 0
    assert hashed == [Path(corpus[0]).name]


def test_a_file_whose_name_is_not_utf8_is_vouched_for_too(tmp_path, corpus, hashed):
    odd = os.path.join(os.path.dirname(corpus[0]), os.fsdecode(b"caf\xe9-articles.jsonl"))   # Latin-1 bytes
    os.rename(corpus[0], odd)
    files = [odd, *corpus[1:]]
    out = tmp_path / "out"
    assert build(files, out, progress=False).ok
    hashed.clear()
    report = build(files, out, progress=False)
    assert hashed == [] and report.unchanged_files == 3


@pytest.mark.parametrize("rebuilt", [1, 2, 12], ids=["one file: looked up by path", "a few: by path",
                                                     "all: one pass over the index"])
def test_a_rebuild_of_part_of_the_folder_is_vouched_for_however_the_index_is_read(tmp_path, rebuilt, hashed):
    files = write_tiny_corpus(24, tmp_path / "articles", per_file=2)
    for file in files:
        os.utime(file, (HOUR_AGO, HOUR_AGO))
    out = tmp_path / "out"
    assert build(files, out, progress=False).added == 24
    hashed.clear()
    report = build(files[:rebuilt], out, progress=False)
    assert hashed == [] and (report.added, report.unchanged_files, report.already_present) == (0, rebuilt, 2 * rebuilt)

"""The files a folder's builds read, with their size, modification time and inode: a rebuild trusts a
file whose stat is unchanged, and whose articles are all still in the store, without reading it.

The store's record (graph/sources.py) knows what each file's *bytes* gave, so a rebuild still read and
hashed every file (2.8 s for the 67,001 files of a 100,000-article corpus) and looked each digest up
(2.2 s). Like git's index, `DIR/.sources-index.sqlite` keeps, for each file path a build read and could
record, its stat and what it gave. A file whose size, modification time and inode are those recorded
is taken to hold the same bytes — unless it was modified within RACY_NS of the moment its row was
written (it could have changed again within the same timestamp tick, unseen): that one is read again.

It is an SQLite table, not one JSON document, so that a build of k files looks up and writes k rows: the
JSON index of a 100,000-article folder (14 MB) took 0.8 s to read and as long to write again on every
build, whatever it added. Each row keeps the time it was written, so a row racy when it was written
stays untrusted however many builds of other files follow.

The index is only a hint: what it says a file gave is used only when every article graph it names is
in the store (a `remove` since, or a store copied from elsewhere, fails that and the file is read); a
missing, damaged or foreign index, or a row of the wrong shape, means those files are read and hashed,
as before.
"""
from __future__ import annotations

import os
import sqlite3
import stat
import time
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from graph.sources import FileOutcome

INDEX_FILE = ".sources-index.sqlite"
# The JSON index earlier builds wrote: deleted once this one is written (its temporaries too).
LEGACY_INDEX_FILE = ".sources-index.json"
FORMAT = 3               # PRAGMA user_version of the database
RACY_NS = 2_000_000_000
_PATHS_PER_QUERY = 500   # under SQLite's limit of bound parameters
# Paths as the file system's bytes: a file name that is not UTF-8 (a surrogate escape in Python) is one too.
_SCHEMA = """CREATE TABLE IF NOT EXISTS files (
  path BLOB PRIMARY KEY, size INTEGER, mtime_ns INTEGER, inode INTEGER,
  key TEXT, articles INTEGER, graphs TEXT, written_ns INTEGER) WITHOUT ROWID"""
# Rows of another shape (an index edited by hand, or by a bug) are not read: their files are read again.
_SELECT_WELL_FORMED = """SELECT path, size, mtime_ns, inode, key, articles, graphs, written_ns FROM files
  WHERE typeof(size) = 'integer' AND typeof(mtime_ns) = 'integer' AND typeof(inode) = 'integer'
  AND typeof(key) = 'text' AND typeof(articles) = 'integer' AND typeof(graphs) = 'text' AND graphs != ''
  AND typeof(written_ns) = 'integer'"""


@dataclass(frozen=True, slots=True)
class FileStat:
    size: int
    mtime_ns: int
    inode: int


def file_stat(path: str, status: os.stat_result | None = None) -> FileStat | None:
    """The stat of a regular file (`status` when it was taken already); None for anything else or what
    cannot be stat'ed."""
    if status is None:
        try:
            status = os.stat(path)
        except OSError:
            return None
    if not stat.S_ISREG(status.st_mode):
        return None
    return FileStat(status.st_size, status.st_mtime_ns, status.st_ino)


Entry = tuple[FileStat, FileOutcome]


@dataclass(slots=True)
class FileIndex:
    """The folder's index, read row by row as files are looked up."""
    path: Path
    # The rows looked up and trusted: a build that finds a file unchanged need not write its row again.
    trusted: dict[str, Entry] = field(default_factory=dict)
    # Each path asked about, made absolute once, against the working folder read once (os.path.abspath
    # asks the system for it every time).
    absolute: dict[str, str] = field(default_factory=dict)
    working_folder: str = field(default_factory=os.getcwd)

    @classmethod
    def load(cls, out_dir: Path) -> "FileIndex":
        return cls(Path(out_dir) / INDEX_FILE)

    def outcomes(self, stats: dict[str, FileStat | None]) -> dict[str, FileOutcome]:
        """What each file gave, for those whose stat is the one recorded and that were not modified
        racily close to their row being written; their graphs still have to be checked against the store."""
        wanted = {self._absolute(file): (file, seen) for file, seen in stats.items() if seen is not None}
        found: dict[str, FileOutcome] = {}
        for path, (size, mtime_ns, inode, key, articles, graphs, written_ns) in self._stored_rows(wanted):
            file, seen = wanted[path]
            if (size, mtime_ns, inode) != (seen.size, seen.mtime_ns, seen.inode) or mtime_ns >= written_ns - RACY_NS:
                continue
            outcome = FileOutcome(key, frozenset(graphs.split("\n")), articles)
            self.trusted[path] = (seen, outcome)
            found[file] = outcome
        return found

    def _absolute(self, file: str) -> str:
        if (path := self.absolute.get(file)) is None:
            path = self.absolute[file] = os.path.normpath(os.path.join(self.working_folder, file))
        return path

    def _stored_rows(self, wanted: dict[str, object]) -> Iterator[tuple[str, tuple]]:
        """The well-formed rows of the wanted paths (a row of the wrong shape is as good as none)."""
        if not wanted or not self.path.is_file():
            return
        try:
            with closing(_connect(self.path)) as connection:
                if connection.execute("PRAGMA user_version").fetchone()[0] != FORMAT:
                    return
                if len(wanted) * 4 >= connection.execute("SELECT count(*) FROM files").fetchone()[0]:
                    # Most of the index: one pass over it (0.1 s at 67,000 rows) beats 134 lookups by path (0.5 s).
                    for row in connection.execute(_SELECT_WELL_FORMED):
                        if (path := os.fsdecode(row[0])) in wanted:
                            yield path, row[1:]
                    return
                paths = list(wanted)
                for start in range(0, len(paths), _PATHS_PER_QUERY):
                    batch = [os.fsencode(path) for path in paths[start:start + _PATHS_PER_QUERY]]
                    rows = connection.execute(f"{_SELECT_WELL_FORMED} AND path IN ({','.join('?' * len(batch))})",
                                              batch).fetchall()
                    for row in rows:
                        yield os.fsdecode(row[0]), row[1:]
        except sqlite3.Error:
            return      # not a database, or damaged: every file is read

    def save(self, given: Iterable[str], indexed: dict[str, Entry]) -> None:
        """Record the files of a build: `indexed` (path → the stat taken before it was read, what it gave)
        replaces what the index said of every file the build was `given`; other files' rows stay."""
        written_ns = time.time_ns()
        indexed = {self._absolute(path): entry for path, entry in indexed.items()}
        dropped = sorted({self._absolute(path) for path in given} - indexed.keys())
        rows = _rows({path: entry for path, entry in indexed.items() if self.trusted.get(path) != entry}, written_ns)
        try:
            self._write(dropped, rows)
        except sqlite3.Error:
            # Damaged, or written by another version: start again with only this build's files.
            for stale in (self.path, self.path.with_name(self.path.name + "-journal")):
                stale.unlink(missing_ok=True)
            self._write(dropped, _rows(indexed, written_ns))
        (self.path.parent / LEGACY_INDEX_FILE).unlink(missing_ok=True)

    def _write(self, dropped: list[str], rows: list[tuple]) -> None:
        with closing(_connect(self.path)) as connection, _transaction(connection):
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version not in (0, FORMAT):
                raise sqlite3.DatabaseError(f"index format {version}")
            connection.execute(_SCHEMA)
            connection.execute(f"PRAGMA user_version = {FORMAT}")
            for start in range(0, len(dropped), _PATHS_PER_QUERY):
                batch = [os.fsencode(path) for path in dropped[start:start + _PATHS_PER_QUERY]]
                connection.execute(f"DELETE FROM files WHERE path IN ({','.join('?' * len(batch))})", batch)
            connection.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)


def _rows(entries: dict[str, Entry], written_ns: int) -> list[tuple]:
    return [(os.fsencode(path), seen.size, seen.mtime_ns, seen.inode, outcome.key, outcome.articles,
             "\n".join(sorted(outcome.graphs)), written_ns) for path, (seen, outcome) in sorted(entries.items())]


def _connect(path: Path) -> sqlite3.Connection:
    # Autocommit, transactions opened explicitly; the default rollback journal keeps the index one file.
    return sqlite3.connect(path, timeout=30, isolation_level=None)


@contextmanager
def _transaction(connection: sqlite3.Connection) -> Iterator[None]:
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")

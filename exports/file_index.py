"""The files a folder's builds read, with their size, modification time and inode: a rebuild trusts a
file whose stat is unchanged, and whose articles are all still in the store, without reading it.

The store's record (graph/sources.py) knows what each file's *bytes* gave, so a rebuild still read and
hashed every file (2.8 s for the 67,001 files of a 100,000-article corpus) and looked each digest up
(2.2 s). Like git's index, `DIR/.sources-index.json` keeps, for each file path a build read and could
record, its stat and what it gave. A file whose size, modification time and inode are those recorded
is taken to hold the same bytes — unless it was modified within RACY_NS of the moment the index was
written (it could have changed again within the same timestamp tick, unseen): that one is read again.

The index is only a hint: what it says a file gave is used only when every article graph it names is
in the store (a `remove` since, or a store copied from elsewhere, fails that and the file is read); a
missing, damaged or foreign index means every file is read and hashed, as before.
"""
from __future__ import annotations

import json
import os
import stat
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from extract.fileio import write_atomically
from graph.sources import FileOutcome

INDEX_FILE = ".sources-index.json"
FORMAT = 1
RACY_NS = 2_000_000_000


@dataclass(frozen=True, slots=True)
class FileStat:
    size: int
    mtime_ns: int
    inode: int


def file_stat(path: str) -> FileStat | None:
    """The stat of a regular file; None for anything else or what cannot be stat'ed."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(status.st_mode):
        return None
    return FileStat(status.st_size, status.st_mtime_ns, status.st_ino)


@dataclass(slots=True)
class FileIndex:
    written_ns: int = 0
    entries: dict[str, tuple[FileStat, FileOutcome]] | None = None

    @classmethod
    def load(cls, out_dir: Path) -> "FileIndex":
        """The folder's index; an empty one when there is none or it is not one this code wrote."""
        try:
            raw = json.loads((Path(out_dir) / INDEX_FILE).read_text(encoding="utf-8"))
            if raw.get("format") != FORMAT:
                return cls()
            entries = {}
            for path, (size, mtime_ns, inode, key, articles, graphs) in raw["files"].items():
                entries[str(path)] = (FileStat(int(size), int(mtime_ns), int(inode)),
                                      FileOutcome(str(key), frozenset(map(str, graphs)), int(articles)))
            return cls(int(raw["written_ns"]), entries)
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return cls()

    def outcome(self, path: str, seen: FileStat) -> FileOutcome | None:
        """What the file gave, if its stat is the one recorded and it was not modified racily close to the
        index being written; its graphs still have to be checked against the store."""
        entry = (self.entries or {}).get(os.path.abspath(path))
        if entry is None or entry[0] != seen or seen.mtime_ns >= self.written_ns - RACY_NS:
            return None
        return entry[1]


    def carried(self, leaving_out: Iterable[str]) -> dict[str, tuple[FileStat, FileOutcome]]:
        """The entries a new index keeps for files a build was not given (a build of today's folder keeps
        what the index knows of the others): not those of `leaving_out`, nor those that were racy when
        this index was written, which a later written time would wrongly vouch for."""
        gone = {os.path.abspath(path) for path in leaving_out}
        return {path: (seen, outcome) for path, (seen, outcome) in (self.entries or {}).items()
                if path not in gone and seen.mtime_ns < self.written_ns - RACY_NS}


def save_index(out_dir: Path, files: dict[str, tuple[FileStat, FileOutcome]]) -> None:
    """Write the index of these files (path → the stat taken before they were read, what they gave)."""
    written_ns = time.time_ns()
    absolute = {os.path.abspath(path): entry for path, entry in files.items()}
    data = {"format": FORMAT, "written_ns": written_ns, "files": {
        path: [seen.size, seen.mtime_ns, seen.inode, outcome.key, outcome.articles, sorted(outcome.graphs)]
        for path, (seen, outcome) in sorted(absolute.items())}}
    write_atomically(Path(out_dir) / INDEX_FILE, json.dumps(data, separators=(",", ":")).encode("utf-8"))

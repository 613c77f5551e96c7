"""Reading input files: discovery, decoding, and one raw document per article.

Nothing here raises for bad input: each problem becomes an `InputProblem`
naming the file (and line) so the caller can report it and go on. Only
regular files are opened, never more than the size limit is read, and a
.jsonl file is read one bounded line at a time.
"""
from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from charset_normalizer import from_bytes

from .limits import Limits, default_limits, describe_size

TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
# Share of printable characters a BOM-less UTF-16 reading needs to be taken for text.
_MIN_PRINTABLE_SHARE = 0.97
# Share of two-byte units with a NUL half that makes a BOM-less UTF-16 reading worth trying: the
# spaces and digits of Arabic text alone give more; a few stray NULs in 8-bit text give far less.
_MIN_UTF16_NUL_SHARE = 0.05
_PRINTABLE_SAMPLE = 65536
# C0 controls other than tab, newline, form feed and carriage return, and DEL: never article text.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CONTROL_CHARS = tuple(chr(c) for c in [*range(0, 9), 11, *range(14, 32), 127])
_CONTROL_BYTES = tuple(c.encode("ascii") for c in _CONTROL_CHARS)
# Something a reader could see: not a space, not a control, not an invisible format character.
_VISIBLE = re.compile("[^\\s\x00-\x1f\x7f-\x9f\u00ad\u115f\u1160\u180e\u200b-\u200f\u2028-\u202f"
                      "\u205f-\u206f\u3164\ufe00-\ufe0f\ufeff\ufff9-\ufffb]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# Characters escaped when a file name is shown: controls (a newline, an ANSI escape), invisible
# format characters (bidi overrides) and line separators.
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ud800-\udfff]")
FoundStats = dict[str, os.stat_result]   # each file discovery found → its stat then
_FILE_KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
               (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))


def shown_path(path: str) -> str:
    """A path as it may be printed: bytes that are not UTF-8 as \\xNN, controls and invisible
    characters escaped, so a name never moves the cursor or recolours the terminal."""
    readable = os.fsencode(path).decode("utf-8", "backslashreplace")
    return _UNSHOWABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), readable)


@dataclass(frozen=True, slots=True)
class InputProblem:
    """A file (or one line of it) that could not be read, and why."""

    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        shown = shown_path(self.path)
        where = f"{shown}:{self.line}" if self.line else shown
        return f"{where}: {self.reason}"


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One article's content as found, before any analysis."""

    source_file: str
    kind: str                      # "text" or "html"
    content: str
    line: int | None = None
    fields: dict[str, str] = field(default_factory=dict)  # url, published, source, title, id


def suffix_of(path: str) -> str:
    """The file name's extension, lower-cased, as `Path(path).suffix` gives it, without making a Path
    (a rebuild asks it of every file: 0.5 s of 100,000)."""
    return _suffix_of_name(os.path.basename(path.rstrip(os.sep + (os.altsep or ""))))


def _suffix_of_name(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if 0 < dot < len(name) - 1 else ""


def _kind(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _FILE_KINDS if test(mode)), "not a file")


def _regular(path: str, status: os.stat_result | None = None, stats: FoundStats | None = None) -> str | InputProblem:
    """`path` if it is (or links to) a regular file; a pipe, a device or a socket is never opened.
    `status`: its stat when already taken; `stats`, when given, keeps the stat of each regular file."""
    try:
        status = os.stat(path) if status is None else status
    except OSError as exc:
        return InputProblem(path, f"cannot read ({exc.strerror or exc})")
    kind = _kind(status.st_mode)
    if kind is not None:
        return InputProblem(path, f"not a regular file ({kind}); only files are read")
    if stats is not None:
        stats[path] = status
    return path


def _walk(top: str, stats: FoundStats | None) -> Iterator[str | InputProblem]:
    """Article files under one folder, in os.walk's top-down order, links to folders followed and each
    folder read once. Each file is stat'ed once, from its directory entry (a rebuild's stats are
    these: a second stat of every file cost 0.25 s of 67,000)."""
    entered: set[tuple[int, int]] = set()
    folders = [top]
    while folders:
        root = folders.pop()
        try:
            status = os.stat(root)
            with os.scandir(root) as listing:
                entries = list(listing)
        except OSError as exc:
            yield InputProblem(root, f"cannot list folder ({exc.strerror or exc}); its files are not read")
            continue
        if (status.st_dev, status.st_ino) in entered:
            yield InputProblem(root, "a link to a folder already read; not read twice")
            continue
        entered.add((status.st_dev, status.st_ino))
        files, subfolders = [], []
        for entry in entries:
            (subfolders if _is_folder(entry) else files).append(entry)
        for entry in sorted(files, key=_name):
            if _suffix_of_name(entry.name) in SUPPORTED and not entry.name.startswith("."):
                yield _entry_if_regular(entry, stats)
        below = [entry.path for entry in sorted(subfolders, key=_name) if not entry.name.startswith(".")]
        folders.extend(reversed(below))      # the stack pops the first subfolder next


def _name(entry: os.DirEntry) -> str:
    return entry.name


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()      # a link to a folder is one
    except OSError:
        return False


def _entry_if_regular(entry: os.DirEntry, stats: FoundStats | None) -> str | InputProblem:
    try:
        status = entry.stat()
    except OSError as exc:
        return InputProblem(entry.path, f"cannot read ({exc.strerror or exc})")
    return _regular(entry.path, status, stats)


def discover(paths: Iterable[str], stats: FoundStats | None = None) -> Iterator[str | InputProblem]:
    """Article files under the given paths, folders searched recursively, in a stable order.
    `stats`, when given, gets the stat of each file found, taken as it was found."""
    for given in paths:
        if os.path.isdir(given):
            yield from _walk(given, stats)
        elif not os.path.lexists(given):
            yield InputProblem(given, "no such file or folder")
        elif suffix_of(given) not in SUPPORTED:
            yield InputProblem(given, f"unsupported file type (expected one of {', '.join(sorted(SUPPORTED))})")
        else:
            yield _regular(given, stats=stats)


class DecodeError(ValueError):
    pass


def _printable_share(text: str) -> float:
    sample = text[:_PRINTABLE_SAMPLE]
    return sum(1 for c in sample if c.isprintable() or c in "\n\r\t") / max(len(sample), 1)


def _control_share(text: str) -> float:
    return sum(map(text.count, _CONTROL_CHARS)) / max(len(text), 1)


def _utf16_order(data: bytes) -> tuple[str, ...]:
    """The BOM-less UTF-16 byte orders worth trying: NULs mostly in the high byte of each unit."""
    units = max(len(data) // 2, 1)
    odd, even = data[1::2].count(0), data[0::2].count(0)
    orders = []
    if odd / units >= _MIN_UTF16_NUL_SHARE and odd > 4 * even:
        orders.append("utf-16-le")
    if even / units >= _MIN_UTF16_NUL_SHARE and even > 4 * odd:
        orders.append("utf-16-be")
    return tuple(orders)


def decode(data: bytes, limits: Limits | None = None) -> str:
    """Bytes → text: BOMs, UTF-8, UTF-16 without BOM, then detection (Windows-1256 and friends)."""
    limits = limits or default_limits()
    if not data.strip():
        raise DecodeError("empty file")
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return checked_text(data.decode(codec, errors="strict"), limits)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"not valid {codec.removesuffix('-sig').upper()} although it starts with "
                                  f"that encoding's byte-order mark ({exc.reason} at byte {exc.start})") from None
    for codec in _utf16_order(data):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _printable_share(text) >= _MIN_PRINTABLE_SHARE:
            return checked_text(text, limits)
    if sum(map(data.count, _CONTROL_BYTES)) / len(data) > limits.binary_control_share:
        raise DecodeError("binary file, not text")
    try:
        return checked_text(data.decode("utf-8"), limits)
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("cannot tell the text encoding (not UTF-8, UTF-16 or a known legacy encoding)")
    return checked_text(str(best), limits)


def checked_text(text: str, limits: Limits | None = None) -> str:
    """Decoded text made safe to analyse: binary refused, stray controls dropped, newlines unified."""
    limits = limits or default_limits()
    if _control_share(text) > limits.binary_control_share:
        raise DecodeError("binary file, not text")
    text = _CONTROLS.sub("", text) if _CONTROLS.search(text) else text
    if _LONE_SURROGATE.search(text):
        text = _LONE_SURROGATE.sub("\ufffd", text)   # half a UTF-16 pair (a JSON escape): not a character
    if not _VISIBLE.search(text):
        raise DecodeError("empty file" if not text.strip() else "empty file (only spaces or invisible characters)")
    return text.replace("\r\n", "\n").replace("\r", "\n")


class _Refused(Exception):
    """A file that is not read at all; the message says why."""


def _open_regular(path: str, limits: Limits) -> tuple[BinaryIO, int]:
    """The file opened for reading, checked on the open descriptor (no race with a swap): a
    regular file no larger than the limit. Opened non-blocking so that a pipe cannot hang us."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as exc:
        raise _Refused(f"cannot read ({exc.strerror or exc})") from None
    status = os.fstat(descriptor)
    kind = _kind(status.st_mode)
    if kind is not None:
        os.close(descriptor)
        raise _Refused(f"not a regular file ({kind}); only files are read")
    if status.st_size > limits.max_article_bytes and suffix_of(path) not in JSONL_SUFFIXES:
        os.close(descriptor)
        raise _Refused(_too_large(status.st_size, limits))
    return os.fdopen(descriptor, "rb"), status.st_size


def _too_large(size: int | None, limits: Limits) -> str:
    found = f" ({describe_size(size)})" if size is not None else ""
    return (f"larger than the size limit of {describe_size(limits.max_article_bytes)}{found}; "
            "raise it with --max-size")


def read_documents(path: str, limits: Limits | None = None) -> Iterator[RawDocument | InputProblem]:
    """The raw documents in one file: one for .txt/.html, one per line for .jsonl."""
    limits = limits or default_limits()
    try:
        handle, size = _open_regular(path, limits)
    except _Refused as exc:
        yield InputProblem(path, str(exc))
        return
    with handle:
        suffix = suffix_of(path)
        if suffix in JSONL_SUFFIXES:
            yield from _jsonl_documents(path, handle, limits)
            return
        try:
            data = _read_bounded(handle, size, limits.max_article_bytes)
        except OSError as exc:
            yield InputProblem(path, f"cannot read ({exc.strerror or exc})")
            return
    if len(data) > limits.max_article_bytes:    # grew since it was opened
        yield InputProblem(path, _too_large(None, limits))
        return
    try:
        text = decode(data, limits)
    except DecodeError as exc:
        yield InputProblem(path, str(exc))
        return
    yield RawDocument(path, "html" if suffix in HTML_SUFFIXES else "text", text)


def _read_bounded(handle: BinaryIO, size: int, limit: int) -> bytes:
    """At most limit + 1 bytes (one more tells a file that grew past the limit), without asking
    for a buffer of the limit's size for every small file."""
    data = handle.read(min(size, limit) + 1)
    if size < len(data) <= limit:           # it grew since it was opened
        data += handle.read(limit + 1 - len(data))
    return data


_JSONL_FIELDS = ("id", "url", "published", "source", "title")


def _jsonl_lines(handle: BinaryIO, limits: Limits) -> Iterator[tuple[int, str | InputProblem]]:
    """(line number, decoded line) for each line of a .jsonl file, never holding more than one
    line of at most the size limit; a longer line is skipped to its end and reported."""
    head = handle.peek(4)[:4] if hasattr(handle, "peek") else b""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_order(head):
        # UTF-16 cannot be split at newline bytes: decode the file whole, within the limit.
        data = _read_bounded(handle, os.fstat(handle.fileno()).st_size, limits.max_article_bytes)
        if len(data) > limits.max_article_bytes:
            yield 1, InputProblem("", _too_large(None, limits) + " (a UTF-16 .jsonl file is read whole)")
            return
        try:
            text = decode(data, limits)
        except DecodeError as exc:
            yield 1, InputProblem("", str(exc))
            return
        yield from enumerate(text.split("\n"), start=1)
        return
    number = 0
    while raw := handle.readline(limits.max_article_bytes + 1):
        number += 1
        if len(raw) > limits.max_article_bytes and not raw.endswith(b"\n"):
            while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield number, InputProblem("", "line " + _too_large(None, limits))
            continue
        if number == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        if not raw.strip():
            continue
        try:
            yield number, raw.decode("utf-8")
        except UnicodeDecodeError:
            try:
                yield number, decode(raw, limits)
            except DecodeError as exc:
                yield number, InputProblem("", f"not UTF-8 text ({exc})")


def _jsonl_documents(path: str, handle: BinaryIO, limits: Limits) -> Iterator[RawDocument | InputProblem]:
    lines = 0
    try:
        for number, line in _jsonl_lines(handle, limits):
            if isinstance(line, InputProblem):
                lines += 1
                yield InputProblem(path, line.reason, number)
            elif line.strip():
                lines += 1
                yield _jsonl_document(path, number, line, limits)
    except OSError as exc:
        yield InputProblem(path, f"cannot read ({exc.strerror or exc})")
        return
    if not lines:
        yield InputProblem(path, "empty file")


def _field_text(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)) or value == "":
        return None
    text = str(value)
    return _LONE_SURROGATE.sub("\ufffd", text) if _LONE_SURROGATE.search(text) else text


def _jsonl_document(path: str, number: int, line: str, limits: Limits) -> RawDocument | InputProblem:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputProblem(path, f"malformed JSON ({exc.msg})", number)
    except RecursionError:
        return InputProblem(path, "JSON nested too deeply to be an article", number)
    if not isinstance(record, dict):
        return InputProblem(path, "a line must be a JSON object", number)
    fields = {k: text for k in _JSONL_FIELDS if (text := _field_text(record.get(k))) is not None}
    for key, kind in (("text", "text"), ("html", "html")):
        content = record.get(key)
        if isinstance(content, str) and content.strip():
            try:
                return RawDocument(path, kind, checked_text(content, limits), number, fields)
            except DecodeError as exc:
                return InputProblem(path, f"the {key!r} field is not article text ({exc})", number)
    return InputProblem(path, "no article text (needs a non-empty 'text' or 'html' field)", number)

"""Reading input files: discovery, decoding, and one raw document per article.

Nothing here raises for bad input: each problem becomes an `InputProblem`
naming the file (and line) so the caller can report it and go on.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from charset_normalizer import from_bytes

TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
# Share of control characters above which decoded bytes are taken for binary.
_MAX_CONTROL_SHARE = 0.01
# Share of printable characters a BOM-less UTF-16 reading needs to be taken for text.
_MIN_PRINTABLE_SHARE = 0.97


@dataclass(frozen=True, slots=True)
class InputProblem:
    """A file (or one line of it) that could not be read, and why."""

    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One article's content as found, before any analysis."""

    source_file: str
    kind: str                      # "text" or "html"
    content: str
    line: int | None = None
    fields: dict[str, str] = field(default_factory=dict)  # url, published, source, title, id


def discover(paths: Iterable[str]) -> Iterator[str | InputProblem]:
    """Article files under the given paths, folders searched recursively, in a stable order."""
    for given in paths:
        if os.path.isdir(given):
            for root, dirs, files in os.walk(given):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if Path(name).suffix.lower() in SUPPORTED and not name.startswith("."):
                        yield os.path.join(root, name)
        elif not os.path.exists(given):
            yield InputProblem(given, "no such file or folder")
        elif Path(given).suffix.lower() not in SUPPORTED:
            yield InputProblem(given, f"unsupported file type (expected one of {', '.join(sorted(SUPPORTED))})")
        else:
            yield given


class DecodeError(ValueError):
    pass


def _printable_share(text: str) -> float:
    return sum(1 for c in text if c.isprintable() or c in "\n\r\t") / max(len(text), 1)


def _control_share(text: str) -> float:
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
    return controls / max(len(text), 1)


def decode(data: bytes) -> str:
    """Bytes → text: BOMs, UTF-8, UTF-16 without BOM, then detection (Windows-1256 and friends)."""
    if not data.strip():
        raise DecodeError("empty file")
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return _checked(data.decode(codec, errors="strict"))
    if b"\x00" in data:
        # UTF-16 without a BOM, or binary: keep whichever byte order reads as text.
        for codec in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if _printable_share(text) >= _MIN_PRINTABLE_SHARE:
                return _checked(text)
        raise DecodeError("binary file, not text")
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("cannot tell the text encoding (not UTF-8, UTF-16 or a known legacy encoding)")
    return _checked(str(best))


def _checked(text: str) -> str:
    if not text.strip():
        raise DecodeError("empty file")
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise DecodeError("binary file, not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_documents(path: str) -> Iterator[RawDocument | InputProblem]:
    """The raw documents in one file: one for .txt/.html, one per line for .jsonl."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        yield InputProblem(path, f"cannot read ({exc.strerror or exc})")
        return
    try:
        text = decode(data)
    except DecodeError as exc:
        yield InputProblem(path, str(exc))
        return
    suffix = Path(path).suffix.lower()
    if suffix in HTML_SUFFIXES:
        yield RawDocument(path, "html", text)
    elif suffix in JSONL_SUFFIXES:
        yield from _jsonl_documents(path, text)
    else:
        yield RawDocument(path, "text", text)


_JSONL_FIELDS = ("id", "url", "published", "source", "title")


def _jsonl_documents(path: str, text: str) -> Iterator[RawDocument | InputProblem]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputProblem(path, f"malformed JSON ({exc.msg})", number)
            continue
        if not isinstance(record, dict):
            yield InputProblem(path, "a line must be a JSON object", number)
            continue
        fields = {k: str(record[k]) for k in _JSONL_FIELDS if record.get(k) not in (None, "")}
        if isinstance(record.get("text"), str) and record["text"].strip():
            yield RawDocument(path, "text", record["text"].replace("\r\n", "\n"), number, fields)
        elif isinstance(record.get("html"), str) and record["html"].strip():
            yield RawDocument(path, "html", record["html"], number, fields)
        else:
            yield InputProblem(path, "no article text (needs a non-empty 'text' or 'html' field)", number)

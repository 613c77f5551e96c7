"""Loading the data files under extract/data, with errors that name file and line."""
from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent / "data"
LANGUAGES = ("en", "ar", "fa", "ru")


class DataFileError(ValueError):
    """A data file is malformed; the message names the file and line."""

    def __init__(self, path: Path, line: int | None, problem: str) -> None:
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {problem}")
        self.path, self.line, self.problem = path, line, problem


def read_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (line number, object) for each record; blank and '#' lines are skipped."""
    with path.open(encoding="utf-8") as handle:
        for number, raw in enumerate(handle, start=1):
            stripped = raw.strip()
            if not stripped or stripped.startswith("#"):
                continue
            try:
                record = json.loads(stripped)
            except json.JSONDecodeError as exc:
                raise DataFileError(path, number, f"not valid JSON ({exc.msg})") from None
            if not isinstance(record, dict):
                raise DataFileError(path, number, "each line must be a JSON object")
            yield number, record


def read_json(path: Path) -> dict[str, Any]:
    try:
        with path.open(encoding="utf-8") as handle:
            document = json.load(handle)
    except json.JSONDecodeError as exc:
        raise DataFileError(path, exc.lineno, f"not valid JSON ({exc.msg})") from None
    if not isinstance(document, dict):
        raise DataFileError(path, 1, "the file must hold a JSON object")
    return document


def require(record: dict[str, Any], key: str, kind: type | tuple[type, ...], path: Path, line: int) -> Any:
    """Return record[key], checking it is present and of the expected type."""
    if key not in record:
        raise DataFileError(path, line, f"missing field {key!r}")
    value = record[key]
    if not isinstance(value, kind):
        raise DataFileError(path, line, f"field {key!r} has the wrong type ({type(value).__name__})")
    return value


def string_lists_by_language(
    value: Any, field: str, path: Path, line: int, *, required: bool = True
) -> dict[str, list[str]]:
    """Validate {"en": [...], "ar": [...], ...}: known languages, lists of non-empty strings."""
    if not isinstance(value, dict):
        raise DataFileError(path, line, f"field {field!r} must map languages to lists of strings")
    result: dict[str, list[str]] = {}
    for language, items in value.items():
        if language not in LANGUAGES:
            raise DataFileError(path, line, f"field {field!r} has unknown language {language!r}")
        if isinstance(items, str):
            items = [items]
        if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
            raise DataFileError(path, line, f"field {field!r}[{language!r}] must be a list of non-empty strings")
        result[language] = [i.strip() for i in items]
    if required and not result:
        raise DataFileError(path, line, f"field {field!r} is empty")
    return result


@cache
def cue_words() -> dict[str, Any]:
    """Per-language cue words for segmentation and metadata (data/cues.json)."""
    path = DATA_DIR / "cues.json"
    document = read_json(path)
    for key, value in document.items():
        if key.startswith("_"):
            continue
        string_lists_by_language(value, key, path, 1)
    return document

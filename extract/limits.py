"""Bounds on what one input may cost (data/limits.json), validated when loaded."""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import cache

from .datafiles import DATA_DIR, DataFileError, read_json

LIMITS_FILE = DATA_DIR / "limits.json"


@dataclass(frozen=True, slots=True)
class Limits:
    max_article_bytes: int        # one .txt/.html file, or one line of a .jsonl file
    max_seconds_per_article: float   # 0: no time limit
    window_chars: int             # a longer article is extracted in windows of this many characters
    binary_control_share: float   # above this share of control characters a file is binary
    min_name_letters: int         # a gazetteer import's names: fewer letters would match anything
    max_import_field_chars: int

    def with_max_size(self, max_bytes: int | None) -> Limits:
        return self if max_bytes is None else replace(self, max_article_bytes=max_bytes)


def _number(document: dict, key: str, *, minimum: float, maximum: float | None = None) -> float:
    value = document.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise DataFileError(LIMITS_FILE, None, f"{key!r} must be a number")
    if value < minimum or (maximum is not None and value > maximum):
        bounds = f"between {minimum} and {maximum}" if maximum is not None else f"at least {minimum}"
        raise DataFileError(LIMITS_FILE, None, f"{key!r} must be {bounds} (is {value})")
    return value


@cache
def default_limits() -> Limits:
    document = read_json(LIMITS_FILE)
    return Limits(
        max_article_bytes=int(_number(document, "max_article_bytes", minimum=1)),
        max_seconds_per_article=float(_number(document, "max_seconds_per_article", minimum=0)),
        window_chars=int(_number(document, "window_chars", minimum=1000)),
        binary_control_share=float(_number(document, "binary_control_share", minimum=0, maximum=1)),
        min_name_letters=int(_number(document, "min_name_letters", minimum=1)),
        max_import_field_chars=int(_number(document, "max_import_field_chars", minimum=1)),
    )


def parse_size(value: str) -> int:
    """'64M', '500k', '2G' or a plain number of bytes → bytes; ValueError for anything else."""
    text = value.strip().upper().removesuffix("B").removesuffix("I")
    factor = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}.get(text[-1:], 1)
    number = float(text[:-1] if factor > 1 else text)
    if not (math.isfinite(number) and number >= 1 / factor):
        raise ValueError(f"{value!r} is not a positive size")
    return int(number * factor)


def describe_size(size: int) -> str:
    for unit, factor in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= factor:
            return f"{size / factor:.3g} {unit}"
    return f"{size} bytes"

"""Colours of the view: one per country, the same in every graph, and one per community.

A country's colour is read from templates/country_colours.json (the countries
most present in diplomatic news, each its own colour); any other country gets
a muted colour derived from its code, so it too is the same in every graph.
"""
from __future__ import annotations

import hashlib
import json
import re
from functools import cache
from pathlib import Path

COLOURS_FILE = Path(__file__).parent / "templates" / "country_colours.json"
UNKNOWN_COLOUR = "#9e9e9e"
_HEX = re.compile(r"^#[0-9a-f]{6}$")


class ColourTableError(ValueError):
    """templates/country_colours.json is not a table of distinct colours."""


def load_colour_table(path: Path) -> dict[str, str]:
    """Country code → colour from `path`, validated: six-digit hex colours, no colour twice."""
    try:
        table = json.loads(path.read_text(encoding="utf-8"))["colours"]
        items = list(table.items())
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ColourTableError(f"{path}: cannot read the colours: {exc}") from None
    seen: dict[str, str] = {}
    for code, colour in items:
        if not isinstance(colour, str) or not _HEX.match(colour):
            raise ColourTableError(f"{path}: {code}: {colour!r} is not a colour like #4e79a7")
        if colour in seen:
            raise ColourTableError(f"{path}: {code} and {seen[colour]} share {colour}")
        seen[colour] = code
    return dict(items)


@cache
def country_table() -> dict[str, str]:
    return load_colour_table(COLOURS_FILE)


def _hsl_to_hex(hue: float, saturation: float, lightness: float) -> str:
    chroma = (1 - abs(2 * lightness - 1)) * saturation
    x = chroma * (1 - abs((hue / 60) % 2 - 1))
    m = lightness - chroma / 2
    r, g, b = [(chroma, x, 0), (x, chroma, 0), (0, chroma, x), (0, x, chroma), (x, 0, chroma), (chroma, 0, x)][int(hue // 60) % 6]
    return "#" + "".join(f"{round((c + m) * 255):02x}" for c in (r, g, b))


def country_colour(code: str | None) -> str:
    """The colour of a country's people, from its code alone."""
    if not code:
        return UNKNOWN_COLOUR
    table = country_table()
    if code in table:
        return table[code]
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    hue = digest[0] * 360 / 256
    return _hsl_to_hex(hue, 0.35, 0.45 if digest[1] % 2 else 0.62)


def community_colours(count: int) -> list[str]:
    """A colour per community, largest first: the table's colours in order, then derived ones."""
    palette = list(dict.fromkeys(country_table().values()))
    return [palette[k] if k < len(palette) else _hsl_to_hex((k * 137.508) % 360, 0.5, 0.55) for k in range(count)]

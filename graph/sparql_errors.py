"""SPARQL syntax errors in the user's terms, with the position kept.

Oxigraph reports a syntax error as `error at LINE:COLUMN: expected one of …`,
a list of grammar tokens that tells a user little. This module keeps the
position, shows the line with a caret under the column, and says what is
wrong as a user would put it: an update sent to a read-only command, an
undeclared prefix, a string left open, a query that stops too early.
"""
from __future__ import annotations

import re

from .assemble import PREFIXES

_POSITION = re.compile(r"error at (\d+):(\d+):\s*(.*)", re.S)
_UPDATE = re.compile(r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)", re.I)
_QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
_TOKEN = re.compile(r"[^\s{}()]+|[{}()]")
_PROLOGUE = re.compile(r"\s*(?:#[^\n]*\n|(?:PREFIX\s+[\w-]*:\s*<[^>]*>|BASE\s*<[^>]*>))", re.I)
_BUILT_IN_PREFIXES = ", ".join(f"{name}:" for name in sorted(PREFIXES))
# Oxigraph puts its semantic checks among the expected tokens; what they mean to a user.
_CHECKS = {
    "Prefix not found": "a prefix that is not declared (declare it with PREFIX name: <IRI>; "
                        f"these need no declaration: {_BUILT_IN_PREFIXES})",
    "The SELECT contains a variable that is unbound": "SELECT names a variable that is neither in GROUP BY "
                                                      "nor computed with AS (for instance (COUNT(?x) AS ?n))",
}


def update_refusal(text: str) -> str | None:
    """The message refusing `text` if it is a SPARQL update (INSERT, DELETE, …), else None."""
    verb = _UPDATE.fullmatch(_first_word(text))
    if verb is None:
        return None
    return (f"{verb.group(1).upper()} is a SPARQL update, and `diplograph query` only reads "
            "(SELECT, ASK, CONSTRUCT, DESCRIBE); to change the graph, run `diplograph serve DIR --writable` "
            "and send the update to its /update endpoint")


def explain(text: str, oxigraph_message: str) -> str:
    """A syntax error of `text` as one message: what is wrong, where, and the line with a caret."""
    refusal = update_refusal(text)
    if refusal is not None:
        return refusal
    match = _POSITION.search(oxigraph_message)
    if match is None:
        return f"the query is not valid SPARQL: {oxigraph_message}"
    line_number, column, expected = int(match.group(1)), int(match.group(2)), match.group(3)
    lines = text.splitlines() or [""]
    line = lines[line_number - 1] if 0 < line_number <= len(lines) else ""
    # Oxigraph's column is where its parser gave up, often just past the token at fault.
    near = [token for token in _TOKEN.finditer(line[:max(column - 1, 0) + 1])]
    start = near[-1].start() if near else 0
    what = _what_is_wrong(text, expected, near[-1].group() if near else "")
    return (f"the query is not valid SPARQL at line {line_number}, column {column}: {what}\n"
            f"  {line}\n  {' ' * start}^")


def _what_is_wrong(text: str, expected: str, near: str) -> str:
    for check, meaning in _CHECKS.items():
        if check in expected:
            return meaning
    first = _first_word(text)
    if first.upper() not in _QUERY_FORMS:
        return f"a query starts with SELECT, ASK, CONSTRUCT or DESCRIBE, not {first!r}"
    if expected.startswith('expected one of "\\""'):
        return "a string is not closed (a \" is missing)"
    if text.count("{") > text.count("}"):
        return "a { is not closed"
    return f"unexpected {near!r}" if near else "unexpected text"


def _first_word(text: str) -> str:
    position = 0
    while match := _PROLOGUE.match(text, position):
        position = match.end()
    word = _TOKEN.search(text, position)
    return word.group() if word else ""

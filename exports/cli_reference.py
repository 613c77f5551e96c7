"""docs/cli.md, the command-line reference, written from the argparse parsers themselves.

    python -m exports.cli_reference            # rewrite docs/cli.md
    python -m exports.cli_reference --check    # exit 1 if docs/cli.md is not current

Generated, never edited by hand: tests/test_cli_reference.py fails when the
parsers and the page drift apart.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

from .cli import parser

REFERENCE = Path(__file__).resolve().parents[1] / "docs" / "cli.md"
_HEADER = ("# diplograph command-line reference\n\n"
           "Generated from the parsers by `python -m exports.cli_reference`; do not edit by hand.\n"
           "Every command also prints this with `--help`.\n")


def _commands(command: argparse.ArgumentParser, name: str) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    yield name, command
    for action in command._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub_name, sub in action.choices.items():
                yield from _commands(sub, f"{name} {sub_name}")


def _usage(command: argparse.ArgumentParser) -> str:
    """One line, written here rather than by argparse, whose wrapping changes between Python versions."""
    words = [command.prog]
    for action in command._actions:
        if isinstance(action, argparse._HelpAction) or action.help == argparse.SUPPRESS:
            continue
        if not action.option_strings:
            name = str(action.metavar or action.dest)
            words.append({"+": f"{name}...", "*": f"[{name}...]", "?": f"[{name}]"}.get(action.nargs, name)
                         + (" ..." if isinstance(action, argparse._SubParsersAction) else ""))
            continue
        option = action.option_strings[-1]
        if action.nargs != 0:
            option += " " + _metavar(action)
        words.append(option if action.required else f"[{option}]")
    return " ".join(words)


def _metavar(action: argparse.Action) -> str:
    if action.metavar:
        return str(action.metavar)
    return action.dest.upper() if action.choices is None else "{" + ",".join(map(str, action.choices)) + "}"


def _argument(action: argparse.Action) -> str | None:
    if isinstance(action, (argparse._HelpAction, argparse._SubParsersAction)) or action.help == argparse.SUPPRESS:
        return None
    if action.option_strings:
        takes_value = action.nargs != 0
        name = ", ".join(f"{o} {_metavar(action)}" if takes_value else o for o in action.option_strings)
    else:
        name = str(action.metavar or action.dest)
    text = (action.help or "") % {"default": action.default, "prog": "diplograph"}
    return f"- `{name}`: {text}" if text else f"- `{name}`"


def _section(name: str, command: argparse.ArgumentParser) -> str:
    level = "#" * min(name.count(" ") + 1, 3)
    lines = [f"#{level} `{name}`", ""]
    if command.description:
        lines += [command.description, ""]
    lines += ["```", _usage(command), "```", ""]
    arguments = [line for action in command._actions if (line := _argument(action))]
    if arguments:
        lines += arguments + [""]
    if command.epilog:
        lines += ["```", command.epilog.strip(), "```", ""]
    return "\n".join(lines)


def render() -> str:
    return _HEADER + "\n" + "\n".join(_section(name, command) for name, command in _commands(parser(), "diplograph"))


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    text = render()
    if "--check" in args:
        current = REFERENCE.read_text(encoding="utf-8") if REFERENCE.exists() else ""
        if current != text:
            print(f"{REFERENCE} is not current: run `python -m exports.cli_reference`", file=sys.stderr)
            return 1
        return 0
    REFERENCE.write_text(text, encoding="utf-8")
    print(f"wrote: {REFERENCE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

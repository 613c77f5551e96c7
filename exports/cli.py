"""The `diplograph` command line: a thin shell over the library.

Every command has a one-line summary and an example in its --help. User
mistakes end in one clear message and a non-zero status, never a traceback.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from extract import gazetteer
from extract.datafiles import DataFileError
from extract.gazetteer_import import GazetteerImportError, import_people
from graph.store import GraphStore, StoreError

from .build import VIEW_FILE, build
from .html_view import VIEW_LANGUAGES, write_view

EXIT_OK, EXIT_INPUT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class CommandError(Exception):
    """A problem the user can fix; the message says what and how."""


def _out_dir(value: str) -> Path:
    path = Path(value)
    if path.exists() and not path.is_dir():
        raise argparse.ArgumentTypeError(f"{value} exists and is not a folder")
    return path


def _add_view_language(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=VIEW_LANGUAGES, default="en",
                        help="language of the labels in the HTML view (default: en)")


def _command_build(args: argparse.Namespace) -> int:
    report = build(args.paths, args.out, progress=not args.quiet, view_language=args.lang)
    for problem in report.problems:
        print(f"diplograph: skipped {problem}", file=sys.stderr)
    if not args.quiet:
        print(f"articles: {report.added} added, {report.already_present} already present, "
              f"{len(report.problems)} skipped (from {report.files} files)")
        print(f"triples: {report.triples}")
        for path in report.outputs:
            print(f"wrote: {path}")
    return EXIT_OK if report.ok else EXIT_INPUT_PROBLEMS


def _command_view(args: argparse.Namespace) -> int:
    target = args.out or args.dir / VIEW_FILE
    with GraphStore(args.dir, read_only=True) as store:
        write_view(store.union_graph(), target, args.lang)
    if not args.quiet:
        print(f"wrote: {target}")
    return EXIT_OK


def _command_gazetteer_import(args: argparse.Namespace) -> int:
    into = args.into or gazetteer.user_dir()
    try:
        report = import_people(args.file, into, gazetteer.load(gazetteer.DATA_DIR, into).people, args.role)
    except GazetteerImportError as exc:
        raise CommandError(f"{args.file}: {exc}") from None
    print(f"rows: {report.rows}; people added: {report.added}, updated: {report.updated}")
    print(f"wrote: {report.path}")
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="diplograph",
        description="Build a knowledge graph of diplomatic contacts from news articles "
                    "in Arabic, Persian, English and Russian.",
        epilog="Run `diplograph COMMAND --help` for a command's options and an example.",
    )
    commands = main.add_subparsers(dest="command", metavar="COMMAND", required=True)

    build_cmd = commands.add_parser(
        "build", help="read articles and add them to the graph in DIR",
        description="Read articles (.txt, .html/.htm, .jsonl, or folders of them) and add what they "
                    "say to the graph in DIR; writes DIR/graph.ttl and DIR/graph.html. Articles "
                    "already in DIR are not added twice.",
        epilog="example:\n  diplograph build examples/articles --out out",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    build_cmd.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders (searched recursively)")
    build_cmd.add_argument("--out", required=True, type=_out_dir, metavar="DIR", help="output folder (created if missing)")
    _add_view_language(build_cmd)
    build_cmd.add_argument("-q", "--quiet", action="store_true", help="print only problems, no progress or summary")
    build_cmd.set_defaults(handler=_command_build)

    view_cmd = commands.add_parser(
        "view", help="write the HTML network view of the graph in DIR again",
        description="Write the interactive HTML network view of the graph in DIR (self-contained: it opens with no network).",
        epilog="example:\n  diplograph view out --lang fa --out out/graph-fa.html",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    view_cmd.add_argument("dir", type=Path, metavar="DIR", help="a folder written by `diplograph build`")
    view_cmd.add_argument("--out", type=Path, metavar="FILE", help="where to write the view (default: DIR/graph.html)")
    _add_view_language(view_cmd)
    view_cmd.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    view_cmd.set_defaults(handler=_command_view)

    gazetteer_cmd = commands.add_parser(
        "gazetteer", help="keep the who-is-who data current",
        description="Manage the gazetteer of people and their dated offices.",
        epilog="example:\n  diplograph gazetteer import foreign-ministers.json",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    gazetteer_actions = gazetteer_cmd.add_subparsers(dest="action", metavar="ACTION", required=True)
    import_cmd = gazetteer_actions.add_parser(
        "import", help="merge a Wikidata SPARQL JSON result or a CSV of office holders",
        description="Merge office holders from a Wikidata SPARQL JSON result (see the README for the query) "
                    "or a CSV (columns id, wikidata, role, country, start, end, name_en, name_ar, name_fa, name_ru) "
                    "into your gazetteer; later builds use them.",
        epilog="example:\n  diplograph gazetteer import foreign-ministers.json --role foreign_minister",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    import_cmd.add_argument("file", type=Path, metavar="FILE", help="a .json SPARQL result or a .csv file")
    import_cmd.add_argument("--role", default="foreign_minister", choices=sorted(gazetteer.ROLES),
                            help="the office the rows of a Wikidata result hold (default: foreign_minister)")
    import_cmd.add_argument("--into", type=Path, metavar="DIR",
                            help="gazetteer folder to write (default: $DIPLOGRAPH_GAZETTEER or ~/.local/share/diplograph/gazetteer)")
    import_cmd.set_defaults(handler=_command_gazetteer_import)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.handler(args)
    except (CommandError, StoreError, DataFileError) as exc:
        print(f"diplograph: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("diplograph: interrupted; files in the output folder are unchanged or complete", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

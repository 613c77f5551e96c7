"""The `diplograph` command line: a thin shell over the library.

Every command has a one-line summary and an example in its --help. User
mistakes end in one clear message and a non-zero status, never a traceback.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date
from importlib import metadata
from pathlib import Path

from extract import gazetteer
from extract.datafiles import DataFileError
from extract.gazetteer_import import GazetteerImportError, import_people
from extract.limits import default_limits, describe_size, parse_size
from graph import sparql
from graph.store import DERIVED_GRAPHS, STORE_DIR, GraphStore, StoreError

from .article_refs import StoredArticle, matching, stored_articles
from .build import TURTLE_FILE, VIEW_FILE, BuildReport, build, write_outputs
from .csv_events import spreadsheet_safe, write_events_csv
from .executors import EXECUTORS, ExecutorError
from .network import write_network
from .push import PushError, push
from .serve import ServeError, serve
from .view_language import VIEW_LANGUAGES, remember_language, remembered_language
from .view_model import VIEW_LIMIT, Shown, Window

EXIT_OK, EXIT_INPUT_PROBLEMS, EXIT_USAGE = 0, 1, 2
EXIT_BROKEN_PIPE = 141   # as a shell reports a command stopped by SIGPIPE (`diplograph query … | head -1`)


class CommandError(Exception):
    """A problem the user can fix; the message says what and how."""


def counted(number: int, singular: str, plural: str | None = None) -> str:
    """«1 article», «2 articles»."""
    return f"{number} {singular if number == 1 else plural or singular + 's'}"


def _out_dir(value: str) -> Path:
    path = Path(value)
    if path.exists() and not path.is_dir():
        raise argparse.ArgumentTypeError(f"{value} exists and is not a folder")
    return path


def _refuse_foreign_folder(directory: Path) -> None:
    """Commands that write keep to folders diplograph made: never a user's folder of other files."""
    if (directory / STORE_DIR).is_dir() or not directory.is_dir() or not any(directory.iterdir()):
        return
    raise CommandError(f"{directory} holds files but no diplograph store: build into a new or empty folder, "
                       "or one written by `diplograph build`")


def _step(quiet: bool):
    """What a long command does next, on standard error (nothing with --quiet)."""
    def tell(what: str) -> None:
        if not quiet:
            print(f"diplograph: {what}…", file=sys.stderr, flush=True)
    return tell


def _whole_number(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None


def _positive(value: str) -> int:
    number = _whole_number(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def _size(value: str) -> int:
    try:
        return parse_size(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a size like 64M, 500k or 2G") from None


def _port(value: str) -> int:
    number = _whole_number(value)
    if not 1 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"{number} is not a port (1 to 65535)")
    return number


def _http_url(value: str) -> str:
    scheme, _, rest = value.partition("://")
    if scheme.lower() not in ("http", "https") or not rest.strip("/"):
        raise argparse.ArgumentTypeError(f"{value!r} is not an http:// or https:// URL "
                                         "(for Oxigraph: http://HOST:7878/store)")
    return value


def _add_view_language(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=VIEW_LANGUAGES, default=None,
                        help="language of the labels in the HTML view (default: the last one given for DIR, else en)")


def _command_build(args: argparse.Namespace) -> int:
    if args.scheduler and args.executor != "dask":
        raise CommandError("--scheduler names a Dask scheduler: add --executor dask")
    _refuse_foreign_folder(args.out)
    new_folder, new_store = not args.out.exists(), not (args.out / STORE_DIR).exists()
    started = time.monotonic()
    try:
        report = build(args.paths, args.out, progress=not args.quiet,
                       view_language=args.lang or remembered_language(args.out),
                       jobs=args.jobs, executor=args.executor, scheduler=args.scheduler,
                       limits=default_limits().with_max_size(args.max_size), steps=_step(args.quiet))
    except (ExecutorError, StoreError, KeyboardInterrupt) as exc:
        if new_store:    # a build that never started leaves no empty store behind
            shutil.rmtree(args.out / STORE_DIR, ignore_errors=True)
            if new_folder and args.out.is_dir() and not any(args.out.iterdir()):
                args.out.rmdir()
        if isinstance(exc, KeyboardInterrupt):
            raise
        raise CommandError(str(exc)) from None
    elapsed = time.monotonic() - started
    if args.lang and (args.out / STORE_DIR).is_dir():
        remember_language(args.out, args.lang)
    for problem in report.problems:
        print(f"diplograph: skipped {problem}", file=sys.stderr)
    if not args.quiet:
        print(build_summary(report, elapsed))
        for path in report.outputs:
            print(f"wrote: {path}")
        if report.view is not None and report.view.partial:
            print(window_note(report.view))
    return EXIT_OK if report.ok else EXIT_INPUT_PROBLEMS


def build_summary(report: BuildReport, elapsed: float) -> str:
    read = report.added + report.already_present
    lines = [f"articles: {report.added} added, {report.already_present} already present, "
             f"{len(report.problems)} skipped (from {counted(report.files, 'file')})",
             f"took {elapsed:.1f} s ({read / elapsed if elapsed > 0 else 0:.1f} articles/s)"]
    if report.counts:
        lines.append("graph: " + ", ".join(counted(report.counts[name], singular, name) for name, singular in
                                          (("people", "person"), ("interactions", "interaction"),
                                           ("statements", "statement")))
                     + f"; {counted(report.triples, 'triple')}")
    return "\n".join(lines)


def _iso_day(value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2024-03-31") from None


_INTERACTIONS = "SELECT (COUNT(*) AS ?n) WHERE { ?i a dg:Interaction }"
_DATED = "SELECT (MIN(STR(?day)) AS ?first) (MAX(STR(?day)) AS ?last) WHERE { ?i a dg:Interaction ; dg:date ?day }"


def _command_view(args: argparse.Namespace) -> int:
    if args.start and args.end and args.start > args.end:
        raise CommandError(f"--from {args.start} is later than --to {args.end}")
    target = args.out or args.dir / VIEW_FILE
    if target.is_dir():
        target = target / VIEW_FILE
    with GraphStore(args.dir, read_only=True) as store:
        # Written beside the target first: an empty period must not replace a view that shows something.
        with tempfile.TemporaryDirectory(dir=target.parent if target.parent.is_dir() else None) as scratch:
            draft = Path(scratch) / target.name
            _step(args.quiet)(f"reading the graph and writing {target}")
            from .html_view import write_view     # the view's libraries, only for the command that draws
            shown = write_view(store, draft, args.lang or remembered_language(args.dir),
                               Window(args.start, args.end, args.limit))
            if shown is not None and shown.total == 0 and (args.start or args.end):
                (held,), (dated,) = store.query(_INTERACTIONS), store.query(_DATED)
                period = (f" (dated {dated['first'].value[:10]} to {dated['last'].value[:10]})"
                          if dated["first"] is not None else "")
                raise CommandError(f"no interactions from {args.start or 'the first'} to {args.end or 'the last'}; "
                                   f"{args.dir} holds {counted(int(held['n'].value), 'interaction')}{period}; "
                                   f"{target} was left as it was")
            shutil.move(draft, target)
    if args.lang and target == args.dir / VIEW_FILE:   # DIR's own view: build and remove keep its language
        remember_language(args.dir, args.lang)
    if not args.quiet:
        print(f"wrote: {target}")
        if shown is not None and shown.partial:
            print(window_note(shown))
    return EXIT_OK


def window_note(shown: Shown) -> str:
    return (f"the view shows the latest {shown.shown} of {shown.total} interactions "
            f"({shown.first or '?'} to {shown.last or '?'}); `diplograph view DIR --from DAY --to DAY` shows another period")


def _command_gazetteer_import(args: argparse.Namespace) -> int:
    into = args.into or gazetteer.user_dir()
    try:
        report = import_people(args.file, into, gazetteer.load(gazetteer.DATA_DIR, into).people, args.role)
    except GazetteerImportError as exc:
        raise CommandError(f"{args.file}: {exc}") from None
    print(f"{counted(report.rows, 'row')}; people added: {report.added}, updated: {report.updated}")
    print(f"wrote: {report.path}")
    return EXIT_OK


def _command_gazetteer_check(args: argparse.Namespace) -> int:
    from extract.gazetteer_check import gaps, overlaps
    day = date.fromisoformat(args.date) if args.date else date.today()
    checked = gazetteer.load(gazetteer.DATA_DIR, gazetteer.user_dir())
    problems = [*gaps(checked, day), *overlaps(checked)]
    for problem in problems:
        print(problem)
    print(f"{counted(len(problems), 'problem')}: offices nobody holds on {day.isoformat()}, terms of one office that overlap"
          if problems else f"no gaps on {day.isoformat()} and no overlaps")
    return EXIT_INPUT_PROBLEMS if problems else EXIT_OK


def _command_remove(args: argparse.Namespace) -> int:
    if not (args.dir / STORE_DIR).is_dir():
        raise StoreError(f"{args.dir} holds no diplograph store (run `diplograph build PATH --out {args.dir}` first)")
    with GraphStore(args.dir, read_only=args.dry_run) as store:
        articles = stored_articles(store)
        chosen: dict[str, StoredArticle] = {}
        unknown = []
        for given in args.articles:
            found = matching(articles, given)
            if not found:
                unknown.append(given)
                print(f"diplograph: {given}: no such article in {args.dir} (give the file, FILE:LINE of a .jsonl, "
                      "the id of its JSONL line, or the id `diplograph query DIR --named articles` lists)",
                      file=sys.stderr)
            chosen.update({article.id: article for article in found})
        if args.dry_run:
            for article in chosen.values():
                print(f"would remove: {article.id}  {article.source}  {article.headline or ''}".rstrip())
            print(f"{counted(len(chosen), 'article')} would be removed; nothing was changed")
            return EXIT_INPUT_PROBLEMS if unknown else EXIT_OK
        removed = sum(store.remove_article(article_id) for article_id in chosen)
        if removed:
            step = _step(args.quiet)
            step("merging reports of the same event and counting again")
            store.reconcile()   # merges and tallies that rested on what was removed
            store.flush()
            write_outputs(store, args.dir, remembered_language(args.dir), steps=step)
    if not args.quiet:
        print(f"removed {counted(removed, 'article')}"
              + (f"; {TURTLE_FILE} and {VIEW_FILE} rewritten" if removed else "; nothing changed"))
    return EXIT_INPUT_PROBLEMS if unknown else EXIT_OK


def _params(pairs: list[str]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise CommandError(f"--param {pair!r}: write NAME=VALUE")
        params[name] = value
    return params


def _command_query(args: argparse.Namespace) -> int:
    if args.list:
        for query in sparql.named_queries().values():
            params = " ".join(f"--param {p}=…" for p in query.params)
            print(f"{query.name:28} {query.summary}" + (f"\n{'':28} {params}" if params else ""))
        return EXIT_OK
    sources = [x for x in (args.query, args.file, args.named) if x]
    if len(sources) != 1:
        raise CommandError("give exactly one of: a QUERY string, -f FILE.rq, --named NAME (or --list)")
    with GraphStore(args.dir, read_only=True) as store:
        try:
            if args.named:
                table = sparql.run_named(store, args.named, _params(args.param))
            else:
                text = args.query or _read_query_file(args.file)
                table = sparql.run(store, text, _params(args.param))
        except (sparql.QueryError, SyntaxError, ValueError, RuntimeError) as exc:
            raise CommandError(str(exc)) from None
    # Article text reaches the cells: a spreadsheet must not evaluate one, as in `export --format csv`.
    sys.stdout.write(sparql.render(table, args.format, csv_cell=spreadsheet_safe))
    return EXIT_OK


def _read_query_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CommandError(f"{path}: cannot read ({exc.strerror or exc})") from None


EXPORT_FORMATS = ("ttl", "trig", "nq", "jsonld", "graphml", "gexf", "csv")


def _command_export(args: argparse.Namespace) -> int:
    name = f"graph.{args.format}"
    to_stdout = args.out == Path("-")
    target = args.dir / name if args.out is None else args.out / name if args.out.is_dir() else args.out
    if not to_stdout and not target.parent.is_dir():
        raise CommandError(f"{target.parent} is not a folder: create it first, or give --out a file in a folder that exists")
    with GraphStore(args.dir, read_only=True) as store:
        _step(args.quiet)(f"writing the graph as {args.format}")
        if not to_stdout:
            _export(store, target, args.format)
        else:
            with tempfile.TemporaryDirectory() as scratch:
                _export(store, Path(scratch) / name, args.format)
                with open(Path(scratch) / name, "rb") as written:
                    shutil.copyfileobj(written, sys.stdout.buffer)
                sys.stdout.buffer.flush()
    if not args.quiet and not to_stdout:
        print(f"wrote: {target}")
    return EXIT_OK


def _export(store: GraphStore, target: Path, fmt: str) -> None:
    if fmt in ("ttl", "trig", "nq", "jsonld"):
        store.dump(target, fmt)
    elif fmt in ("graphml", "gexf"):
        write_network(store, target, fmt)
    else:
        write_events_csv(store, target)


def _command_validate(args: argparse.Namespace) -> int:
    step = _step(args.quiet)
    with GraphStore(args.dir, read_only=True) as store:
        from graph.validate import out_of_step, violations   # pyshacl: imported only by the command that needs it

        step("checking the union against the article graphs")
        drift = out_of_step(store)
        step("reading the graph")
        graph = store.union_graph()
        step(f"checking {counted(len(graph), 'triple')} against the contract's shapes")
        found = violations(graph)
    for line in drift.lines():
        print(line)
    if not args.quiet or drift:
        print("the union is out of step with the article graphs" if drift
              else "the union and the article graphs agree")
    for violation in found:
        print(violation)
    if not args.quiet:
        print(f"{counted(len(found), 'violation')} of the contract's shapes" if found
              else "the graph conforms to the contract's shapes")
    return EXIT_OK if not (found or drift) else EXIT_INPUT_PROBLEMS


def _command_serve(args: argparse.Namespace) -> int:
    try:
        serve(args.dir, args.host, args.port, args.view_port or min(args.port + 1, 65535), args.writable)
    except ServeError as exc:
        raise CommandError(str(exc)) from None
    return EXIT_OK


def _command_push(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    with GraphStore(args.dir, read_only=True) as store:
        graphs = len(store.article_graphs()) + sum(store.has_graph(g) for g in DERIVED_GRAPHS)
        with tqdm(total=graphs, unit="graph", file=sys.stderr, disable=True if args.quiet else None) as bar:
            try:
                report = push(store, args.endpoint, user=args.user, password=args.password,
                              connections=args.connections, on_sent=bar.update)
            except PushError as exc:
                raise CommandError(str(exc)) from None
    if not args.quiet:
        print(f"pushed {counted(report.graphs, 'graph')} ({counted(report.bytes_sent, 'byte')}) to {args.endpoint}")
    return EXIT_OK


def _subcommand(commands, name: str, summary: str, description: str, example: str, handler) -> argparse.ArgumentParser:
    command = commands.add_parser(name, help=summary, description=description,
                                  epilog="example:\n  " + example, formatter_class=argparse.RawDescriptionHelpFormatter)
    command.set_defaults(handler=handler)
    return command


def _add_dir(parser_: argparse.ArgumentParser) -> None:
    parser_.add_argument("dir", type=Path, metavar="DIR", help="a folder written by `diplograph build`")


def _add_quiet(parser_: argparse.ArgumentParser) -> None:
    parser_.add_argument("-q", "--quiet", action="store_true", help="print only problems")


def _version() -> str:
    try:
        return metadata.version("diplograph")
    except metadata.PackageNotFoundError:   # run from a checkout that was never installed
        return "(not installed)"


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="diplograph",
        description="Build a knowledge graph of diplomatic contacts from news articles "
                    "in Arabic, Persian, English and Russian.",
        epilog="Run `diplograph COMMAND --help` for a command's options and an example.",
    )
    main.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = main.add_subparsers(dest="command", metavar="COMMAND", required=True)

    build_cmd = commands.add_parser(
        "build", help="read articles and add them to the graph in DIR",
        description="Read articles (.txt, .html/.htm, .jsonl, or folders of them) and add what they "
                    "say to the graph in DIR; writes DIR/graph.ttl and DIR/graph.html. Articles "
                    "already in DIR are not added twice.",
        epilog="examples:\n  diplograph build examples/articles --out out\n"
               "  diplograph build news/ --out out --jobs 4\n"
               "  diplograph build news/ --out out --executor dask --scheduler tcp://10.0.0.5:8786",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    build_cmd.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders (searched recursively)")
    build_cmd.add_argument("--out", required=True, type=_out_dir, metavar="DIR", help="output folder (created if missing)")
    build_cmd.add_argument("--lang", choices=VIEW_LANGUAGES, default=None,
                           help="language of the labels in the HTML view (default: the last one given for DIR, "
                                "else en); articles in every language are read whatever it is")
    build_cmd.add_argument("-j", "--jobs", type=_positive, default=1, metavar="N",
                           help="extract in N processes (default: 1); the graph is the same")
    build_cmd.add_argument("--executor", choices=EXECUTORS, default="local",
                           help="where extraction runs: this machine, or a Dask cluster (default: local)")
    build_cmd.add_argument("--scheduler", metavar="ADDRESS",
                           help="the Dask scheduler, e.g. tcp://10.0.0.5:8786 (default: a local cluster)")
    build_cmd.add_argument("--max-size", type=_size, metavar="SIZE",
                           help="skip a file (or .jsonl line) larger than this, e.g. 64M "
                                f"(default: {describe_size(default_limits().max_article_bytes)}, from extract/data/limits.json)")
    build_cmd.add_argument("-q", "--quiet", action="store_true", help="print only problems, no progress or summary")
    build_cmd.set_defaults(handler=_command_build)

    view_cmd = _subcommand(commands, "view", "write the HTML network view of the graph in DIR again",
                           "Write the interactive HTML network view of the graph in DIR (self-contained: it opens "
                           "with no network).", "diplograph view out --lang fa --out out/graph-fa.html", _command_view)
    view_cmd.add_argument("dir", type=Path, metavar="DIR", help="a folder written by `diplograph build`")
    view_cmd.add_argument("--out", type=Path, metavar="FILE",
                          help="where to write the view: a file or a folder (default: DIR/graph.html)")
    view_cmd.add_argument("--from", dest="start", type=_iso_day, metavar="DAY",
                          help="show interactions from this day on (an undated one counts on the day it was reported)")
    view_cmd.add_argument("--to", dest="end", type=_iso_day, metavar="DAY", help="show interactions up to this day")
    view_cmd.add_argument("--limit", type=_positive, default=VIEW_LIMIT, metavar="N",
                          help=f"show at most the latest N interactions (default: {VIEW_LIMIT}, "
                               "what a browser opens in about a second)")
    _add_view_language(view_cmd)
    _add_quiet(view_cmd)

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
    check_cmd = _subcommand(gazetteer_actions, "check", "find offices nobody holds on a day, and terms that overlap",
                            "Print, one line each, every UN member state whose head of state, head of government "
                            "or foreign minister nobody holds on the day, and every two people holding one office "
                            "(role, country, government) at once, in the shipped gazetteer and your imports; exits 1 "
                            "when there is any.",
                            "diplograph gazetteer check --date 2020-01-01", _command_gazetteer_check)
    check_cmd.add_argument("--date", type=_iso_day, metavar="YYYY-MM-DD", help="the day to check (default: today)")

    remove_cmd = _subcommand(commands, "remove", "take articles out of the graph in DIR, with the facts only they support",
                             "Remove articles and every fact that rested only on them; rewrites graph.ttl and "
                             "graph.html. An ARTICLE is the file it was built from (all the articles of a .jsonl), "
                             "FILE:LINE for one line of a .jsonl, the \"id\" of that JSONL line, the article's IRI, "
                             "or its id as `diplograph query DIR --named articles` lists them.",
                             "diplograph remove out examples/articles/fa_araghchi_lavrov_call.txt", _command_remove)
    _add_dir(remove_cmd)
    remove_cmd.add_argument("articles", nargs="+", metavar="ARTICLE",
                            help="a file as built, FILE:LINE of a .jsonl, a JSONL line's id, an article IRI or id")
    remove_cmd.add_argument("-n", "--dry-run", action="store_true", help="list what would be removed; change nothing")
    _add_quiet(remove_cmd)

    query_cmd = _subcommand(commands, "query", "run a SPARQL query, or a named one, over the graph in DIR",
                            "Run a SPARQL SELECT (or ASK/CONSTRUCT) over the union of all articles' graphs. "
                            "Named queries answer what users ask first; `--list` shows them. Note that the "
                            "union keeps one copy per article: use DISTINCT or COUNT(DISTINCT …).",
                            "diplograph query out --named who-spoke-with --param person=Lavrov", _command_query)
    _add_dir(query_cmd)
    query_cmd.add_argument("query", nargs="?", metavar="QUERY", help="a SPARQL query string")
    query_cmd.add_argument("-f", "--file", type=Path, metavar="FILE", help="read the query from a .rq file")
    query_cmd.add_argument("--named", metavar="NAME", help="run a named query (see --list)")
    query_cmd.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                           help="a parameter of the query ($NAME in its text); repeat for several")
    query_cmd.add_argument("--format", choices=sparql.FORMATS, default="table",
                           help="output format (default: table); json is the SPARQL 1.1 Query Results JSON Format, "
                                "with each value's type, datatype and language tag; in csv and tsv a value that begins "
                                "like a spreadsheet formula (= + - @, a tab or a carriage return) gets a leading "
                                "apostrophe, as in `export --format csv`")
    query_cmd.add_argument("--list", action="store_true", help="list the named queries and their parameters")

    export_cmd = _subcommand(commands, "export", "write the graph in DIR in another format",
                             "Export the graph: ttl (union), trig and nq (one graph per article), jsonld; graphml and "
                             "gexf (the people network, for Gephi); csv (one row per interaction, like event data).",
                             "diplograph export out --format csv --out events.csv", _command_export)
    _add_dir(export_cmd)
    export_cmd.add_argument("--format", required=True, choices=EXPORT_FORMATS, help="the format to write")
    export_cmd.add_argument("--out", type=Path, metavar="FILE",
                            help="where to write: a file, a folder (FOLDER/graph.FORMAT), or - for standard output "
                                 "(default: DIR/graph.FORMAT)")
    _add_quiet(export_cmd)

    validate_cmd = _subcommand(commands, "validate", "check the graph in DIR against the contract's SHACL shapes",
                               "Check that the union every query reads agrees with the article graphs (and name what an "
                               "interrupted build left out of step), then validate the graph with SHACL "
                               "(graph/shapes.ttl) and list every violation.",
                               "diplograph validate out", _command_validate)
    _add_dir(validate_cmd)
    validate_cmd.add_argument("-q", "--quiet", action="store_true",
                              help="print only the violations: no progress, no summary (the exit status says it)")

    serve_cmd = _subcommand(commands, "serve", "serve DIR as a SPARQL endpoint with a query page, and the HTML view",
                            "Start Oxigraph's SPARQL 1.1 server on the store (read-only unless --writable) behind a "
                            "checking front server whose home page is our own query page (it fetches nothing from "
                            "the network: the prefixes, an example and the named queries are built in), and serve "
                            "graph.html beside it. It answers from the store as it was when it started: articles a "
                            "later build or remove changes are not seen until you stop it and start it again. "
                            "Stop with Ctrl-C.",
                            "diplograph serve out --port 7878", _command_serve)
    _add_dir(serve_cmd)
    serve_cmd.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve_cmd.add_argument("--port", type=_port, default=7878, help="port of the query page and the SPARQL endpoint (default: 7878)")
    serve_cmd.add_argument("--view-port", type=_port, help="HTML view port (default: PORT + 1)")
    serve_cmd.add_argument("--writable", action="store_true", help="accept SPARQL updates and Graph Store writes")

    push_cmd = _subcommand(commands, "push", "send the graph in DIR to a SPARQL Graph Store endpoint",
                           "Send every article's named graph (and the topic scheme) with the SPARQL 1.1 Graph "
                           "Store Protocol (HTTP PUT ?graph=IRI): Oxigraph, Fuseki, GraphDB, Virtuoso. "
                           "Pushing again replaces those graphs.",
                           "diplograph push out --endpoint http://127.0.0.1:7878/store", _command_push)
    _add_dir(push_cmd)
    push_cmd.add_argument("--endpoint", required=True, type=_http_url, metavar="URL",
                          help="the Graph Store Protocol URL")
    push_cmd.add_argument("--user", help="user name for HTTP basic authentication")
    push_cmd.add_argument("--password", help="password for HTTP basic authentication")
    push_cmd.add_argument("--connections", type=_positive, default=4, metavar="N",
                          help="graphs sent at the same time (default: 4)")
    _add_quiet(push_cmd)
    return main


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse, also taking a query string given after query's options (`query DIR --format csv 'SELECT …'`)."""
    cli = parser()
    args, extra = cli.parse_known_args(argv)
    if args.command == "query" and args.query is None and len(extra) == 1 and not extra[0].startswith("-"):
        args.query, extra = extra[0], []
    if extra:
        cli.error(f"unrecognized arguments: {' '.join(extra)}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse(argv)
    try:
        status = args.handler(args)
        sys.stdout.flush()
        return status
    except (CommandError, StoreError, DataFileError) as exc:
        print(f"diplograph: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader stopped (`| head -1`): what it did not read is not a problem to report.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        print("diplograph: interrupted; files in the output folder are unchanged or complete", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

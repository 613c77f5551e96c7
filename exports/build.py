"""`diplograph build`: articles → store → graph.ttl and graph.html, as a library call."""
from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from extract.ingest import JSONL_SUFFIXES, FoundStats, InputProblem, discover, suffix_of
from extract.limits import Limits, default_limits
from extract.topics import default_scheme
from graph import iris
from graph.assemble import topic_scheme_triples
from graph.descriptions import LoadableArticle
from graph.loaded_turtle import LoadedTurtle
from graph.memory import release_freed_memory
from graph.sources import FileOutcome, file_key
from graph.step_times import StepTimes
from graph.store import STORE_DIR, GraphStore
from graph.turtle_chunks import TurtleReport, write_turtle

from .executors import extracted
from .file_index import LEGACY_INDEX_FILE, FileIndex, FileStat, file_stat
from .view_model import Shown
from .view_records import RECORDS_FILE, RecordCache
from .view_state import STATE_FILE, GraphFigures, code_digest, recorded_view, remember_view

TURTLE_FILE = "graph.ttl"
# Articles loaded together by the bulk loader: fewer, bigger loads leave RocksDB less to compact
# (one core, 20k articles: 500 → 112 s, 2,000 → 90 s, 4,000 → 87 s), and each costs about 60 kB
# of memory per article while it loads (peak 410, 532, 873 MB).
LOAD_BATCH = 2000
VIEW_FILE = "graph.html"


@dataclass(slots=True)
class BuildReport:
    files: int = 0
    added: int = 0
    already_present: int = 0
    unchanged_files: int = 0     # files skipped before extraction: the store has what their bytes gave
    problems: list[InputProblem] = field(default_factory=list)
    triples: int = 0
    outputs: list[Path] = field(default_factory=list)
    view: Shown | None = None      # how much of the graph graph.html shows
    counts: dict[str, int] = field(default_factory=dict)   # people, interactions, statements in the graph
    # Wall seconds per step (extraction, load, merges, tallies, compaction, graph.ttl, view, counts):
    # what the benchmarks print. On more than one core, steps overlap and "load" is the wait for the loader.
    times: StepTimes = field(default_factory=StepTimes)

    @property
    def ok(self) -> bool:
        return not self.problems


Steps = Callable[[str], None]   # told what a build does next, before each step that can take a while


def build(paths: Iterable[str], out_dir: Path, *, progress: bool = True, view_language: str = "en",
          jobs: int = 1, executor: str = "local", scheduler: str | None = None,
          limits: Limits | None = None, steps: Steps | None = None) -> BuildReport:
    """Read every article under `paths`, add the new ones to the store in `out_dir`, write the outputs.

    Articles already in the store (same content) are not added again, and a file whose bytes the
    store's record knows is not even extracted (graph/sources.py). Bad
    inputs are reported in the result and do not stop the others. Extraction
    runs in `jobs` processes, or on a Dask cluster with executor="dask".
    Whenever the process may use more than one core, the store is loaded
    and the outputs are written in threads beside the extraction (Oxigraph
    releases the GIL while it works); on one core everything runs one step
    after another.
    `limits` bounds each input (default: extract/data/limits.json).
    """
    out_dir = Path(out_dir)
    report = BuildReport()
    times = report.times
    reading = time.perf_counter(), time.process_time()
    files: list[str] = []
    found_stats: FoundStats = {}
    for found in discover(paths, found_stats):
        if isinstance(found, InputProblem):
            report.problems.append(found)
        else:
            files.append(found)
    report.files = len(files)
    times.add("discovery", time.perf_counter() - reading[0], time.process_time() - reading[1])
    if not files and not (out_dir / STORE_DIR).is_dir():
        return report     # nothing to build: no empty store left behind
    step = steps or (lambda _: None)
    concurrent = jobs > 1 or executor == "dask" or usable_cores() > 1
    with GraphStore(out_dir) as store, LoadedTurtle(out_dir) as loaded, \
            _Loader(store, loaded, background=concurrent) as loader:
        remove_stale_temporaries(out_dir)    # a killed build's: this one's LoadedTurtle file is made later
        indexed: dict[str, tuple[FileStat, FileOutcome]] = {}    # what .sources-index.sqlite will say
        with times.step("skipping files built before"):
            stats = {file: _skippable(file, found_stats.get(file), limits or default_limits()) for file in files}
            index = FileIndex.load(out_dir)
            hints = _unchanged_by_stat(store, index, stats)
            file_keys = {file: None if file in hints or stats[file] is None else file_key(file) for file in files}
            record = store.known_files(key for key in file_keys.values() if key)
            keys, to_extract = [], []
            for file in files:
                known = hints.get(file) or record.get(file_keys[file] or "")
                if known is None:
                    keys.append(file_keys[file])
                    to_extract.append(file)
                else:
                    indexed[file] = (stats[file], known)
                    report.unchanged_files += 1
                    report.already_present += known.articles
        bar = tqdm(total=report.already_present + expected_articles(to_extract) if progress else 0, unit="article",
                   file=sys.stderr, disable=None if progress else True, leave=True)
        bar.update(report.already_present)
        results = extracted(to_extract, jobs=jobs, executor=executor, scheduler=scheduler, limits=limits)
        extracting = time.perf_counter(), time.process_time()
        loading = times.seconds.get("load", 0.0), times.cpu_seconds.get("load", 0.0)
        seen: set[str] = set()   # articles of this build: a batch being loaded is not in the store yet
        pending: list[LoadableArticle] = []
        outcomes: list[FileOutcome] = []    # what the files of the batch gave, recorded once it is loaded
        for file, key, file_results in zip(to_extract, keys, results):
            bar.update(len(file_results))
            graphs: set[str] = set()
            for item in file_results:
                if isinstance(item, InputProblem):
                    report.problems.append(item)
                    continue
                graphs.add(str(iris.graph_iri(item.id)))
                if item.id in seen or store.has_article(item.id):
                    report.already_present += 1
                else:
                    seen.add(item.id)
                    pending.append(item)
                    report.added += 1
            if key is not None and graphs and not _has_problem(file_results):
                outcomes.append(FileOutcome(key, frozenset(graphs), len(file_results)))
                if stats[file] is not None:
                    indexed[file] = (stats[file], outcomes[-1])
            if len(pending) >= LOAD_BATCH:
                with times.step("load"):
                    loader.load(pending, outcomes)
                pending, outcomes = [], []
        bar.close()
        times.add("extraction", time.perf_counter() - extracting[0] - (times.seconds.get("load", 0.0) - loading[0]),
                  time.process_time() - extracting[1] - (times.cpu_seconds.get("load", 0.0) - loading[1]))
        step("loading the articles into the store")
        with times.step("load"):
            loader.load(pending, outcomes)
            loader.finish()
            store.set_scheme(topic_scheme_triples(list(default_scheme().topics.values())).triples)
        step("merging reports of the same event and counting")
        store.reconcile(times)
        release_freed_memory()
        with times.step("flush"):
            store.flush()
        report.view, figures = write_outputs(store, out_dir, view_language, concurrent=concurrent, steps=step,
                                             times=times, loaded=loaded)
        report.triples, report.counts = figures.triples, figures.counts
        index.save(files, indexed)     # once the store holds what it says
    report.outputs = [out_dir / TURTLE_FILE, out_dir / VIEW_FILE, store.path]
    return report


def usable_cores() -> int:
    """The cores this process may run on (a `taskset` or a container's CPU set narrows them)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):     # no affinity on macOS and Windows
        return os.cpu_count() or 1


class _Loader:
    """Loads batches of articles into the store: at once, or in a thread while the next batch is
    gathered (at most one batch loading and one waiting, so memory stays flat)."""

    def __init__(self, store: GraphStore, loaded: LoadedTurtle, *, background: bool) -> None:
        self.store = store
        self.loaded = loaded      # each loaded graph's Turtle, for graph.ttl's new chunks
        self.thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="diplograph-load") if background else None
        self.loading: Future[None] | None = None

    def load(self, articles: list[LoadableArticle], outcomes: list[FileOutcome]) -> None:
        """Load the articles, then record what their files gave (never before: the record must name
        only what is in the store)."""
        if self.thread is None:
            self._add(articles, outcomes)
            return
        self.finish()
        self.loading = self.thread.submit(self._add, articles, outcomes)

    def _add(self, articles: list[LoadableArticle], outcomes: list[FileOutcome]) -> None:
        self.store.add_articles(articles)
        self.loaded.add((str(iris.graph_iri(article.id)), article.turtle) for article in articles)
        self.store.record_files(outcomes)
        release_freed_memory()      # the bulk loader's buffers, before the next batch's

    def finish(self) -> None:
        """Wait for the batch in the thread, raising what it raised."""
        if self.loading is not None:
            loading, self.loading = self.loading, None
            loading.result()

    def __enter__(self) -> "_Loader":
        return self

    def __exit__(self, *_: object) -> None:
        if self.thread is not None:
            self.thread.shutdown(wait=True)


def _skippable(path: str, status: os.stat_result | None, limits: Limits) -> FileStat | None:
    """The file's stat as discovery took it, or None when it must be read whatever the record says: what
    is no regular file, and a text or HTML file over today's size limit, which is reported, not skipped."""
    seen = file_stat(path, status)
    if seen is None or (seen.size > limits.max_article_bytes and suffix_of(path) not in JSONL_SUFFIXES):
        return None
    return seen


def _unchanged_by_stat(store: GraphStore, index: FileIndex, stats: dict[str, FileStat | None]) -> dict[str, FileOutcome]:
    """The files the index says are unchanged (exports/file_index.py), whose articles are all in the store."""
    hinted = index.outcomes(stats)
    # One lookup per graph (4 µs) beats listing the store's graphs even when all are named (0.7 s at 100,000).
    present = {graph for graph in set().union(*(o.graphs for o in hinted.values())) if store.has_graph(graph)}
    return {file: outcome for file, outcome in hinted.items() if outcome.graphs <= present}


def _has_problem(file_results: list) -> bool:
    """A file with a problem is never skipped: the next build reads it again and reports it again."""
    return any(isinstance(item, InputProblem) for item in file_results)


def expected_articles(files: list[str]) -> int:
    """How many articles the files hold, for the progress bar: one per file, one per line of a .jsonl."""
    total = 0
    for file in files:
        if suffix_of(file) not in JSONL_SUFFIXES or not Path(file).is_file():   # never open a pipe
            total += 1
            continue
        try:
            with open(file, "rb") as lines:
                total += sum(1 for line in lines if line.strip())
        except OSError:
            total += 1    # reported as a problem when it is read
    return total


_COUNTED = {"people": "schema:Person", "interactions": "dg:Interaction", "statements": "dg:Statement"}


def graph_counts(store: GraphStore) -> dict[str, int]:
    """How many people, interactions and statements the graph holds."""
    return {name: int(next(iter(store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?x a {kind} }}")))["n"].value)
            for name, kind in _COUNTED.items()}


def write_outputs(store: GraphStore, out_dir: Path, view_language: str = "en", *,
                  concurrent: bool = False, steps: Steps | None = None,
                  times: StepTimes | None = None, loaded: LoadedTurtle | None = None) -> tuple[Shown | None, GraphFigures]:
    """Compact the store, then graph.ttl and graph.html from it; returns what the view shows and the
    graph's figures.

    graph.html is kept, and the figures are not counted again, when the graph, the language and the
    view's code are those the page was drawn from (exports/view_state.py). `loaded`: the Turtle of
    the graphs the build loaded (graph/loaded_turtle.py)."""
    remove_stale_temporaries(out_dir, keep=loaded.path if loaded else None)
    (steps or (lambda _: None))(f"compacting the store, writing {TURTLE_FILE} and {VIEW_FILE}")
    times = times or StepTimes()

    def compact_and_dump() -> TurtleReport:
        with times.step("compaction"):
            store.compact()
        release_freed_memory()
        with times.step(TURTLE_FILE):
            return write_turtle(store, out_dir / TURTLE_FILE, loaded)    # only the chunks that changed (graph/turtle_chunks.py)

    page = out_dir / VIEW_FILE
    with times.step("view"):
        recorded = recorded_view(out_dir, page, view_language)

    def view(records: RecordCache) -> Shown | None:
        with times.step("view"):
            return write_view(store, page, view_language, records)

    if recorded is None and concurrent:     # the view has to be drawn: beside the compaction and the dump
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="diplograph-dump") as thread:
            dumping = thread.submit(compact_and_dump)
            records = RecordCache()     # the manifest they could be checked against is being written
            shown = view(records)
            turtle = dumping.result()
    else:
        turtle = compact_and_dump()
        if recorded is not None and recorded.shows(turtle):   # the same graph: the page is what it would draw
            return recorded.shown, recorded.figures
        with times.step("view"):
            records = RecordCache.for_build(out_dir, turtle, store, code_digest())
        shown = view(records)
    with times.step("view"):
        records.save(out_dir, turtle, code_digest())      # what the next build's view need not read again
    with times.step("counts"):
        figures = GraphFigures(store.triple_count(), graph_counts(store))
    remember_view(out_dir, page, turtle, view_language, shown, figures)
    return shown, figures


def write_view(store: GraphStore, path: Path, language: str, records: RecordCache | None = None) -> Shown | None:
    """exports.html_view.write_view, imported when a page is drawn: a build that keeps the page never
    loads the view's libraries (pyvis, with IPython, jinja2, babel: about 0.3 s of start-up)."""
    from .html_view import write_view as draw
    return draw(store, path, language, records=records)


def remove_stale_temporaries(out_dir: Path, keep: Path | None = None) -> list[Path]:
    """Delete the temporary files (`.graph.ttl.*.tmp`, `..graph.html.records.*.tmp`, …) a killed process
    left beside the outputs, but `keep` (this build's own).

    Called with the store open for writing: no other build or `remove` can be writing them. A
    `view` or `export` into the same folder at the same moment could be; it then fails cleanly."""
    # atomic_path names a temporary `.{name}.{random}.tmp`: those of every file a build writes here.
    written = (TURTLE_FILE, VIEW_FILE, RECORDS_FILE, STATE_FILE, LEGACY_INDEX_FILE)
    stale = sorted({path for name in written for path in Path(out_dir).glob(f".{name}.*.tmp")} - {keep})
    for path in stale:
        path.unlink(missing_ok=True)
    return stale

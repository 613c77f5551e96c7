"""`diplograph build`: articles → store → graph.ttl and graph.html, as a library call."""
from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from extract.ingest import InputProblem, discover
from extract.topics import default_scheme
from graph.assemble import topic_scheme_triples
from graph.store import GraphStore

from .executors import extracted
from .html_view import write_view
from .view_model import Shown

TURTLE_FILE = "graph.ttl"
# Articles loaded together by the bulk loader: big enough to amortise it, small enough to stay in memory.
LOAD_BATCH = 500
VIEW_FILE = "graph.html"


@dataclass(slots=True)
class BuildReport:
    files: int = 0
    added: int = 0
    already_present: int = 0
    problems: list[InputProblem] = field(default_factory=list)
    triples: int = 0
    outputs: list[Path] = field(default_factory=list)
    view: Shown | None = None      # how much of the graph graph.html shows

    @property
    def ok(self) -> bool:
        return not self.problems


def build(paths: Iterable[str], out_dir: Path, *, progress: bool = True, view_language: str = "en",
          jobs: int = 1, executor: str = "local", scheduler: str | None = None) -> BuildReport:
    """Read every article under `paths`, add the new ones to the store in `out_dir`, write the outputs.

    Articles already in the store (same content) are not added again. Bad
    inputs are reported in the result and do not stop the others. Extraction
    runs in `jobs` processes, or on a Dask cluster with executor="dask".
    """
    out_dir = Path(out_dir)
    report = BuildReport()
    files: list[str] = []
    for found in discover(paths):
        if isinstance(found, InputProblem):
            report.problems.append(found)
        else:
            files.append(found)
    report.files = len(files)
    with GraphStore(out_dir) as store:
        results = extracted(files, jobs=jobs, executor=executor, scheduler=scheduler)
        bar = tqdm(results, total=len(files), unit="file", file=sys.stderr, disable=None if progress else True,
                   leave=False)
        pending: dict[str, bytes] = {}
        for file_results in bar:
            for item in file_results:
                if isinstance(item, InputProblem):
                    report.problems.append(item)
                elif item[0] in pending or store.has_article(item[0]):
                    report.already_present += 1
                else:
                    pending[item[0]] = item[1]
                    report.added += 1
            if len(pending) >= LOAD_BATCH:
                store.add_articles(list(pending.items()))
                pending.clear()
        store.add_articles(list(pending.items()))
        store.set_scheme(topic_scheme_triples(list(default_scheme().topics.values())).triples)
        store.reconcile()
        store.flush()
        store.compact()
        report.view = write_outputs(store, out_dir, view_language)
        report.triples = store.triple_count()
    report.outputs = [out_dir / TURTLE_FILE, out_dir / VIEW_FILE, store.path]
    return report


def write_outputs(store: GraphStore, out_dir: Path, view_language: str = "en") -> Shown | None:
    """graph.ttl and graph.html from the store, as they are after any change; returns what the view shows."""
    store.dump(out_dir / TURTLE_FILE, "ttl")
    return write_view(store, out_dir / VIEW_FILE, view_language)

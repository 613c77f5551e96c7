"""Where extraction runs: in this process, in N local processes, or on a Dask cluster.

Extraction is the expensive, independent part (one file in, its articles'
triples out), so only it is farmed out; the store is written by this process
alone, in file order. Loading order does not change the graph, so every
executor writes the same graph.
"""
from __future__ import annotations

import socket
from collections.abc import Iterable, Iterator
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor

from extract.budget import OverBudget, time_budget
from extract.ingest import InputProblem, read_documents
from extract.limits import Limits, default_limits
from extract.pipeline import extract_facts
from extract.reader import to_article
from extract.records import Article
from extract.windows import extract_in_windows
from graph.assemble import article_ntriples
from graph.descriptions import LoadableArticle, loadable

Extracted = list["LoadableArticle | InputProblem"]
EXECUTORS = ("local", "dask")
# Files per task: enough to amortise the hop to a worker, small enough to keep all workers busy.
_CHUNK = 8
_DASK_BATCH = 512
# Files extracted ahead of the loader: enough to keep the workers busy while the main process takes
# their results, and a few megabytes of N-Triples at most wait in memory.
_AHEAD_FILES = 1024
_CONNECT_TIMEOUT = "10s"   # a scheduler that does not answer in this long is taken for down


class ExecutorError(RuntimeError):
    pass


def _article_triples(item: Article, path: str) -> LoadableArticle | InputProblem:
    try:
        facts = extract_in_windows(item, extract_facts)
    except Exception as exc:  # noqa: BLE001 - one article's bug must not lose the others
        return InputProblem(path, f"could not extract facts ({type(exc).__name__}: {exc}); "
                                  "please report this as a bug", item.line)
    # Split for the store and written as Turtle for graph.ttl here, where extraction runs (in parallel with
    # --jobs), not in the process that loads.
    return loadable(item.id, article_ntriples(facts), with_turtle=True)


def extract_file(path: str, limits: Limits | None = None) -> Extracted:
    """Every article of one file as its triples split for the store (graph/descriptions.LoadableArticle),
    or the problem that stopped it.

    Each article (a file, or a line of a .jsonl file) has `max_seconds_per_article` to be analysed
    and extracted, in whatever thread this runs (extract/budget.py); one that takes longer is
    skipped with a message and the next gets a fresh budget (reading the bytes is bounded by the
    size limit instead). N-Triples bytes cross a process boundary far faster than pickled terms.
    """
    limits = limits or default_limits()
    results: Extracted = []
    for document in read_documents(path, limits):
        if isinstance(document, InputProblem):
            results.append(document)
            continue
        try:
            with time_budget(limits.max_seconds_per_article):
                item = to_article(document)
                results.append(item if isinstance(item, InputProblem) else _article_triples(item, path))
        except OverBudget:
            results.append(InputProblem(path, f"skipped: took longer than {limits.max_seconds_per_article:g} s to "
                                              "extract (max_seconds_per_article in extract/data/limits.json)",
                                        document.line))
    return results


def _batches(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _require_loopback() -> None:
    """A local Dask cluster talks over 127.0.0.1: say so at once when that cannot work (a sandbox
    with no loopback interface) instead of after the cluster's own 30-second timeout."""
    try:
        with socket.create_server(("127.0.0.1", 0)) as server, \
                socket.create_connection(server.getsockname(), timeout=2):
            pass
    except OSError as exc:
        raise ExecutorError(f"a local Dask cluster needs the loopback interface (127.0.0.1), which is not "
                            f"usable here ({exc.strerror or exc}); use --executor local or --scheduler ADDRESS") from None


def _dask(files: list[str], scheduler: str | None, limits: Limits | None) -> Iterator[Extracted]:
    try:
        from distributed import Client
    except ImportError:
        raise ExecutorError("the Dask executor needs dask.distributed (pip install 'diplograph[dask]')") from None
    if scheduler is None:
        _require_loopback()
    try:
        client = Client(scheduler, timeout=_CONNECT_TIMEOUT) if scheduler else Client(processes=True)
    except (OSError, TimeoutError, RuntimeError, ValueError) as exc:
        where = f"reach the Dask scheduler {scheduler}" if scheduler else "start a local Dask cluster"
        raise ExecutorError(f"cannot {where}: {exc}") from None
    try:
        waiting: deque = deque()   # one batch computing on the cluster while the previous one is loaded
        for batch in _batches(files, _DASK_BATCH):
            waiting.append(client.map(extract_file, batch, limits=limits, pure=False))
            if len(waiting) > 1:
                yield from client.gather(waiting.popleft())
        while waiting:
            yield from client.gather(waiting.popleft())
    finally:
        client.close()


def extracted(files: list[str], *, jobs: int = 1, executor: str = "local",
              scheduler: str | None = None, limits: Limits | None = None) -> Iterable[Extracted]:
    """Per file, in order, what `extract_file` returns, computed where asked."""
    if executor == "dask":
        return _dask(files, scheduler, limits)
    if jobs > 1:
        return _pool(files, jobs, limits)
    return (extract_file(path, limits) for path in files)


def _pool(files: list[str], jobs: int, limits: Limits | None) -> Iterator[Extracted]:
    """In file order, with a bounded number of tasks in flight: results never pile up in memory
    when the store (written here) is slower than the workers."""
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending: deque[Future[list[Extracted]]] = deque()
        batches = _batches(files, _CHUNK)
        for batch in batches:
            pending.append(pool.submit(_extract_batch, batch, limits))
            if len(pending) * _CHUNK >= max(_AHEAD_FILES, jobs * _CHUNK * 4):
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _extract_batch(batch: list[str], limits: Limits | None) -> list[Extracted]:
    return [extract_file(path, limits) for path in batch]

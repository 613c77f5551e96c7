"""Build benchmarks: articles/s, peak memory and store size at N = 1k, 10k, 100k.

For each N it measures, each in a fresh process so peak memory is its own:
  floor    read and normalise every article, nothing else (the cost of I/O and folding)
  build    `diplograph build` end to end into the Oxigraph store (and graph.ttl, graph.html)
  core1    the same pinned to one core (taskset): Oxigraph's RocksDB works in background
           threads, so an unpinned one-process build already uses more than one core
  jobs2    the same with --jobs 2, on every core
  rdflib   extraction into rdflib's default in-memory store instead, for comparison
  txt1     one core, a corpus of N .txt files only (the ≥ 200 text articles/s target)
  html1    one core, a corpus of N .html pages only (the ≥ 50 pages/s target)
  push     the `build` store pushed to a fresh Oxigraph server (`diplograph push`, graphs/s)
  rebuild  the same folder built again into the `build` store, nothing in it new
  add100   100 new articles (another seed of the corpus) built into a copy of the `build` store
and prints one table, with each figure also as a ratio to the floor and the CPU seconds used
(user + system, all threads and child processes). `rebuild` and `add100` also print the seconds of
each step of the build (from the build's report) and the store's bytes per article; `floor100`
reads the 100 new articles, the floor `add100` is compared with. Without a `build` row, the store
they start from is built first, untimed.

    python benchmarks/run.py 1000 10000 [--corpus-dir /tmp/diplograph-bench] [--skip rdflib txt1 ...]
    python benchmarks/run.py 2000 --only rebuild add100
    python benchmarks/run.py 100000 --only rebuild add100 --keep-base    # without the 20-minute build
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests"))   # the tests' Oxigraph server helper

from server_helpers import oxigraph_server  # noqa: E402

FLOOR = """
import sys
from extract.ingest import InputProblem, discover
from extract.normalize import fold_with_offsets
from extract.reader import articles_in_file
n = 0
for path in discover([sys.argv[1]]):
    for item in articles_in_file(path):
        if not isinstance(item, InputProblem):
            fold_with_offsets(item.text)
            n += 1
print(n)
"""
# argv: corpus, memory limit in GiB (address space), a file to write the number of articles loaded to.
# Out of memory, it says after how many articles and exits with OUT_OF_MEMORY.
RDFLIB = """
import resource, sys
from pathlib import Path
from rdflib import Dataset
from extract.ingest import InputProblem, discover
from exports.executors import extract_file
limit = int(float(sys.argv[2]) * 2**30)
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
data = Dataset()
n = 0
status = 0
try:
    for path in discover([sys.argv[1]]):
        for item in extract_file(path):
            if not isinstance(item, InputProblem):
                data.graph(f"urn:article:{item.id}").parse(data=(item.said + item.described).decode("utf-8"), format="nt")
                n += 1
except MemoryError:
    status = 3
Path(sys.argv[3]).write_text(str(n))
sys.exit(status)
"""
OUT_OF_MEMORY = 3
# argv: a JSON file to write the build's seconds per step to, the output folder, the paths to build.
TIMED_BUILD = """
import json, sys
from pathlib import Path
from exports.build import build
report = build(sys.argv[3:], Path(sys.argv[2]), progress=False)
Path(sys.argv[1]).write_text(json.dumps({"added": report.added, "present": report.already_present,
                                         "steps": report.times.seconds, "cpu": report.times.cpu_seconds}))
"""
ADDED = 100          # articles the add100 row adds
ADDED_SEED = 8       # the corpus of the N articles is written with seed 7
ROWS = ["build", "core1", "jobs2", "rdflib", "txt1", "html1", "push", "rebuild", "add100"]


def run(command: list[str], allowed: tuple[int, ...] = (0,)) -> tuple[float, float, float]:
    """Wall seconds, peak resident memory (MiB) and CPU seconds of a child process and its children;
    an exit status not `allowed` stops the benchmark."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in allowed:
        raise SystemExit(f"failed: {' '.join(command)}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)   # includes the build's worker processes
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, usage.ru_maxrss / 1024, cpu


def store_size(path: Path) -> float:
    """MiB on disk once RocksDB has dropped the write-ahead logs a finished build leaves (at the next open)."""
    subprocess.run([sys.executable, "-c", f"import pyoxigraph; pyoxigraph.Store({str(path)!r})"], check=True)
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


def corpus_of(size: int, corpus_dir: Path, only: str | None = None, seed: int | None = None) -> Path:
    """The benchmark corpus of `size` articles (mixed formats, or `only` one), written on first use."""
    corpus = corpus_dir / (f"corpus-{size}" + (f"-{only}" if only else "") + (f"-seed{seed}" if seed else ""))
    if not corpus.exists():
        subprocess.run([sys.executable, str(HERE / "corpus.py"), str(size), str(corpus),
                        *(["--only", only] if only else []), *(["--seed", str(seed)] if seed else [])],
                       check=True, cwd=ROOT)
    return corpus


def timed_build(paths: list[Path], out: Path, figures_file: Path) -> tuple[tuple[float, ...], dict]:
    """A build into an existing store, with the report's seconds per step."""
    figures = run([sys.executable, "-c", TIMED_BUILD, str(figures_file), str(out), *map(str, paths)])
    return figures + (store_size(out / "store"),), json.loads(figures_file.read_text())


def store_bytes_per_article(store: Path, articles: int) -> float:
    return store_size(store) * 2**20 / articles


def build(corpus: Path, out: Path, prefix: list[str], extra: list[str]) -> tuple[float, ...]:
    subprocess.run(["rm", "-rf", str(out)], check=True)
    figures = run([*prefix, sys.executable, "-m", "exports.cli", "build", str(corpus), "--out", str(out), "-q", *extra])
    return figures + (store_size(out / "store"),)


def push(built: Path, server_dir: Path) -> tuple[float, float, float]:
    """`diplograph push` of a built store into a new, empty Oxigraph server on this machine."""
    subprocess.run(["rm", "-rf", str(server_dir)], check=True)
    try:
        with oxigraph_server(server_dir) as base:
            return run([sys.executable, "-m", "exports.cli", "push", str(built), "-q", "--endpoint", f"{base}/store"])
    except FileNotFoundError as missing:
        raise SystemExit(f"push: {missing}") from None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", type=int, nargs="+")
    parser.add_argument("--corpus-dir", type=Path, default=Path("/tmp/diplograph-bench"))
    parser.add_argument("--rdflib-gib", type=float, default=16,
                        help="memory (address space) rdflib may take before it is stopped (default: 16 GiB)")
    parser.add_argument("--skip", nargs="*", default=[], choices=ROWS)
    parser.add_argument("--keep-base", action="store_true",
                        help="rebuild and add100: start from the store an earlier run built of the same corpus "
                             "(brought up to date by an untimed build) instead of building it again")
    parser.add_argument("--only", nargs="+", choices=ROWS, metavar="ROW",
                        help=f"run only these rows (and the floor): {', '.join(ROWS)}")
    args = parser.parse_args()
    if args.only:
        args.skip = [row for row in ROWS if row not in args.only]
    python = sys.executable
    print(f"{'N':>7} {'what':8} {'seconds':>8} {'art/s':>7} {'CPU s':>7} {'peak MiB':>9} {'store MiB':>10} {'× floor':>8}")
    for size in args.sizes:
        corpus = corpus_of(size, args.corpus_dir)
        notes: list[str] = []
        articles = {}   # articles built, where a variant stopped short of all of them
        results = {"floor": run([python, "-c", FLOOR, str(corpus)])}
        variants = {"build": ([], []), "core1": (["taskset", "-c", "0"], []), "jobs2": ([], ["--jobs", "2"])}
        for name, (prefix, extra) in variants.items():
            if name not in args.skip:
                results[name] = build(corpus, args.corpus_dir / f"out-{size}-{name}", prefix, extra)
        if "rdflib" not in args.skip:
            loaded = args.corpus_dir / f"rdflib-{size}.count"
            results["rdflib"] = run([python, "-c", RDFLIB, str(corpus), str(args.rdflib_gib), str(loaded)],
                                    allowed=(0, OUT_OF_MEMORY))
            articles["rdflib"] = int(loaded.read_text())
            if articles["rdflib"] < size:
                notes.append(f"rdflib ran out of its {args.rdflib_gib:g} GiB after {articles['rdflib']} articles "
                             "(its row: the time until then)")
        for name, only in (("txt1", "txt"), ("html1", "html")):
            if name not in args.skip:
                results[name] = build(corpus_of(size, args.corpus_dir, only), args.corpus_dir / f"out-{size}-{name}",
                                      ["taskset", "-c", "0"], [])
        if "push" not in args.skip and "build" in results:
            results["push"] = push(args.corpus_dir / f"out-{size}-build", args.corpus_dir / f"server-{size}")
        floors = {name: "floor" for name in results}
        steps: dict[str, dict] = {}
        if {"rebuild", "add100"} - set(args.skip):
            base = args.corpus_dir / f"out-{size}-build"
            if "build" not in results:
                if args.keep_base and (base / "store").is_dir():
                    # Brought up to date, untimed: a store an earlier version of the code built may lack
                    # what this one keeps (its file index, the view's records), which the first build writes.
                    run([python, "-m", "exports.cli", "build", str(corpus), "--out", str(base), "-q"])
                else:
                    build(corpus, base, [], [])
            per_article = store_bytes_per_article(base / "store", size)
            notes.append(f"store after the build: {per_article / 1000:.1f} kB per article")
            if "rebuild" not in args.skip:
                results["rebuild"], steps["rebuild"] = timed_build([corpus], base, args.corpus_dir / "rebuild.json")
                articles["rebuild"] = size
                floors["rebuild"] = "floor"
            if "add100" not in args.skip:
                added = corpus_of(ADDED, args.corpus_dir, seed=ADDED_SEED)
                results["floor100"] = run([python, "-c", FLOOR, str(added)])
                articles["floor100"] = ADDED
                floors["floor100"] = "floor100"
                grown = args.corpus_dir / f"out-{size}-add100"
                subprocess.run(["rm", "-rf", str(grown)], check=True)
                subprocess.run(["cp", "-a", str(base), str(grown)], check=True)
                results["add100"], steps["add100"] = timed_build([added], grown, args.corpus_dir / "add100.json")
                articles["add100"] = ADDED
                floors["add100"] = "floor100"
                notes.append(f"store after add100: {store_bytes_per_article(grown / 'store', size + ADDED) / 1000:.1f} "
                             "kB per article")
        for name, figures in results.items():
            seconds, peak, cpu = figures[:3]
            store = f"{figures[3]:10.1f}" if len(figures) > 3 else f"{'':10}"
            print(f"{size:7d} {name:8} {seconds:8.1f} {articles.get(name, size) / seconds:7.0f} {cpu:7.1f} {peak:9.0f} {store} "
                  f"{seconds / results[floors[name]][0]:8.1f}", flush=True)
        for name, report in steps.items():
            times = ", ".join(f"{step} {seconds:.2f}/{report['cpu'][step]:.2f}" for step, seconds in report["steps"].items())
            notes.append(f"{name}: {report['added']} added, {report['present']} already present; "
                         f"seconds per step (wall/CPU): {times}")
        if "add100" in results:
            notes.append("add100's × floor is to floor100 (reading the 100 articles it adds), every other row's to floor")
        if {"txt1", "html1", "push"} & results.keys():
            notes.append("txt1 and html1 build corpora of one format; push sends the build's article graphs; "
                         "× floor compares with the mixed corpus's floor")
        for note in notes:
            print(f"{size:7d} {note}", flush=True)
        if "jobs2" in results:
            for name in ("build", "core1"):
                if name in results:
                    print(f"{size:7d} speed-up of jobs2 over {name}: {results[name][0] / results['jobs2'][0]:.2f}×",
                          flush=True)


if __name__ == "__main__":
    main()

"""Builds in a subprocess that can be killed (`kill -9`) at a chosen hook or at a random moment, and a
tiny synthetic corpus to kill them over: for the fault-injection tests (issue 16)."""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]

# Run inside the subprocess: the build of exports.cli, with smaller batches (more loads to stop in)
# and, when asked, SIGKILL sent to itself where a store method would have run.
_RUNNER = """
import os, signal, sys
import exports.build
from graph.store import GraphStore
batch, hook, *argv = sys.argv[1:]
if int(batch):
    exports.build.LOAD_BATCH = int(batch)
if hook:
    setattr(GraphStore, hook, lambda *_: os.kill(os.getpid(), signal.SIGKILL))
from exports.cli import main
sys.exit(main(argv))
"""
# A process that has imported everything and forks one child per build: each build starts at once, so
# a random moment of its run is a moment of the build, not of Python importing; each child is a whole
# process that SIGKILL ends like any other. It is sent by this parent, which has not reaped the child
# yet, so the pid cannot name another process. In: a JSON [seconds or null, argv] a line; out: the
# child's exit status (negative: the signal that ended it) a line.
_FORKER = """
import json, os, signal, sys, time
import exports.build
from exports.cli import main
from extract import gazetteer
gazetteer.load()
exports.build.LOAD_BATCH = int(sys.argv[1])
for line in sys.stdin:
    kill_after, argv = json.loads(line)
    pid = os.fork()
    if pid == 0:
        sys.stdin.close()
        os._exit(main(argv))
    deadline = None if kill_after is None else time.monotonic() + kill_after
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if deadline is not None and time.monotonic() >= deadline:
            os.kill(pid, signal.SIGKILL)
            _, status = os.waitpid(pid, 0)
            break
        time.sleep(0.002)
    print(-os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status), flush=True)
"""


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}


def build_process(paths: list[str], out: Path, *, batch: int = 0, kill_at: str = "") -> subprocess.Popen:
    """`diplograph build PATHS --out OUT -q` in a new process; `kill_at` names a GraphStore method that kills it."""
    return subprocess.Popen([sys.executable, "-c", _RUNNER, str(batch), kill_at, "build", *paths, "--out", str(out), "-q"],
                            env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


class Forker:
    """Builds in forked processes of one warm Python, to be killed at any moment."""

    def __init__(self, *, batch: int) -> None:
        self.process = subprocess.Popen([sys.executable, "-c", _FORKER, str(batch)], env=_env(), text=True,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def build(self, paths: list[str], out: Path, *, kill_after: float | None = None) -> int:
        """`diplograph build PATHS --out OUT -q`, sent SIGKILL after `kill_after` seconds if still running;
        returns its exit status, or minus the signal that ended it."""
        argv = ["build", *paths, "--out", str(out), "-q"]
        self.process.stdin.write(json.dumps([kill_after, argv]) + "\n")
        self.process.stdin.flush()
        return int(self.process.stdout.readline())

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


def write_tiny_corpus(count: int, folder: Path, *, per_file: int = 50, seed: int = 16) -> list[str]:
    """`count` short articles (a headline, a dateline, one contact) in JSONL files; returns the files."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus import article, gazetteer

    rng, people = random.Random(seed), gazetteer.load()
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for number in range(count):
        _, text, published = article(rng, people, number)
        lines.append(json.dumps({"id": str(number), "published": published.isoformat(),
                                 "text": "\n".join(text.split("\n")[:3])}, ensure_ascii=False))
    files = []
    for start in range(0, count, per_file):
        path = folder / f"{start:06d}.jsonl"
        path.write_text("\n".join(lines[start:start + per_file]) + "\n", encoding="utf-8")
        files.append(str(path))
    return files


def turtle_triples(path: Path) -> set[str]:
    """graph.ttl as a set of N-Triples lines (the graphs have no blank nodes: equal sets are isomorphic)."""
    return {str(t) for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)}

"""Builds in a subprocess that can be killed (`kill -9`) at a chosen hook or at a random moment, and a
tiny synthetic corpus to kill them over: for the fault-injection tests (issue 16)."""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
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
# The stages of a build, in the order they first start: a kill aimed at one starts its countdown
# when the build reports that stage, or a later one (a build with nothing left to load has no load).
STAGES = ("extraction", "batch load", "merges and tallies", "compaction", "graph.ttl", "view")

# A process that has imported everything and forks one child per build: each build starts at once, so
# a moment of its run is a moment of the build, not of Python importing; each child is a whole process
# that SIGKILL ends like any other. It is sent by this parent, which has not reaped the child yet, so
# the pid cannot name another process. The child writes each stage it enters to a pipe (one small
# write: it is in the pipe before the stage starts, whenever the kill comes), so that a kill is aimed
# at a random moment of a chosen stage however fast or slow the machine is, and the stage a kill
# landed in is known. The child's standard output goes to /dev/null: nothing the build prints can be
# taken for this process's answer. In: a JSON [target or null, argv] a line, the target
# {"stage", "occurrence", "after"}: SIGKILL `after` seconds once the stage has started `occurrence`
# times (or a later stage has started). Out: a JSON {"status": exit status, negative for the signal
# that ended it, "stages": [[stage, seconds since the start], ...], "ended": seconds, "cpu": its
# processor seconds, "hung": killed for running longer than any build should} a line.
_FORKER = """
import gc, json, os, select, signal, sys, time
import exports.build, exports.executors
from exports.cli import main
from extract import gazetteer
from graph.store import GraphStore
exports.build.LOAD_BATCH = int(sys.argv[1])
STAGES, HUNG_AFTER, warm_with = json.loads(sys.argv[2]), float(sys.argv[3]), json.loads(sys.argv[4])
gazetteer.load()
for path in warm_with:   # what extraction loads and caches on first use, loaded once for every child
    exports.executors.extract_file(path)
gc.freeze()   # what every child inherits is never garbage: its collections (one per store closed) skip it
report = None   # in a child: the pipe's write end

def reporting(stage, run, skip=lambda *a, **k: False):
    def wrapper(*args, **kwargs):
        if not skip(*args, **kwargs):
            os.write(report, stage.encode() + b"\\n")
        return run(*args, **kwargs)
    return wrapper

exports.executors.extract_file = reporting(STAGES[0], exports.executors.extract_file)
GraphStore.add_articles = reporting(STAGES[1], GraphStore.add_articles, lambda _store, articles: not articles)
GraphStore.reconcile = reporting(STAGES[2], GraphStore.reconcile)
GraphStore.compact = reporting(STAGES[3], GraphStore.compact)
exports.build.write_turtle = reporting(STAGES[4], exports.build.write_turtle)
exports.build.write_view = reporting(STAGES[5], exports.build.write_view)

def run_build(target, argv, cores=None):
    global report
    read_end, report = os.pipe()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        if cores is not None:   # one: every step after the other; more: the store and outputs in threads
            exports.build.usable_cores = lambda: cores
        os.close(read_end)
        sys.stdin.close()
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os._exit(main(argv))
    os.close(report)
    stages, seen, buffer, deadline, hung, killed = [], {}, b"", None, False, False
    while True:
        now = time.monotonic()
        due = deadline is not None and now >= deadline
        if not killed and (due or now - started >= HUNG_AFTER):
            hung = not due
            os.kill(pid, signal.SIGKILL)   # the pipe's write end closes with the child: EOF follows
            killed = True
        wait = min(started + HUNG_AFTER, deadline if deadline is not None else started + HUNG_AFTER) - now
        ready, _, _ = select.select([read_end], [], [], None if killed else max(wait, 0))
        if not ready:
            continue
        chunk = os.read(read_end, 4096)
        if not chunk:
            break
        buffer += chunk
        *lines, buffer = buffer.split(b"\\n")
        for line in lines:
            stage = line.decode()
            stages.append([stage, time.monotonic() - started])
            seen[stage] = seen.get(stage, 0) + 1
            if target and deadline is None and not killed and (
                    STAGES.index(stage) > STAGES.index(target["stage"])
                    or stage == target["stage"] and seen[stage] >= target["occurrence"]):
                deadline = time.monotonic() + target["after"]
    os.close(read_end)
    _, status, usage = os.wait4(pid, 0)
    ended = time.monotonic() - started
    status = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
    return {"status": status, "stages": stages, "ended": ended, "cpu": usage.ru_utime + usage.ru_stime,
            "hung": hung}

for line in sys.stdin:
    print(json.dumps(run_build(*json.loads(line))), flush=True)
"""


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}


def build_process(paths: list[str], out: Path, *, batch: int = 0, kill_at: str = "") -> subprocess.Popen:
    """`diplograph build PATHS --out OUT -q` in a new process; `kill_at` names a GraphStore method that kills it."""
    return subprocess.Popen([sys.executable, "-c", _RUNNER, str(batch), kill_at, "build", *paths, "--out", str(out), "-q"],
                            env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


@dataclass(frozen=True)
class Run:
    """One build a Forker ran: how it ended and when it entered each stage."""
    status: int                             # exit status, or minus the signal that ended it
    stages: list[tuple[str, float]]         # (stage, seconds since the start), in order
    ended: float                            # seconds from the start to the end
    cpu: float                              # seconds of processor time it used

    @property
    def killed_in(self) -> str | None:
        """The stage a SIGKILL stopped the build in (None: not killed, or before any stage)."""
        return self.stages[-1][0] if self.status == -signal.SIGKILL and self.stages else None

    def spans(self, stage: str) -> list[float]:
        """How long each occurrence of `stage` lasted, in order."""
        ends = [at for _, at in self.stages[1:]] + [self.ended]
        return [end - at for (name, at), end in zip(self.stages, ends) if name == stage]


class Forker:
    """Builds in forked processes of one warm Python, to be killed at a moment of a chosen stage."""

    def __init__(self, *, batch: int, warm_with: Sequence[str] = (), hung_after: float = 600) -> None:
        """`warm_with`: files to extract once before any build, so that no build pays for what extraction
        loads on first use (every build is a fresh child: what it caches is lost with it)."""
        self.process = subprocess.Popen([sys.executable, "-c", _FORKER, str(batch), json.dumps(STAGES), str(hung_after),
                                         json.dumps(list(warm_with))],
                                        env=_env(), text=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def build(self, paths: list[str], out: Path, *, kill_in: str | None = None, occurrence: int = 1,
              kill_after: float = 0, cores: int | None = None) -> Run:
        """`diplograph build PATHS --out OUT -q`; with `kill_in`, sent SIGKILL `kill_after` seconds after
        the `occurrence`-th start of that stage (or the start of a later one), if it still runs. `cores`:
        as many as the build takes itself to have (exports.build.usable_cores; None: the machine's)."""
        target = None if kill_in is None else {"stage": kill_in, "occurrence": occurrence, "after": kill_after}
        self.process.stdin.write(json.dumps([target, ["build", *paths, "--out", str(out), "-q"], cores]) + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        if not answer:
            raise RuntimeError(f"the forking process ended (status {self.process.wait(timeout=30)})")
        run = json.loads(answer)
        assert not run["hung"], f"a build of {paths} still ran after the forker's limit: killed"
        return Run(run["status"], [(stage, at) for stage, at in run["stages"]], run["ended"], run["cpu"])

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=120)


def write_tiny_corpus(count: int, folder: Path, *, per_file: int = 50, seed: int = 16) -> list[str]:
    """`count` short articles (one sentence: a contact, its day, its topics) in JSONL files; returns the files."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus import article, gazetteer

    rng, people = random.Random(seed), gazetteer.load()
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for number in range(count):
        _, text, published = article(rng, people, number)
        lines.append(json.dumps({"id": str(number), "published": published.isoformat(),
                                 "text": f"{text.splitlines()[2]} ({number})"}, ensure_ascii=False))
    files = []
    for start in range(0, count, per_file):
        path = folder / f"{start:06d}.jsonl"
        path.write_text("\n".join(lines[start:start + per_file]) + "\n", encoding="utf-8")
        files.append(str(path))
    return files


def turtle_triples(path: Path) -> set[str]:
    """graph.ttl as a set of N-Triples lines (the graphs have no blank nodes: equal sets are isomorphic)."""
    return {str(t) for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)}

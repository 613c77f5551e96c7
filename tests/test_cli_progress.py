"""What a build, a validation and a push show while they work (issue 15, point 9)."""
from __future__ import annotations

import fcntl
import os
import pty
import re
import shutil
import struct
import subprocess
import termios

import pytest

from cli_helpers import ROOT, cli_env, command, run

EXAMPLES = ROOT / "examples" / "articles"


def on_a_terminal(*args: object) -> tuple[int, str]:
    """Run with standard error on a pseudo-terminal, as a user sees it; returns the status and all output."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 160, 0, 0))   # 160 columns, as a terminal
    process = subprocess.Popen([*command(), *map(str, args)], stdout=follower, stderr=follower, env=cli_env())
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:    # the terminal closed: the command ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    status = process.wait(timeout=300)
    output = b"".join(chunks).decode("utf-8", "replace")
    assert "Traceback" not in output, output
    return status, output


def test_the_bar_counts_articles_and_stays(tmp_path):
    status, output = on_a_terminal("build", EXAMPLES, "--out", tmp_path / "out")
    assert status == 0
    added = int(re.search(r"articles: (\d+) added", output).group(1))
    files = len(list(EXAMPLES.iterdir()))
    assert added > files      # the .jsonl files hold several articles each
    assert re.search(rf"\b{added}/{added} \[.*article", output), output
    last_bar = output.rindex(f"{added}/{added}")
    assert output.index("diplograph: loading the articles into the store") > last_bar


def test_every_step_and_a_summary(tmp_path):
    result = run("build", EXAMPLES, "--out", tmp_path / "out")
    steps = re.findall(r"^diplograph: (.+)…$", result.stderr, re.M)
    assert steps == ["loading the articles into the store", "merging reports of the same event and counting",
                     "compacting the store, writing graph.ttl and graph.html"]
    summary = re.search(r"took \d+\.\d s \((\d+\.\d) articles/s\)\ngraph: (\d+) people, (\d+) interactions, "
                        r"(\d+) statements; \d+ triples", result.stdout)
    assert summary, result.stdout
    assert float(summary.group(1)) > 0 and all(int(summary.group(n)) > 0 for n in (2, 3, 4))
    quiet = run("build", EXAMPLES / "fa_araghchi_lavrov_call.txt", "--out", tmp_path / "again", "-q")
    assert quiet.stdout == "" and quiet.stderr == ""


def test_validate_says_what_it_is_doing(tmp_path):
    assert run("build", EXAMPLES / "fa_araghchi_lavrov_call.txt", "--out", tmp_path / "out", "-q").returncode == 0
    result = run("validate", tmp_path / "out")
    steps = re.findall(r"^diplograph: (.+)…$", result.stderr, re.M)
    assert "checking the union against the article graphs" in steps and "reading the graph" in steps
    assert re.search(r"checking \d+ triples against the contract's shapes", result.stderr)


@pytest.mark.skipif(shutil.which("oxigraph") is None, reason="the oxigraph server is not installed")
def test_push_shows_a_bar_of_graphs(tmp_path):
    from server_helpers import oxigraph_server

    assert run("build", EXAMPLES / "fa_araghchi_lavrov_call.txt", "--out", tmp_path / "out", "-q").returncode == 0
    with oxigraph_server(tmp_path / "server") as base:
        status, output = on_a_terminal("push", tmp_path / "out", "--endpoint", f"{base}/store")
    assert status == 0
    assert re.search(r"\b4/4 \[.*graph", output), output    # the article, the topic scheme, the tallies, the gazetteer
    assert "pushed 4 graphs" in output

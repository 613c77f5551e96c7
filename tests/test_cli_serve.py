"""`diplograph serve` as a user starts and stops it (issue 15): taken ports, Ctrl-C."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess

import pytest

from cli_helpers import ROOT, cli_env, command, run
from server_helpers import free_port, wait_for

pytestmark = pytest.mark.skipif(shutil.which("oxigraph") is None, reason="the oxigraph server is not installed")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("serve") / "out"
    assert run("build", ROOT / "examples" / "articles" / "fa_araghchi_lavrov_call.txt", "--out", out, "-q"
               ).returncode == 0
    return out


@pytest.mark.parametrize("taken, option", [("endpoint", "--port"), ("view", "--view-port")])
def test_a_taken_port_is_named_before_anything_starts(built, taken, option):
    port, view_port = free_port(), free_port()
    with socket.create_server(("127.0.0.1", port if taken == "endpoint" else view_port)):
        result = run("serve", built, "--port", port, "--view-port", view_port, timeout=60)
    assert result.returncode == 2
    taken_port = port if taken == "endpoint" else view_port
    assert f"cannot listen on 127.0.0.1:{taken_port}" in result.stderr and option in result.stderr
    assert "Ctrl-C" not in result.stdout


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_a_normal_stop_exits_0_quietly(built, stop):
    port = free_port()
    # A child keeps an ignored SIGINT (a shell's background job ignores it, and so would `serve`, as every
    # program does); a handler is reset to the default at exec: the serve started here can be interrupted.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        server = subprocess.Popen([*command(), "serve", str(built), "--port", str(port), "--view-port", str(free_port())],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cli_env(),
                                  start_new_session=True)
    finally:
        signal.signal(signal.SIGINT, previous)
    try:
        wait_for(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D")
        os.killpg(server.pid, stop)    # to the whole group, as a terminal's Ctrl-C is
        out, err = server.communicate(timeout=30)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    assert server.returncode == 0, err
    assert "status" not in err and "Traceback" not in err and "interrupted" not in err
    assert "press Ctrl-C to stop" in out


def test_a_store_another_writable_serve_holds_is_a_clear_error(built, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(built, copy)
    port = free_port()
    first = subprocess.Popen([*command(), "serve", str(copy), "--writable", "--port", str(port),
                              "--view-port", str(free_port())], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             env=cli_env())
    try:
        wait_for(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D")
        second = run("serve", copy, "--writable", "--port", free_port(), "--view-port", free_port(), timeout=60)
    finally:
        first.terminate()
        first.wait(timeout=30)
    assert second.returncode == 2
    assert "before it answered" in second.stderr and "using the store" in second.stderr
    assert "Ctrl-C" not in second.stdout

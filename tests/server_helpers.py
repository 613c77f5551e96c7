"""A real Oxigraph server on a free loopback port, for the server tests and the push benchmark."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.request import urlopen


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urlopen(url, timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@contextmanager
def oxigraph_server(location: Path, *, union_default_graph: bool = False) -> Iterator[str]:
    """`oxigraph serve` on a new store at `location`; yields its base URL. Needs the oxigraph binary."""
    binary = shutil.which("oxigraph")
    if binary is None:
        raise FileNotFoundError("the oxigraph server is not installed (pip install oxigraph)")
    port = free_port()
    server = subprocess.Popen([binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}",
                               *(["--union-default-graph"] if union_default_graph else [])],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(f"http://127.0.0.1:{port}/")
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)


@contextmanager
def diplograph_serve(directory: Path, *extra: str) -> Iterator[tuple[str, int]]:
    """`diplograph serve DIR` (this checkout's code) on free loopback ports; yields the query page's base URL
    and the view port, once the endpoint answers."""
    port, view_port = free_port(), free_port()
    server = subprocess.Popen([sys.executable, "-m", "exports.cli", "serve", str(directory), "--port", str(port),
                               "--view-port", str(view_port), *extra], cwd=Path(__file__).resolve().parents[1],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D")
        yield f"http://127.0.0.1:{port}", view_port
    finally:
        server.terminate()
        server.wait(timeout=30)

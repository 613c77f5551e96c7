"""`diplograph serve`: a SPARQL 1.1 endpoint with a query UI over the store, and the HTML view beside it.

The endpoint is Oxigraph's own server (its home page is the YASGUI query
editor), read-only unless asked, on the loopback address by default. The
view is served by a tiny HTTP server that hands out graph.html and graph.ttl
and nothing else from DIR.
"""
from __future__ import annotations

import shutil
import signal
import subprocess
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from graph.store import STORE_DIR

SERVED_FILES = ("graph.html", "graph.ttl")


class ServeError(RuntimeError):
    pass


class _ViewHandler(SimpleHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        name = self.path.split("?", 1)[0].lstrip("/") or "graph.html"
        if name not in SERVED_FILES:
            self.send_error(404, "only graph.html and graph.ttl are served")
            return
        self.path = "/" + name
        super().do_GET()

    def log_message(self, *_: object) -> None:
        pass


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt


def oxigraph_command(directory: Path, host: str, port: int, writable: bool) -> list[str]:
    binary = shutil.which("oxigraph")
    if binary is None:
        raise ServeError("the oxigraph server is not installed (pip install oxigraph)")
    if not (directory / STORE_DIR).is_dir():
        raise ServeError(f"{directory} holds no diplograph store (run `diplograph build PATH --out {directory}` first)")
    return [binary, "serve" if writable else "serve-read-only", "--location", str(directory / STORE_DIR),
            "--bind", f"{host}:{port}"]


def serve(directory: Path, host: str, port: int, view_port: int, writable: bool = False) -> None:
    """Run until interrupted: Oxigraph on `port`, the view on `view_port`."""
    command = oxigraph_command(directory, host, port, writable)
    view = ThreadingHTTPServer((host, view_port), partial(_ViewHandler, directory=str(directory)))
    threading.Thread(target=view.serve_forever, daemon=True).start()
    print(f"SPARQL endpoint and query editor: http://{host}:{port}/  (queries at /query"
          f"{', updates at /update, graphs at /store' if writable else ', read-only'})")
    print(f"network view: http://{host}:{view_port}/graph.html")
    print("press Ctrl-C to stop", flush=True)
    server = subprocess.Popen(command)
    # A service manager stops us with SIGTERM: stop the Oxigraph child too, as Ctrl-C does.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.terminate()
        server.wait(timeout=10)
        view.shutdown()
    if server.returncode not in (0, -15, None):
        raise ServeError(f"oxigraph stopped with status {server.returncode}")

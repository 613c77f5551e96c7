"""`diplograph serve`: a SPARQL 1.1 endpoint with a query UI over the store, and the HTML view beside it.

The endpoint is Oxigraph's own server, read-only unless asked, on the
loopback address by default, behind query_page.py's small server, which
answers `/` with a query editor that fetches nothing from the internet. The
view is served by a tiny HTTP server that hands out graph.html and graph.ttl
and nothing else from DIR.
"""
from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from graph.store import STORE_DIR

from .query_page import QueryPageServer

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


def _query_server(host: str, port: int, oxigraph_port: int, writable: bool) -> QueryPageServer:
    """The user's endpoint, bound before anything starts: a taken port is named before our banner."""
    try:
        return QueryPageServer((host, port), ("127.0.0.1", oxigraph_port), writable)
    except OSError as exc:
        raise ServeError(f"cannot listen on {host}:{port} ({exc.strerror or exc}); is another server using it? "
                         "choose another port with --port") from None


def _loopback_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return probe.getsockname()[1]


def _view_server(directory: Path, host: str, view_port: int) -> ThreadingHTTPServer:
    try:
        return ThreadingHTTPServer((host, view_port), partial(_ViewHandler, directory=str(directory)))
    except OSError as exc:
        raise ServeError(f"cannot listen on {host}:{view_port} for the view ({exc.strerror or exc}); "
                         "is another server using it? choose another port with --view-port") from None


def serve(directory: Path, host: str, port: int, view_port: int, writable: bool = False) -> None:
    """Run until interrupted (Ctrl-C or SIGTERM, a normal stop): Oxigraph on `port`, the view on `view_port`."""
    oxigraph_port = _loopback_port()
    command = oxigraph_command(directory, "127.0.0.1", oxigraph_port, writable)
    if port == view_port:
        raise ServeError(f"the endpoint and the view need two ports: --view-port {view_port} is --port")
    endpoint = _query_server(host, port, oxigraph_port, writable)
    try:
        view = _view_server(directory, host, view_port)
    except ServeError:
        endpoint.server_close()
        raise
    for server_ in (endpoint, view):
        threading.Thread(target=server_.serve_forever, daemon=True).start()
    print(f"SPARQL endpoint and query editor: http://{host}:{port}/  (queries at /query"
          f"{', updates at /update, graphs at /store' if writable else ', read-only'})")
    print(f"network view: http://{host}:{view_port}/graph.html")
    print("press Ctrl-C to stop", flush=True)
    # Oxigraph's own messages name its loopback port, not the user's: kept, and shown only if it fails.
    oxigraph_log = tempfile.TemporaryFile()
    server = subprocess.Popen(command, stdout=oxigraph_log, stderr=oxigraph_log)
    # A service manager stops us with SIGTERM: stop the Oxigraph child too, as Ctrl-C does.
    signal.signal(signal.SIGTERM, _interrupt)
    stopped = False
    try:
        server.wait()
    except KeyboardInterrupt:
        stopped = True     # asked to stop: whatever status Ctrl-C left the child, this is a normal end
    finally:
        server.terminate()
        server.wait(timeout=10)
        view.shutdown()
        endpoint.shutdown()
    oxigraph_log.seek(0)
    said = oxigraph_log.read().decode("utf-8", "replace").strip()
    oxigraph_log.close()
    if not stopped:
        raise ServeError(f"oxigraph stopped with status {server.returncode}" + (f": {said}" if said else ""))

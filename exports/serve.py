"""`diplograph serve`: a SPARQL 1.1 endpoint with a query UI over the store, and the HTML view beside it.

The endpoint is Oxigraph's own server (its home page is the YASGUI query
editor), read-only unless asked, on the loopback address by default. The
view is served by a tiny HTTP server that hands out graph.html and graph.ttl
and nothing else from DIR.
"""
from __future__ import annotations

import shutil
import signal
import socket
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


def _refuse_taken(host: str, port: int, option: str) -> None:
    """Say which port is taken before anything starts (Oxigraph would only fail after our banner)."""
    try:
        with socket.create_server((host, port)):
            pass
    except OSError as exc:
        raise ServeError(f"cannot listen on {host}:{port} ({exc.strerror or exc}); is another server using it? "
                         f"choose another port with {option}") from None


def _view_server(directory: Path, host: str, view_port: int) -> ThreadingHTTPServer:
    try:
        return ThreadingHTTPServer((host, view_port), partial(_ViewHandler, directory=str(directory)))
    except OSError as exc:
        raise ServeError(f"cannot listen on {host}:{view_port} for the view ({exc.strerror or exc}); "
                         "is another server using it? choose another port with --view-port") from None


def serve(directory: Path, host: str, port: int, view_port: int, writable: bool = False) -> None:
    """Run until interrupted (Ctrl-C or SIGTERM, a normal stop): Oxigraph on `port`, the view on `view_port`."""
    command = oxigraph_command(directory, host, port, writable)
    if port == view_port:
        raise ServeError(f"the endpoint and the view need two ports: --view-port {view_port} is --port")
    _refuse_taken(host, port, "--port")
    view = _view_server(directory, host, view_port)
    threading.Thread(target=view.serve_forever, daemon=True).start()
    print(f"SPARQL endpoint and query editor: http://{host}:{port}/  (queries at /query"
          f"{', updates at /update, graphs at /store' if writable else ', read-only'})")
    print(f"network view: http://{host}:{view_port}/graph.html")
    print("press Ctrl-C to stop", flush=True)
    server = subprocess.Popen(command)
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
    if not stopped and server.returncode != 0:
        raise ServeError(f"oxigraph stopped with status {server.returncode} (its message is above)")

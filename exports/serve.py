"""`diplograph serve`: a SPARQL 1.1 endpoint with our own query page over the store, and the HTML view beside it.

The endpoint is Oxigraph's server, read-only unless asked, listening on a
private loopback port behind our front server (guard.py) on the loopback
address by default: the front server answers `/` with our query page
(query_page.py, which fetches nothing from anywhere), passes the SPARQL
protocol through and refuses other sites' requests. The view is served by a
tiny HTTP server that hands out graph.html and graph.ttl and nothing else
from DIR. The Oxigraph child is told to stop when this process dies, even by
`kill -9`, so it never keeps the store's lock. Oxigraph reads the store as it
was when it started: articles a later build adds are not seen until `serve`
starts again.
"""
from __future__ import annotations

import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import IO

from graph.store import STORE_DIR, GraphStore, StoreError
from graph.turtle_chunks import forget_chunks

from .guard import front_server, is_loopback
from .query_page import render_query_page

SERVED_FILES = ("graph.html", "graph.ttl")
STARTUP_SECONDS = 60    # for Oxigraph to open a big store and listen


class ServeError(RuntimeError):
    pass


class _ViewHandler(SimpleHTTPRequestHandler):
    def _only_served_files(self) -> bool:
        name = self.path.split("?", 1)[0].lstrip("/") or "graph.html"
        if name not in SERVED_FILES:
            self.send_error(404, "only graph.html and graph.ttl are served")
            return False
        self.path = "/" + name
        return True

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        if self._only_served_files():
            super().do_GET()

    def do_HEAD(self) -> None:  # noqa: N802
        if self._only_served_files():
            super().do_HEAD()

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


def _stop_with_parent() -> None:
    """In the child, before exec: SIGTERM when the parent dies (Linux prctl PR_SET_PDEATHSIG)."""
    parent = os.getppid()
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent:    # the parent died before the request took hold
        os._exit(1)


def _free_loopback_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _refuse_taken(host: str, port: int, option: str) -> None:
    """Name a taken port before anything starts (Oxigraph would fail only after our banner)."""
    try:
        with socket.create_server((host, port)):
            pass
    except OSError as exc:
        raise ServeError(f"cannot listen on {host}:{port} ({exc.strerror or exc}); is another server using it? "
                         f"choose another port with {option}") from None


def beyond_loopback_warning(host: str, port: int, writable: bool) -> str | None:
    if is_loopback(host):
        return None
    power = ("change and delete the graph (--writable; requests naming another host or coming from another "
             "site's page are refused, anything else is not)" if writable else "read the whole graph")
    return (f"diplograph: WARNING: listening on {host or 'every address'}, beyond this machine: anyone who can "
            f"reach port {port} can {power}. Use --host 127.0.0.1 unless you mean it.")


def _pass_on_messages(stream: IO[str]) -> None:
    """Oxigraph's messages to our standard error, but its "Listening for requests at" line: that names the
    private port behind the front server, not the one to open."""
    for line in stream:
        if not line.startswith("Listening for requests at"):
            sys.stderr.write(line)
            sys.stderr.flush()


def _wait_until_listening(server: subprocess.Popen, port: int) -> None:
    """Until Oxigraph accepts connections, so that the first query through the front server is answered."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while server.poll() is None:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise ServeError(f"oxigraph did not start listening within {STARTUP_SECONDS} s") from None
            time.sleep(0.05)
    raise ServeError(f"oxigraph stopped with status {server.returncode} before it answered (its message is above; "
                     "is another `diplograph serve --writable` or a build using the store?)")


def _mark_all_derived_stale(directory: Path) -> None:
    """SPARQL updates leave no marks either: the next build merges and counts everything again. A store
    that cannot be opened (another writable serve holds it) is left to the server's start to report."""
    if not (directory / STORE_DIR).is_dir():
        return
    try:
        with GraphStore(directory) as store:
            store.mark_all_derived_stale()
    except StoreError:
        pass


def serve(directory: Path, host: str, port: int, view_port: int, writable: bool = False) -> None:
    """Run until interrupted (Ctrl-C or SIGTERM: a normal stop): the front server with the query page on `port`,
    Oxigraph behind it, the view on `view_port`."""
    oxigraph_port = _free_loopback_port()
    command = oxigraph_command(directory, "127.0.0.1", oxigraph_port, writable)
    if port == view_port:
        raise ServeError(f"the endpoint and the view need two ports: --view-port {view_port} is --port")
    for taken, option in ((port, "--port"), (view_port, "--view-port")):
        _refuse_taken(host, taken, option)
    page = render_query_page(view_port, writable)
    warning = beyond_loopback_warning(host, port, writable)
    if warning:
        print(warning, file=sys.stderr, flush=True)
    if writable:
        forget_chunks(directory)    # updates leave graph.ttl's chunks no marks: the next build writes them all
        _mark_all_derived_stale(directory)
    # Started before any thread of ours: a child forked from a threaded process may only exec.
    server = subprocess.Popen(command, preexec_fn=_stop_with_parent if sys.platform.startswith("linux") else None,
                              stderr=subprocess.PIPE, text=True, errors="replace")
    threading.Thread(target=_pass_on_messages, args=(server.stderr,), daemon=True).start()
    services: list[ThreadingHTTPServer] = []
    try:
        _wait_until_listening(server, oxigraph_port)
        services.append(ThreadingHTTPServer((host, view_port), partial(_ViewHandler, directory=str(directory))))
        services.append(front_server(host, port, ("127.0.0.1", oxigraph_port), page, writable))
    except (OSError, ServeError, KeyboardInterrupt) as exc:
        for service in services:
            service.server_close()
        server.terminate()
        server.wait(timeout=10)
        if isinstance(exc, KeyboardInterrupt):
            return
        if isinstance(exc, ServeError):
            raise
        raise ServeError(f"cannot listen on {host} port {port} or {view_port}: {exc.strerror or exc}") from None
    print(f"SPARQL query page: http://{host}:{port}/  (the SPARQL protocol at /query"
          f"{', updates at /update, graphs at /store' if writable else ', read-only'})")
    print(f"network view: http://{host}:{view_port}/graph.html")
    print("answers from the store as it is now: after another build into it, start serve again")
    print("press Ctrl-C to stop", flush=True)
    # A service manager stops us with SIGTERM: stop the Oxigraph child too, as Ctrl-C does. Set, and the
    # lines above printed, before anything answers: whoever stops us once it answers gets a normal stop.
    signal.signal(signal.SIGTERM, _interrupt)
    stopped = False
    serving: list[ThreadingHTTPServer] = []    # shutdown() waits for serve_forever: only those started
    try:
        for service in services:
            threading.Thread(target=service.serve_forever, daemon=True).start()
            serving.append(service)
        server.wait()
    except KeyboardInterrupt:
        stopped = True     # asked to stop: whatever status Ctrl-C left the child, this is a normal end
    finally:
        server.terminate()
        server.wait(timeout=10)
        for service in serving:
            service.shutdown()
    if not stopped and server.returncode != 0:
        raise ServeError(f"oxigraph stopped with status {server.returncode}")

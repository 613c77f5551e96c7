"""The front server of `diplograph serve`: every request goes through it, and only the server's own pages may write.

Oxigraph answers any request, and a browser lets any web page send a form
POST to a loopback port: a page open in the user's browser could `DROP ALL`,
or make the server fetch with SERVICE. The front server refuses (403) a
request whose `Host` is not one of the server's own names (a DNS-rebinding
page names its own host) or whose `Origin` is another site's. It answers `/`
with our own query page (query_page.py), passes `/query` (and, with
--writable, `/update` and `/store`; read-only, only reads of `/store`) to
Oxigraph unchanged, streaming both ways, and nothing else. A request with no
`Origin` (curl, `diplograph push`, scripts) is not a browser's cross-site
request and passes.
"""
from __future__ import annotations

import http.client
import ipaddress
import socket
from collections.abc import Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from .query_page import QueryPage

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
WILDCARDS = ("", "0.0.0.0", "::")
# Connection-level headers: each side of the proxy has its own connection.
_HOP_BY_HOP = frozenset({"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer",
                         "upgrade", "proxy-authenticate", "proxy-authorization"})
_CHUNK = 64 * 1024
PAGE_PATHS = ("/", "/index.html")
READS = ("GET", "HEAD")


def is_loopback(host: str) -> bool:
    """True when `host` (an address or a name) reaches only this machine."""
    if host in WILDCARDS:
        return False
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except OSError:
        return False
    return bool(addresses) and all(ipaddress.ip_address(a.split("%")[0]).is_loopback for a in addresses)


def own_hosts(host: str, port: int) -> frozenset[str]:
    """The `Host` header values that name this server: its loopback names, and when it listens
    beyond loopback, the address it is bound to and this machine's names and addresses."""
    names = set(LOOPBACK_NAMES)
    if host not in WILDCARDS:
        names.add(f"[{host}]" if ":" in host else host)
    if not is_loopback(host):
        names |= _machine_names()
    values = {f"{name}:{port}".lower() for name in names}
    if port == 80:
        values |= {name.lower() for name in names}
    return frozenset(values)


def _machine_names() -> set[str]:
    names = {socket.gethostname(), socket.getfqdn()}
    try:
        names |= {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None)}
    except OSError:
        pass
    return {f"[{n}]" if ":" in n else n for n in names if n}


def refusal(headers: "http.client.HTTPMessage", allowed: Iterable[str]) -> str | None:
    """Why a request with these headers is refused, or None when it may pass."""
    allowed = frozenset(allowed)
    host = (headers.get("Host") or "").strip().lower()
    if host not in allowed:
        return f"Host {host or '(none)'!r} is not this server"
    origin = headers.get("Origin")
    if origin is not None and origin.strip().lower().removeprefix("http://") not in allowed:
        return f"Origin {origin!r} is not this server"
    if (headers.get("Sec-Fetch-Site") or "").lower() == "cross-site":
        return "a cross-site request"
    return None


class _FrontHandler(BaseHTTPRequestHandler):
    backend: tuple[str, int]
    allowed: frozenset[str]
    page: QueryPage
    writable: bool

    def _handle(self) -> None:
        why = refusal(self.headers, self.allowed)
        if why is not None:
            self.send_error(403, f"refused: {why} (diplograph serve accepts only its own pages)")
            return
        path = urlsplit(self.path).path
        if path in PAGE_PATHS and self.command in READS:
            self._send_page()
        elif path == "/query" or (path == "/store" and self.command in READS):
            self._forward()
        elif path in ("/update", "/store"):
            if self.writable:
                self._forward()
            else:
                self.send_error(403, "read-only: start `diplograph serve --writable` to change the graph")
        else:
            self.send_error(404, "diplograph serve answers /, /query, /update and /store")

    def _send_page(self) -> None:
        body = self.page.html.encode("utf-8")
        self.send_response(200)
        for name, value in (("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body))),
                            ("Content-Security-Policy", self.page.content_security_policy),
                            ("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer"),
                            ("X-Frame-Options", "DENY"), ("Cache-Control", "no-store")):
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _forward(self) -> None:
        body = self._body()
        backend = http.client.HTTPConnection(*self.backend)
        try:
            headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
            if body is not None:
                headers["Content-Length"] = str(len(body))
            backend.request(self.command, self.path, body=body, headers=headers)
            answer = backend.getresponse()
            self.send_response(answer.status, answer.reason)
            for name, value in answer.getheaders():
                if name.lower() not in _HOP_BY_HOP | {"server", "date"}:
                    self.send_header(name, value)
            self.send_header("Connection", "close")
            self.end_headers()
            while chunk := answer.read(_CHUNK):
                self.wfile.write(chunk)
        except OSError as exc:
            self.send_error(502, f"the SPARQL server did not answer ({exc})")
        finally:
            backend.close()

    def _body(self) -> bytes | None:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            parts = []
            while size := int(self.rfile.readline().split(b";")[0].strip() or b"0", 16):
                parts.append(self.rfile.read(size))
                self.rfile.readline()
            while self.rfile.readline().strip():   # trailers
                pass
            return b"".join(parts)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else None

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_OPTIONS = do_PATCH = _handle  # noqa: N815

    def log_message(self, *_: object) -> None:
        pass


def front_server(host: str, port: int, backend: tuple[str, int], page: QueryPage, writable: bool
                 ) -> ThreadingHTTPServer:
    """The front server on host:port: `page` at `/`, the SPARQL protocol passed to the Oxigraph server at `backend`
    (updates only when `writable`), foreign Host and Origin headers refused."""
    handler = type("FrontHandler", (_FrontHandler,), {"backend": backend, "allowed": own_hosts(host, port),
                                                      "page": page, "writable": writable})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server

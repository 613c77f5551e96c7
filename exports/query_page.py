"""The endpoint a user opens: our own query editor page at `/`, everything else passed to Oxigraph.

Oxigraph's home page is YASGUI set to complete prefixes from prefix.cc and
terms from LOV, over the internet, as soon as it opens. Nothing may be
fetched at run time, so `serve` puts this small server on the user's port:
`/` is the same editor (Oxigraph's own YASGUI files) with those completions
off, our prefixes declared and a named query as the example; every other
request (/query, /update, /store, the editor's files) goes to Oxigraph on a
loopback port unchanged, and its answer comes back as it streams.
"""
from __future__ import annotations

import http.client
import json
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from graph.assemble import PREFIXES
from graph.sparql import named_queries

TEMPLATE = Path(__file__).parent / "templates" / "query.html"
EXAMPLE_QUERY = "who-spoke-with"      # the named query the editor opens with
EXAMPLE_PARAMS = {"person": "Lavrov"}
OFFLINE_COMPLETIONS = ("variables",)  # YASQE completers that read only the query being typed
_HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
               "transfer-encoding", "upgrade", "host"}
_CHUNK = 64 * 1024


def example_query() -> str:
    """The prefixes the graph uses, then a named query with its parameters filled in, comments dropped."""
    query = named_queries()[EXAMPLE_QUERY]
    text = query.text
    for name, value in EXAMPLE_PARAMS.items():
        text = text.replace(f"${name}", json.dumps(value, ensure_ascii=False))
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    prologue = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in sorted(PREFIXES.items()))
    return f"# {query.summary}\n{prologue}\n{body.strip()}\n"


@cache
def page(writable: bool) -> bytes:
    config = {"example": example_query(), "offline_completions": list(OFFLINE_COMPLETIONS),
              "endpoints": ["/query", "/update"] if writable else ["/query"], "persistence_id": "diplograph-query"}
    embedded = json.dumps(config, ensure_ascii=False).replace("</", "<\\/")
    return TEMPLATE.read_text(encoding="utf-8").replace("$CONFIG", embedded).encode("utf-8")


class QueryPageHandler(BaseHTTPRequestHandler):
    """`/` → our page; anything else → the Oxigraph server at `self.server.upstream` (host, port)."""

    server: "QueryPageServer"

    def _send_page(self, with_body: bool) -> None:
        body = page(self.server.writable)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def _forward(self) -> None:
        length = self.headers.get("Content-Length")
        if length is None and self.headers.get("Transfer-Encoding"):
            self.send_error(411, "send a Content-Length")
            return
        body = self.rfile.read(int(length)) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
        upstream = http.client.HTTPConnection(*self.server.upstream, timeout=self.server.timeout_s)
        try:
            try:
                upstream.request(self.command, self.path, body=body, headers=headers)
                answer = upstream.getresponse()
            except OSError:
                self.send_error(503, "the SPARQL server is not answering (starting, or stopped)")
                return
            self.send_response(answer.status, answer.reason)
            for name, value in answer.getheaders():
                if name.lower() not in _HOP_BY_HOP:
                    self.send_header(name, value)
            self.end_headers()
            while chunk := answer.read(_CHUNK):
                self.wfile.write(chunk)
        except OSError:
            self.close_connection = True     # the client went away, or Oxigraph did: nothing to add
        finally:
            upstream.close()

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        if self.path.split("?", 1)[0] in ("/", "/index.html"):
            self._send_page(True)
        else:
            self._forward()

    def do_HEAD(self) -> None:  # noqa: N802
        if self.path.split("?", 1)[0] in ("/", "/index.html"):
            self._send_page(False)
        else:
            self._forward()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _forward  # noqa: N815

    def log_message(self, *_: object) -> None:
        pass


class QueryPageServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], upstream: tuple[str, int], writable: bool,
                 timeout_s: float = 3600) -> None:
        super().__init__(address, QueryPageHandler)
        self.upstream, self.writable, self.timeout_s = upstream, writable, timeout_s

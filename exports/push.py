"""`diplograph push`: send the graph to any SPARQL 1.1 Graph Store Protocol endpoint.

One HTTP PUT per named graph (each article, the topic scheme, the tallies and the gazetteer's
descriptions of what the articles name), so the server keeps the provenance and pushing again
replaces rather than duplicates.
Works with Oxigraph (`/store`), Fuseki (`/DATASET/data`), GraphDB and Virtuoso.
"""
from __future__ import annotations

import base64
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

from graph.store import DERIVED_GRAPHS, GraphStore


class PushError(RuntimeError):
    """The endpoint refused or could not be reached; the message says which graph and why."""


@dataclass(slots=True)
class PushReport:
    graphs: int = 0
    bytes_sent: int = 0


def push(store: GraphStore, endpoint: str, *, user: str | None = None, password: str | None = None,
         timeout: float = 60, connections: int = 4, on_sent: Callable[[int], None] | None = None) -> PushReport:
    """PUT every graph of the store, `connections` requests at a time; `on_sent(1)` after each.

    One request at a time leaves a server mostly waiting on its own disk: against Oxigraph on two
    cores, 2,000 article graphs took 35 s one at a time and 17 s four at a time. The graphs are
    read from the store in this thread and at most two per connection wait in memory.
    """
    report = PushReport()
    headers = {"Content-Type": "application/n-triples"}
    if user is not None:
        token = base64.b64encode(f"{user}:{password or ''}".encode()).decode()
        headers["Authorization"] = f"Basic {token}"

    def put(graph: str, data: bytes) -> int:
        url = endpoint + ("&" if "?" in endpoint else "?") + urlencode({"graph": graph})
        request = Request(url, data=data, method="PUT", headers=headers)
        try:
            with urlopen(request, timeout=timeout) as response:
                response.read()
        except HTTPError as exc:
            raise PushError(f"{endpoint} refused graph {graph}: HTTP {exc.code} {exc.reason}") from None
        except (URLError, OSError) as exc:
            raise PushError(f"cannot reach {endpoint}: {getattr(exc, 'reason', exc)}") from None
        return len(data)

    sent = on_sent or (lambda _: None)
    graphs = store.article_graphs() + [g for g in DERIVED_GRAPHS if store.has_graph(g)]
    connections = max(1, connections)
    with ThreadPoolExecutor(max_workers=connections, thread_name_prefix="diplograph-push") as pool:
        sending: deque[Future[int]] = deque()
        try:
            for graph in graphs:
                sending.append(pool.submit(put, graph, store.graph_ntriples(graph)))
                if len(sending) >= 2 * connections:
                    report.bytes_sent += sending.popleft().result()
                    report.graphs += 1
                    sent(1)
            while sending:
                report.bytes_sent += sending.popleft().result()
                report.graphs += 1
                sent(1)
        finally:
            for request in sending:   # after a failure, send nothing more
                request.cancel()
    return report

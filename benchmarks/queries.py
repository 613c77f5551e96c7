"""Time each named query on a built store (issue 7: each under 1 s at 10M triples).

    python benchmarks/queries.py /tmp/diplograph-bench/out-100000-build
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from graph import sparql
from graph.store import GraphStore

PARAMS = {"person": "Lavrov", "a": "Lavrov", "b": "Araghchi"}


def main() -> None:
    directory = Path(sys.argv[1])
    with GraphStore(directory, read_only=True) as store:
        started = time.perf_counter()
        triples = store.triple_count()
        print(f"store: {triples} distinct triples (counted in {time.perf_counter() - started:.1f} s)")
        for query in sparql.named_queries().values():
            params = {name: PARAMS[name] for name in query.params}
            started = time.perf_counter()
            table = sparql.run_named(store, query.name, params)
            print(f"{query.name:28} {time.perf_counter() - started:7.3f} s  {len(table.rows):6d} rows")


if __name__ == "__main__":
    main()

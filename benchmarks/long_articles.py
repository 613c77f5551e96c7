"""One very long article: time and peak memory of extraction beside the floor, at several sizes.

For each size it writes one synthetic article (benchmarks/long_article.py) and measures, each in
a fresh process so peak memory is its own:
  floor    read the file and normalise its text (decode, segment, fold with offsets), nothing else
  extract  the whole of what a build does to one file before the store: read, analyse, extract
           facts (in windows), make its triples (exports.executors.extract_file)
and prints one row per size with seconds and peak resident memory, each also per megabyte and as
a ratio to the floor, so that linear growth shows as constant per-megabyte figures.

    python benchmarks/long_articles.py 5000000 50000000 [--one-line] [--language en]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

_MEASURE = """
import json, resource, sys, time
from dataclasses import replace
from extract.limits import default_limits
limits = replace(default_limits(), max_article_bytes=1 << 40, max_seconds_per_article=0)
start = time.perf_counter()
if sys.argv[1] == "floor":
    from extract.ingest import read_documents
    from extract.normalize import fold_with_offsets
    from extract.reader import to_article
    for document in read_documents(sys.argv[2], limits):
        article = to_article(document)
        fold_with_offsets(article.text)
else:
    from exports.executors import extract_file
    results = extract_file(sys.argv[2], limits)
    assert all(isinstance(r, tuple) for r in results), results
print(json.dumps({"seconds": time.perf_counter() - start,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _measure(step: str, path: Path) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", _MEASURE, step, str(path)], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    if done.returncode != 0:
        raise SystemExit(f"{step} failed on {path}:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="+", type=int, help="article sizes in bytes")
    parser.add_argument("--language", default="en")
    parser.add_argument("--one-line", action="store_true", help="articles with no newline at all")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    sys.path.insert(0, str(ROOT))
    from long_article import long_article

    print(f"{'size':>8} {'floor s':>8} {'floor MB':>9} {'extract s':>10} {'s/MB':>6} {'x floor':>8} "
          f"{'peak MB':>8} {'MB/MB':>6}")
    with tempfile.TemporaryDirectory(prefix="diplograph-long-") as folder:
        for size in args.sizes:
            path = Path(folder) / f"long-{size}.txt"
            path.write_text(long_article(size, args.language, one_line=args.one_line), encoding="utf-8")
            megabytes = path.stat().st_size / 1e6
            floor, work = _measure("floor", path), _measure("extract", path)
            print(f"{megabytes:>6.1f}MB {floor['seconds']:>8.1f} {floor['peak_mb']:>9.0f} {work['seconds']:>10.1f} "
                  f"{work['seconds'] / megabytes:>6.2f} {work['seconds'] / floor['seconds']:>8.1f} "
                  f"{work['peak_mb']:>8.0f} {work['peak_mb'] / megabytes:>6.1f}", flush=True)
            path.unlink()


if __name__ == "__main__":
    main()

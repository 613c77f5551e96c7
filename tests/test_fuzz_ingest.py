"""Property-based fuzzing of ingest (issue 16): random bytes, text in many encodings, JSON lines
of any structure and special files (pipes, links to devices, dangling links) beside one good
article. Whatever the inputs, no exception escapes, every input file is either read or named in
a problem, and the good article is always extracted. Bounded to well under a minute."""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exports.executors import extract_file
from extract.ingest import InputProblem, discover

GOOD = "Russian Foreign Minister Sergey Lavrov met Turkish Foreign Minister Hakan Fidan in Ankara on Monday.\n"
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1256", "cp1251", "latin-1")
SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".TXT")
# Inputs found to break ingest before: kept as examples so every run tries them.
KNOWN_HOSTILE = (
    b"\xff\xfe" + "Lavrov".encode("utf-16-le") + b"x",
    b"[" * 100_000 + b"]" * 100_000,
    b'{"text": "Lavrov \\ud800 met Fidan", "title": "\\udfff"}',
    b"\xef\xbb\xbf\xff\xfe",
    ("\u200b" * 30).encode(),
    GOOD.encode()[:40] + b"\x00" + GOOD.encode()[40:],
)

words = st.text(alphabet=st.sampled_from(list("abc Лавров لافروف لاوروف\n.،,\u200c\u00a0<>&\"'{}[]\\\x00\x1b")), max_size=300)
any_text = st.one_of(words, st.text(max_size=300), st.just(GOOD))
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | any_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(["text", "html", "title", "id", "published", "url", "x"]), inner, max_size=5),
    max_leaves=12)
encoded_text = st.builds(lambda text, codec: text.encode(codec, errors="replace"), any_text, st.sampled_from(ENCODINGS))
jsonl = st.builds(lambda values, ascii_only: "\n".join(json.dumps(v, ensure_ascii=ascii_only) for v in values).encode(),
                  st.lists(json_values, max_size=4), st.booleans())
payloads = st.one_of(st.binary(max_size=600), encoded_text, jsonl, st.sampled_from(KNOWN_HOSTILE),
                     st.builds(lambda data, cut: data[:cut], encoded_text, st.integers(0, 50)))
files = st.lists(st.tuples(st.sampled_from(("regular",) * 6 + ("pipe", "device", "dangling", "folder")),
                           st.sampled_from(SUFFIXES), payloads), max_size=4)


def _make(folder: Path, index: int, kind: str, suffix: str, data: bytes) -> Path:
    path = folder / f"f{index}{suffix}"
    if kind == "regular":
        path.write_bytes(data)
    elif kind == "pipe":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/zero")
    elif kind == "dangling":
        path.symlink_to(folder / "nowhere")
    else:
        path.mkdir()
        (path / f"inner{suffix}").write_bytes(data)
    return path


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(files)
def test_ingest_never_raises_names_every_bad_input_and_builds_the_good_one(specs):
    folder = Path(tempfile.mkdtemp(prefix="diplograph-fuzz-"))
    try:
        (folder / "good.txt").write_text(GOOD, encoding="utf-8")
        for index, (kind, suffix, data) in enumerate(specs):
            _make(folder, index, kind, suffix, data)
        found = list(discover([str(folder)]))
        problems = [f for f in found if isinstance(f, InputProblem)]
        outcome: dict[str, list] = {f: extract_file(f) for f in found if isinstance(f, str)}
        for path, results in outcome.items():
            assert results, f"{path}: neither read nor named"
            for result in results:
                assert isinstance(result, tuple) or (result.path == path and result.reason), result
                if isinstance(result, InputProblem):
                    assert "please report this as a bug" not in result.reason, result
                    str(result).encode("utf-8")          # printable, whatever the name or the reason
        named = set(outcome) | {p.path for p in problems}
        for index, (kind, suffix, _) in enumerate(specs):
            path = str(folder / f"f{index}{suffix}")
            if kind != "folder":
                assert path in named, f"{path} ({kind}) is neither read nor named"
        assert any(isinstance(r, tuple) for r in outcome[str(folder / "good.txt")])
    finally:
        shutil.rmtree(folder)

"""Whether graph.html already shows the graph: a build that changed nothing keeps the view it wrote.

The view costs what the store holds (it reads the interactions of its window back, then lays them out:
8 s CPU at 10,000 articles), and `graph.ttl` now costs only what changed (graph/turtle_chunks.py):
without this, a build that adds nothing would still spend most of its time redrawing the same page.

The view is a function of the graph, its language and the code that draws it. After every build,
`DIR/.graph.html.state.json` records, for the graph.html it wrote, the digest of the Turtle chunks'
manifest (equal digests mean the same chunks, so the same graph), the language, a digest of the view's
code and libraries, a digest of the page's bytes and what the page shows. The next build keeps the page
only when all of these still hold; anything else — another language, a newer diplograph, a page written
or edited by anything else (`diplograph view` into DIR, a user), a full rewrite of the chunks (no manifest
to trust), a state file missing or unreadable — writes the view again. The state is written after the
page, so a process killed between the two leaves an old state that no longer matches the page.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

from extract.fileio import write_atomically
from graph.turtle_chunks import TurtleReport

from .view_model import Shown

STATE_FILE = ".graph.html.state.json"
FORMAT = 2     # 2: with the graph's counts
# The modules that draw the page (html_view.py and the project modules it imports; a test keeps this whole).
_VIEW_MODULES = ("html_view.py", "page_scripts.py", "view_colours.py", "view_language.py", "view_layout.py",
                 "view_model.py", "view_records.py", "view_select.py", "view_state.py")
_VIEW_LIBRARIES = ("pyvis", "networkx", "babel", "jinja2", "rdflib", "pyoxigraph")


@dataclass(frozen=True, slots=True)
class GraphFigures:
    """What the build reports of the graph it leaves: its triples, and its people, interactions, statements."""
    triples: int
    counts: dict[str, int]


@dataclass(frozen=True, slots=True)
class RecordedView:
    """graph.html as the last build left it: drawn from the graph whose chunks' manifest has this digest,
    with that graph's figures (counted once per graph too: each count is a pass over the store)."""
    graph: str
    shown: Shown | None
    figures: GraphFigures

    def shows(self, turtle: TurtleReport) -> bool:
        """Whether the graph just written as `turtle` is the one this page was drawn from. Not after a full
        rewrite: with no manifest to go on (`serve --writable` deletes it before it lets SPARQL updates
        in), chunks are numbered from 0 again, and a changed graph could give the manifest of an old one."""
        return not turtle.full and turtle.digest == self.graph


def recorded_view(out_dir: Path, page: Path, language: str) -> RecordedView | None:
    """What the state file records of `page`, if the page is the one recorded, in `language`, drawn by
    this code; else None (the view has to be written whatever the graph)."""
    try:
        state = json.loads((Path(out_dir) / STATE_FILE).read_text(encoding="utf-8"))
        if (state.get("format"), state.get("language"), state.get("code")) != (FORMAT, language, code_digest()):
            return None
        if _file_digest(page) != state["page"]:
            return None
        shown, counts = state["shown"], state["counts"]
        if not (isinstance(counts, dict) and all(isinstance(n, int) for n in counts.values())
                and isinstance(state["triples"], int)):
            return None
        return RecordedView(str(state["graph"]), Shown(**shown) if shown is not None else None,
                            GraphFigures(state["triples"], counts))
    except (OSError, ValueError, TypeError, KeyError, AttributeError):   # no state, or not one this code wrote
        return None


def remember_view(out_dir: Path, page: Path, turtle: TurtleReport, language: str, shown: Shown | None,
                  figures: GraphFigures) -> None:
    """Record that `page`, as it is now, was drawn from the graph written as `turtle` (which has `figures`)
    and shows `shown`."""
    state = {"format": FORMAT, "graph": turtle.digest, "language": language, "code": code_digest(),
             "page": _file_digest(page), "shown": asdict(shown) if shown is not None else None,
             "triples": figures.triples, "counts": figures.counts}
    write_atomically(Path(out_dir) / STATE_FILE, json.dumps(state).encode("utf-8"))


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while block := stream.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


@cache
def code_digest() -> str:
    """The view's modules and templates, and the versions of the libraries that draw it."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for path in [*(here / name for name in _VIEW_MODULES), *sorted((here / "templates").iterdir())]:
        if path.is_file():
            digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    for library in _VIEW_LIBRARIES:
        try:
            version = metadata.version(library)
        except metadata.PackageNotFoundError:
            version = "?"
        digest.update(f"{library}={version}\0".encode("utf-8"))
    return digest.hexdigest()

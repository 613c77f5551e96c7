"""docs/cli.md is generated from the parsers and current; every command has an example, and the examples run."""
from __future__ import annotations

import re
import shlex
import shutil

import pytest

from cli_helpers import ROOT, run
from exports import cli_reference


def test_the_reference_is_current():
    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == cli_reference.render(), \
        "docs/cli.md is not current: run `python -m exports.cli_reference`"


def test_every_command_has_an_example_in_the_reference():
    text = cli_reference.render()
    sections = re.split(r"^#+ `(diplograph[^`]*)`$", text, flags=re.M)[1:]
    commands = dict(zip(sections[::2], sections[1::2]))
    assert {"diplograph build", "diplograph view", "diplograph remove", "diplograph query", "diplograph export",
            "diplograph validate", "diplograph serve", "diplograph push", "diplograph gazetteer import",
            "diplograph gazetteer check"} <= set(commands)
    for name, body in commands.items():
        if name == "diplograph" or name == "diplograph gazetteer":
            continue
        assert re.search(rf"^  {re.escape(name)} ", body, re.M), f"{name} has no example"


def _examples() -> list[list[str]]:
    lines = re.findall(r"^  (diplograph .+)$", cli_reference.render(), re.M)
    return [shlex.split(line)[1:] for line in lines]


# Examples that need what a test machine has not: a cluster, a server of record, the user's own files.
_NOT_RUN = ("news/", "--endpoint", "foreign-ministers.json", "serve")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reference")
    (folder / "examples").symlink_to(ROOT / "examples")
    assert run("build", "examples/articles", "--out", "out", "-q", cwd=folder).returncode == 0
    return folder / "out"


@pytest.mark.parametrize("example", [e for e in _examples() if not any(n in e for n in _NOT_RUN)], ids=" ".join)
def test_each_example_runs(example, built, tmp_path):
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    if example[0] != "build":
        shutil.copytree(built, tmp_path / "out")
    result = run(*example, cwd=tmp_path)
    # gazetteer check exits 1 when the shipped data has gaps on the day: a finding, not a failure of the command
    assert result.returncode in ((0, 1) if example[0] == "gazetteer" else (0,)), result.stderr

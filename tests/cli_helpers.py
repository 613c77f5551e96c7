"""Run the installed `diplograph` command as a user does: in a subprocess, on this checkout's code.

Every run's standard error is checked for a Python traceback (a user mistake must end in one
clear message) and kept in CLI_STDERR_LOG when that is set, so a whole test run can be grepped.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def cli_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    env.pop("COLUMNS", None)
    return env


def command() -> list[str]:
    installed = shutil.which("diplograph")
    if installed is None:
        raise FileNotFoundError("the diplograph command is not installed (pip install .)")
    return [installed]


def run(*args: object, cwd: Path | None = None, timeout: float = 300, input: str | None = None
        ) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([*command(), *map(str, args)], capture_output=True, text=True, cwd=cwd,
                            env=cli_env(), timeout=timeout, input=input)
    log = os.environ.get("CLI_STDERR_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as kept:
            kept.write(result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    return result

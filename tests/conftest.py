"""Shared fixtures. Tests that need ../shared (seeds, scorer) run in CI; elsewhere they
skip with a stated reason when it is missing."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"


@pytest.fixture
def shared_dir() -> Path:
    if not SEEDS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{SHARED} is missing: CI must run with ../shared beside the project")
        pytest.skip(f"{SHARED} is not beside the project (it is in CI)")
    return SHARED


# Keep a developer's own gazetteer imports out of the tests: every test process
# (and every build it starts) sees an empty user gazetteer unless a test sets one.
os.environ["DIPLOGRAPH_GAZETTEER"] = str(Path(__file__).resolve().parent / "fixtures" / "no-user-gazetteer")


@pytest.fixture
def fixtures() -> Path:
    return Path(__file__).resolve().parent / "fixtures"

"""Fixtures for driving `posapp` through its real entry point, `posapp.cli.main`, on a test database."""

from __future__ import annotations

from pathlib import Path

import pytest

from posapp.cli import main
from tests.integration.cli.helpers import CATALOGUE, GAO, TOM, TOM_KG, Cli, Run


@pytest.fixture
def cli(database_url: str, capsys: pytest.CaptureFixture[str]) -> Cli:
    """Run `posapp --database URL ARGS...` in process and capture what it prints."""

    def run(*args: str) -> Run:
        status = main(["--database", database_url, *args])
        captured = capsys.readouterr()
        return Run(status, captured.out, captured.err)

    return run


@pytest.fixture
def stocked(cli: Cli, tmp_path: Path) -> Cli:
    """The CLI on a shop holding the products of helpers.CATALOGUE, 100 of each in stock."""
    path = tmp_path / "catalogue.csv"
    path.write_text(CATALOGUE, encoding="utf-8")
    assert cli("catalog", "import", str(path)).status == 0
    for code in (TOM, GAO, TOM_KG):
        assert cli("stock", "receive", code, "100", "--at", "2026-11-01T08:00").status == 0
    return cli

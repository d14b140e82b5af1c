"""Fixtures shared by every test folder: languages, databases on SQLite and PostgreSQL, a shop."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from posapp.i18n import set_language
from posapp.settings import Settings
from posapp.shop import Shop, open_shop
from tests.helpers.databases import (
    empty_postgres,
    fresh_sqlite_url,
    migrated_sqlite_template,
    postgres_database,
    postgres_server_url,
)


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Tests read messages in English and never touch the user's own data folder."""
    monkeypatch.setenv("POSAPP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("POSAPP_DATABASE_URL", raising=False)
    monkeypatch.setenv("POSAPP_LANG", "en")
    set_language("en")
    yield
    set_language("en")


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return migrated_sqlite_template(tmp_path_factory.mktemp("template"))


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    server = postgres_server_url()
    if server is None:
        pytest.skip("POSAPP_TEST_POSTGRES_URL is not set")
    # When it is set, an unreachable server is an error here, never a skip.
    with postgres_database(server) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, sqlite_template: Path, tmp_path: Path) -> str:
    """A migrated, empty database: a fresh SQLite file, or the run's PostgreSQL database emptied."""
    if request.param == "sqlite":
        return fresh_sqlite_url(sqlite_template, tmp_path)
    url: str = request.getfixturevalue("postgres_url")
    empty_postgres(url)
    return url


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    """A migrated, empty SQLite file only (for tests about SQLite itself or the GUI)."""
    return fresh_sqlite_url(sqlite_template, tmp_path)


@pytest.fixture
def shop(database_url: str) -> Iterator[Shop]:
    opened = open_shop(Settings(database_url=database_url), migrate=False)
    yield opened
    opened.close()

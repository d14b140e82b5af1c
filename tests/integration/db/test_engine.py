"""Engines: SQLite made durable, PostgreSQL URLs normalised, and the test databases really reached."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError, OperationalError

from posapp.db.engine import default_url, make_engine, make_session_factory, normalise_url
from posapp.db.models import Barcode
from tests.helpers.databases import POSTGRES_ENV, postgres_database

ROOT = Path(__file__).resolve().parents[3]


def test_sqlite_connections_are_durable(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000
    finally:
        engine.dispose()


def test_sqlite_refuses_rows_that_point_nowhere(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    sessions = make_session_factory(engine)
    try:
        with pytest.raises(IntegrityError), sessions.begin() as session:
            session.add(Barcode(code="8934563138165", product_id=999, is_primary=True))
        with sessions() as session:
            assert session.get(Barcode, "8934563138165") is None
    finally:
        engine.dispose()


def test_a_rolled_back_transaction_leaves_no_trace(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        with pytest.raises(RuntimeError), engine.begin() as connection:
            connection.execute(text("INSERT INTO counters (name, value) VALUES ('x', 1)"))
            raise RuntimeError("power cut")
        with engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM counters")).scalar() == 0
    finally:
        engine.dispose()


def test_a_new_sqlite_file_gets_its_folder(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'deep' / 'er' / 'shop.sqlite3'}")
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert (tmp_path / "deep" / "er" / "shop.sqlite3").exists()
    finally:
        engine.dispose()


def test_the_default_database_lives_in_the_data_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("POSAPP_DATA_DIR", str(tmp_path / "shopdata"))
    assert default_url() == f"sqlite:///{tmp_path / 'shopdata' / 'posapp.sqlite3'}"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgresql://pos:secret@db:5432/shop", "postgresql+psycopg://pos:secret@db:5432/shop"),
        ("postgres://pos@db/shop", "postgresql+psycopg://pos@db/shop"),
        ("postgresql+psycopg://pos@db/shop", "postgresql+psycopg://pos@db/shop"),
        ("sqlite:///shop.sqlite3", "sqlite:///shop.sqlite3"),
    ],
)
def test_postgres_urls_use_psycopg_3(url: str, expected: str) -> None:
    assert normalise_url(url) == expected


def test_the_database_fixture_is_migrated_and_empty(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        tables = set(inspect(engine).get_table_names())
        assert {"products", "sales", "sale_lines", "stock_movements", "alembic_version"} <= tables
        with engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM products")).scalar() == 0
        assert engine.dialect.name == ("sqlite" if database_url.startswith("sqlite") else "postgresql")
    finally:
        engine.dispose()


def test_an_unreachable_postgres_server_is_an_error() -> None:
    with pytest.raises(OperationalError), postgres_database("postgresql+psycopg://postgres@127.0.0.1:1/test"):
        pytest.fail("a database was made on a server that does not exist")


def test_with_an_unreachable_server_the_postgres_tests_error_instead_of_skipping(tmp_path: Path) -> None:
    env = {**os.environ, POSTGRES_ENV: "postgresql+psycopg://postgres@127.0.0.1:1/test"}
    node = "tests/integration/db/test_engine.py::test_the_database_fixture_is_migrated_and_empty[postgresql]"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            node,
            "-q",
            "-p",
            "no:cacheprovider",
            "--basetemp",
            str(tmp_path / "t"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0, result.stdout
    assert "1 error" in result.stdout
    assert "skipped" not in result.stdout
    assert "OperationalError" in result.stdout

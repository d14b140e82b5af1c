"""Migrations build the whole schema from nothing, on SQLite and PostgreSQL, exactly as the models say."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, create_engine, inspect, text
from sqlalchemy.engine import make_url

from posapp.db.engine import make_engine, normalise_url
from posapp.db.migrate import is_current, upgrade
from posapp.db.schema import metadata
from tests.helpers.databases import postgres_server_url


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An engine on a database with no tables at all."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
        yield engine
        engine.dispose()
        return
    server = postgres_server_url()
    if server is None:
        pytest.skip("POSAPP_TEST_POSTGRES_URL is not set")
    admin_url = make_url(normalise_url(server))
    name = f"posapp_migrate_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(admin_url.set(database=name).render_as_string(hide_password=False))
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def schema_differences(engine: Engine) -> list[object]:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, metadata))


def test_migrations_build_the_models_schema_from_nothing(empty_engine: Engine) -> None:
    assert inspect(empty_engine).get_table_names() == []
    assert not is_current(empty_engine)
    upgrade(empty_engine)
    assert is_current(empty_engine)
    tables = set(inspect(empty_engine).get_table_names())
    assert set(metadata.tables) <= tables
    assert schema_differences(empty_engine) == []


def test_upgrading_twice_changes_nothing(empty_engine: Engine) -> None:
    upgrade(empty_engine)
    before = sorted(inspect(empty_engine).get_table_names())
    upgrade(empty_engine)
    assert sorted(inspect(empty_engine).get_table_names()) == before
    assert is_current(empty_engine)


def test_the_comparison_would_see_a_missing_column(empty_engine: Engine) -> None:
    upgrade(empty_engine)
    with empty_engine.begin() as connection:
        connection.execute(text("ALTER TABLE tills DROP COLUMN name"))
    differences = schema_differences(empty_engine)
    assert any(d[0] == "add_column" and d[2] == "tills" for d in differences if isinstance(d, tuple))


def test_the_test_template_is_current(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        assert is_current(engine)
        assert schema_differences(engine) == []
    finally:
        engine.dispose()

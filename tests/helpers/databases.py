"""Throwaway databases for tests: a migrated SQLite file per test, a PostgreSQL database per run."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from posapp.db.engine import make_engine, normalise_url
from posapp.db.migrate import upgrade
from posapp.db.schema import metadata

POSTGRES_ENV = "POSAPP_TEST_POSTGRES_URL"


def postgres_server_url() -> str | None:
    return os.environ.get(POSTGRES_ENV) or None


def migrated_sqlite_template(folder: Path) -> Path:
    path = folder / "template.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    return path


def fresh_sqlite_url(template: Path, folder: Path) -> str:
    target = folder / "shop.sqlite3"
    shutil.copyfile(template, target)
    return f"sqlite:///{target}"


@contextmanager
def postgres_database(server_url: str) -> Iterator[str]:
    """Create a uniquely named database on the server, migrate it, drop it afterwards."""
    admin_url = make_url(normalise_url(server_url))
    name = f"posapp_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = admin_url.set(database=name).render_as_string(hide_password=False)
    try:
        engine = make_engine(url)
        upgrade(engine)
        engine.dispose()
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def empty_postgres(url: str) -> None:
    """Remove every row a previous test left, keeping the schema and Alembic's version."""
    tables = ", ".join(f'"{t.name}"' for t in metadata.sorted_tables)
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()

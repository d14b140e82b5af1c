"""Backups of the SQLite database: identical copies, a daily backup kept N days, restores refused without harm."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from posapp.db.schema import metadata
from posapp.domain.errors import InvalidInput, NotFound, PosError
from posapp.domain.staff import COMMAND_LINE
from posapp.services.audit import AuditService
from posapp.services.backup import BackupService, backup_sqlite
from posapp.settings import BackupSettings, Settings
from posapp.shop import Shop, open_shop
from tests.helpers.staff import FakeClock, sell, stock

Contents = dict[str, list[tuple[Any, ...]]]


def contents(shop: Shop) -> Contents:
    """Every row of every table, in primary-key order."""
    with shop.engine.connect() as connection:
        return {
            table.name: [tuple(row) for row in connection.execute(select(table).order_by(*table.primary_key))]
            for table in metadata.sorted_tables
        }


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "backups"


@pytest.fixture
def local_shop(sqlite_url: str, folder: Path) -> Iterator[Shop]:
    opened = open_shop(Settings(database_url=sqlite_url, backup=BackupSettings(folder=str(folder), keep=3)))
    yield opened
    opened.close()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def backups(local_shop: Shop, clock: FakeClock) -> BackupService:
    return BackupService(local_shop.engine, local_shop.sessions, clock, local_shop.settings.backup)


def trade(shop: Shop, pieces: int = 1) -> None:
    tea = stock(shop, f"Trà {pieces}", 100_000)
    sell(shop, [(tea, pieces)])


@contextmanager
def opened(path: Path) -> Iterator[Shop]:
    copy = open_shop(Settings(database_url=f"sqlite:///{path}"), migrate=False)
    try:
        yield copy
    finally:
        copy.close()


def test_a_backup_holds_exactly_what_the_database_held(
    local_shop: Shop, backups: BackupService, folder: Path, clock: FakeClock
) -> None:
    trade(local_shop, 2)
    before = contents(local_shop)
    progress: list[tuple[int, int]] = []
    made = backup_sqlite(local_shop.engine, folder / "copy.sqlite3", lambda done, total: progress.append((done, total)))
    assert progress and progress[-1][0] == progress[-1][1]
    with opened(made) as copy:
        assert contents(copy) == before
    assert not list(folder.glob("*.part"))


def test_a_backup_is_named_for_the_shop_time_and_audited(
    local_shop: Shop, backups: BackupService, folder: Path, clock: FakeClock
) -> None:
    made = backups.backup()
    assert made == folder / "posapp-2026-11-23T0900.sqlite3"  # 02:00 UTC is 09:00 in the shop
    entry = AuditService(local_shop.sessions).entries(limit=1)[0]
    assert (entry.actor, entry.action, entry.detail) == ("command line", "backup", {"file": str(made)})
    assert backups.backups() == [made]


def test_the_daily_backup_is_made_once_a_day_and_the_last_few_kept(
    local_shop: Shop, backups: BackupService, folder: Path, clock: FakeClock
) -> None:
    first = backups.backup_if_due()
    assert first == folder / "posapp-2026-11-23T0900.sqlite3"
    clock.advance(hours=5)
    assert backups.backup_if_due() is None  # already one today
    made: list[Path | None] = [first]
    for _day in range(4):
        clock.advance(days=1)
        made.append(backups.backup_if_due())
    assert sorted(p.name for p in folder.iterdir()) == [p.name for p in made[-3:] if p is not None]
    assert made[-1] == folder / "posapp-2026-11-27T1400.sqlite3"


def test_no_daily_backup_when_switched_off(local_shop: Shop, clock: FakeClock, folder: Path) -> None:
    off = BackupService(local_shop.engine, local_shop.sessions, clock, BackupSettings(folder=str(folder), daily=False))
    assert off.backup_if_due() is None
    assert not folder.exists()


def test_restore_brings_back_the_backup_and_saves_what_it_replaced(
    local_shop: Shop, backups: BackupService, folder: Path, clock: FakeClock
) -> None:
    trade(local_shop, 1)
    saved = backups.backup(folder / "morning.sqlite3")
    with opened(saved) as copy:
        in_file = contents(copy)
    trade(local_shop, 3)  # after the backup: lost by the restore, but kept in the safety copy
    before_restore = contents(local_shop)
    clock.advance(minutes=30)
    safety = backups.restore(saved)
    assert safety == folder / "posapp-2026-11-23T0930-before-restore.sqlite3"
    restored = contents(local_shop)
    # The restore itself is the one new entry of the trail, chained onto the backup's.
    trail, _head = restored.pop("audit_log"), restored.pop("audit_head")
    assert trail[:-1] == in_file.pop("audit_log")
    in_file.pop("audit_head")
    assert restored == in_file
    assert restored["sales"] != before_restore["sales"]
    audit = AuditService(local_shop.sessions)
    assert (audit.entries(limit=1)[0].action, audit.verify()) == ("restore", None)
    with opened(safety) as copy:
        assert contents(copy) == before_restore


def corrupt(path: Path) -> Path:
    data = bytearray(path.read_bytes())
    data[4096 : 4096 * 4] = b"\xa5" * (4096 * 3)  # pages 2 to 4: table roots and rows
    path.write_bytes(bytes(data))
    return path


def other_apps_database(path: Path) -> Path:
    with closing(sqlite3.connect(path)) as db:
        db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
        db.execute("INSERT INTO notes (text) VALUES ('không phải của cửa hàng')")
        db.commit()
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda folder, backups: corrupt(backups.backup(folder / "bad.sqlite3")), r"damaged|cannot read|can read"),
        (lambda folder, backups: other_apps_database(folder / "notes.sqlite3"), "not a backup of this point of sale"),
        (lambda folder, backups: _write(folder / "notes.txt", "hello"), "not a database the shop can read"),
    ],
    ids=["corrupt", "another app's database", "not a database"],
)
def test_restore_refuses_a_bad_file_and_changes_nothing(
    local_shop: Shop, backups: BackupService, folder: Path, make: Any, message: str
) -> None:
    trade(local_shop, 2)
    folder.mkdir(exist_ok=True)
    bad = make(folder, backups)
    before, files = contents(local_shop), sorted(folder.iterdir())
    with pytest.raises(InvalidInput, match=message) as refused:
        backups.restore(bad)
    assert "nothing was restored" in str(refused.value)
    assert contents(local_shop) == before
    assert sorted(folder.iterdir()) == files  # not even a safety copy


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_restore_of_a_missing_file_is_refused(backups: BackupService, tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="There is no file"):
        backups.restore(tmp_path / "nowhere.sqlite3")


def test_a_postgresql_shop_is_pointed_to_pg_dump(shop: Shop, tmp_path: Path) -> None:
    service = BackupService(shop.engine, shop.sessions, FakeClock(), BackupSettings(folder=str(tmp_path)))
    if shop.engine.dialect.name == "sqlite":
        assert service.backup().exists()
        return
    with pytest.raises(PosError, match="pg_dump"):
        service.backup()
    with pytest.raises(PosError, match="pg_dump"):
        service.restore(tmp_path / "any.sqlite3", COMMAND_LINE)
    assert list(tmp_path.iterdir()) == []

"""Backups of the shop's SQLite database (SQLite's online backup, safe while tills sell) and checked restores."""

from __future__ import annotations

import os
import re
import sqlite3
import tempfile
from collections.abc import Callable
from contextlib import closing
from datetime import datetime
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from posapp.db.engine import SessionFactory, normalise_url
from posapp.db.migrate import alembic_config, upgrade
from posapp.domain.errors import InvalidInput, NotFound, PosError
from posapp.domain.staff import COMMAND_LINE, Actor
from posapp.i18n import _
from posapp.paths import data_dir
from posapp.services.audit_chain import record
from posapp.services.clock import ShopClock
from posapp.settings import BackupSettings

Progress = Callable[[int, int], None]  # (pages copied, pages in all)

PAGES_PER_STEP = 1024  # 4 MiB at a time: tills keep selling between steps
DAILY_NAME = re.compile(r"^posapp-(\d{4}-\d\d-\d\d)T\d{4}\.sqlite3$")
# Tables only this app's database has: a file without them is someone else's.
OUR_TABLES = frozenset({"alembic_version", "products", "cooperatives", "sales", "sale_lines", "stock_movements"})


def sqlite_path(url_or_engine: str | Engine) -> Path:
    """The file behind a SQLite URL; PostgreSQL is backed up with its own tools."""
    url = url_or_engine.url if isinstance(url_or_engine, Engine) else make_url(normalise_url(url_or_engine))
    if url.get_backend_name() != "sqlite":
        raise PosError(_("This shop's database is on a PostgreSQL server: back it up with pg_dump (see the README)."))
    if not url.database or url.database == ":memory:":
        raise PosError(_("This database lives only in memory: there is no file to back up."))
    return Path(url.database)


def backup_folder(settings: BackupSettings) -> Path:
    return Path(settings.folder).expanduser() if settings.folder else data_dir() / "backups"


def backup_name(local_time: datetime) -> str:
    return f"posapp-{local_time:%Y-%m-%dT%H%M}.sqlite3"


def backup_sqlite(url_or_engine: str | Engine, target: Path, progress: Progress | None = None) -> Path:
    """Copy the live database into `target`, a page batch at a time; the file appears only once complete."""
    source_path = sqlite_path(url_or_engine)
    if not source_path.exists():
        raise NotFound(_("There is no database file at {path}.").format(path=source_path))
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    # A name of its own: a backup made by hand in the same minute as the daily one never shares it.
    handle, name = tempfile.mkstemp(prefix=target.name + ".", suffix=".part", dir=target.parent)
    os.close(handle)
    partial = Path(name)

    def report(_status: int, remaining: int, total: int) -> None:
        if progress is not None:
            progress(total - remaining, total)

    try:
        with closing(sqlite3.connect(source_path)) as source, closing(sqlite3.connect(partial)) as copy:
            source.execute("PRAGMA busy_timeout=10000")
            source.backup(copy, pages=PAGES_PER_STEP, progress=report)
            # A single self-contained file: no -wal beside it to lose when the file is copied on.
            copy.execute("PRAGMA journal_mode=DELETE")
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def check_backup(file: Path) -> str:
    """Refuse a file that is damaged or not this app's database; returns its schema revision."""
    file = Path(file)
    if not file.is_file():
        raise NotFound(_("There is no file {path}.").format(path=file))
    try:
        with closing(sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True)) as db:
            problems = [row[0] for row in db.execute("PRAGMA integrity_check")]
            if problems != ["ok"]:
                raise InvalidInput(
                    _("{path} is damaged (SQLite's integrity check failed: {problem}); nothing was restored.").format(
                        path=file.name, problem=problems[0]
                    )
                )
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not tables >= OUR_TABLES:
                raise InvalidInput(
                    _("{path} is not a backup of this point of sale; nothing was restored.").format(path=file.name)
                )
            revision = db.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as error:
        raise InvalidInput(
            _("{path} is not a database the shop can read ({reason}); nothing was restored.").format(
                path=file.name, reason=error
            )
        ) from None
    known = {script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    if revision is None or revision[0] not in known:
        raise InvalidInput(
            _("{path} was made by a newer version of the app: update the app first; nothing was restored.").format(
                path=file.name
            )
        )
    return str(revision[0])


def restore(file: Path, current_url: str | Engine, backup_to: Path) -> Path:
    """Replace the current database with a checked backup, saving the current one first as `backup_to`.

    A refused file changes nothing. The copy goes through SQLite's backup API into the live file in one
    write transaction, so a failure half-way leaves the current data as it was.
    """
    current = sqlite_path(current_url)
    check_backup(file)
    safety = backup_sqlite(current_url, backup_to)
    try:
        with (
            closing(sqlite3.connect(f"{Path(file).resolve().as_uri()}?mode=ro", uri=True)) as source,
            closing(sqlite3.connect(current)) as live,
        ):
            live.execute("PRAGMA busy_timeout=10000")
            source.backup(live)
    except sqlite3.Error as error:
        raise PosError(
            _("The backup could not be copied in ({reason}); the current data is unchanged.").format(reason=error)
        ) from error
    return safety


class BackupService:
    def __init__(
        self, engine: Engine, sessions: SessionFactory, clock: ShopClock | None, settings: BackupSettings
    ) -> None:
        self._engine = engine
        self._sessions = sessions
        self._clock = clock or ShopClock()
        self._settings = settings

    @property
    def folder(self) -> Path:
        return backup_folder(self._settings)

    def backups(self) -> list[Path]:
        """Backups in the folder, newest first."""
        if not self.folder.is_dir():
            return []
        return sorted((p for p in self.folder.glob("posapp-*.sqlite3") if p.is_file()), reverse=True)

    def backup(self, target: Path | None = None, actor: Actor = COMMAND_LINE, progress: Progress | None = None) -> Path:
        """Back up now, into `target` or the backup folder."""
        now = self._clock.now()
        target = Path(target) if target is not None else self.folder / backup_name(self._clock.local(now))
        made = backup_sqlite(self._engine, target, progress)
        with self._sessions.begin() as session:
            record(session, actor, "backup", {"file": str(made)}, now)
        return made

    def backup_if_due(self, actor: Actor = COMMAND_LINE, progress: Progress | None = None) -> Path | None:
        """The day's automatic backup, unless there is one for today already; keeps the newest `keep`."""
        if not self._settings.daily:
            return None
        today = self._clock.local_day(self._clock.now()).isoformat()
        if any(match.group(1) == today for match in self._daily()):
            return None
        made = self.backup(None, actor, progress)
        for old in [Path(self.folder, m.string) for m in self._daily()][: -max(self._settings.keep, 1)]:
            old.unlink(missing_ok=True)
        return made

    def _daily(self) -> list[re.Match[str]]:
        """The folder's regular backups, oldest first (their names sort by time)."""
        if not self.folder.is_dir():
            return []
        return sorted((m for p in self.folder.iterdir() if (m := DAILY_NAME.match(p.name))), key=lambda m: m.string)

    def restore(self, file: Path, actor: Actor = COMMAND_LINE) -> Path:
        """Put a backup in place of the current data; returns where the data it replaced was saved."""
        now = self._clock.now()
        stamp = backup_name(self._clock.local(now)).removesuffix(".sqlite3")
        self._engine.dispose()  # no pooled connection holds the old file open mid-restore
        safety = restore(Path(file), self._engine, self.folder / f"{stamp}-before-restore.sqlite3")
        self._engine.dispose()
        upgrade(self._engine)  # an older backup is brought up to this version's schema
        with self._sessions.begin() as session:
            record(session, actor, "restore", {"file": str(file), "saved_current_as": str(safety)}, now)
        return safety

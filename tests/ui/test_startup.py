"""Starting the till: an empty shop gets the demo (with a progress window), then the main window opens."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from posapp.app import DEMO_BANK, DEMO_SHOP, demo_settings, parse_args
from posapp.domain.errors import InvalidInput
from posapp.domain.staff import COMMAND_LINE
from posapp.services.backup import check_backup
from posapp.services.catalog import ProductInput
from posapp.settings import BackupSettings, Settings
from posapp.shop import Shop, open_shop
from posapp.ui.daily_backup import DailyBackup
from posapp.ui.main_window import MainWindow
from posapp.ui.startup import Launcher, catalogue_is_empty
from tests.ui.conftest import HONEY, FakeDialogs, SwitchablePrinter, open_window, scan
from tests.ui.staff_helpers import audit


@pytest.fixture
def empty_shop(sqlite_url: str) -> Iterator[Shop]:
    shop = open_shop(Settings(database_url=sqlite_url), migrate=False)
    yield shop
    shop.close()


def test_an_empty_shop_gets_the_demo_off_the_gui_thread_while_a_progress_window_shows(
    qtbot: QtBot, empty_shop: Shop
) -> None:
    release = threading.Event()
    threads: list[str] = []

    def load(shop: Shop) -> object:
        threads.append(threading.current_thread().name)
        release.wait(5)
        return shop.catalog.save_product(
            ProductInput(name="Trà sen", cooperative="HTX Sen", price=95_000), actor=COMMAND_LINE
        )

    launcher = Launcher(empty_shop, load)
    ready: list[bool] = []
    launcher.ready.connect(lambda: ready.append(True))
    launcher.start()
    preparing = launcher.preparing
    assert preparing is not None and preparing.isVisible() and ready == []
    qtbot.wait(50)  # the GUI keeps running while the demo loads
    assert preparing.isVisible() and ready == []
    with qtbot.waitSignal(launcher.ready, timeout=5_000):
        release.set()
    assert threads == ["posapp-background"] and threads[0] != threading.main_thread().name
    assert not catalogue_is_empty(empty_shop) and launcher.preparing is None


def test_a_shop_with_a_catalogue_is_ready_at_once(qtbot: QtBot, empty_shop: Shop) -> None:
    empty_shop.catalog.save_product(
        ProductInput(name="Trà sen", cooperative="HTX Sen", price=95_000), actor=COMMAND_LINE
    )
    calls: list[Shop] = []
    launcher = Launcher(empty_shop, calls.append)
    with qtbot.waitSignal(launcher.ready, timeout=1_000):
        launcher.start()
    assert calls == [] and launcher.preparing is None


def test_a_failed_demo_load_is_explained_in_the_window(qtbot: QtBot, empty_shop: Shop) -> None:
    def refuse(shop: Shop) -> object:
        raise InvalidInput("The demo can only be loaded into an empty shop.")

    launcher = Launcher(empty_shop, refuse)
    with qtbot.waitSignal(launcher.failed, timeout=5_000) as signal:
        launcher.start()
    assert signal.args == ["The demo can only be loaded into an empty shop."]
    assert launcher.preparing is not None
    assert launcher.preparing.detail.text() == signal.args[0]
    launcher.preparing.close()


def test_command_line_and_the_throwaway_demo_settings(tmp_path: Path) -> None:
    args = parse_args(["--database", "sqlite:///x.sqlite3", "--screenshot", str(tmp_path)])
    assert args.database == "sqlite:///x.sqlite3" and args.screenshot == tmp_path
    assert parse_args([]).screenshot is None
    settings = demo_settings(Settings(till="Q2"), tmp_path)
    assert settings.database_url == f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    assert settings.shop == DEMO_SHOP and settings.shop.name == "Cửa hàng OCOP Hội An"
    assert (
        (settings.bank.bin, settings.bank.account) == ("970436", "0011004237596") == (DEMO_BANK.bin, DEMO_BANK.account)
    )
    assert settings.till == "Q2"


# --- the day's automatic backup --------------------------------------------------------------
def back_up_into(shop: Shop, folder: Path, daily: bool = True) -> None:
    shop.apply_settings(replace(shop.settings, backup=BackupSettings(folder=str(folder), daily=daily)))


def test_the_days_backup_is_made_in_the_background_once_the_till_opens_and_once_a_day(
    qtbot: QtBot, window: MainWindow, ui_shop: Shop, dialogs: FakeDialogs, printer: SwitchablePrinter, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    back_up_into(ui_shop, folder)
    with qtbot.waitSignal(window.daily_backup.made, timeout=10_000) as made:
        assert window.start_daily_backup()
    [copy] = folder.glob("posapp-*.sqlite3")
    assert made.args == [copy]
    check_backup(copy)  # a whole database of this app, ready to restore
    assert [entry.actor for entry in audit(ui_shop, "backup")] == ["daily backup"]
    window.stop_listening()
    window.close()

    again = open_window(qtbot, ui_shop, dialogs, printer)  # the till started again later the same day
    try:
        with qtbot.waitSignal(again.daily_backup.made, timeout=10_000) as made:
            assert again.start_daily_backup()
        assert made.args == [None]
        assert list(folder.glob("posapp-*.sqlite3")) == [copy]
    finally:
        again.stop_listening()


def test_a_backup_folder_that_cannot_be_written_is_a_warning_and_selling_goes_on(
    qtbot: QtBot, window: MainWindow, ui_shop: Shop, tmp_path: Path
) -> None:
    blocker = tmp_path / "a file, not a folder"
    blocker.write_text("")
    back_up_into(ui_shop, blocker / "backups")
    with qtbot.waitSignal(window.daily_backup.failed, timeout=10_000):
        assert window.start_daily_backup()
    banner = window.sell.banner
    assert banner.text == f"Today's backup could not be made: Not a directory: {blocker / 'backups'}"
    assert banner.property("tone") == "warning" and not banner.action_button.isVisible()
    scan(qtbot, window, HONEY)
    assert [line.item.barcode for line in window.model.cart.lines] == [HONEY]
    assert audit(ui_shop, "backup") == []


def test_no_daily_backup_when_switched_off(qtbot: QtBot, window: MainWindow, ui_shop: Shop, tmp_path: Path) -> None:
    back_up_into(ui_shop, tmp_path / "backups", daily=False)
    assert not window.start_daily_backup()
    assert not (tmp_path / "backups").exists()


def test_a_shop_on_postgresql_is_left_to_pg_dump(qtbot: QtBot, tmp_path: Path) -> None:
    # Never connected to: the engine is only looked at to see which database it is.
    shop = open_shop(
        Settings(database_url="postgresql+psycopg://shop@127.0.0.1:9/shop", backup=BackupSettings(str(tmp_path))),
        migrate=False,
    )
    try:
        backup = DailyBackup(shop)
        assert not backup.start() and backup.task is None
    finally:
        shop.close()

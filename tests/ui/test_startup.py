"""Starting the till: an empty shop gets the demo (with a progress window), then the main window opens."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from posapp.app import DEMO_BANK, DEMO_SHOP, demo_settings, parse_args
from posapp.domain.errors import InvalidInput
from posapp.domain.staff import COMMAND_LINE
from posapp.services.catalog import ProductInput
from posapp.settings import Settings
from posapp.shop import Shop, open_shop
from posapp.ui.startup import Launcher, catalogue_is_empty


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
        (settings.bank.bin, settings.bank.account)
        == ("970436", "0011004237596")
        == (DEMO_BANK.bin, DEMO_BANK.account)
    )
    assert settings.till == "Q2"

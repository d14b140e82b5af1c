"""Composition root of the desktop app: settings -> shop (engine, services) -> windows. No globals."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import traceback
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import SQLAlchemyError

from posapp.domain.errors import PosError
from posapp.i18n import _, set_language
from posapp.paths import data_dir
from posapp.settings import BankAccount, Settings, ShopProfile, load_settings
from posapp.shop import Shop, open_shop

if TYPE_CHECKING:  # Qt is imported when the window is about to open, not by `--help`
    from PySide6.QtWidgets import QApplication

DEMO_SHOP = ShopProfile(name="Cửa hàng OCOP Hội An", address="Hội An, Quảng Nam")
DEMO_BANK = BankAccount(bin="970436", account="0011004237596", account_name="CUA HANG OCOP HOI AN")
DEMO_DAYS = 90


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="posapp-gui", description=_("The OCOP shop point of sale."))
    parser.add_argument("--database", metavar="URL", help=_("The shop's database (SQLite file or PostgreSQL URL)."))
    parser.add_argument(
        "--screenshot",
        metavar="DIR",
        type=Path,
        help=_("Start offscreen on a demo shop, save screenshots of the till into DIR and quit."),
    )
    return parser.parse_args(list(argv))


def demo_settings(settings: Settings, folder: Path) -> Settings:
    """A throwaway demo shop in `folder`, with a demo bank account so transfers show a QR code."""
    return replace(settings, database_url=f"sqlite:///{folder / 'demo.sqlite3'}", shop=DEMO_SHOP, bank=DEMO_BANK)


def load_demo(shop: Shop) -> object:
    from posapp.services.demo import load_demo as load

    return load(shop, days=DEMO_DAYS)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.screenshot is not None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before the QApplication exists
    settings = load_settings()
    throwaway: tempfile.TemporaryDirectory[str] | None = None
    if args.database:
        settings = replace(settings, database_url=args.database)
    elif args.screenshot is not None:
        throwaway = tempfile.TemporaryDirectory(prefix="posapp-demo-")
        settings = demo_settings(settings, Path(throwaway.name))
        os.environ["POSAPP_DATA_DIR"] = throwaway.name  # its receipts and reports go with it, not into the shop's
    set_language(settings.language)
    try:
        return _run(settings, args.screenshot, staged=throwaway is not None)
    finally:
        if throwaway is not None:
            throwaway.cleanup()


def _run(settings: Settings, screenshot: Path | None, *, staged: bool = False) -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from posapp.ui.style import apply_style

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication([sys.argv[0]])
    app.setApplicationName("posapp")
    apply_style(app)
    try:
        shop = open_shop(settings)
    except (SQLAlchemyError, PosError, OSError) as error:
        reason = getattr(error, "orig", None) or error
        message = _("Cannot open the shop's database: {reason}").format(reason=reason)
        print(message, file=sys.stderr)
        if screenshot is None:
            QMessageBox.critical(None, _("Point of sale"), message)
        return 1
    try:
        return _show(app, shop, screenshot, staged)
    finally:
        shop.close()


def _show(app: QApplication, shop: Shop, screenshot: Path | None, staged: bool) -> int:
    from PySide6.QtCore import QTimer

    from posapp.devices.factory import printer_from_settings
    from posapp.devices.printers import PdfFilePrinter, ReceiptPrinter
    from posapp.ui.main_window import MainWindow
    from posapp.ui.screenshots import take_screenshots
    from posapp.ui.startup import Launcher

    windows: list[MainWindow] = []
    receipts = data_dir() / "receipts"

    def open_window() -> None:
        try:
            printer: ReceiptPrinter = printer_from_settings(shop.settings, receipts)
        except PosError as error:  # a half-set printer must not keep the till from selling
            print(error, file=sys.stderr)
            printer = PdfFilePrinter(receipts, shop.settings.shop, shop.settings.bank)
        if screenshot is not None:
            try:
                for path in take_screenshots(shop, printer, screenshot, staged=staged):
                    print(path)
            except (OSError, PosError) as error:
                print(error, file=sys.stderr)
                app.exit(1)
                return
            except Exception:  # a broken tour is a bug to see in full, and the run must not pass for done
                traceback.print_exc()
                app.exit(1)
                return
            app.exit(0)
            return
        window = MainWindow(shop, printer)
        windows.append(window)
        window.show()
        window.start_daily_backup()

    def failed(message: str) -> None:
        print(message, file=sys.stderr)
        if screenshot is not None:
            app.exit(1)

    launcher = Launcher(shop, load_demo)
    launcher.ready.connect(open_window)
    launcher.failed.connect(failed)
    QTimer.singleShot(0, launcher.start)  # inside the event loop, so app.exit() always has a loop to end
    return app.exec()

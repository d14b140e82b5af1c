"""The settings screen: a round trip through the file, refusals that save nothing, a manager for a cashier, backups."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.backends import null
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from posapp.devices.escpos_printer import EscposPrinter, file_port
from posapp.domain.staff import Actor
from posapp.services.secrets import SERVICE, mail_password
from posapp.settings import PrinterSettings, Settings, load_settings
from posapp.shop import Shop
from posapp.ui.settings_form import PRINTER, SHOP, TILL
from posapp.ui.settings_view import SettingsView
from posapp.ui.staffing import shift_service
from tests.helpers.keyrings import MemoryKeyring, keyring_in_use
from tests.ui.conftest import HONEY, FakeDialogs, open_window, press, scan
from tests.ui.staff_helpers import MANAGER, MANAGER_PIN, OWNER, Staff, add_staff, audit, context_for


@pytest.fixture
def people(ui_shop: Shop) -> Staff:
    return add_staff(ui_shop)


@pytest.fixture
def memory() -> Iterator[MemoryKeyring]:
    with keyring_in_use(MemoryKeyring()) as backend:
        assert isinstance(backend, MemoryKeyring)
        yield backend


def open_view(qtbot: QtBot, shop: Shop, dialogs: FakeDialogs, actor: Actor, path: Path) -> SettingsView:
    view = SettingsView(context_for(shop, dialogs, actor), path=path)
    qtbot.addWidget(view)
    view.resize(1300, 760)
    view.show()
    return view


def fill(view: SettingsView) -> None:
    form = view.form
    form.line("shop.name").setText("Cửa hàng OCOP Đà Lạt")
    form.line("shop.tax_code").setText("5800000000")
    form.bank_picker.setCurrentIndex(form.bank_picker.findData("970415"))
    form.bank_picker.activated.emit(form.bank_picker.currentIndex())  # what a click on the list does
    form.line("bank.account").setText("1010 2020 3030")
    form.line("bank.account_name").setText("Nguyễn Văn Á")
    form.line("bank.account_name").editingFinished.emit()
    form.combo("printer.kind").setCurrentIndex(form.combo("printer.kind").findData("escpos-network"))
    form.line("printer.host").setText("192.168.1.50")
    form.combo("printer.width_mm").setCurrentIndex(form.combo("printer.width_mm").findData(58))
    form.combo("printer.raster").setCurrentIndex(form.combo("printer.raster").findData(False))
    form.line("till").setText("q2")
    form.spin("scanner.max_gap_ms").setValue(45)
    form.combo("language").setCurrentIndex(form.combo("language").findData("en"))
    form.line("mail.host").setText("smtp.gmail.com")
    form.line("mail.user").setText("dalat@gmail.com")
    form.line("mail.sender").setText("dalat@gmail.com")
    form.line("mail.password").setText("app-pass-123")
    form.spin("backup.keep").setValue(30)


def test_saved_settings_read_back_the_same_and_the_password_goes_to_the_keyring(
    qtbot: QtBot,
    styled: None,
    ui_shop: Shop,
    dialogs: FakeDialogs,
    people: Staff,
    tmp_path: Path,
    memory: MemoryKeyring,
) -> None:
    path = tmp_path / "conf" / "settings.toml"
    view = open_view(qtbot, ui_shop, dialogs, people.owner, path)
    assert view.form.line("shop.name").text() == "Cửa hàng thử"
    fill(view)
    assert view.form.line("bank.bin").text() == "970415"
    assert view.form.line("bank.account_name").text() == "NGUYEN VAN A"
    with qtbot.waitSignal(view.saved):
        view.save_button.click()
    assert view.banner.text == "Settings saved."
    saved = load_settings(path)
    assert saved.shop.name == "Cửa hàng OCOP Đà Lạt" and saved.shop.tax_code == "5800000000"
    assert (saved.bank.bin, saved.bank.account, saved.bank.account_name) == ("970415", "101020203030", "NGUYEN VAN A")
    assert saved.printer == PrinterSettings(kind="escpos-network", width_mm=58, host="192.168.1.50", raster=False)
    assert (saved.till, saved.language, saved.scanner.max_gap_ms, saved.backup.keep) == ("Q2", "en", 45, 30)
    assert saved.database_url == ""  # the database the till runs on is not written into the file
    assert "app-pass-123" not in path.read_text(encoding="utf-8")
    assert memory.entries == {(SERVICE, "dalat@gmail.com@smtp.gmail.com"): "app-pass-123"}
    assert ui_shop.settings.till == "Q2" and ui_shop.settings.database_url != ""  # the till uses them now
    [logged] = audit(ui_shop, "settings")
    assert logged.actor == OWNER
    assert logged.detail["changes"]["shop.name"] == ["Cửa hàng thử", "Cửa hàng OCOP Đà Lạt"]
    assert "app-pass-123" not in str(logged.detail)
    view.refresh()
    assert view.form.line("mail.password").text() == ""  # never shown again
    assert view.form.line("mail.password").placeholderText() == "Saved. Type a new one to change it."


def test_without_a_keyring_the_password_is_in_an_owner_only_file(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs, people: Staff, tmp_path: Path
) -> None:
    path = tmp_path / "settings.toml"
    with keyring_in_use(null.Keyring()):  # type: ignore[no-untyped-call]
        view = open_view(qtbot, ui_shop, dialogs, people.owner, path)
        assert "no keyring" in view.form.password_note.text()
        fill(view)
        assert view.save()
        assert "settings file" in view.banner.text
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert mail_password(load_settings(path).mail) == "app-pass-123"


def test_mistakes_are_marked_and_nothing_is_saved(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs, people: Staff, tmp_path: Path
) -> None:
    path = tmp_path / "settings.toml"
    view = open_view(qtbot, ui_shop, dialogs, people.owner, path)
    fill(view)
    view.form.line("bank.bin").setText("97041")
    view.form.line("printer.host").setText("")
    view.form.setCurrentIndex(TILL)
    with qtbot.assertNotEmitted(view.saved):
        assert not view.save()
    assert not path.exists()
    assert view.problems_label.text().splitlines() == [
        "• The bank code (BIN) is 6 digits: choose the bank from the list.",
        "• Type the printer's network address, like 192.168.1.50.",
    ]
    assert view.form.currentIndex() == SHOP  # the first mistake is shown
    assert view.form.line("bank.bin").property("invalid") is True
    assert view.form.line("printer.host").property("invalid") is True
    assert not view.form.line("shop.name").property("invalid")
    assert audit(ui_shop, "settings") == []
    assert ui_shop.settings.till == "Q1"
    view.form.line("bank.bin").setText("970415")
    view.form.line("printer.host").setText("printer.local")
    assert view.save()
    assert not view.form.line("bank.bin").property("invalid") and view.problems_label.text() == ""


def test_a_cashier_needs_a_manager_to_change_settings(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs, people: Staff, tmp_path: Path
) -> None:
    path = tmp_path / "settings.toml"
    view = open_view(qtbot, ui_shop, dialogs, people.cashier, path)
    view.form.line("shop.phone").setText("0235 3861 234")
    assert not view.save()
    assert dialogs.approvals_asked[0].title == "Manager approval needed: change settings"
    assert view.banner.text == "Nothing was saved: no manager approved it." and not path.exists()
    dialogs.approval_answer = (MANAGER, MANAGER_PIN)
    assert view.save()
    assert load_settings(path).shop.phone == "0235 3861 234"
    [logged] = audit(ui_shop, "settings")
    assert logged.detail["approved_by"] == MANAGER


def test_the_till_code_stays_while_its_shift_is_open(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs, people: Staff, tmp_path: Path
) -> None:
    shift_service(ui_shop).open("Q1", 0, people.cashier)
    view = open_view(qtbot, ui_shop, dialogs, people.owner, tmp_path / "settings.toml")
    view.form.line("till").setText("Q3")
    assert not view.save()
    assert "Close the shift at till Q1" in view.problems_label.text()
    assert view.form.currentIndex() == TILL


def test_only_the_chosen_printers_fields_show(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs, people: Staff, tmp_path: Path
) -> None:
    view = open_view(qtbot, ui_shop, dialogs, people.owner, tmp_path / "settings.toml")
    view.form.setCurrentIndex(PRINTER)
    kind = view.form.combo("printer.kind")
    kind.setCurrentIndex(kind.findData("escpos-usb"))
    assert view.form.line("printer.usb_vendor").isVisible() and not view.form.line("printer.host").isVisible()
    view.form.line("printer.usb_vendor").setText("04b8")
    view.form.line("printer.usb_product").setText("0x0202")
    settings, _password = view.form.read(Settings())
    assert (settings.printer.usb_vendor, settings.printer.usb_product) == (0x04B8, 0x0202)


def test_back_up_now_with_progress_then_restore_the_backup(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs, people: Staff, tmp_path: Path
) -> None:
    view = open_view(qtbot, ui_shop, dialogs, people.owner, tmp_path / "settings.toml")
    panel = view.backup
    assert panel.list.count() == 0 and not panel.restore_button.isEnabled()
    with qtbot.waitSignal(panel.settled, timeout=10_000):
        panel.backup_button.click()
        assert panel.busy and not panel.backup_button.isEnabled() and not panel.progress.isHidden()
    assert panel.status.text().startswith("Backup saved: ")
    assert panel.list.count() == 1 and panel.restore_button.isEnabled()
    assert panel.progress.maximum() >= 1 and panel.progress.isHidden()
    [made] = [entry.detail["file"] for entry in audit(ui_shop, "backup")]
    assert Path(made).exists()
    dialogs.confirm_answer = False
    panel.restore_button.click()
    assert not panel.busy
    dialogs.confirm_answer = True
    with qtbot.waitSignal(view.restored, timeout=10_000) as restored:
        panel.restore_button.click()
    assert Path(restored.args[0]).exists()
    assert panel.status.text().startswith("Restored from ")
    assert audit(ui_shop, "restore")[0].actor == OWNER


def test_a_new_shop_name_shows_at_the_till_and_on_the_next_receipt_without_a_restart(
    qtbot: QtBot, styled: None, ui_shop: Shop, dialogs: FakeDialogs, tmp_path: Path
) -> None:
    device = tmp_path / "lp0"  # a thermal printer in text mode: the receipt's words can be read back
    printer = EscposPrinter(file_port(str(device)), ui_shop.settings.shop, ui_shop.settings.bank, raster=False)
    window = open_window(qtbot, ui_shop, dialogs, printer)
    try:
        window.toggle_back_office()
        window.back_office.open_key("settings")
        view = window.back_office.currentWidget()
        assert isinstance(view, SettingsView)
        view.form.line("shop.name").setText("Cửa hàng OCOP Đà Lạt")
        assert view.save()
        window.toggle_back_office()
        assert window.shop_label.text() == "Cửa hàng OCOP Đà Lạt"
        assert window.windowTitle() == "Cửa hàng OCOP Đà Lạt — till Q1"
        scan(qtbot, window, HONEY)
        press(qtbot, window, Qt.Key.Key_F12)
        payment = window.cashier.payment_dialog
        assert payment is not None
        payment.take_cash()
        with qtbot.waitSignal(window.cashier.printing.printed, timeout=5_000):
            payment.complete()
        assert b"Cua hang OCOP Da Lat" in device.read_bytes()
        qtbot.waitUntil(lambda: window.cashier.payment_dialog is None)
    finally:
        window.stop_listening()

"""The settings as a form: a tab per subject, fields filled from Settings and read back into Settings."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from posapp.domain.text import ascii_text
from posapp.i18n import _
from posapp.services.settings_check import BAUDRATES, PAPER_WIDTHS
from posapp.settings import Settings
from posapp.ui.form_kit import data_combo, form_page, put_value, section_heading, select_data, setting, take_value
from posapp.ui.style import DANGER
from posapp.ui.transfer_panel import BANK_NAMES

FORM_STYLE = f"""
QLineEdit[invalid="true"], QSpinBox[invalid="true"], QComboBox[invalid="true"] {{ border: 2px solid {DANGER}; }}
QComboBox, QSpinBox, QDoubleSpinBox {{ font-size: 13pt; min-height: 36px; padding: 2px 8px; }}
QCheckBox {{ font-size: 12pt; }}
"""

LANGUAGE_NAMES = (("vi", "Tiếng Việt"), ("en", "English"))  # each in its own language, never translated
SHOP, PRINTER, TILL, MAIL, BACKUP = range(5)


def printer_kinds() -> tuple[tuple[str, str], ...]:
    return (
        ("pdf", _("Save receipts as PDF files (no printer)")),
        ("system", _("A printer set up on this computer")),
        ("escpos-network", _("Receipt printer on the network (ESC/POS)")),
        ("escpos-usb", _("Receipt printer on USB (ESC/POS)")),
        ("escpos-serial", _("Receipt printer on a serial port (ESC/POS)")),
        ("escpos-file", _("Receipt printer as a device file (ESC/POS)")),
    )


def hex_id(text: str) -> int:
    """A USB ID typed as 04b8, 04B8 or 0x04b8; 0 when it is not hex (the check then says what to type)."""
    try:
        return int(text.strip().lower().removeprefix("0x") or "0", 16)
    except ValueError:
        return 0


HEX_FIELDS = ("printer.usb_vendor", "printer.usb_product")


DIGIT_FIELDS = ("bank.bin", "bank.account", "shop.tax_code")


class SettingsForm(QTabWidget):
    """Every editable setting; `fields` maps "section.name" (as in Settings) to its widget."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(FORM_STYLE)
        self.fields: dict[str, QWidget] = {}
        self.password_stored = False
        self.forget_password = False
        self.addTab(self._shopform_page(), _("Shop"))
        self.addTab(self._printerform_page(), _("Receipt printer"))
        self.addTab(self._tillform_page(), _("Till"))
        self.addTab(self._mailform_page(), _("Mail"))
        self.backup_page = QWidget()
        self.addTab(self.backup_page, _("Backup"))
        self._backup_fields()

    def _line(self, key: str, max_length: int = 200, width: int = 0) -> QLineEdit:
        field = QLineEdit()
        field.setMaxLength(max_length)
        if width:
            field.setMaximumWidth(width)
        self.fields[key] = field
        return field

    def _spin(self, key: str, low: int, high: int, suffix: str = "") -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(low, high)
        spin.setSuffix(suffix)
        spin.setMaximumWidth(220)
        self.fields[key] = spin
        return spin

    # --- pages --------------------------------------------------------------------------
    def _shopform_page(self) -> QWidget:
        self.bank_picker = data_combo(
            (("", _("Choose the bank…")), *((code, f"{name} · {code}") for code, name in BANK_NAMES.items()))
        )
        self.bank_picker.activated.connect(self._bank_picked)
        bin_field = self._line("bank.bin", 6, 160)
        bin_field.textEdited.connect(self._bin_typed)
        account_name = self._line("bank.account_name", 50)
        account_name.editingFinished.connect(self._bank_style_name)
        page = form_page(
            (_("Shop name"), self._line("shop.name", 100)),
            (_("Address"), self._line("shop.address")),
            (_("Shop tax code"), self._line("shop.tax_code", 14, 260)),
            (_("Phone"), self._line("shop.phone", 20, 260)),
            (_("Receipt footer"), self._line("shop.footer")),
            section_heading(_("Bank account for VietQR transfers")),
            (_("Bank"), self.bank_picker),
            (_("Bank code (BIN)"), bin_field),
            (_("Account number"), self._line("bank.account", 30, 320)),
            (_("Account name"), account_name),
        )
        return page

    def _printerform_page(self) -> QWidget:
        kind = data_combo(printer_kinds())
        self.fields["printer.kind"] = kind
        self.printer_details = QStackedWidget()
        pdf_note = QLabel(_("Each receipt is saved as a PDF file in the receipts folder of the shop's data."))
        pdf_note.setWordWrap(True)
        system_name = QComboBox()
        system_name.setEditable(True)
        system_name.addItems(["", *_system_printers()])
        line = system_name.lineEdit()
        if line is not None:
            line.setPlaceholderText(_("Empty: the computer's default printer"))
        self.fields["printer.system_name"] = system_name
        baudrate = data_combo(tuple((rate, str(rate)) for rate in BAUDRATES))
        self.fields["printer.baudrate"] = baudrate
        details = (
            form_page(pdf_note, margin=0, stretch=False),
            form_page((_("Printer name"), system_name), margin=0, stretch=False),
            form_page(
                (_("Network address"), self._line("printer.host", 100, 320)),
                (_("Port"), self._spin("printer.port", 1, 65_535)),
                margin=0,
                stretch=False,
            ),
            form_page(
                (_("USB vendor ID (hex)"), self._line("printer.usb_vendor", 6, 160)),
                (_("USB product ID (hex)"), self._line("printer.usb_product", 6, 160)),
                margin=0,
                stretch=False,
            ),
            form_page(
                (_("Serial port"), self._line("printer.serial_device", 100, 320)),
                (_("Speed (baud)"), baudrate),
                margin=0,
                stretch=False,
            ),
            form_page((_("Device file"), self._line("printer.file_path", 200)), margin=0, stretch=False),
        )
        for widget in details:
            self.printer_details.addWidget(widget)
        kind.currentIndexChanged.connect(self._printer_kind_changed)
        width = data_combo(tuple((mm, _("{mm} mm").format(mm=mm)) for mm in PAPER_WIDTHS))
        raster = data_combo(
            (
                (True, _("Picture: Vietnamese accents and the QR code")),
                (False, _("Text only: no accents, for printers that cannot print pictures")),
            )
        )
        language = data_combo((("vi", "Tiếng Việt"), ("en", "English"), ("vi+en", "Tiếng Việt + English")))
        drawer = QCheckBox(_("Open the cash drawer after a cash sale"))
        self.fields.update(
            {
                "printer.width_mm": width,
                "printer.raster": raster,
                "printer.receipt_language": language,
                "printer.cash_drawer": drawer,
            }
        )
        page = form_page(
            (_("Printer"), kind),
            self.printer_details,
            (_("Paper width"), width),
            (_("Print as"), raster),
            (_("Receipt language"), language),
            drawer,
        )
        return page

    def _tillform_page(self) -> QWidget:
        language = data_combo(LANGUAGE_NAMES)
        suffix = data_combo((("enter", _("Enter")), ("tab", _("Tab")), ("enter,tab", _("Enter or Tab"))))
        discount = QDoubleSpinBox()
        discount.setRange(0, 100)
        discount.setDecimals(2)  # basis points exactly: opening and saving never changes the limit
        discount.setSingleStep(0.5)
        # Amounts on this till read the Vietnamese way (10,5 %), whatever the computer's own locale.
        discount.setLocale(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
        discount.setSuffix(" %")
        discount.setMaximumWidth(200)
        self.fields.update({"language": language, "scanner.suffix": suffix, "staff.discount_limit_bp": discount})
        restart = QLabel(_("The language, the scanner and the printer change when the till next starts."))
        restart.setObjectName("muted")
        restart.setWordWrap(True)
        page = form_page(
            (_("This computer's till code"), self._line("till", 10, 160)),
            (_("Language"), language),
            restart,
            section_heading(_("Barcode scanner")),
            (_("Longest gap between a scanner's keys"), self._spin("scanner.max_gap_ms", 5, 500, " ms")),
            (_("Shortest barcode"), self._spin("scanner.min_length", 1, 48)),
            (_("The scanner ends a code with"), suffix),
            section_heading(_("Staff")),
            (_("Largest discount a cashier may give alone"), discount),
            (_("Lock a user after wrong PINs"), self._spin("staff.lockout_attempts", 1, 20)),
            (_("Lock for"), self._spin("staff.lockout_minutes", 1, 1_440, _(" min"))),
        )
        return page

    def _mailform_page(self) -> QWidget:
        starttls = QCheckBox(_("Encrypt with STARTTLS"))
        self.fields["mail.starttls"] = starttls
        password = self._line("mail.password", 200, 320)
        password.setMinimumWidth(320)
        password.setEchoMode(QLineEdit.EchoMode.Password)
        password.textEdited.connect(lambda _text: setattr(self, "forget_password", False))
        self.forget_button = QPushButton(_("Forget the password"))
        self.forget_button.clicked.connect(self._forget)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(password)
        line.addWidget(self.forget_button)
        line.addStretch(1)
        self.password_note = QLabel()
        self.password_note.setObjectName("muted")
        self.password_note.setWordWrap(True)
        explain = QLabel(_("Used to send purchase orders to cooperatives. Leave the server empty for no mail."))
        explain.setWordWrap(True)
        page = form_page(
            explain,
            (_("Mail server (SMTP)"), self._line("mail.host", 100, 360)),
            (_("Port"), self._spin("mail.port", 1, 65_535)),
            starttls,
            (_("User name"), self._line("mail.user", 100, 360)),
            (_("Sender address"), self._line("mail.sender", 100, 360)),
            (_("Password"), row),
            self.password_note,
        )
        return page

    def _backup_fields(self) -> None:
        self.choose_folder_button = QPushButton(_("Choose…"))
        folder = self._line("backup.folder", 400)
        folder.setPlaceholderText(_("Empty: the backups folder beside the shop's data"))
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(folder, 1)
        line.addWidget(self.choose_folder_button)
        daily = QCheckBox(_("Back up by itself once a day"))
        self.fields["backup.daily"] = daily
        self.backup_form = QVBoxLayout(self.backup_page)
        self.backup_form.setContentsMargins(0, 0, 0, 0)
        fields = form_page(
            (_("Backup folder"), row),
            (_("Backups to keep"), self._spin("backup.keep", 1, 365)),
            daily,
            stretch=False,
        )
        self.backup_form.addWidget(fields)

    # --- behaviour ----------------------------------------------------------------------
    def _printer_kind_changed(self, index: int) -> None:
        """Only the chosen kind's fields take room: the others' pages are not laid out at all."""
        for position in range(self.printer_details.count()):
            page = self.printer_details.widget(position)
            if page is not None:
                policy = QSizePolicy.Policy.Preferred if position == index else QSizePolicy.Policy.Ignored
                page.setSizePolicy(policy, policy)
        self.printer_details.setCurrentIndex(index)
        self.printer_details.adjustSize()

    def _bank_picked(self, index: int) -> None:
        code = self.bank_picker.itemData(index)
        if code:
            self.line("bank.bin").setText(str(code))

    def _bin_typed(self, text: str) -> None:
        select_data(self.bank_picker, text.strip() if text.strip() in BANK_NAMES else "")

    def _bank_style_name(self) -> None:
        """Account names as banks print them: capitals without accents (NGUYEN VAN A)."""
        field = self.line("bank.account_name")
        field.setText(" ".join(ascii_text(field.text()).upper().split()))

    def _forget(self) -> None:
        self.forget_password = True
        self.line("mail.password").clear()
        self.password_note.setText(_("The password will be forgotten when you save."))

    def line(self, key: str) -> QLineEdit:
        widget = self.fields[key]
        assert isinstance(widget, QLineEdit)
        return widget

    def combo(self, key: str) -> QComboBox:
        widget = self.fields[key]
        assert isinstance(widget, QComboBox)
        return widget

    def spin(self, key: str) -> QSpinBox:
        widget = self.fields[key]
        assert isinstance(widget, QSpinBox)
        return widget

    def check(self, key: str) -> QCheckBox:
        widget = self.fields[key]
        assert isinstance(widget, QCheckBox)
        return widget

    def load(self, settings: Settings, password_stored: bool, keyring_note: str) -> None:
        for key, widget in self.fields.items():
            if key == "mail.password":
                self.line(key).clear()  # a saved password is never shown again
                continue
            value = setting(settings, key)
            if key in HEX_FIELDS:
                value = f"{value:04X}" if value else ""
            elif key == "staff.discount_limit_bp":
                value = value / 100  # basis points shown as a percentage
            put_value(widget, value)
        self._bin_typed(settings.bank.bin)
        self._printer_kind_changed(self.combo("printer.kind").currentIndex())
        self.password_stored = password_stored
        self.forget_password = False
        self.line("mail.password").setPlaceholderText(
            _("Saved. Type a new one to change it.") if password_stored else _("No password saved")
        )
        self.forget_button.setEnabled(password_stored)
        self.password_note.setText(keyring_note)
        self.mark_invalid(())

    def read(self, base: Settings) -> tuple[Settings, str | None]:
        """The settings on screen (on top of `base`) and the password typed: None keeps the saved one."""
        values = {key: take_value(widget) for key, widget in self.fields.items() if key != "mail.password"}
        values["till"] = str(values["till"]).upper()
        for key in DIGIT_FIELDS:  # "0011 0042 37596" is how people copy an account number
            values[key] = "".join(str(values[key]).split())
        for key in HEX_FIELDS:
            values[key] = hex_id(str(values[key]))
        values["staff.discount_limit_bp"] = round(float(values["staff.discount_limit_bp"]) * 100)
        top: dict[str, Any] = {}
        sections: dict[str, dict[str, Any]] = {}
        for key, value in values.items():
            section, _dot, name = key.partition(".")
            if name:
                sections.setdefault(section, {})[name] = value
            else:
                top[key] = value
        settings = replace(
            base, **top, **{name: replace(getattr(base, name), **fields) for name, fields in sections.items()}
        )
        typed = self.line("mail.password").text()
        password = "" if self.forget_password else (typed or None)
        return settings, password

    def mark_invalid(self, keys: Iterable[str]) -> None:
        """Red borders on the fields with a problem (and none on the others)."""
        wrong = set(keys)
        for key, widget in self.fields.items():
            invalid = key in wrong
            if bool(widget.property("invalid")) != invalid:
                widget.setProperty("invalid", invalid)
                widget.style().unpolish(widget)
                widget.style().polish(widget)

    def show_field(self, key: str) -> None:
        """Bring the field's tab forward and put the cursor in it."""
        widget = self.fields.get(key)
        if widget is None:
            return
        for index in range(self.count()):
            page = self.widget(index)
            if page is not None and page.isAncestorOf(widget):
                self.setCurrentIndex(index)
                break
        widget.setFocus(Qt.FocusReason.OtherFocusReason)


def _system_printers() -> list[str]:
    from PySide6.QtPrintSupport import QPrinterInfo

    return list(QPrinterInfo.availablePrinterNames())

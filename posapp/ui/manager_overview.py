"""The manager's first screen: what runs low, certificates to renew, orders not sent, money owed to cooperatives."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from posapp.domain.money import format_vnd
from posapp.i18n import _
from posapp.services.purchasing import PurchasingService
from posapp.services.supply_dto import CertificateAlert, ConsignmentBalance, PurchaseOrderView, SupplyOverview
from posapp.services.supply_overview import CERTIFICATE_WARNING_DAYS, SupplyOverviewService
from posapp.ui import style
from posapp.ui.context import ViewContext
from posapp.ui.supply_kit import BackOfficeView, day_text, make_table, muted
from posapp.ui.supply_models_qt import Col, RowsModel, Tone

TILE_STYLE = f"""
QPushButton#tile {{
    background: {style.SURFACE}; border: 1px solid {style.LINE}; border-radius: 12px;
    padding: 10px 14px; min-height: 96px; text-align: left;
}}
QPushButton#tile:hover {{ border: 2px solid {style.ACCENT}; }}
QPushButton#tile[tone="danger"] {{ background: {style.DANGER_SOFT}; border: 1px solid {style.DANGER}; }}
QPushButton#tile[tone="warning"] {{ background: {style.WARNING_SOFT}; border: 1px solid {style.WARNING}; }}
QLabel#tileFigure {{ font-size: 21pt; font-weight: bold; color: {style.INK}; background: transparent; }}
QPushButton#tile[tone="danger"] QLabel#tileFigure {{ color: {style.DANGER}; }}
QPushButton#tile[tone="warning"] QLabel#tileFigure {{ color: {style.WARNING}; }}
QLabel#tileCaption {{ font-size: 11pt; font-weight: bold; color: {style.MUTED}; background: transparent; }}
"""

# Where each tile leads: names the host maps to its screens.
REORDER, PRODUCTS, ORDERS, STOCK, CONSIGNMENT = "reorder", "products", "orders", "stock", "consignment"


class Tile(QPushButton):
    """A figure and what it counts; pressing it opens the screen where it is dealt with."""

    def __init__(self, caption: str, screen: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tile")
        self.target = screen
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        self.figure = QLabel()
        self.figure.setObjectName("tileFigure")
        self.caption = QLabel(caption)
        self.caption.setObjectName("tileCaption")
        self.caption.setWordWrap(True)
        for label in (self.figure, self.caption):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(label)

    def show_value(self, text: str, tone: Tone = Tone.PLAIN) -> None:
        self.figure.setText(text)
        self.setProperty("tone", tone.value)
        self.style().unpolish(self)
        self.style().polish(self)
        for label in (self.figure, self.caption):
            label.style().unpolish(label)
            label.style().polish(label)


def alert_text(alert: CertificateAlert) -> str:
    if alert.expired:
        return _("expired {days} days ago").format(days=-alert.days_left)
    return _("{days} days left").format(days=alert.days_left)


def alert_tone(alert: CertificateAlert) -> Tone:
    return Tone.DANGER if alert.expired else Tone.WARNING


class ManagerOverview(BackOfficeView):
    open_screen = Signal(str)  # REORDER, PRODUCTS, ORDERS, STOCK or CONSIGNMENT: the host shows that screen

    def __init__(self, context: ViewContext, parent: QWidget | None = None) -> None:
        super().__init__(context, _("Overview"), parent)
        self.setStyleSheet(self.styleSheet() + TILE_STYLE)
        self.service = SupplyOverviewService(self.shop.sessions, self.shop.clock)
        self.purchasing = PurchasingService(self.shop.sessions, self.shop.clock)
        tiles = QHBoxLayout()
        tiles.setSpacing(12)
        self.tiles = {
            "low": Tile(_("running low"), REORDER),
            "expired": Tile(_("certificates expired"), PRODUCTS),
            "expiring": Tile(_("expire within {days} days").format(days=CERTIFICATE_WARNING_DAYS), PRODUCTS),
            "outbox": Tile(_("orders not sent (outbox)"), ORDERS),
            "drafts": Tile(_("draft orders"), ORDERS),
            "lots": Tile(_("lots near best-before"), STOCK),
            "owed": Tile(_("owed for consignment"), CONSIGNMENT),
        }
        for key, tile in self.tiles.items():
            tile.clicked.connect(lambda _checked=False, screen=tile.target: self.open_screen.emit(screen))
            tiles.addWidget(tile, 2 if key == "owed" else 1)
        self.outer.addLayout(tiles)
        lists = QGridLayout()
        lists.setHorizontalSpacing(14)
        self.alerts: RowsModel[CertificateAlert] = RowsModel(
            [
                Col(_("Product"), lambda a: a.name, tooltip=lambda a: f"{a.barcode} · {a.certificate}"),
                Col(_("Cooperative"), lambda a: a.cooperative),
                Col(_("Expires"), lambda a: day_text(a.expires), tone=alert_tone),
                Col("", alert_text, tone=alert_tone),
            ]
        )
        self.outbox: RowsModel[PurchaseOrderView] = RowsModel(
            [
                Col(_("Order"), lambda o: o.po_no),
                Col(_("Cooperative"), lambda o: o.cooperative),
                Col(
                    _("Why it was not sent"),
                    lambda o: o.last_error,
                    tone=lambda _o: Tone.DANGER,
                    tooltip=lambda o: o.last_error,
                ),
            ]
        )
        self.balances: RowsModel[ConsignmentBalance] = RowsModel(
            [
                Col(
                    _("Cooperative"),
                    lambda b: b.cooperative,
                    tooltip=lambda b: _("owed {owed}, paid {paid}").format(
                        owed=format_vnd(b.owed), paid=format_vnd(b.paid)
                    ),
                ),
                Col(
                    _("Balance"),
                    lambda b: format_vnd(b.balance),
                    right=True,
                    tone=lambda b: Tone.GOOD if b.balance > 0 else Tone.PLAIN,
                ),
            ]
        )
        self.alerts_table = make_table(self.alerts, stretch=0)
        self.outbox_table = make_table(self.outbox, stretch=2)
        self.balances_table = make_table(self.balances, stretch=0)
        self.alerts_caption = self._caption(_("OCOP certificates to renew"))
        self.outbox_caption = self._caption(_("Orders waiting in the outbox"))
        self.balances_caption = self._caption(_("Consignment: what the shop owes"))
        lists.addWidget(self.alerts_caption, 0, 0)
        lists.addWidget(self.alerts_table, 1, 0, 3, 1)
        lists.addWidget(self.outbox_caption, 0, 1)
        lists.addWidget(self.outbox_table, 1, 1)
        lists.addWidget(self.balances_caption, 2, 1)
        lists.addWidget(self.balances_table, 3, 1)
        lists.setColumnStretch(0, 3)
        lists.setColumnStretch(1, 2)
        lists.setRowStretch(1, 2)
        lists.setRowStretch(3, 3)
        self.outer.addLayout(lists, 1)
        self.note = muted()
        self.outer.addWidget(self.note)
        self.refresh()

    @staticmethod
    def _caption(text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("subheading")
        return label

    def refresh(self) -> None:
        figures = self.service.overview()
        self.show_figures(figures)
        self.alerts.set_rows(self.service.certificate_alerts())
        self.outbox.set_rows(self.purchasing.outbox())
        self.balances.set_rows([b for b in figures.balances if b.owed or b.paid])
        self.note.setText(
            _("Press a figure to open its screen. Certificates are flagged {days} days before they expire.").format(
                days=CERTIFICATE_WARNING_DAYS
            )
        )

    def show_figures(self, figures: SupplyOverview) -> None:
        def flag(count: int, tone: Tone) -> Tone:
            return tone if count else Tone.PLAIN

        tiles = self.tiles
        tiles["low"].show_value(str(figures.low_stock), flag(figures.low_stock, Tone.WARNING))
        tiles["expired"].show_value(str(figures.certificates_expired), flag(figures.certificates_expired, Tone.DANGER))
        tiles["expiring"].show_value(
            str(figures.certificates_expiring), flag(figures.certificates_expiring, Tone.WARNING)
        )
        tiles["outbox"].show_value(str(figures.outbox), flag(figures.outbox, Tone.DANGER))
        tiles["drafts"].show_value(str(figures.drafts))
        tiles["lots"].show_value(str(figures.lots_expiring), flag(figures.lots_expiring, Tone.WARNING))
        tiles["owed"].show_value(format_vnd(figures.consignment_owed))

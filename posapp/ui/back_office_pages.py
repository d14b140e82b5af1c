"""Which screens the back office has, in the order a manager uses them."""

from __future__ import annotations

from posapp.devices.printers import ReceiptPrinter
from posapp.i18n import _
from posapp.ui.back_office import Page
from posapp.ui.consignment_view import ConsignmentView
from posapp.ui.cooperatives_view import CooperativesView
from posapp.ui.daily_summary_view import DailySummaryView
from posapp.ui.manager_overview import ManagerOverview
from posapp.ui.orders_view import OrdersView
from posapp.ui.products_view import ProductsView
from posapp.ui.receipts_view import ReceiptsView
from posapp.ui.reorder_view import ReorderView
from posapp.ui.reports_view import ReportsView
from posapp.ui.settings_view import SettingsView
from posapp.ui.shift_view import ShiftView
from posapp.ui.staff_view import StaffView
from posapp.ui.stock_view import StockView


def back_office_pages(printer: ReceiptPrinter) -> list[Page]:
    return [
        Page("overview", _("Overview"), ManagerOverview),
        Page("shift", _("Shift"), lambda context: ShiftView(context, printer=printer)),
        Page("receipts", _("Past receipts"), lambda context: ReceiptsView(context, printer=printer)),
        Page("reports", _("Reports"), ReportsView),
        Page("daily", _("Day close"), DailySummaryView),
        Page("products", _("Products"), ProductsView),
        Page("cooperatives", _("Cooperatives"), CooperativesView),
        Page("stock", _("Stock"), StockView),
        Page("reorder", _("Reorders"), ReorderView),
        Page("orders", _("Purchase orders"), OrdersView),
        Page("consignment", _("Consignment"), ConsignmentView),
        Page("staff", _("Staff"), StaffView),
        Page("settings", _("Settings"), SettingsView),
    ]

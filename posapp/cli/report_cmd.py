"""`posapp report sales|daily`: what sold and whose it was, as JSON, CSV, XLSX or PDF; the day's close."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from posapp.cli.common import print_json, shop_from
from posapp.domain.errors import InvalidInput
from posapp.domain.money import qty_to_number
from posapp.domain.staff import COMMAND_LINE
from posapp.i18n import _
from posapp.services import report_export as export
from posapp.services.report_dto import DailySummary, Grouping, ReportRow, ReportTotal, SalesReport
from posapp.services.reports import ReportService

DATE = "YYYY-MM-DD"


def register(subparsers: Any) -> None:
    report = subparsers.add_parser("report", help=_("sales reports and the day's close"))
    actions = report.add_subparsers(dest="action", required=True, metavar="ACTION")
    sales = actions.add_parser("sales", help=_("sales grouped by cooperative, product, hour …"))
    sales.add_argument(
        "--by", required=True, choices=[g.value for g in Grouping], help=_("what to group the sales by")
    )
    sales.add_argument("--from", dest="first", required=True, metavar=DATE, help=_("the first day (shop time)"))
    sales.add_argument("--to", dest="last", required=True, metavar=DATE, help=_("the last day, included"))
    sales.add_argument("--format", default="json", choices=export.FORMATS, help=_("what to write (default json)"))
    sales.add_argument("-o", "--output", metavar="FILE", help=_("write to this file instead of the screen"))
    sales.set_defaults(handler=run_sales)
    daily = actions.add_parser("daily", help=_("the figures for closing a day"))
    daily.add_argument("--date", dest="day", required=True, metavar=DATE, help=_("the day (shop time)"))
    daily.add_argument("--format", default="json", choices=("json", "pdf"), help=_("what to write (default json)"))
    daily.add_argument("-o", "--output", metavar="FILE", help=_("write to this file instead of the screen"))
    daily.set_defaults(handler=run_daily)


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(_("“{text}” is not a date; write it as YYYY-MM-DD.").format(text=text)) from None


def money_row(row: ReportRow | ReportTotal) -> dict[str, Any]:
    return {
        "revenue": row.revenue,
        "units": None if row.units_milli is None else qty_to_number(row.units_milli),
        "receipts": row.receipts,
        "gross_margin": row.gross_margin,
    }


def sales_json(report: SalesReport) -> dict[str, Any]:
    rows = [
        {
            "key": row.key,
            "label": row.label,
            "detail": row.detail,
            **money_row(row),
            "share": round(row.share, 6),
            "previous_revenue": row.previous_revenue,
            "change": row.change,
        }
        for row in report.rows
    ]
    total = {**money_row(report.total), "previous_revenue": report.total.previous_revenue}
    return {
        "from": report.period.first.isoformat(),
        "to": report.period.last.isoformat(),
        "by": report.by.value,
        "previous": {"from": report.previous.first.isoformat(), "to": report.previous.last.isoformat()},
        "rows": rows,
        "total": total | {"change": report.total.change},
    }


def daily_json(summary: DailySummary) -> dict[str, Any]:
    return {
        "date": summary.day.isoformat(),
        "sales": summary.sales_total,
        "refunds": summary.refunds_total,
        "revenue": summary.revenue,
        "receipts": summary.receipts,
        "refund_receipts": summary.refund_receipts,
        "average_basket": summary.average_basket,
        "discounts": {
            "lines": summary.line_discounts,
            "receipts": summary.sale_discounts,
            "total": summary.discounts,
        },
        "gross_margin": summary.gross_margin,
        "units": qty_to_number(summary.units_milli),
        "payments": [{"method": p.method, "amount": p.amount, "receipts": p.receipts} for p in summary.payments],
        "vat": [{"rate": g.rate, "gross": g.gross, "net": g.net, "vat": g.vat} for g in summary.vat],
        "top_cooperatives": [{"name": c.label, "revenue": c.revenue} for c in summary.top_cooperatives],
        "outside_shift": None
        if summary.outside_shift_receipts is None
        else {"receipts": summary.outside_shift_receipts, "total": summary.outside_shift_total},
    }


def _write(text: str, output: str | None) -> None:
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def _json(data: dict[str, Any], output: str | None) -> None:
    if output:
        _write(json.dumps(data, ensure_ascii=False, indent=2) + "\n", output)
    else:
        print_json(data)


def _file(args: argparse.Namespace, default: str) -> Path:
    """Where a binary export goes: -o FILE, or `default` in the current folder; the path is printed."""
    return Path(args.output or default)


def run_sales(args: argparse.Namespace) -> int:
    first, last = parse_day(args.first), parse_day(args.last)
    with shop_from(args) as shop:
        reports = ReportService(shop.sessions, shop.clock)
        report = reports.sales(args.by, first, last, actor=COMMAND_LINE)
        name = f"report-{report.by.value}-{first.isoformat()}-{last.isoformat()}"
        if args.format == "json":
            _json(sales_json(report), args.output)
        elif args.format == "csv":
            _write(export.sales_csv(report), args.output)
        elif args.format == "xlsx":
            print(export.write_sales_xlsx(report, _file(args, f"{name}.xlsx"), shop.settings.shop.name))
        else:
            path = _file(args, f"{name}.pdf")
            path.write_bytes(export.sales_pdf(reports, report, shop.settings.shop.name, actor=COMMAND_LINE))
            print(path)
    return 0


def run_daily(args: argparse.Namespace) -> int:
    day = parse_day(args.day)
    with shop_from(args) as shop:
        summary = ReportService(shop.sessions, shop.clock).daily_summary(day, actor=COMMAND_LINE)
        if args.format == "json":
            _json(daily_json(summary), args.output)
        else:
            path = _file(args, f"day-close-{day.isoformat()}.pdf")
            path.write_bytes(export.daily_pdf(summary, shop.settings.shop.name))
            print(path)
    return 0

"""Catalogue CSV: import a spreadsheet of products all or nothing; export one that imports back unchanged."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from posapp.db.engine import SessionFactory
from posapp.db.models import Barcode, Cooperative, Product
from posapp.domain import barcodes as bc
from posapp.domain.errors import ImportRejected, InvalidInput, PosError
from posapp.domain.money import QTY_SCALE
from posapp.domain.ocop import OcopGroup, SupplyKind, check_stars, parse_group, parse_supply
from posapp.domain.text import nfc
from posapp.domain.vat import TaxCategory, parse_tax_category
from posapp.i18n import _
from posapp.services import catalog
from posapp.services.catalog import ProductInput
from posapp.services.dto import ProductView

COLUMNS = (
    "barcode",
    "name",
    "name_en",
    "cooperative",
    "province",
    "ocop_stars",
    "ocop_group",
    "ocop_certificate",
    "ocop_expires",
    "unit",
    "weighed",
    "plu",
    "price",
    "cost",
    "tax",
    "supply",
    "payout",
    "reorder_point",
    "safety_stock",
    "pack_size",
    "lead_time_days",
)
REQUIRED = ("name", "cooperative", "price")
_YES, _NO = {"1", "true", "yes", "có"}, {"", "0", "false", "no", "không"}
_AMOUNT = re.compile(r"^(\d+|\d{1,3}(\.\d{3})+|\d{1,3}(,\d{3})+)$")
_MOST = 10**12  # no price, cost or quantity comes near this; it keeps numbers inside the database's integers
Source = Path | str | TextIO


@dataclass(frozen=True)
class ImportSummary:
    created: int
    updated: int

    @property
    def total(self) -> int:
        return self.created + self.updated


# --- one cell -----------------------------------------------------------------------------
def _text(limit: int, required: bool = False) -> Callable[[str], str]:
    def parse(text: str) -> str:
        value = nfc(text).strip()
        if required and not value:
            raise InvalidInput(_("This column must not be empty."))
        if len(value) > limit:
            raise InvalidInput(_("This is longer than {limit} characters.").format(limit=limit))
        return value

    return parse


def _whole(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        text = text.strip()
        if not (text.isascii() and text.isdigit()) or not low <= int(text) <= high:
            message = _("“{text}” is not a whole number from {low} to {high}.")
            raise InvalidInput(message.format(text=text, low=low, high=high))
        return int(text)

    return parse


def _amount(text: str) -> int:
    """Whole dong: `185000`, `185.000` or `185,000` (a currency sign is allowed)."""
    cleaned = text.strip().replace("₫", "").replace("đ", "").strip()
    if cleaned.startswith("-") and _AMOUNT.match(cleaned[1:]):
        raise InvalidInput(_("An amount cannot be negative."))
    if not _AMOUNT.match(cleaned):
        if not cleaned:
            raise InvalidInput(_("Every product needs a price."))
        raise InvalidInput(_("“{text}” is not a whole number of dong.").format(text=text.strip()))
    value = int(cleaned.replace(".", "").replace(",", ""))
    if value >= _MOST:
        raise InvalidInput(_("“{text}” is too large.").format(text=text.strip()))
    return value


def _date(text: str) -> date:
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
            return date.fromisoformat(text.strip())
    except ValueError:
        pass
    raise InvalidInput(_("“{text}” is not a date; write it as YYYY-MM-DD.").format(text=text.strip()))


def _yes_no(text: str) -> bool:
    word = nfc(text).strip().lower()
    if word not in _YES | _NO:
        raise InvalidInput(_("“{text}” is not yes or no; write 1 or 0.").format(text=text.strip()))
    return word in _YES


def _units(text: str) -> int:
    """Units (kg for weighed goods, decimals allowed) in thousandths; whole pieces are checked per product."""
    try:
        value = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or value < 0 or value * QTY_SCALE != (value * QTY_SCALE).to_integral_value():
        raise InvalidInput(_("“{text}” is not a quantity.").format(text=text.strip()))
    if value * QTY_SCALE >= _MOST:
        raise InvalidInput(_("“{text}” is too large.").format(text=text.strip()))
    return int(value * QTY_SCALE)


def _stars(text: str) -> int:
    digits = text.strip()
    return check_stars(int(digits) if digits.isascii() and digits.isdigit() else 0)


def _or(empty: Any, parse: Callable[[str], Any]) -> Callable[[str], Any]:
    return lambda text: parse(text) if text.strip() else empty


# column -> (ProductInput field, parser of the cell)
_FIELDS: dict[str, tuple[str, Callable[[str], Any]]] = {
    "name": ("name", _text(200, required=True)),
    "name_en": ("name_en", _text(200)),
    "cooperative": ("cooperative", _text(200, required=True)),
    "province": ("origin_province", _text(100)),
    "ocop_stars": ("ocop_stars", _or(None, _stars)),
    "ocop_group": ("ocop_group", _or(OcopGroup.FOOD, parse_group)),
    "ocop_certificate": ("ocop_certificate", _text(100)),
    "ocop_expires": ("ocop_expires", _or(None, _date)),
    "unit": ("unit", _text(20)),
    "weighed": ("weighed", _yes_no),
    "plu": ("plu", _or(None, _whole(1, bc.PLU_MAX))),
    "price": ("price", _amount),
    "cost": ("cost", _or(0, _amount)),
    "tax": ("tax_category", _or(TaxCategory.STANDARD, parse_tax_category)),
    "supply": ("supply_kind", _or(SupplyKind.PURCHASE, parse_supply)),
    "payout": ("payout", _or(None, _amount)),
    "reorder_point": ("reorder_point_milli", _or(0, _units)),
    "safety_stock": ("safety_stock_milli", _or(0, _units)),
    "pack_size": ("pack_size_milli", _or(QTY_SCALE, _units)),
    "lead_time_days": ("lead_time_days", _or(None, _whole(0, 365))),
}


@dataclass
class _Row:
    line: int
    barcode: str = ""
    values: dict[str, Any] = field(default_factory=dict)
    bad_columns: set[str] = field(default_factory=set)

    @property
    def key(self) -> tuple[str, str]:
        return self.values.get("name", ""), catalog.name_key(str(self.values.get("cooperative", "")))


class _Problems(list[tuple[int, str]]):
    def add(self, line: int, column: str, reason: str) -> None:
        # The `line N: column: reason` frame is a contract scripts parse; only the reason is translated.
        text = f"line {line}: {column}: {reason}"
        self.append((line, text))


# --- the file -----------------------------------------------------------------------------
def _read_text(source: Source) -> str:
    if not isinstance(source, str | Path):
        return source.read().removeprefix("\ufeff")
    try:
        with open(source, encoding="utf-8-sig", newline="") as handle:
            return handle.read()
    except FileNotFoundError:
        raise PosError(_("There is no file {path}.").format(path=source)) from None
    except UnicodeDecodeError:
        message = _("{path} is not UTF-8 text: in Excel, save it as “CSV UTF-8 (Comma delimited)”.")
        raise PosError(message.format(path=source)) from None
    except OSError as error:
        raise PosError(_("Cannot read {path}: {reason}").format(path=source, reason=error.strerror)) from None


def _parse_rows(text: str, problems: _Problems) -> list[_Row]:
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if ";" in first_line and "," not in first_line else ","  # Excel in a comma-decimal locale
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [nfc(name).strip().lower() for name in next(reader, [])]
    while header and not header[-1]:
        header.pop()  # spreadsheets often leave empty columns at the end
    if not header:
        raise PosError(_("The file is empty: it needs a header row naming the columns."))
    for index, name in enumerate(header):
        if name not in COLUMNS:
            message = _("Unknown column; the columns are: {names}.").format(names=", ".join(COLUMNS))
            problems.add(1, name, message)
        elif name in header[:index]:
            problems.add(1, name, _("This column appears twice."))
    for name in REQUIRED:
        if name not in header:
            problems.add(1, name, _("This required column is missing."))
    if problems:
        return []  # with a bad header the rows cannot be read
    rows: list[_Row] = []
    while True:
        line = reader.line_num + 1  # a quoted cell may span lines: report where the row starts
        try:
            record = next(reader, None)
        except csv.Error as error:
            raise PosError(f"line {line}: {error}") from None
        if record is None:
            break
        if not any(cell.strip() for cell in record):
            continue
        if any(cell.strip() for cell in record[len(header) :]):
            problems.add(line, header[-1], _("This row has more values than the header has columns."))
            continue
        row = _Row(line)
        for column, cell in zip(header, record + [""] * (len(header) - len(record)), strict=False):
            try:
                if column == "barcode":
                    row.barcode = bc.validate_product_code(cell) if cell.strip() else ""
                else:
                    name, parse = _FIELDS[column]
                    row.values[name] = parse(cell)
            except PosError as error:
                problems.add(line, column, error.message)
                row.bad_columns.add(column)
        rows.append(row)
    return rows


# --- the rows against each other and the shop ---------------------------------------------
def _product_problems(data: ProductInput) -> list[tuple[str, str]]:
    """The product rules, each pinned to the column a shopkeeper should fix."""
    found: list[tuple[str, str]] = []
    if data.weighed and data.plu is None:
        found.append(("plu", _("A product sold by weight needs a PLU for the scale.")))
    if data.plu is not None and not data.weighed:
        found.append(("plu", _("Only products sold by weight have a PLU.")))
    if data.supply_kind is SupplyKind.CONSIGNMENT and data.payout is None:
        message = _("A consignment product needs the payout per unit owed to the cooperative.")
        found.append(("payout", message))
    if data.pack_size_milli <= 0:
        found.append(("pack_size", _("The pack size must be more than zero.")))
    quantities = (
        ("reorder_point", data.reorder_point_milli),
        ("safety_stock", data.safety_stock_milli),
        ("pack_size", data.pack_size_milli),
    )
    for column, milli in quantities:
        if not data.weighed and milli % QTY_SCALE:
            found.append((column, _("This product is counted in whole units.")))
    if not found:
        try:
            catalog.check_product(data)
        except PosError as error:
            found.append(("name", error.message))
    return found


def _as_input(p: Product) -> ProductInput:
    return ProductInput(
        name=p.name,
        cooperative=p.cooperative.name,
        price=p.price,
        name_en=p.name_en,
        origin_province=p.origin_province,
        unit=p.unit,
        weighed=p.weighed,
        plu=p.plu,
        ocop_group=OcopGroup(p.ocop_group),
        ocop_stars=p.ocop_stars,
        ocop_certificate=p.ocop_certificate,
        ocop_expires=p.ocop_expires,
        story=p.story,
        story_url=p.story_url,
        cost=p.cost,
        tax_category=TaxCategory(p.tax_category),
        supply_kind=SupplyKind(p.supply_kind),
        payout=p.payout,
        reorder_point_milli=p.reorder_point_milli,
        safety_stock_milli=p.safety_stock_milli,
        pack_size_milli=p.pack_size_milli,
        lead_time_days=p.lead_time_days,
        active=p.active,
    )


def _existing(session: Session, row: _Row, problems: _Problems) -> Product | None:
    """The product a row updates: the one with its barcode, or (no barcode) its exact name and cooperative."""
    if row.barcode:
        owner = session.get(Barcode, row.barcode)
        return owner.product if owner is not None else None
    matches = session.scalars(
        select(Product)
        .join(Cooperative)
        .where(Product.name == row.values["name"], catalog.cooperative_named(row.values["cooperative"]))
        .order_by(Product.id)
    ).all()
    if len(matches) > 1:
        message = _("Several products of this cooperative have this name: give the barcode.")
        problems.add(row.line, "barcode", message)
    return matches[0] if matches else None


_Step = tuple[_Row, Product | None, ProductInput]


def _plan(session: Session, rows: list[_Row], problems: _Problems) -> list[_Step]:
    """What each row will create or update, every problem reported before anything is written."""
    steps: list[_Step] = []
    first: dict[object, int] = {}  # barcode, PLU, product or name+cooperative -> first line naming it

    def seen(key: object, line: int) -> int | None:
        other = first.get(key)
        if other is None:
            first[key] = line
        return other

    with_barcode = {row.key for row in rows if row.barcode}
    for row in rows:
        if row.barcode and (other := seen(("barcode", row.barcode), row.line)):
            problems.add(row.line, "barcode", _("The same barcode is on line {other}.").format(other=other))
        elif not row.barcode and (other := seen(("name", row.key), row.line)):
            message = _("The same name and cooperative are on line {other}.").format(other=other)
            problems.add(row.line, "name", message)
        elif not row.barcode and row.key in with_barcode:
            message = _("Another row has this name and cooperative with a barcode: give it here too.")
            problems.add(row.line, "barcode", message)
        complete = {"name", "cooperative", "price"} <= row.values.keys()
        product = _existing(session, row, problems) if complete else None
        # A row missing a required value (already reported) is still checked for its other rules.
        values = row.values if complete else {"name": "-", "cooperative": "-", "price": 0, **row.values}
        data = replace(_as_input(product), **values) if product else ProductInput(**values)
        data = replace(data, barcodes=(row.barcode,) if row.barcode else ())
        if product is not None and (other := seen(("product", product.id), row.line)):
            problems.add(row.line, "barcode", _("Line {other} is the same product.").format(other=other))
        for column, reason in _product_problems(data):
            if column not in row.bad_columns:  # one problem per cell: its own
                problems.add(row.line, column, reason)
        if data.plu is not None and (other := seen(("plu", data.plu), row.line)):
            problems.add(row.line, "plu", _("The same PLU is on line {other}.").format(other=other))
        steps.append((row, product, data))
    updated = {product.id for _row, product, _data in steps if product is not None}
    for row, _product, data in steps:
        holder = session.scalar(select(Product).where(Product.plu == data.plu)) if data.plu else None
        # A PLU may be taken from a product this file also updates (and so gives a new one).
        if holder is not None and holder.id not in updated:
            message = _("PLU {plu} is already used by “{name}”.").format(plu=data.plu, name=holder.name)
            problems.add(row.line, "plu", message)
    return steps


def import_catalogue(sessions: SessionFactory, source: Source) -> ImportSummary:
    """Create or update every product of a catalogue CSV in one transaction; ImportRejected lists bad rows."""
    problems = _Problems()
    rows = _parse_rows(_read_text(source), problems)
    with sessions.begin() as session:
        steps = _plan(session, rows, problems)
        if not problems:
            for _row, product, _data in steps:
                if product is not None:
                    product.plu = None  # PLUs may move between products within one file
            session.flush()
            for row, product, data in steps:
                try:
                    catalog.save_product(session, data, product.id if product is not None else None)
                except PosError as error:
                    problems.add(row.line, "name", error.message)
        if problems:
            raise ImportRejected([text for _line, text in sorted(problems, key=lambda problem: problem[0])])
        created = sum(1 for _row, product, _data in steps if product is None)
        return ImportSummary(created=created, updated=len(steps) - created)


# --- export -------------------------------------------------------------------------------
def _units_text(milli: int) -> str:
    if milli % QTY_SCALE == 0:
        return str(milli // QTY_SCALE)
    return format((Decimal(milli) / QTY_SCALE).normalize(), "f")


def _blank(value: object) -> str:
    return "" if value is None else str(value)


def export_row(p: ProductView) -> list[str]:
    return [
        p.barcode,
        p.name,
        p.name_en,
        p.cooperative,
        p.origin_province,
        _blank(p.ocop_stars),
        p.ocop_group,
        p.ocop_certificate,
        _blank(p.ocop_expires),
        p.unit,
        "1" if p.weighed else "0",
        "" if p.plu is None else f"{p.plu:05d}",
        str(p.price),
        str(p.cost),
        p.tax_category,
        p.supply_kind,
        _blank(p.payout),
        _units_text(p.reorder_point_milli),
        _units_text(p.safety_stock_milli),
        _units_text(p.pack_size_milli),
        _blank(p.lead_time_days),
    ]


def export_catalogue(sessions: SessionFactory, target: Source) -> int:
    """Every product as one row with its primary barcode; a file gets a BOM so Excel reads the Vietnamese."""
    products = catalog.CatalogService(sessions).products(include_inactive=True)
    rows = [list(COLUMNS), *(export_row(p) for p in products)]
    if not isinstance(target, str | Path):
        csv.writer(target).writerows(rows)
        return len(products)
    try:
        with open(target, "w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle).writerows(rows)
    except OSError as error:
        message = _("Cannot write {path}: {reason}")
        raise PosError(message.format(path=target, reason=error.strerror)) from None
    return len(products)

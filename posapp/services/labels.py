"""Labels to print: barcodes or products with a count each, resolved from the catalogue into a label PDF."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from posapp.db.engine import SessionFactory
from posapp.db.models import Product
from posapp.documents.labels import LabelData, pages_needed, render_labels_pdf, sheet_named
from posapp.domain import barcodes as bc
from posapp.domain.errors import InvalidInput, NotFound, PosError
from posapp.i18n import _
from posapp.services.catalog import find_product_by_code, product_view
from posapp.services.dto import ProductView

MAX_COUNT = 1000  # labels of one product in one go
MAX_LABELS = 5000  # in one PDF: about 200 A4 sheets

_ITEM = re.compile(r"(?P<code>\d+)(?:[xX×*](?P<count>\d+))?")


def parse_item(text: str) -> tuple[str, int]:
    """`8936210401218x5` -> (`8936210401218`, 5); a bare barcode means one label."""
    match = _ITEM.fullmatch(text.strip())
    if match is None:
        raise InvalidInput(
            _("“{item}” is not a label item: write BARCODE or BARCODExCOUNT, like 8936210401218x5.").format(
                item=text.strip()
            )
        )
    count = int(match["count"]) if match["count"] is not None else 1
    return match["code"], check_count(count, match["code"])


def check_count(count: int, what: str) -> int:
    if not 1 <= count <= MAX_COUNT:
        raise InvalidInput(
            _("The number of labels for {what} must be between 1 and {most}.").format(what=what, most=MAX_COUNT)
        )
    return count


def label_data(product: ProductView, code: str = "") -> LabelData:
    """What a label shows for a product, with `code` (one of its barcodes) or its main barcode."""
    return LabelData(
        code=code or product.barcode,
        name=product.name,
        name_en=product.name_en,
        price=product.price,
        unit=product.unit,
        weighed=product.weighed,
        stars=product.ocop_stars,
        cooperative=product.cooperative,
        province=product.origin_province,
    )


@dataclass(frozen=True)
class SavedLabels:
    path: Path
    labels: int
    pages: int
    sheet: str


def _sellable(product: Product) -> ProductView:
    view = product_view(product)
    if not view.active:
        # The till refuses it, so a label would only confuse the cashier.
        raise InvalidInput(_("“{name}” is no longer sold: no labels are printed for it.").format(name=view.name))
    if not view.barcode:
        raise InvalidInput(_("“{name}” has no barcode to print.").format(name=view.name))
    return view


def _expand(labels: list[tuple[LabelData, int]]) -> list[LabelData]:
    total = sum(count for _label, count in labels)
    if total > MAX_LABELS:
        raise InvalidInput(
            _("That is {count} labels; print at most {most} at a time.").format(count=total, most=MAX_LABELS)
        )
    return [label for label, count in labels for _ in range(count)]


class LabelService:
    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions

    def labels(self, items: Sequence[tuple[str, int]]) -> list[LabelData]:
        """One label per count of each (barcode, count), in order. Unknown barcodes are named in the error."""
        resolved: list[tuple[LabelData, int]] = []
        with self._sessions() as session:
            for code, count in items:
                check_count(count, code)
                resolved.append((self._by_code(session, code), count))
        return _expand(resolved)

    def labels_for_products(self, items: Sequence[tuple[int, int]]) -> list[LabelData]:
        """One label per count of each (product id, count), in order, with the product's main barcode."""
        resolved: list[tuple[LabelData, int]] = []
        with self._sessions() as session:
            for product_id, count in items:
                product = session.get(Product, product_id)
                if product is None:
                    raise NotFound(_("That product no longer exists."))
                view = _sellable(product)
                resolved.append((label_data(view), check_count(count, view.name)))
        return _expand(resolved)

    @staticmethod
    def _by_code(session: Session, code: str) -> LabelData:
        code = code.strip()
        product, _qty = find_product_by_code(session, code)
        view = _sellable(product)
        # A scale label names the product, but the shelf label carries the product's own code.
        printed = view.barcode if bc.parse_weighed(code) is not None else bc.normalise(code)
        return label_data(view, printed)

    def save(self, labels: Sequence[LabelData], sheet: str, path: Path, skip: int = 0) -> SavedLabels:
        """Render the labels and write the PDF whole (or nothing) to `path`."""
        key = sheet_named(sheet).key
        document = render_labels_pdf(labels, key, skip)
        write_whole(path, document)
        return SavedLabels(path=path, labels=len(labels), pages=pages_needed(len(labels), key, skip), sheet=key)


def write_whole(path: Path, data: bytes) -> None:
    """Write beside the target, then rename: a reader never sees half a file, a failure leaves none."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise PosError(
            _("The labels could not be saved to {path}: {reason}").format(path=path, reason=error.strerror or error)
        ) from error


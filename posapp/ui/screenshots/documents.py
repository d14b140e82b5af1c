"""Pictures of the paper: a receipt and a label sheet, rendered from the very PDFs the shop prints."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPdf import QPdfDocument

from posapp.documents.labels import render_labels_pdf
from posapp.documents.receipt import ReceiptOptions, render_receipt_pdf
from posapp.services.dto import Receipt
from posapp.services.labels import LabelService
from posapp.shop import Shop
from posapp.ui.screenshots.kit import Shots

RECEIPT_DPI = 200  # a roll 80 mm wide comes out about 630 pixels: readable beside the screens
SHEET_DPI = 110
LABEL_PRODUCTS = 8
LABELS_EACH = 3
POINTS_PER_INCH = 72


def pdf_page_image(document: bytes, dpi: int, page: int = 0) -> QImage:
    """Page `page` of a PDF as an image on white paper (OSError when Qt cannot read it)."""
    with tempfile.TemporaryDirectory(prefix="posapp-pdf-") as folder:
        path = Path(folder) / "page.pdf"
        path.write_bytes(document)
        pdf = QPdfDocument()
        if pdf.load(str(path)) != QPdfDocument.Error.None_:
            raise OSError(f"Qt could not read the PDF: {pdf.error()}")
        points = pdf.pagePointSize(page)
        size = QSize(round(points.width() * dpi / POINTS_PER_INCH), round(points.height() * dpi / POINTS_PER_INCH))
        rendered = pdf.render(page, size)
        pdf.close()
    paper = QImage(rendered.size(), QImage.Format.Format_RGB32)
    paper.fill(QColor("white"))
    painter = QPainter(paper)
    painter.drawImage(0, 0, rendered)
    painter.end()
    return paper


def paper(shop: Shop, shots: Shots, sale: Receipt | None) -> None:
    if sale is not None:
        pdf = render_receipt_pdf(
            sale, shop.settings.shop, shop.settings.bank, ReceiptOptions(lang="vi+en"), shop.clock.timezone
        )
        shots.save(pdf_page_image(pdf, RECEIPT_DPI), "receipt.png")
    products = [p for p in shop.catalog.search("", limit=200) if p.active and p.barcode and p.ocop_stars]
    if products:
        service = LabelService(shop.sessions)
        labels = service.labels_for_products([(p.id, LABELS_EACH) for p in products[:LABEL_PRODUCTS]])
        shots.save(pdf_page_image(render_labels_pdf(labels, "a4-3x8"), SHEET_DPI), "labels.png")

"""What the demo shop sells: the bundled OCOP catalogue, generated variants for a big shop, how it is stocked."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from random import Random

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from posapp.db.models import Barcode, Cooperative, Counter, Product
from posapp.domain import barcodes as bc
from posapp.domain.cart import SaleItem
from posapp.domain.money import QTY_SCALE, div_round_half_up, parse_qty
from posapp.domain.ocop import OcopGroup, SupplyKind, parse_group, parse_supply
from posapp.domain.text import fold
from posapp.domain.vat import TaxCategory, parse_tax_category
from posapp.paths import RESOURCES
from posapp.services.catalog import CooperativeInput, ProductInput, item_from_row, name_key
from posapp.services.demo_bulk import TABLES, BulkRows

DEMO = RESOURCES / "demo"
MEAN_PIECES, MEAN_GRAMS = 1_350, 550  # what a sale line takes, in thousandths, for planning stock
# fmt: off
PRODUCT_COLUMNS = (
    "id", "name", "name_en", "unit", "weighed", "price", "tax_category", "cooperative_id", "origin_province",
    "ocop_stars", "ocop_group", "cost", "supply_kind", "payout", "reorder_point_milli", "pack_size_milli",
)
# fmt: on


def _cells(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [{key: (value or "").strip() for key, value in row.items()} for row in csv.DictReader(handle)]


def _number(cell: str) -> int | None:
    return int(cell) if cell else None


def read_cooperatives(path: Path = DEMO / "cooperatives.csv") -> list[CooperativeInput]:
    return [
        CooperativeInput(
            name=row["name"],
            province=row["province"],
            commune=row["commune"],
            contact=row["contact"],
            phone=row["phone"],
            email=row["email"],
            tax_code=row["tax_code"],
            lead_time_days=_number(row["lead_time_days"]),
            supply_terms=row["supply_terms"],
        )
        for row in _cells(path)
    ]


def read_catalogue(path: Path = DEMO / "catalogue.csv") -> list[ProductInput]:
    products = []
    for row in _cells(path):
        weighed = row["weighed"] == "1"
        products.append(
            ProductInput(
                name=row["name"],
                cooperative=row["cooperative"],
                price=int(row["price"]),
                barcodes=(row["barcode"],) if row["barcode"] else (),
                name_en=row["name_en"],
                origin_province=row["province"],
                unit=row["unit"],
                weighed=weighed,
                plu=_number(row["plu"]),
                ocop_group=parse_group(row["ocop_group"]),
                ocop_stars=_number(row["ocop_stars"]),
                ocop_certificate=row["ocop_certificate"],
                ocop_expires=date.fromisoformat(row["ocop_expires"]) if row["ocop_expires"] else None,
                cost=int(row["cost"] or 0),
                tax_category=parse_tax_category(row["tax"] or "standard"),
                supply_kind=parse_supply(row["supply"] or "purchase"),
                payout=_number(row["payout"]),
                reorder_point_milli=parse_qty(row["reorder_point"], weighed) if row["reorder_point"] else 0,
                pack_size_milli=parse_qty(row["pack_size"], weighed) if row["pack_size"] else QTY_SCALE,
                lead_time_days=_number(row["lead_time_days"]),
            )
        )
    return products


def sale_items(session: Session) -> list[tuple[SaleItem, int, int]]:
    """Every product as the till would ring it up (catalog.item_from_row), with its reorder point and pack size."""
    primary: dict[int, str] = {}
    for product_id, code in session.execute(
        select(Barcode.product_id, Barcode.code).order_by(Barcode.product_id, Barcode.is_primary.desc(), Barcode.code)
    ):
        primary.setdefault(product_id, code)
    columns = [getattr(Product, name) for name in PRODUCT_COLUMNS]
    query = select(
        *columns, Cooperative.name.label("cooperative"), Cooperative.province.label("cooperative_province")
    )
    items = []
    for p in session.execute(query.join(Cooperative).order_by(Product.id)):
        item = item_from_row(p, primary.get(p.id, ""))
        items.append((item, p.reorder_point_milli, p.pack_size_milli))
    return items


@dataclass(frozen=True)
class Stocking:
    """How the demo stocks one product: what it opens with, its reorder rule, how often it sells."""

    item: SaleItem
    weight: float
    opening_milli: int
    reorder_point_milli: int
    pack_size_milli: int
    daily_milli: int
    restocked: bool = True


def round_up(value: int, step: int) -> int:
    return -(-value // step) * step


def plan_stock(
    products: Sequence[tuple[SaleItem, int, int]], lines_per_day: float, rng: Random, unbooked: int = 2
) -> list[Stocking]:
    """Popularity and opening stock for (item, reorder point, pack size); `unbooked` products are
    sold without stock in the books, so they end below zero and show up as needing a count."""
    weights = [(100_000 / max(item.unit_price, 20_000)) ** 0.7 * rng.lognormvariate(0, 0.5) for item, _, _ in products]
    candidates = [i for i, (item, _, _) in enumerate(products) if not item.weighed and item.supply_kind == "purchase"]
    ghosts = set(rng.sample(candidates, min(unbooked, len(candidates))))
    for index in ghosts:
        weights[index] = 0.0  # they sell only on the few days History picks for them
    total = sum(weights)
    plans = []
    for index, ((item, reorder_point, pack), weight) in enumerate(zip(products, weights, strict=True)):
        daily = int(weight / total * lines_per_day * (MEAN_GRAMS if item.weighed else MEAN_PIECES))
        opening = round_up(max(2 * reorder_point, pack, 21 * daily), pack)
        restocked = index not in ghosts
        plans.append(
            Stocking(
                item=item,
                weight=weight,
                opening_milli=opening if restocked else QTY_SCALE,
                reorder_point_milli=reorder_point,
                pack_size_milli=pack,
                daily_milli=daily,
                restocked=restocked,
            )
        )
    return plans


# --- the generated part of a big shop ---------------------------------------------------------
# fmt: off
PROVINCES = (
    "Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "TP. Hồ Chí Minh", "Cần Thơ", "Tuyên Quang", "Cao Bằng", "Lai Châu",
    "Lào Cai", "Thái Nguyên", "Điện Biên", "Lạng Sơn", "Sơn La", "Phú Thọ", "Bắc Ninh", "Quảng Ninh", "Hưng Yên",
    "Ninh Bình", "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Trị", "Quảng Ngãi", "Gia Lai", "Đắk Lắk", "Khánh Hòa",
    "Lâm Đồng", "Đồng Nai", "Tây Ninh", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
)
PLACES = (
    "Tân Phú", "Hòa Bình", "An Thạnh", "Phước Long", "Xuân Sơn", "Bình Minh", "Đông Hải", "Tây Sơn", "Mỹ Hòa",
    "Kim Sơn", "Vĩnh Hưng", "Thạch An", "Phú Lộc", "Nam Đàn", "Cẩm Thủy", "Yên Lạc", "Sơn Động", "Lộc Ninh",
    "Bảo Lâm", "Krông Pắc", "Mường Lát", "Hương Sơn", "Ba Tơ", "Đức Trọng", "Châu Thành", "Cái Bè",
)
KINDS = {
    OcopGroup.FOOD: ("HTX Đặc sản", "Cơ sở Chế biến nông sản"),
    OcopGroup.BEVERAGE: ("HTX Chè", "HTX Cà phê"),
    OcopGroup.HERBAL: ("HTX Dược liệu", "Cơ sở Thảo dược"),
    OcopGroup.HANDICRAFT: ("HTX Thủ công mỹ nghệ", "Làng nghề truyền thống"),
    OcopGroup.ORNAMENTAL: ("HTX Hoa kiểng", "HTX Cây cảnh"),
    OcopGroup.TOURISM: ("HTX Du lịch cộng đồng", "Điểm du lịch nông thôn"),
}
PEOPLE = (
    ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"),
    ("Văn", "Thị", "Minh", "Thu", "Đức"),
    ("An", "Bình", "Cúc", "Dũng", "Hà", "Hải", "Hoa", "Khánh", "Linh", "Nam", "Phúc", "Thảo"),
)
VARIANTS = (  # what a variant adds to the bundled product's name, in Vietnamese and English; price in percent
    ("hộp quà", "gift box", 125), ("túi tiết kiệm", "value bag", 90), ("bản đặc biệt", "special edition", 140),
    ("combo 2", "pack of 2", 190), ("hũ thủy tinh", "glass jar", 115), ("lô mùa vụ", "seasonal batch", 100),
    ("mẫu mới", "new design", 110), ("hộp giấy kraft", "kraft box", 105), ("quà Tết", "Tet gift", 160),
)
# fmt: on
GTIN_PREFIX, FIRST_PLU = "8938", 1000
PRODUCT = TABLES["products"].c


def add_variants(session: Session, rows: BulkRows, rng: Random, catalogue: list[ProductInput], count: int) -> int:
    """`count` more products — variants of the bundled ones, each with its own EAN-13 — from up to 200
    generated cooperatives, written in bulk. Returns how many cooperatives it made."""
    next_coop = int(session.scalar(select(func.coalesce(func.max(Cooperative.id), 0))) or 0) + 1
    next_product = int(session.scalar(select(func.coalesce(func.max(Product.id), 0))) or 0) + 1
    counter = session.get(Counter, "in_store_code") or Counter(name="in_store_code", value=0)
    session.add(counter)
    coop_count = min(200, max(len(KINDS), count // 25))
    by_group: dict[str, list[tuple[int, str, str]]] = {}
    names: set[str] = set()
    for index in range(coop_count):
        group = list(KINDS)[index % len(KINDS)]
        place = rng.choice(PLACES)
        name = f"{rng.choice(KINDS[group])} {place}"
        if name in names:
            name = f"{name} {index}"
        names.add(name)
        coop_id, province = next_coop + index, rng.choice(PROVINCES)
        family, middle, given = (rng.choice(part) for part in PEOPLE)
        rows.add_row(
            TABLES["cooperatives"],
            {
                "id": coop_id,
                "name": name,
                "name_key": name_key(name),
                "province": province,
                "commune": place,
                "contact": f"{family} {middle} {given}",
                "phone": f"09{rng.randrange(10**8):08d}",
                "email": f"htx{coop_id}@example.vn",
                "tax_code": f"{rng.randrange(10**9, 10**10)}",
                "lead_time_days": rng.randint(3, 14),
                "active": rows.bind(TABLES["cooperatives"].c.active, True),
                "supply_terms": rng.choice(("Mua đứt, thanh toán 30 ngày", "Ký gửi, đối soát cuối tháng")),
            },
        )
        by_group.setdefault(group.value, []).append((coop_id, name, province))
    plu, folded = FIRST_PLU, lru_cache(maxsize=None)(fold)
    primary = rows.bind(TABLES["barcodes"].c.is_primary, True)
    for index in range(count):
        base = catalogue[index % len(catalogue)]
        if base.weighed and plu > bc.PLU_MAX:
            base = next(p for p in catalogue if not p.weighed)
        vi, en, price_pct = VARIANTS[index % len(VARIANTS)]
        coops = by_group[OcopGroup(base.ocop_group).value]
        coop_id, coop_name, province = coops[index % len(coops)]
        price = max(1_000, div_round_half_up(base.price * price_pct * rng.randint(90, 110), 10_000_000) * 1_000)
        cost = div_round_half_up(price * base.cost, base.price * 1_000) * 1_000 if base.price else 0
        stem, number = f"{base.name} – {vi}", index // len(VARIANTS) + 1
        name, name_en = f"{stem} {number}", f"{base.name_en} – {en}"
        product_id = next_product + index
        consignment = base.supply_kind is SupplyKind.CONSIGNMENT
        if base.barcodes and not base.weighed:
            code = bc.with_check_digit(f"{GTIN_PREFIX}{index:08d}")
        else:
            counter.value += 1
            code = bc.in_store_code(counter.value)
        rows.add_row(
            TABLES["products"],
            {
                "id": product_id,
                "cooperative_id": coop_id,
                "name": name,
                "name_en": name_en,
                # search_text(name, name_en, coop_name) from its folded parts: folding is per character.
                "search_text": f"{folded(stem)} {number} | {folded(name_en)} | {folded(coop_name)}",
                "unit": base.unit,
                "weighed": rows.bind(PRODUCT.weighed, base.weighed),
                "plu": plu if base.weighed else None,
                "ocop_group": OcopGroup(base.ocop_group).value,
                "ocop_stars": base.ocop_stars,
                "ocop_certificate": base.ocop_certificate,
                "ocop_expires": rows.bind(PRODUCT.ocop_expires, base.ocop_expires),
                "origin_province": province,
                "story": "",
                "story_url": "",
                "price": price,
                "cost": cost,
                "tax_category": TaxCategory(base.tax_category).value,
                "supply_kind": SupplyKind(base.supply_kind).value,
                "payout": cost if consignment else None,
                "reorder_point_milli": base.reorder_point_milli,
                "pack_size_milli": base.pack_size_milli,
                "lead_time_days": base.lead_time_days,
                "active": rows.bind(PRODUCT.active, True),
                "on_hand_milli": 0,
            },
        )
        rows.add_row(TABLES["barcodes"], {"code": code, "product_id": product_id, "is_primary": primary})
        plu += base.weighed
    rows.flush()
    session.flush()
    return coop_count

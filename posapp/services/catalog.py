"""Catalogue: cooperatives and products, barcode lookup for the till, search without diacritics."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar
from urllib.parse import urlsplit

from sqlalchemy import ColumnElement, Row, Select, bindparam, or_, select, update
from sqlalchemy.orm import Session, selectinload

from posapp.db.engine import SessionFactory
from posapp.db.models import Barcode, Cooperative, Counter, Product
from posapp.domain import barcodes as bc
from posapp.domain.cart import SaleItem
from posapp.domain.errors import InvalidInput, NotFound, UnknownBarcode
from posapp.domain.money import QTY_SCALE
from posapp.domain.ocop import OcopGroup, SupplyKind, check_stars
from posapp.domain.staff import Actor, Approval, Permission
from posapp.domain.text import fold, nfc
from posapp.domain.vat import TaxCategory
from posapp.i18n import _
from posapp.services.authority import authorize, dataclass_changes
from posapp.services.clock import ShopClock
from posapp.services.dto import CooperativeView, ProductView

STORY_URL_MAX = 500  # products.story_url


@dataclass(frozen=True)
class ScanResult:
    item: SaleItem
    qty_milli: int


@dataclass(frozen=True)
class CooperativeInput:
    name: str
    province: str = ""
    commune: str = ""
    contact: str = ""
    phone: str = ""
    email: str = ""
    tax_code: str = ""
    lead_time_days: int | None = None
    supply_terms: str = ""
    active: bool = True


@dataclass(frozen=True)
class ProductInput:
    name: str
    cooperative: str
    price: int
    barcodes: tuple[str, ...] = ()
    name_en: str = ""
    origin_province: str = ""
    unit: str = ""  # empty: "kg" for weighed goods, "cái" otherwise
    weighed: bool = False
    plu: int | None = None
    ocop_group: OcopGroup = OcopGroup.FOOD
    ocop_stars: int | None = None
    ocop_certificate: str = ""
    ocop_expires: date | None = None
    story: str = ""
    story_url: str = ""
    cost: int = 0
    tax_category: TaxCategory = TaxCategory.STANDARD
    supply_kind: SupplyKind = SupplyKind.PURCHASE
    payout: int | None = None
    reorder_point_milli: int = 0
    safety_stock_milli: int = 0
    pack_size_milli: int = QTY_SCALE
    lead_time_days: int | None = None
    active: bool = True
    extra: dict[str, str] = field(default_factory=dict)


def cooperative_view(c: Cooperative) -> CooperativeView:
    return CooperativeView(
        id=c.id,
        name=c.name,
        province=c.province,
        commune=c.commune,
        contact=c.contact,
        phone=c.phone,
        email=c.email,
        tax_code=c.tax_code,
        lead_time_days=c.lead_time_days,
        supply_terms=c.supply_terms,
        active=c.active,
    )


def product_view(p: Product) -> ProductView:
    codes = sorted(p.barcodes, key=lambda b: (not b.is_primary, b.code))
    return ProductView(
        id=p.id,
        barcodes=tuple(b.code for b in codes),
        name=p.name,
        name_en=p.name_en,
        cooperative_id=p.cooperative_id,
        cooperative=p.cooperative.name,
        origin_province=p.origin_province,
        unit=p.unit,
        weighed=p.weighed,
        plu=p.plu,
        ocop_group=p.ocop_group,
        ocop_stars=p.ocop_stars,
        ocop_certificate=p.ocop_certificate,
        ocop_expires=p.ocop_expires,
        story=p.story,
        story_url=p.story_url,
        price=p.price,
        cost=p.cost,
        tax_category=p.tax_category,
        supply_kind=p.supply_kind,
        payout=p.payout,
        reorder_point_milli=p.reorder_point_milli,
        safety_stock_milli=p.safety_stock_milli,
        pack_size_milli=p.pack_size_milli,
        lead_time_days=p.lead_time_days,
        active=p.active,
        on_hand_milli=p.on_hand_milli,
    )


def search_text(name: str, name_en: str, cooperative: str) -> str:
    return fold(f"{name} | {name_en} | {cooperative}")


_Query = TypeVar("_Query", bound=Select[Any])


def _with_details(query: _Query) -> _Query:
    return query.options(selectinload(Product.barcodes), selectinload(Product.cooperative))


def primary_barcode(session: Session, product_id: int) -> str:
    code = session.scalar(
        select(Barcode.code)
        .where(Barcode.product_id == product_id)
        .order_by(Barcode.is_primary.desc(), Barcode.code)
    )
    return code or ""


def next_in_store_code(session: Session) -> str:
    """Hand out the next unused `20…` code; the counter row serialises concurrent tills."""
    if session.get(Counter, "in_store_code") is None:
        session.add(Counter(name="in_store_code", value=0))
        session.flush()
    while True:
        number = session.execute(
            update(Counter)
            .where(Counter.name == "in_store_code")
            .values(value=Counter.value + 1)
            .returning(Counter.value)
        ).scalar_one()
        code = bc.in_store_code(number)
        if session.get(Barcode, code) is None:
            return code


def find_product_by_code(session: Session, code: str) -> tuple[Product, int]:
    """The product a scanned code names and the quantity it carries (grams for scale labels)."""
    code = code.strip()
    weighed = bc.parse_weighed(code)
    if weighed is not None:
        product = session.scalar(
            _with_details(select(Product).where(Product.plu == weighed.plu, Product.weighed.is_(True)))
        )
        if product is None:
            raise UnknownBarcode(
                _("No weighed product has PLU {plu} (scale label {code}).").format(plu=weighed.plu, code=code)
            )
        return product, weighed.grams
    stored = bc.normalise(code)
    product = session.scalar(_with_details(select(Product).join(Barcode).where(Barcode.code == stored)))
    if product is None:
        raise UnknownBarcode(_("No product has barcode {code}.").format(code=code))
    return product, QTY_SCALE


_PRIMARY_BARCODE = (
    select(Barcode.code)
    .where(Barcode.product_id == Product.id)
    .order_by(Barcode.is_primary.desc(), Barcode.code)
    .limit(1)
    .correlate(Product)
    .scalar_subquery()
)
_ITEM_QUERY = select(
    Product.id,
    Product.name,
    Product.name_en,
    Product.unit,
    Product.weighed,
    Product.price,
    Product.cost,
    Product.tax_category,
    Product.cooperative_id,
    Product.origin_province,
    Product.ocop_stars,
    Product.ocop_group,
    Product.supply_kind,
    Product.payout,
    Product.active,
    Product.story_url,
    Cooperative.name.label("cooperative"),
    Cooperative.province.label("cooperative_province"),
    _PRIMARY_BARCODE.label("barcode"),
).join(Cooperative, Product.cooperative_id == Cooperative.id)
_ITEM_BY_CODE = _ITEM_QUERY.where(
    Product.id == select(Barcode.product_id).where(Barcode.code == bindparam("code")).scalar_subquery()
)
_ITEM_BY_PLU = _ITEM_QUERY.where(Product.plu == bindparam("plu"), Product.weighed.is_(True))
_ITEM_BY_ID = _ITEM_QUERY.where(Product.id == bindparam("product_id"))


def item_from_row(row: Row[*tuple[Any, ...]], barcode: str | None = None) -> SaleItem:
    """The till's snapshot from a row of `_ITEM_QUERY`'s columns (its own `barcode` unless one is given)."""
    return SaleItem(
        product_id=row.id,
        barcode=barcode if barcode is not None else row.barcode or "",
        name=row.name,
        name_en=row.name_en,
        unit=row.unit,
        weighed=row.weighed,
        unit_price=row.price,
        tax_category=TaxCategory(row.tax_category),
        cooperative_id=row.cooperative_id,
        cooperative=row.cooperative,
        province=row.origin_province or row.cooperative_province,
        ocop_stars=row.ocop_stars,
        ocop_group=row.ocop_group,
        unit_cost=row.cost,
        supply_kind=row.supply_kind,
        payout=row.payout,
        story_url=getattr(row, "story_url", ""),  # the demo's bulk rows leave it out: no demo product has one
    )


def item_for(session: Session, product_id: int) -> SaleItem:
    """The till's snapshot of a product, inside the caller's transaction."""
    row = session.connection().execute(_ITEM_BY_ID, {"product_id": product_id}).one_or_none()
    if row is None:
        raise NotFound(_("That product no longer exists."))
    return item_from_row(row)


class CatalogService:
    def __init__(self, sessions: SessionFactory, clock: ShopClock | None = None) -> None:
        self._sessions = sessions
        self._clock = clock or ShopClock()

    # --- the till -----------------------------------------------------------------------
    def lookup(self, code: str) -> ScanResult:
        """What a scanned or typed barcode adds to the cart. InvalidBarcode / UnknownBarcode otherwise.

        The till's hot path: one statement fetching exactly the snapshot columns, no ORM objects.
        """
        code = code.strip()
        weighed = bc.parse_weighed(code)
        params: dict[str, Any]
        if weighed is not None:
            query, params = _ITEM_BY_PLU, {"plu": weighed.plu}
        else:
            query, params = _ITEM_BY_CODE, {"code": bc.normalise(code)}
        with self._sessions() as session:
            # Prepared once, run on the session's connection: no ORM result machinery per scan.
            row = session.connection().execute(query, params).one_or_none()
        if row is None:
            if weighed is not None:
                raise UnknownBarcode(
                    _("No weighed product has PLU {plu} (scale label {code}).").format(
                        plu=weighed.plu, code=code
                    )
                )
            raise UnknownBarcode(_("No product has barcode {code}.").format(code=code))
        if not row.active:
            raise UnknownBarcode(_("“{name}” is no longer sold.").format(name=row.name))
        return ScanResult(item=item_from_row(row), qty_milli=weighed.grams if weighed else QTY_SCALE)

    def item(self, product_id: int) -> SaleItem:
        with self._sessions() as session:
            return item_for(session, product_id)

    def search(
        self, text: str, limit: int = 50, include_inactive: bool = False, cooperative_id: int | None = None
    ) -> list[ProductView]:
        """Products whose name, English name, cooperative or barcode matches, diacritics ignored (optionally
        only one cooperative's; no words: all of them)."""
        words = fold(text).split()
        query = _with_details(select(Product)).order_by(Product.name).limit(limit)
        if not include_inactive:
            query = query.where(Product.active.is_(True))
        if cooperative_id is not None:
            query = query.where(Product.cooperative_id == cooperative_id)
        for word in words:
            pattern = f"%{word}%"
            condition: ColumnElement[bool] = Product.search_text.like(pattern)
            if word.isdigit():
                condition = or_(
                    condition,
                    Product.id.in_(select(Barcode.product_id).where(Barcode.code.like(pattern))),
                )
            query = query.where(condition)
        with self._sessions() as session:
            return [product_view(p) for p in session.scalars(query)]

    # --- products -----------------------------------------------------------------------
    def product(self, product_id: int) -> ProductView:
        with self._sessions() as session:
            product = session.scalar(_with_details(select(Product).where(Product.id == product_id)))
            if product is None:
                raise NotFound(_("That product no longer exists."))
            return product_view(product)

    def product_by_barcode(self, code: str) -> ProductView:
        with self._sessions() as session:
            product, _qty = find_product_by_code(session, code)
            return product_view(product)

    def products(self, include_inactive: bool = True) -> list[ProductView]:
        query = _with_details(select(Product)).order_by(Product.id)
        if not include_inactive:
            query = query.where(Product.active.is_(True))
        with self._sessions() as session:
            return [product_view(p) for p in session.scalars(query)]

    def save_product(
        self,
        data: ProductInput,
        product_id: int | None = None,
        *,
        actor: Actor,
        approval: Approval | None = None,
    ) -> ProductView:
        """Create or change a product. Needs CATALOG; the audit trail keeps what changed (price old → new)."""
        with self._sessions.begin() as session:
            before = None
            if product_id is not None:
                found = session.scalar(_with_details(select(Product).where(Product.id == product_id)))
                before = product_view(found) if found is not None else None
            after = product_view(save_product(session, data, product_id))
            detail: dict[str, Any] = {"product": after.id, "name": after.name}
            if before is None:
                detail |= {"created": True, "price": after.price}
            else:
                detail["changes"] = dataclass_changes(before, after, frozenset({"on_hand_milli"}))
            authorize(session, actor, Permission.CATALOG, approval, detail, self._clock)
            return after

    def set_product_active(
        self, product_id: int, active: bool, *, actor: Actor, approval: Approval | None = None
    ) -> None:
        """Stop selling a product (or sell it again). Needs CATALOG."""
        with self._sessions.begin() as session:
            product = session.get(Product, product_id)
            if product is None:
                raise NotFound(_("That product no longer exists."))
            detail = {"product": product.id, "name": product.name, "active": [product.active, active]}
            product.active = active
            authorize(session, actor, Permission.CATALOG, approval, detail, self._clock)

    # --- cooperatives -------------------------------------------------------------------
    def cooperatives(self, include_inactive: bool = True) -> list[CooperativeView]:
        query = select(Cooperative).order_by(Cooperative.name)
        if not include_inactive:
            query = query.where(Cooperative.active.is_(True))
        with self._sessions() as session:
            return [cooperative_view(c) for c in session.scalars(query)]

    def save_cooperative(
        self,
        data: CooperativeInput,
        cooperative_id: int | None = None,
        *,
        actor: Actor,
        approval: Approval | None = None,
    ) -> CooperativeView:
        """Create or change a cooperative. Needs CATALOG."""
        with self._sessions.begin() as session:
            found = session.get(Cooperative, cooperative_id) if cooperative_id is not None else None
            before = cooperative_view(found) if found is not None else None
            after = cooperative_view(save_cooperative(session, data, cooperative_id))
            detail: dict[str, Any] = {"cooperative": after.id, "name": after.name}
            if before is None:
                detail["created"] = True
            else:
                detail["changes"] = dataclass_changes(before, after)
            authorize(session, actor, Permission.CATALOG, approval, detail, self._clock)
            return after


def name_key(name: str) -> str:
    """How cooperative names are compared: NFC, case-folded, spaces collapsed (diacritics count)."""
    return " ".join(nfc(name).casefold().split())


def cooperative_named(name: str) -> ColumnElement[bool]:
    return Cooperative.name_key == name_key(name)


def save_cooperative(
    session: Session, data: CooperativeInput, cooperative_id: int | None = None
) -> Cooperative:
    name = nfc(data.name).strip()
    if not name:
        raise InvalidInput(_("A cooperative needs a name."))
    if data.lead_time_days is not None and not 0 <= data.lead_time_days <= 365:
        raise InvalidInput(_("Lead time must be between 0 and 365 days."))
    clash = session.scalar(select(Cooperative).where(cooperative_named(name)))
    if cooperative_id is None:
        if clash is not None:
            raise InvalidInput(_("A cooperative named “{name}” already exists.").format(name=name))
        coop = Cooperative(name=name)
    else:
        found = session.get(Cooperative, cooperative_id)
        if found is None:
            raise NotFound(_("That cooperative no longer exists."))
        if clash is not None and clash.id != cooperative_id:
            raise InvalidInput(_("A cooperative named “{name}” already exists.").format(name=name))
        coop = found
    coop.name = name
    coop.name_key = name_key(name)
    session.add(coop)
    for attr in ("province", "commune", "contact", "phone", "email", "tax_code", "supply_terms"):
        setattr(coop, attr, nfc(getattr(data, attr)).strip())
    coop.lead_time_days = data.lead_time_days
    coop.active = data.active
    session.flush()
    for product in coop.products:
        product.search_text = search_text(product.name, product.name_en, coop.name)
    return coop


def cooperative_by_name(session: Session, name: str, province: str = "") -> Cooperative:
    """The cooperative with this name (any case), created when the shop has none yet."""
    name = nfc(name).strip()
    coop = session.scalar(select(Cooperative).where(cooperative_named(name)))
    if coop is None:
        coop = Cooperative(name=name, name_key=name_key(name), province=nfc(province).strip())
        session.add(coop)
        session.flush()
    return coop


def check_product(data: ProductInput) -> None:
    if not nfc(data.name).strip():
        raise InvalidInput(_("A product needs a name."))
    if not nfc(data.cooperative).strip():
        raise InvalidInput(_("A product needs the cooperative that makes it."))
    if data.price < 0 or data.cost < 0:
        raise InvalidInput(_("Prices cannot be negative."))
    if data.ocop_stars is not None:
        check_stars(data.ocop_stars)
    if data.weighed and data.plu is None:
        raise InvalidInput(_("A product sold by weight needs a PLU for the scale."))
    if data.plu is not None and not 0 < data.plu <= bc.PLU_MAX:
        raise InvalidInput(_("A PLU is a number from 1 to 99999."))
    if data.plu is not None and not data.weighed:
        raise InvalidInput(_("Only products sold by weight have a PLU."))
    if data.supply_kind is SupplyKind.CONSIGNMENT and data.payout is None:
        raise InvalidInput(_("A consignment product needs the payout per unit owed to the cooperative."))
    if data.payout is not None and data.payout < 0:
        raise InvalidInput(_("The payout cannot be negative."))
    if data.pack_size_milli <= 0:
        raise InvalidInput(_("The pack size must be more than zero."))
    if data.reorder_point_milli < 0:
        raise InvalidInput(_("The reorder point cannot be negative."))
    if data.safety_stock_milli < 0:
        raise InvalidInput(_("The safety stock cannot be negative."))
    check_story_url(data.story_url)


def check_story_url(url: str) -> None:
    """A story link becomes a QR code on receipts: it must be a whole web address a phone can open."""
    url = url.strip()
    if not url:
        return
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c.isspace() for c in url):
        raise InvalidInput(_("A story link is a web address starting with https://."))
    if len(url) > STORY_URL_MAX:
        raise InvalidInput(_("A story link is at most {count} characters.").format(count=STORY_URL_MAX))


def save_product(session: Session, data: ProductInput, product_id: int | None = None) -> Product:
    """Create or update a product inside the caller's transaction."""
    check_product(data)
    codes = [bc.validate_product_code(code) for code in data.barcodes if code.strip()]
    coop = cooperative_by_name(session, data.cooperative, data.origin_province)
    if product_id is None:
        product = Product(on_hand_milli=0)
    else:
        found = session.get(Product, product_id)
        if found is None:
            raise NotFound(_("That product no longer exists."))
        product = found
    if data.plu is not None:
        clash = session.scalar(select(Product).where(Product.plu == data.plu))
        if clash is not None and clash is not product:
            raise InvalidInput(
                _("PLU {plu} is already used by “{name}”.").format(plu=data.plu, name=clash.name)
            )
    for code in codes:
        owner = session.get(Barcode, code)
        if owner is not None and owner.product is not product:
            raise InvalidInput(
                _("Barcode {code} already belongs to “{name}”.").format(code=code, name=owner.product.name)
            )
    product.cooperative = coop
    product.name = nfc(data.name).strip()
    product.name_en = nfc(data.name_en).strip()
    product.search_text = search_text(product.name, product.name_en, coop.name)
    product.origin_province = nfc(data.origin_province).strip() or coop.province
    product.unit = nfc(data.unit).strip() or ("kg" if data.weighed else "cái")
    product.weighed = data.weighed
    product.plu = data.plu
    product.ocop_group = OcopGroup(data.ocop_group).value
    product.ocop_stars = data.ocop_stars
    product.ocop_certificate = nfc(data.ocop_certificate).strip()
    product.ocop_expires = data.ocop_expires
    product.story = nfc(data.story).strip()
    product.story_url = data.story_url.strip()
    product.price = data.price
    product.cost = data.cost
    product.tax_category = TaxCategory(data.tax_category).value
    product.supply_kind = SupplyKind(data.supply_kind).value
    product.payout = data.payout if data.supply_kind is SupplyKind.CONSIGNMENT else None
    product.reorder_point_milli = data.reorder_point_milli
    product.safety_stock_milli = data.safety_stock_milli
    product.pack_size_milli = data.pack_size_milli
    product.lead_time_days = data.lead_time_days
    product.active = data.active
    session.add(product)
    session.flush()
    existing = {b.code for b in product.barcodes}
    if not codes and not existing:
        codes = [next_in_store_code(session)]
    for index, code in enumerate(codes):
        if code not in existing:
            product.barcodes.append(Barcode(code=code, is_primary=index == 0 and not existing))
    session.flush()
    return product

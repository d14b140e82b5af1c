"""`posapp demo`: fill an empty shop with the OCOP demo catalogue and months of plausible sales."""

from __future__ import annotations

import argparse
from typing import Any

from posapp.cli.common import shop_from
from posapp.domain.errors import InvalidInput
from posapp.i18n import _
from posapp.services.demo import load_demo


def register(subparsers: Any) -> None:
    demo = subparsers.add_parser("demo", help=_("load demo products and sales into an empty shop"))
    demo.add_argument("--products", type=int, metavar="N", help=_("how many demo products (default: all)"))
    demo.add_argument("--days", type=int, default=90, metavar="D", help=_("days of sales (default: 90)"))
    demo.add_argument("--seed", type=int, default=1, metavar="S", help=_("random seed (default: 1)"))
    demo.set_defaults(handler=run_demo)


def run_demo(args: argparse.Namespace) -> int:
    with shop_from(args) as shop:
        if shop.catalog.search("", limit=1, include_inactive=True):
            raise InvalidInput(_("This shop already has products: demo data only goes into an empty shop."))
        summary = load_demo(shop, products=args.products or None, days=args.days, seed=args.seed)
    message = _("Demo data loaded: {coops} cooperatives, {products} products, {sales} sales ({lines} lines).")
    counts = {"coops": summary.cooperatives, "products": summary.products, "sales": summary.sales}
    print(message.format(lines=summary.sale_lines, **counts))
    return 0

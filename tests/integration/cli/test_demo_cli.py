"""`posapp demo`: demo data into an empty shop only, summed up in one line."""

from __future__ import annotations

import re

from posapp.shop import Shop
from tests.integration.cli.helpers import Cli


def test_demo_fills_an_empty_shop_once(cli: Cli, shop: Shop) -> None:
    result = cli("demo", "--products", "12", "--days", "3", "--seed", "7")
    assert result.status == 0, result.err
    summary = re.fullmatch(
        r"Demo data loaded: (\d+) cooperatives, 12 products, (\d+) sales \((\d+) lines\)\.\n", result.out
    )
    assert summary is not None
    assert len(shop.catalog.products()) == 12
    assert int(summary.group(1)) == len(shop.catalog.cooperatives())
    again = cli("demo")
    assert again.status == 1
    assert again.err == "Error: This shop already has products: demo data only goes into an empty shop.\n"
    assert len(shop.catalog.products()) == 12

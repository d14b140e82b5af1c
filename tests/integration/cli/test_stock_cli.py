"""`posapp stock receive|adjust|show`, and the real console entry point run as a separate process."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from posapp.cli import main
from posapp.shop import Shop
from tests.integration.cli.helpers import CATALOGUE, GAO, TOM, TOM_KG, Cli


def test_receive_prints_the_new_level_and_show_repeats_it(stocked: Cli, shop: Shop) -> None:
    received = stocked("stock", "receive", TOM, "24", "--cost", "210.000").json()
    assert received == {
        "barcode": TOM,
        "name": "Tôm khô Cà Mau hộp 200g",
        "unit": "hộp",
        "on_hand": 124,
        "reorder_point": 10,
        "needs_count": False,
    }
    assert stocked("stock", "show", TOM).json() == received
    assert shop.catalog.product_by_barcode(TOM).cost == 210_000


def test_weighed_goods_are_received_in_kg(stocked: Cli) -> None:
    level = stocked("stock", "receive", TOM_KG, "2,75").json()
    assert (level["on_hand"], level["unit"], level["reorder_point"]) == (102.75, "kg", 2.5)


def test_receive_at_local_time_lands_at_the_utc_instant(stocked: Cli, shop: Shop) -> None:
    stocked("stock", "receive", GAO, "5", "--at", "2026-11-23T07:15").json()
    newest = shop.inventory.movements(GAO)[0]
    assert (newest.kind, newest.qty_milli) == ("receive", 5000)
    assert newest.at == datetime(2026, 11, 23, 0, 15, tzinfo=UTC)


def test_adjust_with_a_reason_and_selling_past_zero_needs_a_count(stocked: Cli, shop: Shop) -> None:
    level = stocked("stock", "adjust", GAO, "-99", "--reason", "damaged", "--note", "mưa dột").json()
    assert (level["on_hand"], level["needs_count"]) == (1, False)
    assert shop.inventory.movements(GAO)[0].reason == "damaged: mưa dột"
    stocked("sell", "--till", "Q1", f"{GAO}x2", "--pay", "cash").json()
    assert stocked("stock", "show", GAO).json()["needs_count"] is True


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("receive", TOM, "1.5"), "counted in whole units"),
        (("receive", TOM, "0"), "more than zero"),
        (("receive", TOM, "99999999999999999"), "too large a quantity"),
        (("receive", TOM, "1", "--cost", "99999999999999999999"), "too large an amount"),
        (("receive", TOM, "2", "--cost", "abc"), "not an amount"),
        (("receive", TOM, "2", "--at", "yesterday"), "YYYY-MM-DDTHH:MM"),
        (("receive", "8939999999991", "2"), "No product has barcode"),
        (("adjust", TOM, "0", "--reason", "count"), "changes nothing"),
        (("show", "8939999999990"), "wrong check digit"),
    ],
)
def test_bad_stock_input_exits_1_and_changes_nothing(stocked: Cli, args: list[str], message: str) -> None:
    result = stocked("stock", *args)
    assert result.status == 1 and result.out == "" and message in result.err
    assert stocked("stock", "show", TOM).json()["on_hand"] == 100


def test_an_unknown_reason_is_a_usage_error(stocked: Cli) -> None:
    with pytest.raises(SystemExit) as stop:
        stocked("stock", "adjust", TOM, "-1", "--reason", "stolen?")
    assert stop.value.code == 2


def test_the_console_entry_point_runs_as_a_process(sqlite_url: str, tmp_path: Path) -> None:
    catalogue = tmp_path / "catalogue.csv"
    catalogue.write_text(CATALOGUE, encoding="utf-8")
    assert main(["--database", sqlite_url, "catalog", "import", str(catalogue)]) == 0
    shown = subprocess.run(
        [sys.executable, "-m", "posapp", "--database", sqlite_url, "stock", "show", TOM],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["name"] == "Tôm khô Cà Mau hộp 200g"
    unknown = subprocess.run(
        [sys.executable, "-m", "posapp", "--database", sqlite_url, "stock", "show", "8939999999991"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert unknown.returncode == 1 and "Traceback" not in unknown.stderr
    assert unknown.stderr.strip() == "Error: No product has barcode 8939999999991."

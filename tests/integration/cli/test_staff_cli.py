"""`posapp user|shift|audit|backup|restore`: staff, a shift closed with its Z report, the trail, backups."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from posapp.db.models import Sale
from posapp.shop import Shop
from tests.integration.cli.helpers import GAO, TOM, Cli

AT = ("--at", "2026-11-23T09:30")


def test_users_are_added_and_listed(cli: Cli) -> None:
    assert cli("user", "add", "Nguyễn Thị Lan", "--role", "cashier", "--pin", "1234").json() == {
        "id": 1,
        "name": "Nguyễn Thị Lan",
        "role": "cashier",
        "active": True,
    }
    cli("user", "add", "Minh", "--role", "manager", "--pin", "98765432").json()
    assert [(u["name"], u["role"]) for u in cli("user", "list").json()] == [
        ("Minh", "manager"),
        ("Nguyễn Thị Lan", "cashier"),
    ]
    refused = cli("user", "add", "Hoa", "--role", "owner", "--pin", "12")
    assert (refused.status, refused.err.strip()) == (1, "Error: A PIN is 4 to 8 digits.")
    again = cli("user", "add", "nguyễn thị lan", "--role", "manager", "--pin", "1234")
    assert again.status == 1 and "already exists" in again.err


def test_a_shift_closes_with_its_z_report(stocked: Cli) -> None:
    stocked("user", "add", "Lan", "--role", "cashier", "--pin", "1234").json()
    opened = stocked("shift", "open", "--till", "Q1", "--float", "1.000.000", "--user", "lan").json()
    assert opened == {"shift": 1, "till": "Q1", "float": 1_000_000, "opened_by": "Lan"}
    stocked("sell", "--till", "Q1", *AT, TOM, "--pay", "cash:300.000").json()  # change 35.000
    stocked("sell", "--till", "Q1", *AT, GAO, "--pay", "card").json()
    stocked("refund", "Q1-000001", "--till", "Q1", *AT).json()  # 265.000 back in cash
    stocked("shift", "cash-out", "50.000", "--till", "Q1", "--reason", "trả tiền đá").json()
    assert stocked("shift", "x", "--till", "Q1").json()["expected_cash"] == 950_000
    report = stocked("shift", "close", "--till", "Q1", "--counted", "900.000", "--format", "json").json()
    assert report.pop("opened_at") and report.pop("closed_at")
    assert report == {
        "shift": 1,
        "till": "Q1",
        "float": 1_000_000,
        "sales_count": 2,
        "by_method": {"cash": 265_000, "card": 180_000, "transfer": 0},
        "refunds": {"count": 1, "amount": 265_000},
        "discounts": 0,
        "net_sales": 180_000,
        "vat": [{"rate": 5, "gross": 180_000, "net": 171_429, "vat": 8_571}],  # the 8 % tea went back
        "cash_in": 0,
        "cash_out": 50_000,
        "expected_cash": 950_000,  # 1.000.000 + 265.000 − 265.000 − 50.000
        "counted_cash": 900_000,
        "variance": -50_000,
        "first_receipt": "Q1-000001",
        "last_receipt": "Q1-000003",
    }
    shut = stocked("shift", "x", "--till", "Q1")
    assert shut.status == 1 and "Till Q1 has no open shift" in shut.err


def test_the_z_report_as_a_pdf(stocked: Cli, tmp_path: Path) -> None:
    stocked("shift", "open", "--till", "Q2", "--float", "500000").json()
    stocked("shift", "cash-in", "200.000", "--till", "Q2", "--reason", "tiền lẻ").json()
    target = tmp_path / "z.pdf"
    notes = ("--notes", "500000=1", "100000=2")
    done = stocked("shift", "close", "--till", "Q2", *notes, "--format", "pdf", "-o", str(target)).json()
    assert done == {"file": str(target), "shift": 1}
    text = PdfReader(target).pages[0].extract_text()
    for expected in ("Z REPORT", "Q2", "command line", "Expected in drawer", "700.000", "2 × 100.000", "Counted"):
        assert expected in text, expected
    missing = stocked("shift", "x", "--till", "Q2", "--format", "pdf")
    assert missing.status == 1


def test_a_scripted_sale_without_a_shift_is_still_recorded(stocked: Cli, shop: Shop) -> None:
    receipt = stocked("sell", "--till", "Q3", *AT, TOM, "--pay", "cash").json()
    with shop.sessions() as session:
        sale = session.scalar(select(Sale).where(Sale.receipt_no == receipt["receipt_no"]))
        assert sale is not None and sale.shift_id is None


def test_the_command_line_is_named_in_the_audit_trail(stocked: Cli) -> None:
    stocked("stock", "adjust", TOM, "-2", "--reason", "damaged").json()
    (entry,) = stocked("audit", "list", "--limit", "1").json()
    assert (entry["actor"], entry["action"]) == ("command line", "stock_adjust")
    assert entry["detail"]["qty_milli"] == -2000


TAMPERING = {
    "edited": ["UPDATE audit_log SET actor = 'ai đó' WHERE id = 2"],
    "deleted": ["DELETE FROM audit_log WHERE id = 2"],
    "swapped": [
        "UPDATE audit_log SET id = -2 WHERE id = 2",
        "UPDATE audit_log SET id = 2 WHERE id = 3",
        "UPDATE audit_log SET id = 3 WHERE id = -2",
    ],
}


@pytest.mark.parametrize("statements", TAMPERING.values(), ids=TAMPERING.keys())
def test_audit_verify_exits_1_naming_the_first_broken_entry(
    stocked: Cli, shop: Shop, statements: list[str]
) -> None:
    for pieces in ("-1", "-2", "-3"):
        stocked("stock", "adjust", GAO, pieces, "--reason", "damaged").json()
    intact = stocked("audit", "verify")
    assert (intact.status, intact.out.strip()) == (0, "The audit trail is intact: 3 entries.")
    with shop.engine.begin() as connection:
        for statement in statements:
            connection.exec_driver_sql(statement)
    broken = stocked("audit", "verify")
    assert broken.status == 1
    assert broken.err.strip() == "The audit trail is broken at entry 2: it was changed, moved or deleted."


def test_backup_and_restore(stocked: Cli, shop: Shop, tmp_path: Path) -> None:
    target = tmp_path / "before-lunch.sqlite3"
    made = stocked("backup", "-o", str(target))
    if shop.engine.dialect.name != "sqlite":
        assert made.status == 1 and "pg_dump" in made.err
        return
    assert made.json() == {"file": str(target)}
    stocked("sell", "--till", "Q1", *AT, TOM, "--pay", "cash").json()
    restored = stocked("restore", str(target)).json()
    assert restored["restored"] == str(target)
    assert Path(restored["previous_data_saved_as"]).exists()
    with shop.sessions() as session:
        assert session.scalars(select(Sale)).all() == []  # the sale made after the backup is gone
    bad = tmp_path / "notes.txt"
    bad.write_text("không phải bản sao lưu", encoding="utf-8")
    refused = stocked("restore", str(bad))
    assert refused.status == 1 and "nothing was restored" in refused.err

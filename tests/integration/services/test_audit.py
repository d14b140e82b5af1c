"""The audit trail: hash-chained, appended by many tills at once without forking, tampering always shows."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest

from posapp.db.staff_models import AuditEntry
from posapp.domain.staff import COMMAND_LINE, Actor, Role
from posapp.services.audit import AuditService, record
from posapp.services.audit_chain import GENESIS, entry_hash
from posapp.shop import Shop
from tests.helpers.staff import START, FakeClock

LAN = Actor(user_id=None, name="Lan", role=Role.CASHIER)


def append(shop: Shop, count: int, actor: Actor = LAN) -> None:
    for number in range(count):
        with shop.sessions.begin() as session:
            record(session, actor, "refund", {"receipt": f"Q1-{number:06d}", "amount": 10_000 * number}, START)


def sql(shop: Shop, *statements: str) -> None:
    with shop.engine.begin() as connection:
        for statement in statements:
            connection.exec_driver_sql(statement)


@pytest.fixture
def audit(shop: Shop) -> AuditService:
    return AuditService(shop.sessions, FakeClock())


def test_entries_are_chained_by_their_hashes(shop: Shop, audit: AuditService) -> None:
    append(shop, 3)
    with shop.sessions() as session:
        rows = session.query(AuditEntry).order_by(AuditEntry.id).all()
    assert [row.id for row in rows] == [1, 2, 3]
    assert rows[0].prev_hash == GENESIS
    assert [row.prev_hash for row in rows[1:]] == [row.hash for row in rows[:-1]]
    first = rows[0]
    assert first.hash == entry_hash(GENESIS, 1, START, "Lan", None, "refund", '{"amount":0,"receipt":"Q1-000000"}')
    assert audit.verify() is None
    assert [(e.id, e.actor, e.detail["receipt"]) for e in audit.entries(limit=2)] == [
        (3, "Lan", "Q1-000002"),
        (2, "Lan", "Q1-000001"),
    ]
    assert [e.id for e in audit.entries(before_id=2)] == [1]


def test_an_empty_trail_is_intact(audit: AuditService) -> None:
    assert (audit.verify(), audit.count()) == (None, 0)


TAMPERING = {
    "an edited amount": ["UPDATE audit_log SET detail = '{\"amount\":1,\"receipt\":\"Q1-000002\"}' WHERE id = 3"],
    "an edited actor": ["UPDATE audit_log SET actor = 'Minh' WHERE id = 3"],
    "an edited time": ["UPDATE audit_log SET at = at - INTERVAL '1 day' WHERE id = 3"],
    "a deleted entry": ["DELETE FROM audit_log WHERE id = 3"],
    "two entries swapped": [
        "UPDATE audit_log SET id = -3 WHERE id = 3",
        "UPDATE audit_log SET id = 3 WHERE id = 4",
        "UPDATE audit_log SET id = 4 WHERE id = -3",
    ],
}


@pytest.mark.parametrize("statements", TAMPERING.values(), ids=TAMPERING.keys())
def test_tampering_with_plain_sql_is_found(shop: Shop, audit: AuditService, statements: list[str]) -> None:
    append(shop, 5)
    if shop.engine.dialect.name == "sqlite":
        statements = [s.replace("at - INTERVAL '1 day'", "datetime(at, '-1 day')") for s in statements]
    sql(shop, *statements)
    assert audit.verify() == 3


def test_a_rewritten_entry_with_a_recomputed_hash_breaks_the_next_link(shop: Shop, audit: AuditService) -> None:
    append(shop, 5)
    with shop.sessions.begin() as session:
        entry = session.get(AuditEntry, 3)
        assert entry is not None
        entry.detail = '{"amount":1,"receipt":"Q1-000002"}'
        entry.hash = entry_hash(entry.prev_hash, 3, entry.at, entry.actor, entry.actor_id, entry.action, entry.detail)
    assert audit.verify() == 4


def test_deleting_the_newest_entries_is_found_too(shop: Shop, audit: AuditService) -> None:
    append(shop, 5)
    sql(shop, "DELETE FROM audit_log WHERE id >= 4")
    assert audit.verify() == 4


def test_entries_added_behind_the_trails_back_are_found(shop: Shop, audit: AuditService) -> None:
    append(shop, 2)
    sql(
        shop,
        "INSERT INTO audit_log (id, at, actor, action, detail, prev_hash, hash) "
        "SELECT 3, at, actor, action, detail, hash, hash FROM audit_log WHERE id = 2",
    )
    assert audit.verify() == 3


def test_appends_roll_back_with_the_action(shop: Shop, audit: AuditService) -> None:
    append(shop, 1)
    with pytest.raises(RuntimeError), shop.sessions.begin() as session:
        record(session, COMMAND_LINE, "refund", {"receipt": "Q1-000009"}, datetime.now(UTC))
        raise RuntimeError("the refund failed after its entry was written")
    append(shop, 1)
    assert (audit.count(), audit.verify()) == (2, None)


def test_two_tills_appending_at_once_never_fork_the_chain(shop: Shop, audit: AuditService) -> None:
    per_till = 25
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def till(name: str) -> None:
        try:
            start.wait()
            append(shop, per_till, Actor(user_id=None, name=name, role=Role.CASHIER))
        except BaseException as error:  # reported below: a thread's exception would be lost
            errors.append(error)

    threads = [threading.Thread(target=till, args=(name,)) for name in ("Q1", "Q2")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert audit.count() == 2 * per_till
    assert audit.verify() is None
    assert {e.actor for e in audit.entries(limit=2 * per_till)} == {"Q1", "Q2"}

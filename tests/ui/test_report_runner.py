"""Reports off the GUI thread: the newest request wins, errors come back in the user's words."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from posapp.domain.errors import InvalidInput
from posapp.ui.report_runner import LatestRunner


def test_a_newer_request_supersedes_an_older_one(qtbot: QtBot) -> None:
    runner = LatestRunner()
    answers: list[tuple[object, object]] = []
    runner.done.connect(lambda tag, result: answers.append((tag, result)))
    release = threading.Event()

    def slow() -> str:
        release.wait(10)
        return "old figures"

    runner.run(slow, "first")
    runner.run(lambda: "new figures", "second")
    qtbot.waitUntil(lambda: answers == [("second", "new figures")])
    assert not runner.is_busy
    release.set()
    qtbot.waitUntil(lambda: runner.dropped == 1)
    assert answers == [("second", "new figures")]  # the old answer arrived, and was dropped
    assert runner.wait(5)


def test_busy_from_the_request_until_its_answer(qtbot: QtBot) -> None:
    runner = LatestRunner()
    seen: list[bool] = []
    runner.busy.connect(seen.append)
    release = threading.Event()
    runner.run(lambda: release.wait(10))
    assert runner.is_busy and seen == [True]
    release.set()
    with qtbot.waitSignal(runner.done):
        pass
    assert seen == [True, False] and not runner.is_busy


def test_a_known_problem_is_shown_in_its_own_words(qtbot: QtBot) -> None:
    runner = LatestRunner()

    def refuse() -> None:
        raise InvalidInput("Slow movers need a number of days of at least 1.")

    with qtbot.waitSignal(runner.failed) as failed:
        runner.run(refuse, "slow")
    assert failed.args == ["slow", "Slow movers need a number of days of at least 1."]


def test_a_bug_is_an_apology_not_a_traceback(qtbot: QtBot) -> None:
    runner = LatestRunner()

    def broken() -> None:
        raise ZeroDivisionError("division by zero")

    with qtbot.waitSignal(runner.failed) as failed:
        runner.run(broken)
    message = failed.args[1]
    assert message.startswith("The report could not be made (ZeroDivisionError).")
    assert "Traceback" not in message

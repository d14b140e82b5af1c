"""`posapp vietqr`: the transfer payload on one line, a PNG on request, no database involved."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from posapp.cli import main
from posapp.domain import vietqr

PUBLISHED = (  # subiz/vietqr README: 120.000 ₫ to VietinBank 0011001932418, "ủng hộ lũ lụt"
    "00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA"
    "530370454061200005802VN62170813ung ho lu lut6304C15C"
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["vietqr", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_prints_the_payload_on_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    args = ("--bank", "970415", "--account", "0011001932418", "--amount", "120.000")
    status, out, err = run(capsys, *args, "--purpose", "ủng hộ lũ lụt")
    assert (status, err) == (0, "")
    assert out == PUBLISHED + "\n"


def test_without_an_amount_the_code_is_static(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _err = run(capsys, "--bank", "970423", "--account", "0099999999")
    assert status == 0
    assert out.strip() == (  # subiz/vietqr vietqr_test.go, static case
        "00020101021138540010A00000072701240006970423011000999999990208QRIBFTTA53037045802VN6304CBB4"
    )


def test_png_option_writes_the_qr_image(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    image = tmp_path / "qr.png"
    status, out, _err = run(
        capsys, "--bank", "970436", "--account", "0011000597979", "--amount", "185000", "--png", str(image)
    )
    assert status == 0
    assert vietqr.parse(out.strip())["54"] == "185000"
    assert image.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_needs_no_database(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--bank", "970436", "--account", "123", "--amount", "5000")[0] == 0
    data = Path(os.environ["POSAPP_DATA_DIR"])
    assert not (data / "posapp.sqlite3").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--bank", "9704", "--account", "123"), "6-digit NAPAS BIN"),
        (("--bank", "970436", "--account", "12-34"), "1 to 19 letters or digits"),
        (("--bank", "970436", "--account", "123", "--amount", "0"), "more than 0"),
        (("--bank", "970436", "--account", "123", "--amount", "nhiều"), "not an amount in dong"),
    ],
)
def test_bad_details_print_one_clear_error(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    status, out, err = run(capsys, *args)
    assert (status, out) == (1, "")
    assert err.startswith("Error: ")
    assert message in err
    assert "Traceback" not in err


def test_unwritable_png_is_an_error_not_a_traceback(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    status, out, err = run(capsys, "--bank", "970436", "--account", "123", "--png", str(blocker / "qr.png"))
    assert (status, out) == (1, "")
    assert "Cannot write the QR image" in err

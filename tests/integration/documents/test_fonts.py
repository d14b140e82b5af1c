"""The bundled fonts: DejaVu Sans regular and bold, with their licence, used by every renderer."""

from __future__ import annotations

from posapp.documents.fonts import FONT_FOLDER, font_file, pillow_font


def test_both_faces_ship_with_their_licence() -> None:
    assert font_file().is_file() and font_file(bold=True).is_file()
    licence = (FONT_FOLDER / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")
    assert "Bitstream Vera Fonts Copyright" in licence
    assert "Arev Fonts Copyright" in licence


def test_the_raster_renderer_draws_with_dejavu_and_loads_each_size_once() -> None:
    assert pillow_font(False, 24.0).getname() == ("DejaVu Sans", "Book")
    assert pillow_font(True, 24.0).getname() == ("DejaVu Sans", "Bold")
    assert pillow_font(True, 24.0) is pillow_font(True, 24.0)

"""Documents sent outside the shop (orders, statements) speak their reader's language, not the screen's."""

from __future__ import annotations

import gettext
from collections.abc import Callable
from functools import cache

from posapp.paths import RESOURCES

Translate = Callable[[str], str]


@cache
def translator(language: str) -> Translate:
    """`_` for `language` ("vi" or "en"), whatever language the app itself shows."""
    catalogue = gettext.translation(
        "posapp", localedir=RESOURCES / "translations", languages=[language], fallback=True
    )
    return catalogue.gettext

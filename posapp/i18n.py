"""Translation of user-facing text: Vietnamese first, English too.

Source strings are English; `resources/translations/<lang>/LC_MESSAGES/posapp.mo` carries the others.
The language is a process-wide choice made once at start-up (CLI or GUI), like the locale.
"""

from __future__ import annotations

import gettext
import os

from posapp.paths import RESOURCES

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
_DOMAIN = "posapp"

_active: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def set_language(language: str | None = None) -> str:
    """Switch the language used by `_()`; None picks POSAPP_LANG or Vietnamese."""
    global _active, _language
    wanted = (language or os.environ.get("POSAPP_LANG") or DEFAULT_LANGUAGE).split("_")[0].lower()
    if wanted not in LANGUAGES:
        wanted = DEFAULT_LANGUAGE
    _active = gettext.translation(
        _DOMAIN, localedir=RESOURCES / "translations", languages=[wanted], fallback=True
    )
    _language = wanted
    return wanted


def current_language() -> str:
    return _language


def _(message: str) -> str:
    """Translate a user-facing message into the active language."""
    return _active.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _active.ngettext(singular, plural, n)

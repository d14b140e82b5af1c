"""The receipt's own language (vi, en or both side by side), whatever language the screens speak."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from posapp.documents.wording import translator
from posapp.domain.errors import InvalidInput
from posapp.i18n import _

RECEIPT_LANGUAGES = ("vi", "en", "vi+en")


def check_language(lang: str) -> None:
    if lang not in RECEIPT_LANGUAGES:
        raise InvalidInput(
            _("The receipt language must be vi, en or vi+en, not “{lang}”.").format(lang=lang)
        )


@dataclass(frozen=True)
class Voice:
    """One language: `voice._("TOTAL")` is the message in it (marked `_` so the catalogue finds it)."""

    language: str

    def _(self, message: str) -> str:
        return message if self.language == "en" else translator(self.language)(message)


class Phrasebook:
    """Labels in the receipt's language(s): `say._("TOTAL")` is `TỔNG CỘNG / TOTAL` on a vi+en receipt."""

    def __init__(self, lang: str) -> None:
        check_language(lang)
        self.voices = tuple(Voice(code) for code in lang.split("+"))
        self.both = len(self.voices) > 1

    @property
    def first(self) -> Voice:
        return self.voices[0]

    def _(self, message: str) -> str:
        return self.join(lambda voice: voice._(message))

    def join(self, say: Callable[[Voice], str]) -> str:
        """What each voice says, once each: an untranslated label is not printed twice."""
        return " / ".join(dict.fromkeys(say(voice) for voice in self.voices))

"""Errors a shop user can cause: each carries a message in the user's words, shown as is."""

from __future__ import annotations


class PosError(Exception):
    """A known, user-caused problem. The message is already translated and fit to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InvalidBarcode(PosError):
    """The digits cannot be a barcode (wrong length, bad check digit)."""


class UnknownBarcode(PosError):
    """A valid barcode that no product in the catalogue carries."""


class NotFound(PosError):
    """A receipt, product or cooperative that does not exist."""


class InvalidInput(PosError):
    """A value out of range or of the wrong form."""


class PaymentShort(PosError):
    """The tenders do not cover the sale."""


class ImportRejected(PosError):
    """A catalogue file with bad rows; nothing was imported."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class PermissionRequired(PosError):
    """The actor may not do this alone: a manager's approval is needed (the UI asks for a manager's PIN)."""

    def __init__(self, message: str, permission: str) -> None:
        super().__init__(message)
        self.permission = permission


class SignInFailed(PosError):
    """A wrong PIN, an unknown or locked user."""

"""Staff, shifts and the audit trail (issue 7)."""

from __future__ import annotations

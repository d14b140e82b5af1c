"""Purchase orders, lots and consignment settlement (issue 5)."""

from __future__ import annotations

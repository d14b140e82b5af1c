"""Every table of the shop's database in one metadata: importing this module registers all the models."""

from __future__ import annotations

from posapp.db import models, staff_models, supply_models

__all__ = ["metadata", "staff_models", "supply_models"]

metadata = models.Base.metadata

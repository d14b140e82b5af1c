"""Where the app finds its bundled resources and keeps its data."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def data_dir() -> Path:
    """The folder for the database, receipts and backups (POSAPP_DATA_DIR overrides)."""
    override = os.environ.get("POSAPP_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir("posapp", "ocop"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    """The folder for settings.toml (POSAPP_CONFIG_DIR overrides, else the data folder when that is set)."""
    override = os.environ.get("POSAPP_CONFIG_DIR") or os.environ.get("POSAPP_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_config_dir("posapp", "ocop"))
    path.mkdir(parents=True, exist_ok=True)
    return path

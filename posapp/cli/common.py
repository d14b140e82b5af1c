"""Helpers shared by the CLI commands: opening the shop, printing JSON."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from sqlalchemy.exc import OperationalError

from posapp.domain.errors import PosError
from posapp.i18n import _
from posapp.settings import load_settings
from posapp.shop import Shop, open_shop


@contextmanager
def shop_from(args: argparse.Namespace) -> Iterator[Shop]:
    """The shop named by --database / POSAPP_DATABASE_URL / settings, migrated and ready."""
    settings = load_settings()
    if getattr(args, "database", None):
        settings = replace(settings, database_url=args.database)
    try:
        shop = open_shop(settings)
    except OperationalError as error:
        raise PosError(_("Cannot open the shop's database: {reason}").format(reason=error.orig)) from error
    try:
        yield shop
    finally:
        shop.close()


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")

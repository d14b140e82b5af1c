"""Test data and the result type for driving `posapp` in process: a three-product catalogue."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# Tôm khô (piece, 8 %), gạo (essential, 5 %), tôm cân ký (weighed, PLU 101, gets in-store code 2000000000015).
CATALOGUE = """\
barcode,name,cooperative,province,unit,weighed,plu,price,cost,tax,reorder_point,pack_size
8936041201071,Tôm khô Cà Mau hộp 200g,HTX Tôm khô Rạch Gốc,Cà Mau,hộp,0,,265.000,206000,standard,10,10
8936041202016,Gạo ST25 túi 5kg,HTX Lúa gạo Thạnh Phú,Sóc Trăng,túi,0,,180000,150000,essential,5,5
,Tôm khô Cà Mau cân ký,HTX Tôm khô Rạch Gốc,Cà Mau,kg,1,00101,1250000,873000,standard,2.5,1
"""
TOM, GAO, TOM_KG = "8936041201071", "8936041202016", "2000000000015"


@dataclass(frozen=True)
class Run:
    status: int
    out: str
    err: str

    def json(self) -> Any:
        assert self.status == 0, self.err
        return json.loads(self.out)


Cli = Callable[..., Run]

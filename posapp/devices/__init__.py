"""Edges to hardware: scanners, receipt printers, cash drawers — each behind a small Protocol."""

"""Printed and saved documents (receipts, labels, reports) drawn with reportlab; no Qt here."""

"""Use cases of the shop: each public call is one transaction; primitives and DTOs in and out."""

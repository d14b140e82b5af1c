"""Start the OCOP shop point of sale (desktop app)."""

from posapp.app import main

if __name__ == "__main__":
    raise SystemExit(main())

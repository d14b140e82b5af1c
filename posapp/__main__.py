"""`python -m posapp`: the command line."""

from posapp.cli import main

raise SystemExit(main())

#!/usr/bin/env python
"""Django's manage.py for Synovia; ``synovia`` (the console script) does the same."""

from synovia.cli import main

if __name__ == "__main__":
    main()

#!/usr/bin/env python
"""Django's manage.py; the installed ``headway`` command does the same."""

from headway.__main__ import main

if __name__ == "__main__":
    main()

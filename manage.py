#!/usr/bin/env python
"""Django's command-line utility; the installed `samensterk` command does the same."""

from samensterk.cli import main

if __name__ == "__main__":
    main()

"""The method's pure rules: no ORM, no I/O (import-linter checks it)."""

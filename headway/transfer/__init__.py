"""Import and export: CSV import of accounts, contacts and deals (this step), later the
workspace archive, backup and restore (issue 15)."""

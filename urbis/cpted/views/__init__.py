"""CPTED pages: thin glue over selectors and services."""

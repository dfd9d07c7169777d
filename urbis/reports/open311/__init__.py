"""Open311 GeoReport v2 (spec: open311.github.io GeoReport/v2/index.md, "frozen and finalized")."""

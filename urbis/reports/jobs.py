"""Nightly work of the reports app.

The purge of reporter details after closure is a GDPR retention rule
(``reports.reporter_details`` in ``urbis/reports/gdpr.py``), run by core's nightly retention job
``core.gdpr_retention`` with a logged proof; ``urbis reports_purge --dry-run`` shows what would
go.
"""

"""The DPO's GDPR API under /api/v1/gdpr/: records of processing, subject access, the
access-log search and the retention status. Read-only (a retention dry run writes nothing)."""

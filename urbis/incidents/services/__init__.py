"""Every write of the incidents app (ADR 0001): imports, hand entry, Knox runs, cocoon watch."""

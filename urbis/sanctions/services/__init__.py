"""GAS services: every write (ARCHITECTURE §4.2). Split by stage of the case."""

"""Pages of the reports app: public (citizen), staff (desk), field (enforcement)."""

"""Pure rules of the reports app (no Django): routing, service levels, Open311 attributes."""

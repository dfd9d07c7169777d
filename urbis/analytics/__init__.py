"""Pure numpy/scipy crime-analytics kernels (no Django)."""

"""`make bench`: measure the budgets in product.md (run as `python -m bench.measure`)."""

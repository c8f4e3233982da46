"""Benchmarks for the targets of design.md §7: `python bench/run.py [--quick] --json FILE`."""

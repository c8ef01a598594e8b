"""Benchmarks of the dashboard as ratios against the framework floor: `make bench` (python -m bench)."""

"""Benchmarks run as modules, e.g. ``python -m detector.benchmarks.serve_load`` (the HTTP service under load)."""

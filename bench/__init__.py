"""Benchmarks of Theke: the load on the running site and the product import."""

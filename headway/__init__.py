"""Headway: guide the next move in a customer relationship."""

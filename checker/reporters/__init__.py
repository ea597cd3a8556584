"""Reporters: pure functions from a Report (or the quantity table) to text, one module per format."""

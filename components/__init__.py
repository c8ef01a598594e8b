"""Dash building blocks: ids, palette, pure figure builders, controls and the table."""

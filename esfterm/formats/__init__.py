"""Readers and writers for exchange formats; all go through esfterm.model."""

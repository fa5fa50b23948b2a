"""esfterm: terminology and translation memory for European Social Fund texts."""

__version__ = "0.1.0"

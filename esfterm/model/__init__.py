"""The one model every format reads and writes: multilingual units and concepts."""

from esfterm.model.units import Unit, Variant

__all__ = ["Unit", "Variant"]

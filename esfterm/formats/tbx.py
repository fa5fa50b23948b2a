"""TBX, the ISO termbase exchange format: read v3 or v2 (detected), write v3 or v2.

    tb = read_tbx("termbase/esf.tbx")          # TBX v3 <tbx> or v2 <martif>
    write_tbx(tb, "build/esf.tbx")             # TBX v3, TBX-Basic, DCA
    write_tbx(tb, "build/esf.v2.tbx", version=2)  # <martif> for OmegaT 3.6, MultiTerm, memoQ
"""

from esfterm.formats.tbx_read import TBX_NS, detect_version, read_tbx
from esfterm.formats.tbx_write import tbx_bytes, write_tbx

__all__ = ["read_tbx", "write_tbx", "tbx_bytes", "detect_version", "TBX_NS"]

"""Translation units: one meaning, any number of language variants (like a TMX <tu>).

Every format (TMX, PO, XLIFF, TSV) reads into and writes from these objects, so any format
converts to any other through the model.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from esfterm.langs import primary


@dataclass
class Variant:
    """The text of a unit in one language (a TMX <tuv>)."""

    lang: str
    text: str
    #: The <seg> content as serialized XML when it holds inline codes (<bpt>, <ph>, ...), so a
    #: TMX round trip keeps them; `text` is then the plain text with the codes removed.
    markup: str | None = None
    attrs: dict[str, str] = field(default_factory=dict)
    props: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Unit:
    """A translation unit (a TMX <tu>): an id, its variants, and its metadata."""

    variants: list[Variant] = field(default_factory=list)
    id: str | None = None
    attrs: dict[str, str] = field(default_factory=dict)
    props: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: Where the unit was read from, for reports only (never written out): a label that stays the
    #: same between runs on the same file, e.g. "tuid 42", "tu #3", "trans-unit 7", "msgid 'x'", "row 12".
    ref: str | None = field(default=None, compare=False)
    #: 1-based line of the unit in its file, when the reader knows it (reports only).
    line: int | None = field(default=None, compare=False)

    def variant(self, lang: str) -> Variant | None:
        """The variant for `lang`: exact tag first, then same primary language ('sv' ~ 'sv-SE')."""
        low = lang.lower()
        for v in self.variants:
            if v.lang.lower() == low:
                return v
        base = primary(lang)
        for v in self.variants:
            if primary(v.lang) == base:
                return v
        return None

    def text(self, lang: str) -> str | None:
        """Plain text in `lang`, or None when the unit has no such variant."""
        v = self.variant(lang)
        return v.text if v else None

    @property
    def langs(self) -> list[str]:
        return [v.lang for v in self.variants]

    def prop(self, name: str) -> str | None:
        """The first <prop> value of that type, if any."""
        for key, value in self.props:
            if key == name:
                return value
        return None

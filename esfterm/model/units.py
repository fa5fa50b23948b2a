"""Translation units: one meaning, any number of language variants (like a TMX <tu>).

Every format (TMX, PO, XLIFF, TSV) reads into and writes from these objects, so any format
converts to any other through the model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from esfterm.langs import primary


class _Attributed:
    """Equality for a str or tuple value that carries XML attributes in `attrs`: equal to another
    such value when value and attributes are, and to the bare value when it has no attributes."""

    attrs: dict[str, str]
    _bare: type

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, self._bare):
            return NotImplemented
        if isinstance(other, _Attributed):
            return self._bare.__eq__(self, other) is True and self.attrs == other.attrs
        return not self.attrs and self._bare.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal


class Note(_Attributed, str):
    """The text of a note (a TMX <note>), with the XML attributes it may carry (xml:lang,
    o-encoding) in `attrs`. A str, so every reader of notes as text keeps working."""

    _bare = str
    __hash__ = str.__hash__

    def __new__(cls, text: str, attrs: Mapping[str, str] | None = None) -> "Note":
        note = super().__new__(cls, text)
        note.attrs = dict(attrs or {})
        return note

    def __reduce__(self):
        return Note, (str(self), self.attrs)

    def __repr__(self) -> str:
        return f"Note({str(self)!r}, {self.attrs!r})" if self.attrs else str.__repr__(self)


class Prop(_Attributed, tuple):
    """A (type, value) property (a TMX <prop>), with the XML attributes it may carry (xml:lang,
    o-encoding) in `attrs`. A 2-tuple, so `for kind, value in unit.props` and `dict(unit.props)`
    keep working."""

    _bare = tuple
    __hash__ = tuple.__hash__

    def __new__(cls, kind: str, value: str, attrs: Mapping[str, str] | None = None) -> "Prop":
        prop = super().__new__(cls, (kind, value))
        prop.attrs = dict(attrs or {})
        return prop

    def __reduce__(self):
        return Prop, (self[0], self[1], self.attrs)

    def __repr__(self) -> str:
        return f"Prop({self[0]!r}, {self[1]!r}, {self.attrs!r})" if self.attrs else tuple.__repr__(self)


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
    #: XML comments inside the <tuv> (kept so a TMX round trip loses nothing).
    comments: list[str] = field(default_factory=list)


@dataclass
class Unit:
    """A translation unit (a TMX <tu>): an id, its variants, and its metadata."""

    variants: list[Variant] = field(default_factory=list)
    id: str | None = None
    attrs: dict[str, str] = field(default_factory=dict)
    props: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: XML comments inside the <tu>, or in the TMX <body> just before it (or after the last unit).
    comments: list[str] = field(default_factory=list)
    #: Where the unit was read from, for reports only (never written out): a label that stays the
    #: same between runs on the same file, e.g. "tuid 42", "tu #3", "trans-unit 7", "msgid 'x'", "row 12".
    ref: str | None = field(default=None, compare=False)
    #: 1-based line of the unit in its file, when the reader knows it (reports only).
    line: int | None = field(default=None, compare=False)
    #: The document a translation memory recorded for the unit (the imported file's path as given).
    origin: str | None = field(default=None, compare=False)

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

"""Unit metadata as JSON values, so a store keeps notes' and props' attributes and XML comments.

Plain notes and props stay in their simplest form (a string, a [type, value] pair), so stores
written before attributes were kept read back unchanged. A note with attributes is
{"text": ..., "attrs": {...}}, a prop with attributes [type, value, {...}], and an XML comment
sits in the notes list as {"comment": ...} (a note it is not, but it belongs to the same level).
"""

from __future__ import annotations

from typing import Any, Iterable

from esfterm.model.units import Note, Prop


def props_to_json(props: Iterable[tuple[str, str]]) -> list[list[Any]]:
    """Props as JSON lists: [type, value], or [type, value, attrs] when they carry attributes."""
    out: list[list[Any]] = []
    for prop in props:
        attrs = getattr(prop, "attrs", None)
        out.append([prop[0], prop[1], attrs] if attrs else [prop[0], prop[1]])
    return out


def props_from_json(rows: Iterable[list[Any]]) -> list[tuple[str, str]]:
    """The props that props_to_json wrote."""
    return [Prop(row[0], row[1], row[2] if len(row) > 2 else None) for row in rows]


def notes_to_json(notes: Iterable[str], comments: Iterable[str] = ()) -> list[Any]:
    """Notes (a string, or {"text", "attrs"} when they carry attributes), then {"comment"} entries."""
    out: list[Any] = []
    for note in notes:
        attrs = getattr(note, "attrs", None)
        out.append({"text": str(note), "attrs": attrs} if attrs else str(note))
    out.extend({"comment": c} for c in comments)
    return out


def notes_from_json(items: Iterable[Any]) -> tuple[list[str], list[str]]:
    """(notes, comments) from what notes_to_json wrote."""
    notes: list[str] = []
    comments: list[str] = []
    for item in items:
        if isinstance(item, str):
            notes.append(item)
        elif "comment" in item:
            comments.append(item["comment"])
        else:
            notes.append(Note(item["text"], item.get("attrs")))
    return notes, comments

"""Parsed registry names kept as five part lengths, so scoring a candidate need not parse again.

Parsing a legal name (region lexicon, industry words, legal forms) costs far more than the
rest of scoring a candidate, and a registry of millions cannot keep a :class:`LegalName` per
record. Most legal names are already in canonical writing and have no bracketed notes: their
parts are consecutive slices of the name itself, so the lengths of group, region, trade name,
industry and legal form (the branch is the rest) rebuild the parse exactly. The others (full-
width brackets, traditional characters, former names, English names) are parsed again.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from itertools import pairwise

from .legalname import LegalName

_PARTS = 5  # group, region, core, industry, legal form
_REPARSE = 255  # first length of a record whose parse cannot be rebuilt from slices


class CodeTuples:
    """Distinct tuples of region codes, each kept once; records hold a number into them."""

    def __init__(self, values: Iterable[tuple[str, ...]] = ()) -> None:
        self.values: list[tuple[str, ...]] = [()]
        self._ids: dict[tuple[str, ...], int] = {(): 0}
        for value in values:
            self.intern(value)

    def intern(self, codes: tuple[str, ...]) -> int:
        """The number of *codes*, added when new."""
        found = self._ids.get(codes)
        if found is None:
            found = self._ids[codes] = len(self.values)
            self.values.append(codes)
        return found


class ShapeTable:
    """Per record: the part lengths of its parsed legal name and its region codes."""

    def __init__(self, codes: CodeTuples | None = None) -> None:
        self.lengths = array("B")  # _PARTS per record
        self.code_ids = array("I")  # per record, a number into ``codes``
        self.codes = codes or CodeTuples()

    def __len__(self) -> int:
        return len(self.code_ids)

    def append(self, parsed: LegalName) -> None:
        """Remember the shape of the next record's parsed legal name."""
        parts = (parsed.group, parsed.region, parsed.core, parsed.industry, parsed.legal_form)
        lengths = tuple(map(len, parts))
        if not _rebuildable(parsed) or max(lengths) >= _REPARSE:
            self.lengths.extend((_REPARSE, 0, 0, 0, 0))
            self.code_ids.append(0)
            return
        self.lengths.extend(lengths)
        self.code_ids.append(self.codes.intern(parsed.region_codes))

    def rebuild(self, number: int, name: str) -> LegalName | None:
        """The parse of record *number* (whose legal name is *name*), or None: parse again."""
        at = number * _PARTS
        lengths = self.lengths[at : at + _PARTS]
        if lengths[0] == _REPARSE:
            return None
        cuts = [0]
        for length in lengths:
            cuts.append(cuts[-1] + length)
        group, region, core, industry, form = (name[a:b] for a, b in pairwise(cuts))
        return LegalName(
            original=name,
            normalized=name,
            group=group,
            region=region,
            core=core,
            industry=industry,
            legal_form=form,
            branch=name[cuts[-1] :],
            region_codes=self.codes.values[self.code_ids[number]],
        )


def _rebuildable(parsed: LegalName) -> bool:
    """True when the parts are consecutive slices of the name as written."""
    return (
        not parsed.is_latin
        and not parsed.former_name
        and not parsed.notes
        and parsed.normalized == parsed.original
        and parsed.sequence + parsed.branch == parsed.original
    )

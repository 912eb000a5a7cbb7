"""An index written to one file and read back, so a process need not rebuild it.

Building the index of a registry of millions takes minutes (every name is parsed); reading it
back takes seconds. The file is a numpy ``.npz`` archive of flat arrays (no pickled Python
objects, read with ``allow_pickle=False``): texts as one UTF-8 blob with a separator, postings
as their sorted keys, offsets and record numbers, and a small JSON header. The header carries
:data:`FORMAT` and a digest of the word lists in ``data/``: an index built by other rules is
refused (:class:`StaleIndex`), and the caller builds a new one.

Record ids must all be ``int`` or all ``str`` (the registry's primary keys).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zipfile
from array import array
from collections import Counter
from collections.abc import Hashable, Iterable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .postings import Segment
from .result import Reason
from .shapes import CodeTuples, ShapeTable
from .vocabulary import Vocabulary

if TYPE_CHECKING:
    from .index import NameIndex

FORMAT = 2  # raise when what is stored, or how names are parsed and keyed, changes
_SEPARATOR = "\x00"  # between texts in a blob; never part of a name
_CODE_SEPARATOR = "\x01"  # between the codes of one tuple


class StaleIndex(ValueError):
    """The file was written by another format or other word lists: build the index again."""


def fingerprint() -> str:
    """What an index file must have been built with: the format and the word lists."""
    digest = hashlib.blake2b(str(FORMAT).encode(), digest_size=12)
    for entry in sorted(resources.files(__package__).joinpath("data").iterdir(), key=str):
        digest.update(entry.name.encode())
        digest.update(entry.read_bytes())
    return digest.hexdigest()


def save_index(index: NameIndex, path: Path) -> None:
    """Write *index* to *path* (a temporary file renamed into place: readers never see half)."""
    ids = index._ids
    int_ids = all(type(i) is int for i in ids)
    if not int_ids and not all(isinstance(i, str) for i in ids):
        raise TypeError("only int or str record ids can be written")
    aliases = [(n, alias, reason) for n, found in index._aliases.items() for alias, reason in found]
    heads, tails = index.vocabulary.counts()
    arrays: dict[str, np.ndarray] = {
        "ids": np.array(ids, dtype=np.int64) if int_ids else _blob(map(str, ids)),
        "names": _blob(index._names),
        "region_ids": np.frombuffer(index._region_ids, dtype=np.uint32),
        "codes": _blob(_CODE_SEPARATOR.join(codes) for codes in index._shapes.codes.values),
        "shape_lengths": np.frombuffer(index._shapes.lengths, dtype=np.uint8),
        "shape_codes": np.frombuffer(index._shapes.code_ids, dtype=np.uint32),
        "alias_numbers": np.array([n for n, _, _ in aliases], dtype=np.int64),
        "alias_texts": _blob(alias for _, alias, _ in aliases),
        "alias_reasons": _blob(str(reason) for _, _, reason in aliases),
        "head_words": _blob(heads),
        "head_counts": np.array(list(heads.values()), dtype=np.int64),
        "tail_words": _blob(tails),
        "tail_counts": np.array(list(tails.values()), dtype=np.int64),
    }
    for name, postings in (("exact", index._exact), ("pairs", index._postings)):
        postings.freeze()
        segment = postings.segments()[0] if postings.segments() else Segment.seal(*_empty())
        arrays |= {f"{name}_keys": segment.keys, f"{name}_starts": segment.starts}
        arrays[f"{name}_records"] = segment.records
    header = {"fingerprint": fingerprint(), "records": len(ids), "int_ids": int_ids}
    arrays["header"] = np.frombuffer(json.dumps(header).encode(), dtype=np.uint8)
    _write_atomically(path, arrays)


def load_index(path: Path, **options: Any) -> NameIndex:
    """Read an index written by :func:`save_index`; *options* as for :class:`NameIndex`."""
    from .index import NameIndex

    try:
        with path.open("rb") as stream, np.load(stream, allow_pickle=False) as stored:
            data = {name: stored[name] for name in stored.files}
        header = json.loads(data["header"].tobytes())
    except (ValueError, KeyError, EOFError, TypeError, AttributeError, zipfile.BadZipFile) as error:
        raise StaleIndex(f"{path} is not an index file: {error}") from error
    if header.get("fingerprint") != fingerprint():
        raise StaleIndex(f"{path} was built by other rules or word lists")
    index = NameIndex(**options)
    ids: list[Hashable] = []
    ids.extend(data["ids"].tolist() if header["int_ids"] else _texts(data["ids"]))
    index._ids = ids
    index._names = _texts(data["names"])
    index._number = {record_id: number for number, record_id in enumerate(ids)}
    codes = CodeTuples(tuple(c.split(_CODE_SEPARATOR)) if c else () for c in _texts(data["codes"]))
    index._shapes = ShapeTable(codes)
    index._shapes.lengths = array("B", data["shape_lengths"].tobytes())
    index._shapes.code_ids = array("I", data["shape_codes"].tobytes())
    index._region_ids = array("I", data["region_ids"].tobytes())
    reasons = _texts(data["alias_reasons"])
    for number, alias, reason in zip(
        data["alias_numbers"].tolist(), _texts(data["alias_texts"]), reasons, strict=True
    ):
        index._aliases.setdefault(number, []).append((alias, Reason(reason)))
    heads = Counter(
        dict(zip(_texts(data["head_words"]), data["head_counts"].tolist(), strict=True))
    )
    tails = Counter(
        dict(zip(_texts(data["tail_words"]), data["tail_counts"].tolist(), strict=True))
    )
    index.vocabulary = Vocabulary.from_counts(heads, tails)
    for name, postings in (("exact", index._exact), ("pairs", index._postings)):
        keys, starts = data[f"{name}_keys"], data[f"{name}_starts"]
        postings.restore(Segment(keys, starts, data[f"{name}_records"]))
    if len(index._names) != header["records"] or len(index._shapes) != header["records"]:
        raise StaleIndex(f"{path} is incomplete")
    return index


def _blob(texts: Iterable[str]) -> np.ndarray:
    """Texts as one UTF-8 byte array, separated by :data:`_SEPARATOR`."""
    texts = list(texts)
    if any(_SEPARATOR in text for text in texts):
        raise ValueError("a text holds the separator character")
    joined = _SEPARATOR.join(texts) + (_SEPARATOR if texts else "")
    return np.frombuffer(joined.encode("utf-8"), dtype=np.uint8)


def _texts(blob: np.ndarray) -> list[str]:
    """The texts of a :func:`_blob`."""
    return blob.tobytes().decode("utf-8").split(_SEPARATOR)[:-1]


def _empty() -> tuple[np.ndarray, np.ndarray]:
    return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.uint32)


def _write_atomically(path: Path, arrays: dict[str, np.ndarray]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            np.savez(stream, **arrays)  # type: ignore[arg-type]  # names, not flags
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise

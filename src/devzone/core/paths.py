"""Where devzone finds things on disk: its data directory and the shared evaluation data."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]


def data_dir() -> Path:
    """The directory for the embedded database and uploads (``DEVZONE_DATA_DIR``).

    Defaults to ``var/`` in the source checkout (so it does not depend on the working
    directory), or ``./var`` for an installed package.
    """
    configured = os.environ.get("DEVZONE_DATA_DIR")
    if configured:
        return Path(configured)
    if (REPO_ROOT / "pyproject.toml").is_file():
        return REPO_ROOT / "var"
    return Path.cwd() / "var"


def shared_data_dir() -> Path:
    """Real public evaluation data, kept beside the repository and never copied into it.

    ``DEVZONE_SHARED_DATA`` overrides the default ``<repo>/../shared/data``.
    """
    return Path(os.environ.get("DEVZONE_SHARED_DATA") or REPO_ROOT.parent / "shared" / "data")

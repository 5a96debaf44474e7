"""Byte counts as messages show them: ``32 MiB``, ``1.5 KiB``, ``17 bytes``."""

from __future__ import annotations


def format_size(size: int) -> str:
    """``size`` bytes for a message: ``32 MiB``, ``1.5 KiB``, ``17 bytes``."""
    for unit, factor in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if size >= factor:
            return f"{size / factor:.4g} {unit}"
    return f"{size} bytes"

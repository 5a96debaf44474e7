"""SIGTERM ends the command the way Ctrl-C does, wherever it arrives."""

from __future__ import annotations

from types import FrameType
from typing import NoReturn


def on_sigterm(signum: int, frame: FrameType | None) -> NoReturn:
    """SIGTERM ends the command the way Ctrl-C does: exit 130 with one line."""
    raise KeyboardInterrupt

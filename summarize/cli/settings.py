"""From flags, variables and the config file to the options objects the library takes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from summarize.config import Config, Resolved
from summarize.options import SummaryOptions
from summarize.sources.base import ReadOptions

# The flags of the summary and of reading inputs, named as the config file and each command's
# parameters name them.
SUMMARY_FLAGS = ("sentences", "ratio", "words", "method", "language", "order")
READ_FLAGS = (
    "encoding",
    "max_bytes",
    "connect_timeout",
    "deadline",
    "fetch_jobs",
    "input_format",
    "recursive",
    "include",
    "exclude",
    "hidden",
    "feed_content",
    "limit",
)


def flags(arguments: Mapping[str, Any], *names: str) -> dict[str, Any]:
    """The values of a command's parameters (its ``locals()``) named ``names``, for
    :func:`resolve`."""
    return {name: arguments[name] for name in names}


@dataclass(frozen=True)
class Settings:
    """Every resolved setting of a run, and the config it was read with."""

    values: Mapping[str, Resolved]
    config: Config

    def __getitem__(self, key: str) -> Any:
        return self.values[key].value

    def summary_options(self) -> SummaryOptions:
        return SummaryOptions.build(
            sentences=self["sentences"],
            ratio=self["ratio"],
            words=self["words"],
            method=self["method"],
            language=self["language"],
            order=self["order"],
        )

    def read_options(self) -> ReadOptions:
        from summarize.errors import UsageError
        from summarize.sources.files import parse_size
        from summarize.sources.formats import INPUT_FORMATS

        if self["input_format"] not in INPUT_FORMATS:
            raise UsageError(
                f"input_format must be one of {', '.join(INPUT_FORMATS)}, "
                f"not {self['input_format']!r}"
            )
        for key in ("connect_timeout", "deadline"):
            if not self[key] > 0:
                raise UsageError(f"{key} must be a number of seconds above 0, not {self[key]}")
        if self["fetch_jobs"] < 1:
            raise UsageError(f"fetch_jobs must be at least 1, not {self['fetch_jobs']}")
        if self["limit"] is not None and self["limit"] < 1:
            raise UsageError(f"limit must be at least 1, not {self['limit']}")
        return ReadOptions(
            encoding=self["encoding"],
            max_bytes=parse_size(str(self["max_bytes"])),
            input_format=self["input_format"],
            connect_timeout=float(self["connect_timeout"]),
            deadline=float(self["deadline"]),
            fetch_jobs=int(self["fetch_jobs"]),
            recursive=bool(self["recursive"]),
            include=tuple(self["include"]),
            exclude=tuple(self["exclude"]),
            hidden=bool(self["hidden"]),
            feed_content=bool(self["feed_content"]),
            limit=self["limit"],
        )


def resolve(flags: Mapping[str, Any], config_path: str | None, no_config: bool) -> Settings:
    """Settings from ``flags`` (None for a flag not given) over the environment and the file."""
    plain = {
        k: (v.value if isinstance(v, Enum) else (tuple(v) or None) if isinstance(v, list) else v)
        for k, v in flags.items()
    }
    config = Config.load(config_path, no_config=no_config)
    return Settings(config.resolve(plain), config)

"""Settings that stick: flags over ``SUMMARIZE_*`` variables over a TOML file over defaults.

Each resolved value remembers where it came from, so ``summarize config`` can say why a setting
has the value it has. The file lives in the user's config directory (platformdirs), or where
``SUMMARIZE_CONFIG`` or ``--config`` points; ``--no-config`` ignores it. Top-level keys are the
settings of the main command; tables such as ``[digest]`` and ``[batch]`` belong to the command of
that name, which validates them itself.
"""

from __future__ import annotations

import difflib
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarize.errors import ExitCode, SummarizeError

CONFIG_ENV = "SUMMARIZE_CONFIG"
ENV_PREFIX = "SUMMARIZE_"
SECTIONS = ("digest", "batch")


class ConfigError(SummarizeError):
    """The config file, or a ``SUMMARIZE_*`` variable, is unreadable or holds a bad value."""

    exit_code = ExitCode.USAGE


def _integer(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            return int(value)
        raise ValueError("must be a whole number")
    return value


def _number(value: object) -> float:
    if isinstance(value, bool):
        raise ValueError("must be a number")
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            pass
    raise ValueError("must be a number")


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("must be a string")
    return value


_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off", "")


def _flag(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE + _FALSE:
        return value.strip().lower() in _TRUE
    raise ValueError("must be true or false")


def _words(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(v for v in value.split(",") if v)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ValueError("must be a list of strings")


CONVERTERS: dict[str, Callable[[object], Any]] = {
    "int": _integer,
    "float": _number,
    "str": _text,
    "bool": _flag,
    "list": _words,
}


@dataclass(frozen=True)
class Setting:
    """One setting of the main command: its key, its type, its default and what it does."""

    key: str
    kind: str  # a key of CONVERTERS
    default: Any
    help: str

    @property
    def env(self) -> str:
        return ENV_PREFIX + self.key.upper().replace("-", "_")


# The settings that a flag, a variable or the file may give. Length settings (sentences, ratio,
# words) go together: the highest layer that gives any of them decides the length.
SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in (
        Setting("sentences", "int", None, "number of sentences (3 when no length is given)"),
        Setting("ratio", "float", None, "fraction of the sentences to keep"),
        Setting("words", "int", None, "word budget of the summary"),
        Setting("method", "str", "position-centroid", "ranking method"),
        Setting("language", "str", "auto", "language name or ISO code, or auto"),
        Setting("order", "str", "document", "document or score"),
        Setting("format", "str", "auto", "output format"),
        Setting("encoding", "str", None, "encoding of the input (detected when not set)"),
        Setting("max_bytes", "str", "32M", "refuse inputs bigger than this"),
        Setting("jobs", "int", 1, "worker processes for several inputs (0 = every CPU)"),
        Setting("input_format", "str", "auto", "auto, text, markdown or html"),
        Setting("connect_timeout", "float", 10.0, "seconds to wait for a connection"),
        Setting("deadline", "float", 30.0, "seconds a page may take in all"),
        Setting("fetch_jobs", "int", 8, "pages fetched at once"),
        Setting("recursive", "bool", False, "descend into the folders of a folder"),
        Setting("include", "list", (), "only the files of a folder matching these globs"),
        Setting("exclude", "list", (), "not the files of a folder matching these globs"),
        Setting("hidden", "bool", False, "read hidden files and folders"),
        Setting("feed_content", "bool", False, "summarise a feed entry's own text"),
        Setting("limit", "int", None, "entries per feed, newest first"),
    )
}
LENGTH_KEYS = ("sentences", "ratio", "words")


@dataclass(frozen=True)
class Resolved:
    """A setting's value and where it came from: a flag, a variable, the file or the default."""

    key: str
    value: Any
    origin: str


def default_config_path() -> Path:
    """The config file in the user's config directory (``~/.config/summarize/config.toml``)."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("summarize")) / "config.toml"


def _suggest(key: str, known: list[str]) -> str:
    close = difflib.get_close_matches(key, known, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _load_toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"config {path}: no such file") from None
    except OSError as error:
        raise ConfigError(f"config {path}: cannot read ({error.strerror or error})") from None
    try:
        data: dict[str, Any] = tomllib.loads(raw.decode("utf-8"))
        return data
    except UnicodeDecodeError:
        raise ConfigError(f"config {path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"config {path}: not valid TOML: {error}") from None


def convert(setting: Setting, value: object, where: str) -> Any:
    """``value`` as the setting's type, or a :class:`ConfigError` naming where it came from."""
    try:
        return CONVERTERS[setting.kind](value)
    except ValueError as error:
        raise ConfigError(f"{where}: {setting.key!r} {error}, not {value!r}") from None


class Config:
    """The layers below the flags: the environment and the file, read once and checked."""

    def __init__(
        self,
        path: Path | None,
        values: Mapping[str, Any],
        sections: Mapping[str, Mapping[str, Any]],
        environ: Mapping[str, str],
        explicit: bool,
    ) -> None:
        self.path = path
        self.values = dict(values)
        self.sections = {k: dict(v) for k, v in sections.items()}
        self.environ = environ
        self.explicit = explicit

    @classmethod
    def load(
        cls,
        path: str | None = None,
        *,
        no_config: bool = False,
        environ: Mapping[str, str] | None = None,
    ) -> Config:
        """Read the file (``path``, else ``SUMMARIZE_CONFIG``, else the default, if it exists)."""
        env = os.environ if environ is None else environ
        explicit = path is not None or bool(env.get(CONFIG_ENV))
        if no_config:
            return cls(None, {}, {}, env, explicit=False)
        chosen = Path(path) if path is not None else None
        if chosen is None and env.get(CONFIG_ENV):
            chosen = Path(env[CONFIG_ENV])
        if chosen is None:
            chosen = default_config_path()
            if not chosen.is_file():
                return cls(chosen, {}, {}, env, explicit=False)
        data = _load_toml(chosen)
        values: dict[str, Any] = {}
        sections: dict[str, Mapping[str, Any]] = {}
        known = [*SETTINGS, *SECTIONS]
        for key, value in data.items():
            if key in SECTIONS:
                if not isinstance(value, dict):
                    raise ConfigError(f"config {chosen}: [{key}] must be a table")
                sections[key] = value
            elif key in SETTINGS:
                values[key] = convert(SETTINGS[key], value, f"config {chosen}")
            else:
                raise ConfigError(f"config {chosen}: unknown setting {key!r}{_suggest(key, known)}")
        return cls(chosen, values, sections, env, explicit)

    def section(self, name: str) -> dict[str, Any]:
        """The raw table of one command's section (``[digest]``), empty when absent."""
        return dict(self.sections.get(name, {}))

    def _from_env(self, setting: Setting) -> Any:
        raw = self.environ.get(setting.env)
        if raw is None or raw == "":
            return None
        return convert(setting, raw, setting.env)

    def resolve(self, flags: Mapping[str, Any]) -> dict[str, Resolved]:
        """Every setting's value: ``flags`` (None = not given) over env over file over default."""
        where = f"config {self.path}"
        layers: list[tuple[str, Mapping[str, Any]]] = [
            ("flag", {k: v for k, v in flags.items() if v is not None}),
            ("env", {k: v for k in SETTINGS if (v := self._from_env(SETTINGS[k])) is not None}),
            (where, self.values),
        ]
        resolved: dict[str, Resolved] = {}
        for key, setting in SETTINGS.items():
            if key in LENGTH_KEYS:
                continue
            resolved[key] = next(
                (Resolved(key, layer[key], origin) for origin, layer in layers if key in layer),
                Resolved(key, setting.default, "default"),
            )
        # The length: the highest layer naming any of the three decides all three.
        for origin, layer in [*layers, ("default", {})]:
            if any(k in layer for k in LENGTH_KEYS) or origin == "default":
                for key in LENGTH_KEYS:
                    resolved[key] = Resolved(key, layer.get(key), origin)
                break
        return resolved


def describe_origin(origin: str, key: str) -> str:
    """How ``summarize config`` names where a value came from."""
    if origin == "env":
        return SETTINGS[key].env
    if origin == "flag":
        return "--" + key.replace("_", "-")
    return origin

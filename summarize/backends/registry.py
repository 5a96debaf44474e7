"""Finds backends by name: the built-ins, and plugins from the ``summarize.backends`` group.

A built-in is named by a ``"module:attribute"`` string and imported only when chosen, so the
common path and ``--help`` stay fast. A plugin is an entry point in the ``summarize.backends``
group whose object is a Backend class (or a ready instance). A plugin cannot replace a built-in,
and a plugin that fails to load is reported as a :class:`PluginWarning`, never raised.
"""

from __future__ import annotations

import difflib
import importlib
import os
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from summarize.backends.base import Backend
from summarize.errors import UnknownMethodError

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

ENTRY_POINT_GROUP = "summarize.backends"
DISABLE_PLUGINS_ENV = "SUMMARIZE_NO_PLUGINS"

_SUMY = "summarize.backends.sumy_backends"

BUILTINS: dict[str, str] = {
    "position-centroid": "summarize.backends.position_centroid:PositionCentroidBackend",
    "lead": "summarize.backends.baselines:LeadBackend",
    "random": "summarize.backends.baselines:RandomBackend",
    "textrank": "summarize.backends.textrank:TextRank",
    "lexrank": "summarize.backends.lexrank:LexRank",
    "lsa": "summarize.backends.lsa:Lsa",
    "luhn": f"{_SUMY}:SumyLuhn",
    "sumbasic": f"{_SUMY}:SumySumBasic",
    "kl": f"{_SUMY}:SumyKL",
    "reduction": f"{_SUMY}:SumyReduction",
    "sumy-textrank": f"{_SUMY}:SumyTextRank",
    "sumy-lexrank": f"{_SUMY}:SumyLexRank",
    "sumy-lsa": f"{_SUMY}:SumyLsa",
}


class PluginWarning(UserWarning):
    """A plugin backend could not be loaded or was rejected."""


@dataclass(frozen=True)
class BackendInfo:
    """What the methods listing shows about one backend."""

    name: str
    description: str
    origin: str  # "built-in" or the distribution that provides the plugin


def _load_object(path: str) -> Any:
    module_name, _, attribute = path.partition(":")
    return getattr(importlib.import_module(module_name), attribute)


# Classes whose instances passed the protocol check: ``isinstance`` against a runtime protocol
# costs tens of microseconds, as much as ranking a short text with a simple method.
_CHECKED: set[type] = set()


def _instantiate(obj: Any, name: str) -> Backend:
    backend: Backend = obj() if isinstance(obj, type) else obj
    kind = type(backend)
    if kind not in _CHECKED:
        if not isinstance(backend, Backend):
            raise TypeError(f"{obj!r} does not implement the Backend protocol")
        if all(hasattr(kind, member) for member in ("name", "description", "rank")):
            _CHECKED.add(kind)  # every instance passes: the members are the class's own
    if getattr(backend, "name", name) != name:
        # The registry name is authoritative: the user typed it.
        backend.name = name
    return backend


def _plugin_entry_points() -> dict[str, EntryPoint]:
    if os.environ.get(DISABLE_PLUGINS_ENV):
        return {}
    from importlib.metadata import entry_points  # costs 50 ms: only when plugins are read

    plugins: dict[str, EntryPoint] = {}
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if ep.name in BUILTINS:
            warnings.warn(
                f"plugin backend {ep.name!r} ({ep.value}) ignored: "
                "the name belongs to a built-in backend",
                PluginWarning,
                stacklevel=2,
            )
            continue
        plugins.setdefault(ep.name, ep)
    return plugins


def _load_plugin(ep: EntryPoint) -> Backend | None:
    try:
        return _instantiate(ep.load(), ep.name)
    except Exception as error:  # a broken plugin must not break the tool
        warnings.warn(
            f"plugin backend {ep.name!r} ({ep.value}) failed to load: {error}",
            PluginWarning,
            stacklevel=2,
        )
        return None


def method_names() -> list[str]:
    """All names a user may pass to ``--method``: built-ins first, then plugins."""
    return [*BUILTINS, *sorted(_plugin_entry_points())]


def get_backend(name: str) -> Backend:
    """The backend registered under ``name``; raises UnknownMethodError with a suggestion."""
    key = name.strip().lower()
    if key in BUILTINS:
        return _instantiate(_load_object(BUILTINS[key]), key)
    plugins = _plugin_entry_points()
    if key in plugins:
        backend = _load_plugin(plugins[key])
        if backend is not None:
            return backend
        raise UnknownMethodError(f"method {name!r} is a plugin that failed to load")
    names = [*BUILTINS, *plugins]
    close = difflib.get_close_matches(key, names, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    raise UnknownMethodError(f"unknown method {name!r}{hint}; run 'summarize methods' to list them")


def available_backends() -> list[BackendInfo]:
    """Every usable backend with its description; broken plugins are warned about and left out."""
    infos = []
    for name, path in BUILTINS.items():
        backend = _instantiate(_load_object(path), name)
        infos.append(BackendInfo(name, backend.description, "built-in"))
    for name, ep in sorted(_plugin_entry_points().items()):
        plugin = _load_plugin(ep)
        if plugin is not None:
            dist = ep.dist.name if ep.dist is not None else "plugin"
            infos.append(BackendInfo(name, plugin.description, dist))
    return infos

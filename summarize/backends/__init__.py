"""Sentence-ranking backends: the protocol, the registry and the built-in algorithms."""

from summarize.backends.base import Backend
from summarize.backends.registry import available_backends, get_backend

__all__ = ["Backend", "available_backends", "get_backend"]

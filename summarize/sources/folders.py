"""A folder as input: one pending source per text-like file in it, in a stable order.

Which files:

- the folder's own files; with ``recursive`` its subfolders' too (symbolic links to folders are
  followed, but a folder already seen under another path is not entered again, so link loops end);
- hidden files and folders (names that start with ``.``) only with ``hidden``;
- ``include`` and ``exclude`` are glob patterns (``*``, ``?``, ``[...]``; ``*`` also crosses
  ``/``) matched against the path relative to the folder, with ``/`` separators, and, for a
  pattern without ``/``, against the file's name as well: ``*.md`` takes Markdown files at any
  depth, ``notes/*`` everything under ``notes``. With includes, a file must match one of them;
  a file or folder that matches an exclude is left out (excludes win);
- by content, not by name: the first bytes of each file are read, PDFs and text are kept, binary
  files (images, archives, programs, NUL bytes) and empty files are skipped, the binary ones
  named in one warning at the end.

Order: sorted by relative path (as strings), the same on every run. Each source is named by its
path (the folder as given joined with the relative path) and read only when loaded, within
``max_bytes``, by content like any file (:func:`~summarize.sources.formats.sources_from_bytes`);
a feed file in the folder loads as its entries.
"""

from __future__ import annotations

import fnmatch
import os
import stat
import unicodedata
import warnings
from collections.abc import Iterator
from dataclasses import dataclass

from summarize.errors import InputError
from summarize.sources.base import Loaded, Pending, ReadOptions

_SNIFF_BYTES = 8192
_CONTROL_LIMIT = 0.1
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v\x1b")
_BINARY_SIGNATURES = (
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"\x1f\x8b",
    b"BZh",
    b"\xfd7zXZ\x00",
    b"(\xb5/\xfd",
    b"7z\xbc\xaf",
    b"\x7fELF",
    b"\xca\xfe\xba\xbe",
    b"\xcf\xfa\xed\xfe",
    b"SQLite format 3\x00",
    b"\xd0\xcf\x11\xe0",
    b"RIFF",
    b"ID3",
    b"OggS",
    b"fLaC",
    b"\x00\x00\x00",  # MP4, HEIC and other ISO media files begin with a box length
    b"wOFF",
    b"wOF2",
    b"MZ",
)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_SHOWN_SKIPPED = 5


def is_text_like(head: bytes) -> bool:
    """Whether the first bytes of a file look like a PDF or text (in any encoding)."""
    if head.startswith(b"%PDF-"):
        return True
    if head.startswith(_UTF16_BOMS):
        return True
    if not head or head.startswith(_BINARY_SIGNATURES) or b"\x00" in head:
        return False
    sample = head.decode("utf-8", errors="ignore") or head.decode("latin-1")
    controls = sum(
        1 for c in sample if c not in _ALLOWED_CONTROLS and unicodedata.category(c) == "Cc"
    )
    return controls <= _CONTROL_LIMIT * len(sample)


def matches(relative: str, patterns: tuple[str, ...]) -> bool:
    """Whether the relative path (with ``/``), or its name for patterns without ``/``, matches."""
    name = relative.rsplit("/", 1)[-1]
    return any(
        fnmatch.fnmatchcase(relative, pattern)
        or ("/" not in pattern and fnmatch.fnmatchcase(name, pattern))
        for pattern in patterns
    )


@dataclass
class FolderReader:
    """Reads a folder: claims an existing directory, expands it into its text-like files.

    Each file is read as a file given by name would be (:mod:`summarize.sources.formats`): a
    feed file loads as the pending entries it holds.
    """

    name: str = "folder"

    def claims(self, spec: str) -> bool:
        return spec != "-" and os.path.isdir(spec)

    def expand(self, spec: str, options: ReadOptions) -> Iterator[Pending]:
        if not os.path.isdir(spec):
            raise InputError(f"{spec}: no such folder")
        skipped: list[str] = []
        found = sorted(self._files(spec, options, skipped))
        for relative in found:
            path = os.path.join(spec, *relative.split("/"))
            yield self._pending(path, options)
        if not found and not skipped:
            hint = "" if options.recursive else "; --recursive reads its subfolders too"
            raise InputError(f"{spec}: no text files in the folder{hint}")
        if skipped:
            shown = ", ".join(skipped[:_SHOWN_SKIPPED])
            more = (
                f" and {len(skipped) - _SHOWN_SKIPPED} more"
                if len(skipped) > _SHOWN_SKIPPED
                else ""
            )
            warnings.warn(
                f"{spec}: skipped {len(skipped)} binary file(s): {shown}{more}",
                UserWarning,
                stacklevel=2,
            )

    def _files(self, root: str, options: ReadOptions, skipped: list[str]) -> Iterator[str]:
        """Relative paths of the text-like files to read, in no particular order."""
        seen = {_identity(root)}
        stack = [""]
        while stack:
            folder = stack.pop()
            try:
                entries = list(os.scandir(os.path.join(root, folder) if folder else root))
            except OSError as error:
                warnings.warn(
                    f"{os.path.join(root, folder)}: cannot list ({error.strerror or error})",
                    UserWarning,
                    stacklevel=3,
                )
                continue
            for entry in entries:
                relative = f"{folder}/{entry.name}" if folder else entry.name
                if entry.name.startswith(".") and not options.hidden:
                    continue
                if options.exclude and matches(relative, options.exclude):
                    continue
                try:
                    is_dir = entry.is_dir()  # follows symbolic links
                    is_file = not is_dir and entry.is_file()
                except OSError:
                    continue
                if is_dir:
                    if options.recursive:
                        identity = _identity(entry.path)
                        if identity is not None and identity not in seen:
                            seen.add(identity)
                            stack.append(relative)
                    continue
                if not is_file:
                    continue  # sockets, fifos, devices, broken links
                if options.include and not matches(relative, options.include):
                    continue
                head = _head(entry.path)
                if head is None or not head:
                    continue
                if is_text_like(head):
                    yield relative
                else:
                    skipped.append(relative)

    def _pending(self, path: str, options: ReadOptions) -> Pending:
        def load() -> Loaded:
            from summarize.sources.files import read_bytes
            from summarize.sources.formats import sources_from_bytes

            data = read_bytes(path, max_bytes=options.max_bytes)
            return sources_from_bytes(path, data, options=options)

        return Pending(path, load)


def _identity(path: str) -> tuple[int, int] | None:
    """(device, inode) of the folder a path leads to, after symbolic links."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino) if stat.S_ISDIR(info.st_mode) else None


def _head(path: str) -> bytes | None:
    try:
        with open(path, "rb") as file:
            return file.read(_SNIFF_BYTES)
    except OSError:
        return None

"""Write an output so that a reader sees the old file or the whole new one, never half of one.

A regular file (or a path that does not exist yet) is written to a temporary file in the same
folder, flushed to disk, renamed over the target and the folder flushed, so a crash, a full disk
or a kill leaves the previous content in place. Anything else that exists (a pipe,
``/dev/stdout``, a terminal, a device) is written directly: renaming over it would replace the
device or the pipe instead of writing to it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile

from summarize.errors import OutputError


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "no space left on the device"
    if error.errno == errno.EDQUOT:
        return "disk quota exceeded"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if error.errno == errno.EROFS:
        return "read-only file system"
    if error.errno == errno.EISDIR:
        return "is a folder"
    if error.errno == errno.EPIPE:
        return "the reader closed the pipe"
    return error.strerror or str(error)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


# Names of this process's standard output: written through its descriptor, at its offset.
STDOUT_NAMES = frozenset({"-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"})


def _write_stdout(target: str, data: bytes) -> None:
    import sys

    with contextlib.suppress(Exception):
        sys.stdout.flush()
    try:
        _write_all(1, data)
    except OSError as error:
        raise OutputError(f"{target}: cannot write: {_reason(error)}") from None


def _write_direct(target: str, data: bytes) -> None:
    try:
        fd = os.open(target, os.O_WRONLY)
    except OSError as error:
        raise OutputError(f"{target}: cannot open: {_reason(error)}") from None
    try:
        _write_all(fd, data)
    except OSError as error:
        raise OutputError(f"{target}: cannot write: {_reason(error)}") from None
    finally:
        with contextlib.suppress(OSError):
            os.close(fd)


def _fsync_folder(folder: str) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return  # some systems cannot open a folder; the rename is done either way
    try:
        os.fsync(fd)
    except OSError:
        pass  # a file system that cannot flush a folder (some network mounts)
    finally:
        os.close(fd)


def _write_replacing(target: str, data: bytes, mode: int | None, path: str) -> None:
    """Write ``path`` (``target`` resolved) through a temporary file renamed over it."""
    folder = os.path.dirname(path)
    if not os.path.isdir(folder):
        raise OutputError(f"{target}: the folder {folder} does not exist")
    try:
        fd, temporary = tempfile.mkstemp(
            prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=folder
        )
    except OSError as error:
        raise OutputError(f"{target}: cannot create a file in {folder}: {_reason(error)}") from None
    try:
        try:
            _write_all(fd, data)
            os.fchmod(fd, mode if mode is not None else 0o666 & ~_umask())
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise OutputError(f"{target}: cannot write: {_reason(error)}") from None
    _fsync_folder(folder)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_output(target: str, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8) to ``target``: atomically for a file, directly otherwise.

    Raises :class:`OutputError` (exit code 3) with the reason: a missing folder, a permission,
    a full disk.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if target in STDOUT_NAMES:
        _write_stdout(target, payload)
        return
    if os.path.abspath(target).startswith(("/dev/", "/proc/")):
        _write_direct(target, payload)  # a device or a descriptor: never renamed over
        return
    path = os.path.realpath(target)  # a link to a file: the file is replaced, not the link
    try:
        info = os.stat(path)
    except FileNotFoundError:
        _write_replacing(target, payload, None, path)
        return
    except OSError as error:
        if error.errno == errno.ENOTDIR:
            raise OutputError(f"{target}: a part of the path is not a folder") from None
        raise OutputError(f"{target}: {_reason(error)}") from None
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{target}: is a folder")
    if stat.S_ISREG(info.st_mode):
        _write_replacing(target, payload, stat.S_IMODE(info.st_mode), path)
    else:
        _write_direct(target, payload)

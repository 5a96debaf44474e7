"""Folders as input: which files, in which order, under which names, and how they are read."""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from summarize.cli import options as opt
from summarize.errors import InputError, InputTooLargeError
from summarize.sources.base import Reader, ReadOptions, Source
from summarize.sources.folders import FolderReader, is_text_like, matches

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A folder of text, Markdown, HTML, a feed, binaries, hidden files and a link loop."""
    root = tmp_path / "notes"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "a.txt").write_text("The first note is about apples. They grow on trees.\n")
    (root / "b.md").write_text("# Bees\n\nBees make honey in the summer months.\n")
    (root / "page.html").write_bytes((FIXTURES / "article.html").read_bytes())
    (root / "no_extension").write_text("A text file without an extension still counts.\n")
    (root / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")  # binary, by content
    (root / "archive.zip").write_bytes(b"PK\x03\x04" + bytes(100))
    (root / "empty.txt").write_bytes(b"")
    (root / ".secret.txt").write_text("A hidden file.\n")
    (root / ".hidden" / "inside.txt").write_text("Inside a hidden folder.\n")
    (root / "sub" / "c.txt").write_text("A note in a subfolder about cherries.\n")
    (root / "sub" / "deeper" / "d.txt").write_text("The deepest note, about dates.\n")
    (root / "sub" / "feed.xml").write_bytes((FIXTURES / "rss2.xml").read_bytes())
    (root / "sub" / "deeper" / "loop").symlink_to(root, target_is_directory=True)
    (root / "sub" / "alias.txt").symlink_to(root / "a.txt")
    return root


def names(root: Path, **settings: object) -> list[str]:
    options = ReadOptions(**settings)  # type: ignore[arg-type]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return [os.path.relpath(p.name, root) for p in FolderReader().expand(str(root), options)]


def test_reader_protocol_and_claims(tree: Path) -> None:
    reader = FolderReader()
    assert isinstance(reader, Reader)
    assert reader.claims(str(tree))
    assert not reader.claims(str(tree / "a.txt"))
    assert not reader.claims(str(tree / "missing"))
    assert not reader.claims("-")


def test_top_level_text_files_sorted(tree: Path) -> None:
    assert names(tree) == ["a.txt", "b.md", "no_extension", "page.html"]


def test_binary_files_are_skipped_with_one_warning(tree: Path) -> None:
    with pytest.warns(UserWarning, match=r"skipped 2 binary file\(s\): archive\.zip, photo\.txt"):
        list(FolderReader().expand(str(tree), ReadOptions()))


def test_recursive_follows_subfolders_and_survives_link_loops(tree: Path) -> None:
    expected = [
        "a.txt",
        "b.md",
        "no_extension",
        "page.html",
        "sub/alias.txt",
        "sub/c.txt",
        "sub/deeper/d.txt",
        "sub/feed.xml",  # loads as its entries
    ]
    assert names(tree, recursive=True) == expected
    assert names(tree, recursive=True) == expected  # stable


def test_hidden_files_only_on_request(tree: Path) -> None:
    found = names(tree, recursive=True, hidden=True)
    assert found[:2] == [".hidden/inside.txt", ".secret.txt"]
    assert ".secret.txt" not in names(tree, recursive=True)


def test_include_and_exclude(tree: Path) -> None:
    assert names(tree, recursive=True, include=("*.txt",)) == [
        "a.txt",
        "sub/alias.txt",
        "sub/c.txt",
        "sub/deeper/d.txt",
    ]
    assert names(tree, recursive=True, include=("sub/*",), exclude=("*.xml", "sub/deeper")) == [
        "sub/alias.txt",
        "sub/c.txt",
    ]
    # excludes win over includes
    assert names(tree, include=("*.md", "a.txt"), exclude=("a.*",)) == ["b.md"]


@pytest.mark.parametrize(
    ("relative", "patterns", "expected"),
    [
        ("a.md", ("*.md",), True),
        ("x/y/a.md", ("*.md",), True),  # a pattern without / also matches the name
        ("x/y/a.md", ("x/*",), True),  # * crosses /
        ("x/y/a.md", ("y/*",), False),  # relative to the folder given
        ("x/a.txt", ("*.md", "*.txt"), True),
        ("x/a.txt", ("a.?xt",), True),
        ("A.MD", ("*.md",), False),  # case-sensitive
    ],
)
def test_matches(relative: str, patterns: tuple[str, ...], expected: bool) -> None:
    assert matches(relative, patterns) is expected


def test_loading_reads_each_kind(tree: Path) -> None:
    reader = FolderReader()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pendings = {
            os.path.relpath(p.name, tree): p
            for p in reader.expand(str(tree), ReadOptions(recursive=True, feed_content=True))
        }
    text = pendings["a.txt"].load()
    assert isinstance(text, Source)
    assert text.name == str(tree / "a.txt")
    assert text.text.startswith("The first note is about apples.")
    assert text.media_type == "text/plain"
    page = pendings["page.html"].load()
    assert isinstance(page, Source)
    assert page.media_type == "text/html"
    assert "eleven months after floodwater" in page.text
    assert "NAVSTRING" not in page.text
    entries = pendings["sub/feed.xml"].load()
    assert isinstance(entries, list)
    assert [e.name for e in entries] == [
        f"{tree / 'sub' / 'feed.xml'} \u203a Orchard festival draws record crowd",
        f"{tree / 'sub' / 'feed.xml'} \u203a Bridge on Mill Road closes for repairs",
        f"{tree / 'sub' / 'feed.xml'} \u203a Council approves new cycle lanes",
    ]
    entry = entries[2].load()
    assert isinstance(entry, Source)
    assert entry.text == "The council voted to add cycle lanes on three main streets."


def test_each_file_is_read_within_max_bytes(tree: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        (pending, *_) = FolderReader().expand(str(tree), ReadOptions(max_bytes=10))
    with pytest.raises(InputTooLargeError):
        pending.load()


def test_missing_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such folder"):
        list(FolderReader().expand(str(tmp_path / "missing"), ReadOptions()))


def test_unreadable_subfolder_is_a_warning(tree: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads every folder")
    locked = tree / "sub" / "deeper"
    locked.chmod(0)
    try:
        with pytest.warns(UserWarning, match="cannot list"):
            list(FolderReader().expand(str(tree), ReadOptions(recursive=True)))
    finally:
        locked.chmod(0o755)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"Plain text.\n", True),
        ("Texte accentu\xe9".encode("cp1252"), True),
        ("UTF-16 text".encode("utf-16"), True),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", True),
        (b"<html><body>x</body></html>", True),
        (b"\x89PNG\r\n\x1a\n", False),
        (b"\x7fELF\x02\x01\x01", False),
        (b"text with a \x00 NUL byte", False),
        (bytes(range(1, 32)) * 10, False),
        (b"", False),
    ],
)
def test_is_text_like(head: bytes, expected: bool) -> None:
    assert is_text_like(head) is expected


def test_folder_and_feed_options_parse() -> None:
    """The shared option types read as the settings expect: None when not given."""
    seen: dict[str, object] = {}
    app = typer.Typer()

    @app.command()
    def command(
        recursive: opt.Recursive = None,
        include: opt.Include = None,
        exclude: opt.Exclude = None,
        hidden: opt.Hidden = None,
        feed_content: opt.FeedContent = None,
        limit: opt.Limit = None,
    ) -> None:
        seen.update(
            recursive=recursive,
            include=include,
            exclude=exclude,
            hidden=hidden,
            feed_content=feed_content,
            limit=limit,
        )

    runner = CliRunner()
    result = runner.invoke(app, [])
    assert result.exit_code == 0, result.output
    assert set(seen.values()) == {None}
    args = ["-R", "--include", "*.md", "--include", "notes/*", "--exclude", "drafts"]
    args += ["--hidden", "--feed-content", "--limit", "5"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert seen == {
        "recursive": True,
        "include": ["*.md", "notes/*"],
        "exclude": ["drafts"],
        "hidden": True,
        "feed_content": True,
        "limit": 5,
    }
    runner.invoke(app, ["--no-recursive", "--linked-page"])
    assert seen["recursive"] is False
    assert seen["feed_content"] is False

"""Our stop-word lists are package data of our own: no file of sumy's is read for them.

The native methods, detection and segmentation run in a child process that records every file
it opens (an audit hook, which cannot be removed, hence the child) and in which ``import sumy``
fails; the package data is checked against SOURCES.md and pyproject.toml.
"""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from summarize.text.languages import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
STOPWORDS = resources.files("summarize.text") / "stopwords"

CHILD = """
import importlib.util, json, sys
sumy_dir = importlib.util.find_spec("sumy").submodule_search_locations[0]
opened = []
sys.addaudithook(lambda event, args: opened.append(str(args[0])) if event == "open" else None)
sys.modules["sumy"] = None  # import sumy fails from here on

from summarize.pipeline import summarize
from summarize.text.detect import detect_language
from summarize.text.languages import LANGUAGES
from summarize.text.words import stop_words

sizes = {language: len(stop_words(language)) for language in LANGUAGES}
detected = detect_language("Der Junge ging am Morgen in die Schule, weil er lernen musste.")
summary = summarize("The boy went to school. It was cold. He studied well.", method="lexrank",
                    sentences=1, language="auto")
print(json.dumps({
    "sizes": sizes, "detected": detected, "language": summary.language,
    "sumy_files": [path for path in opened if path.startswith(sumy_dir)],
    "ours": sum("/summarize/text/stopwords/" in path for path in opened),
}))
"""


@pytest.mark.slow
def test_stop_words_detection_and_native_methods_read_nothing_of_sumy() -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHILD],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["sumy_files"] == []
    assert report["ours"] >= len(LANGUAGES)  # every list was read from our package
    assert all(size >= 30 for size in report["sizes"].values()), report["sizes"]
    assert report["detected"] == "german"
    assert report["language"] == "english"


def test_each_list_names_its_source_and_sources_md_lists_every_language() -> None:
    sources = (STOPWORDS / "SOURCES.md").read_text(encoding="utf-8")
    files = sorted(p.name for p in STOPWORDS.iterdir() if p.name.endswith(".txt"))
    assert files == sorted(f"{language}.txt" for language in LANGUAGES)
    for language in LANGUAGES:
        lines = (STOPWORDS / f"{language}.txt").read_text(encoding="utf-8").splitlines()
        header = " ".join(line for line in lines if line.startswith("#"))
        assert lines[0].startswith(f"# Stop words for {language}: ")
        assert "See SOURCES.md" in header
        assert "MIT" in header or "Apache-2.0" in header, header
        assert language in sources


def test_the_lists_ship_as_package_data() -> None:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11 and later
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["summarize.text"]
    assert "stopwords/*.txt" in patterns
    assert "stopwords/SOURCES.md" in patterns

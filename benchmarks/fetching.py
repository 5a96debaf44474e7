"""How long 100 web pages take to fetch (and to summarise) one at a time and eight at a time.

    python benchmarks/fetching.py              # 100 pages, 3 runs of each
    python benchmarks/fetching.py --quick      # 30 pages, 1 run

A local server on 127.0.0.1, in a child process of its own, serves PAGES short articles
written for this benchmark (HTML, or plain text with ``--kind text``), each after a pause of
LATENCY seconds, as a distant server would. "fetch" fetches and decodes every page with
``fetch`` through one shared pool and ``summarize.many.load_in_order``, in this process;
"summarize URL..." runs ``summarize URL... --fetch-jobs N`` end to end in a fresh process and
waits for all the summaries; "summarize FILE..." is the same command on the same pages saved
as files: the cost of everything but the network. Each figure is the median of the runs; the
ideal network time is PAGES x LATENCY for one job and PAGES x LATENCY / 8 for eight.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LATENCY = 0.1

_TOWNS = ("Ashford", "Bramley", "Corrin", "Dunmore", "Elston", "Farrow", "Glenby", "Harwick")
_TOPICS = (
    ("library", "The new library opened its doors to the first readers on a wet morning."),
    ("bridge", "The old bridge was closed after engineers found cracks in two of its arches."),
    ("market", "The Saturday market moved back to the square after a year on the car park."),
    ("school", "The primary school will add four classrooms before the next autumn term."),
    ("river", "Volunteers cleared three tonnes of rubbish from the river banks last week."),
)
_FILLER = (
    "Residents had waited a long time for the change, and many came to see it for themselves.",
    "The council said the work had cost less than planned and finished a month early.",
    "Some shopkeepers worried about parking, but most welcomed the extra visitors.",
    "A spokesman promised a public meeting in the spring to hear what people think.",
    "Local historians pointed out that the site has served the town for two centuries.",
    "The mayor thanked the builders and the families who put up with the noise.",
)


def page(number: int, kind: str) -> tuple[bytes, str]:
    """Page ``number``: a short news article about a made-up town, as HTML or plain text."""
    town = _TOWNS[number % len(_TOWNS)]
    topic, lead = _TOPICS[number % len(_TOPICS)]
    rest = [_FILLER[(number + step) % len(_FILLER)] for step in range(4)]
    if kind == "text":
        text = f"{town} {topic}\n\n{town}: {lead} " + " ".join(rest) + "\n"
        return text.encode(), "text/plain; charset=utf-8"
    paragraphs = "".join(f"<p>{sentence}</p>" for sentence in [f"{town}: {lead}", *rest])
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{town} {topic} "
        f"(story {number})</title></head><body><nav><a href='/'>Home</a></nav><article>"
        f"<h1>{town} {topic}</h1>{paragraphs}</article><footer>The {town} Courier</footer>"
        "</body></html>"
    ).encode(), "text/html; charset=utf-8"


class _Slow(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    kind = "html"
    disable_nagle_algorithm = True  # headers and body are two writes: no 40 ms stall

    def do_GET(self) -> None:
        time.sleep(LATENCY)
        try:
            number = int(self.path.rsplit("/", 1)[1].split(".")[0])
        except ValueError:
            self.send_error(404)
            return
        body, media = page(number, self.kind)
        self.send_response(200)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(kind: str) -> None:
    """The server child: print the port, serve until stdin closes."""
    _Slow.kind = kind
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Slow)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    import threading

    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()
    server.shutdown()


def fetch_pages(urls: list[str], jobs: int) -> float:
    """Fetch and decode every page through one shared pool, ``jobs`` at a time."""
    from summarize.many import load_in_order
    from summarize.sources.base import Pending, ReadOptions, Source
    from summarize.sources.decoding import decode
    from summarize.sources.http import fetch, make_pool

    options = ReadOptions(fetch_jobs=jobs)
    pool = make_pool(options)

    def pending(url: str) -> Pending:
        def load() -> Source:
            response = fetch(url, options, pool=pool)
            return Source(url, decode(response.body, url, response.charset), url=response.url)

        return Pending(url, load, remote=True)

    start = time.perf_counter()
    results = list(load_in_order((pending(url) for url in urls), jobs))
    elapsed = time.perf_counter() - start
    failures = [item for _, item in results if isinstance(item, BaseException)]
    if failures or len(results) != len(urls):
        raise SystemExit(f"fetching failed: {failures[0] if failures else 'pages missing'}")
    return elapsed


def _command() -> list[str] | None:
    """``summarize`` if it takes --fetch-jobs (the command line of this checkout)."""
    command = [sys.executable, "-m", "summarize"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    shown = subprocess.run([*command, "--help"], capture_output=True, text=True, env=env)
    return command if "--fetch-jobs" in shown.stdout else None


def summarize_pages(command: list[str], urls: list[str], jobs: int) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    done = subprocess.run(
        [*command, "--fetch-jobs", str(jobs), "--sentences", "1", *urls],
        capture_output=True,
        text=True,
        env=env,
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"summarize failed ({done.returncode}): {done.stderr.strip()[:500]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="30 pages, one run")
    parser.add_argument(
        "--kind",
        choices=("auto", "html", "text"),
        default="auto",
        help="what the pages are; auto is HTML when this checkout reads HTML, else text",
    )
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    kind = args.kind
    if kind == "auto":
        import importlib.util

        kind = "html" if importlib.util.find_spec("summarize.sources.html") else "text"
    if args.serve:
        serve(kind)
        return
    pages, runs = (30, 1) if args.quick else (100, 3)
    child = subprocess.Popen(
        [sys.executable, __file__, "--serve", "--kind", kind],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    try:
        assert child.stdout is not None
        port = int(child.stdout.readline())
        suffix = "html" if kind == "html" else "txt"
        urls = [f"http://127.0.0.1:{port}/story/{number}.{suffix}" for number in range(pages)]
        command = _command()
        print(
            f"{pages} {kind} pages, {LATENCY * 1000:.0f} ms latency each, median of {runs} run(s)"
        )
        print()
        print("| what | jobs | seconds | pages/s | network ideal s | vs 1 job |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        steps: list[tuple[str, object]] = [("fetch", fetch_pages)]
        if command is not None:
            steps.append(("summarize URL...", lambda u, j: summarize_pages(command, u, j)))
            folder = Path(tempfile.mkdtemp(prefix="fetching-"))
            files = []
            for number in range(pages):
                body, _ = page(number, kind)
                path = folder / f"story-{number}.{suffix}"
                path.write_bytes(body)
                files.append(str(path))
            steps.append(("summarize FILE...", lambda _, j: summarize_pages(command, files, j)))
        for label, step in steps:
            base = None
            for jobs in (1, 8):
                times = [step(urls, jobs) for _ in range(runs)]  # type: ignore[operator]
                median = statistics.median(times)
                base = base or median
                ideal = "-" if "FILE" in label else f"{pages * LATENCY / jobs:.1f}"
                print(
                    f"| {label} | {jobs} | {median:.2f} | {pages / median:.0f} | {ideal} "
                    f"| {base / median:.2f}x |"
                )
        if command is None:
            print()
            print("(summarize does not take --fetch-jobs in this checkout: end to end skipped)")
    finally:
        if child.stdin is not None:
            child.stdin.close()
        child.wait(timeout=10)


if __name__ == "__main__":
    main()

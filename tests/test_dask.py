"""Batches on real Dask processes: a LocalCluster, and a scheduler with workers started by hand."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from summarize.options import SummaryOptions
from summarize.scale.batch import BatchReport, run_batch

from .test_batch import OPTIONS, batch_bytes, child_environment, documents, write_jsonl

distributed = pytest.importorskip("distributed", reason="Dask is not installed (summarize[dask])")
dask_bag = pytest.importorskip("dask.bag", reason="Dask is not installed (summarize[dask])")

DASK = Path(sys.executable).with_name("dask")
START_TIMEOUT = 90  # seconds for a cluster to come up on a busy machine
RUN_TIMEOUT = 180


def within(seconds: float, function: Any, *args: Any, **kwargs: Any) -> Any:
    """``function(*args, **kwargs)`` in a thread; the test fails if it takes over ``seconds``."""
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = function(*args, **kwargs)
        except BaseException as error:
            outcome["error"] = error

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"{function.__name__} did not finish in {seconds} s"
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def local_client() -> Iterator[Any]:
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    client = distributed.Client(cluster)
    try:
        yield client
    finally:
        client.close(timeout=30)
        cluster.close(timeout=30)


@pytest.fixture(scope="module")
def scheduler_address() -> Iterator[str]:
    """``dask scheduler`` and two ``dask worker`` processes on 127.0.0.1, as on a real cluster."""
    if not DASK.exists():
        pytest.skip(f"the dask command is not installed beside {sys.executable}")
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = child_environment()
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": env}
    processes = [
        subprocess.Popen(
            [str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
            **quiet,  # type: ignore[call-overload]
        )
    ]
    for _ in range(2):
        command = [str(DASK), "worker", address, "--nthreads", "1", "--host", "127.0.0.1"]
        processes.append(subprocess.Popen([*command, "--no-dashboard"], **quiet))  # type: ignore[call-overload]
    try:
        with distributed.Client(address, timeout=START_TIMEOUT) as client:
            client.wait_for_workers(2, timeout=START_TIMEOUT)
        yield address
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in reversed(processes):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=30)


def test_a_local_cluster_writes_the_bytes_of_one_process(tmp_path: Path, local_client: Any) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", documents(200))
    alone = batch_bytes([str(source)], tmp_path, "one.jsonl", options=OPTIONS, jobs=1)
    on_dask = within(
        RUN_TIMEOUT,
        batch_bytes,
        [str(source)],
        tmp_path,
        "dask.jsonl",
        options=OPTIONS,
        scheduler=local_client,
        chunk_documents=9,
    )
    assert on_dask == alone
    assert len(on_dask.splitlines()) == 200
    # Every worker summarised some of it, each set up once.
    assert len(local_client.nthreads()) == 2


def test_a_bag_of_dicts_or_strings_gives_the_batch_results(
    tmp_path: Path, local_client: Any
) -> None:
    from summarize import summarize_bag

    docs = documents(30)
    source = write_jsonl(tmp_path / "in.jsonl", docs)
    written = batch_bytes([str(source)], tmp_path, "o", jobs=1, options=OPTIONS)
    expected = [json.loads(line) for line in written.splitlines()]
    bag = dask_bag.from_sequence(docs, npartitions=4)
    results = local_client.compute(summarize_bag(bag, OPTIONS)).result(RUN_TIMEOUT)
    assert results == expected
    texts = dask_bag.from_sequence([d["text"] for d in docs] + [17], npartitions=3)
    plain = local_client.compute(summarize_bag(texts, OPTIONS)).result(RUN_TIMEOUT)
    # A string has no id: its result is at its place in the bag (31 items: 11, 11 and 9).
    assert plain[:30] == [{k: v for k, v in r.items() if k != "id"} for r in expected]
    assert plain[30] == {"error": "partition 2 item 8: a JSON object was expected, not a number"}


def test_a_list_of_paths_is_read_by_the_workers(tmp_path: Path, local_client: Any) -> None:
    from summarize import summarize_bag

    docs = documents(12)
    first = write_jsonl(tmp_path / "a.jsonl", docs[:7])
    with (tmp_path / "b.jsonl").open("w") as file:
        file.write("".join(json.dumps(d) + "\n" for d in docs[7:]) + "\n{broken\n")
    paths = summarize_bag([str(first), str(tmp_path / "b.jsonl")], OPTIONS)
    results = local_client.compute(paths).result(RUN_TIMEOUT)
    assert [r.get("id") for r in results] == [*(d["id"] for d in docs), None]
    assert results[-1]["error"].startswith("partition 1 item 6: not valid JSON")
    inputs = [str(first), str(tmp_path / "b.jsonl")]
    written = batch_bytes(inputs, tmp_path, "o", options=OPTIONS, jobs=1)
    assert [json.loads(line) for line in written.splitlines()][:12] == results[:12]


def test_the_command_on_a_dask_scheduler_writes_the_same_bytes(
    tmp_path: Path, scheduler_address: str
) -> None:
    docs = documents(120, seed=3)
    source = write_jsonl(tmp_path / "in.jsonl", docs)
    alone = batch_bytes([str(source)], tmp_path, "one.jsonl", options=OPTIONS, jobs=1)
    out = tmp_path / "dask.jsonl"
    command = [sys.executable, "-m", "summarize", "batch", str(source), "-n", "2"]
    finished = subprocess.run(
        [*command, "--output", str(out), "--scheduler", scheduler_address],
        env=child_environment(),
        capture_output=True,
        timeout=RUN_TIMEOUT,
    )
    assert finished.returncode == 0, finished.stderr
    assert finished.stderr.decode().startswith("summarize: 120 documents, 0 failed, ")
    assert out.read_bytes() == alone


def test_the_scheduler_setting_comes_from_the_flag_the_variable_or_the_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from summarize.cli.batch import _batch_settings
    from summarize.config import Config

    config = tmp_path / "config.toml"
    config.write_text('[batch]\nscheduler = "tcp://127.0.0.1:9"\njobs = 3\n')
    loaded = Config.load(str(config))
    flags: dict[str, Any] = {"scheduler": None, "jobs": None}
    assert _batch_settings(loaded, flags)["scheduler"] == "tcp://127.0.0.1:9"
    assert _batch_settings(loaded, flags)["jobs"] == 3
    monkeypatch.setenv("SUMMARIZE_SCHEDULER", "local")
    assert _batch_settings(loaded, flags)["scheduler"] == "local"
    flags["scheduler"] = "tcp://127.0.0.1:8786"
    assert _batch_settings(loaded, flags)["scheduler"] == "tcp://127.0.0.1:8786"


def test_a_worker_killed_mid_run_loses_and_repeats_nothing(
    tmp_path: Path, scheduler_address: str
) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", documents(600, seed=11))
    alone = batch_bytes([str(source)], tmp_path, "one.jsonl", options=OPTIONS, jobs=1)
    client = distributed.Client(scheduler_address, timeout=START_TIMEOUT)
    try:
        client.wait_for_workers(2, timeout=START_TIMEOUT)
        before = client.run(os.getpid)
        victim = next(iter(before.values()))
        killed: list[int] = []

        def kill_one_worker(report: BatchReport) -> None:
            if not killed:
                os.kill(victim, signal.SIGKILL)
                killed.append(report.documents)

        out = tmp_path / "dask.jsonl"
        report = within(
            RUN_TIMEOUT,
            run_batch,
            [str(source)],
            OPTIONS,
            scheduler=client,
            output=out,
            chunk_documents=10,
            progress=kill_one_worker,
        )
        assert killed == [10]  # killed after the first chunk, with 59 still to come
        assert report.complete
        assert out.read_bytes() == alone
        client.wait_for_workers(2, timeout=START_TIMEOUT)
        assert victim not in client.run(os.getpid).values()  # a new process replaced it
    finally:
        client.close(timeout=30)


def test_an_unreachable_scheduler_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from summarize.scale import dask_executor

    monkeypatch.setattr(dask_executor, "CONNECT_TIMEOUT", 2.0)
    source = write_jsonl(tmp_path / "in.jsonl", documents(2))
    address = f"tcp://127.0.0.1:{free_port()}"
    started = time.monotonic()
    with pytest.raises(dask_executor.SchedulerError, match="no Dask scheduler answered"):
        within(
            60, run_batch, [str(source)], SummaryOptions(), scheduler=address, output=tmp_path / "o"
        )
    assert time.monotonic() - started < 30
    assert not (tmp_path / "o").exists()

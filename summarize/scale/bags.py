"""Summaries inside an existing Dask pipeline: a bag of documents in, a bag of results out.

>>> import dask.bag as db
>>> from summarize import summarize_bag
>>> from summarize.options import SummaryOptions
>>> results = summarize_bag(db.read_text("news-*.jsonl").map(json.loads), SummaryOptions())
>>> results.map(json.dumps).to_textfiles("summaries-*.jsonl")

An item is a dict (its ``text_field`` is the text, its ``id_field`` the id) or a string (the
text itself). Each result is the dict that ``summarize batch`` writes as a line; a document that
fails gives a dict with ``error`` instead, so one bad document does not fail the whole graph.
Results keep the bag's order, partition by partition. A list of JSONL paths works too (the
workers read the files). For files that only this machine sees, :func:`run_batch` with
``scheduler=client`` streams them through the same cluster and writes one ordered output file.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from summarize.options import SummaryOptions
from summarize.scale.jsonl import record_from_line, record_from_object
from summarize.scale.work import prepare, summarize_record


def summarize_bag(
    bag: Any,
    options: SummaryOptions | None = None,
    *,
    text_field: str = "text",
    id_field: str = "id",
    keep_fields: bool = False,
) -> Any:
    """A ``dask.bag.Bag`` of result dicts, one for each item of ``bag``, lazily.

    ``bag`` may also be a list of JSONL paths (globs, ``.gz``, any fsspec URL): their lines are
    read by the workers (``dask.bag.read_text``), so they must see the files; a line that is
    not a JSON object gives an ``error`` dict; blank lines give nothing.
    """
    import dask.bag as db
    from dask import delayed

    settings = options if options is not None else SummaryOptions()
    lines = isinstance(bag, (list, tuple, str))
    if lines:
        bag = db.read_text(bag)
    parts = [
        delayed(summarize_partition, pure=True)(
            part, index, settings, text_field, id_field, keep_fields, lines
        )
        for index, part in enumerate(bag.to_delayed())
    ]
    return db.from_delayed(parts)


def summarize_partition(
    items: Iterable[object],
    partition: int,
    options: SummaryOptions,
    text_field: str = "text",
    id_field: str = "id",
    keep_fields: bool = False,
    lines: bool = False,
) -> list[dict[str, Any]]:
    """The result dicts of one partition (runs on a worker; sets the worker up once).

    ``lines``: the items are lines of JSONL text rather than dicts or texts.
    """
    prepare(options)
    named = {"text_field": text_field, "id_field": id_field}
    results: list[dict[str, Any]] = []
    for position, item in enumerate(items):
        where = f"partition {partition} item {position}"
        if lines and isinstance(item, str):
            if not item.strip():
                continue
            record = record_from_line(item, where, None, **named, keep_fields=keep_fields)
        else:
            record = record_from_object(item, where, None, **named, keep_fields=keep_fields)
        results.append(summarize_record(options, record)[0])
    return results

"""Summarise millions of JSONL documents: streamed in, summarised in chunks, streamed out in order.

``jsonl`` reads records, ``work`` summarises a chunk of them (on whichever process runs it),
``executors`` runs chunks in this process, in a local process pool or on a Dask cluster,
``sink`` writes the result lines safely, ``batch`` ties them together and ``bags`` serves
people who already have a Dask bag.
"""

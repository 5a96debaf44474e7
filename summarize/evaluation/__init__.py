"""Measuring summary quality: reference datasets, ROUGE, and a runner that compares methods.

>>> from summarize.evaluation import read_dataset, evaluate, EvalSettings
>>> records = read_dataset("cnndm_val.jsonl", limit=100)
>>> report = evaluate(records, EvalSettings(methods=("lead", "centroid-position")))
"""

from summarize.evaluation.dataset import Record, read_dataset
from summarize.evaluation.rouge import METRICS, RougeScore, score_summary
from summarize.evaluation.runner import BASELINES, EvalReport, EvalSettings, MethodResult, evaluate

__all__ = [
    "BASELINES",
    "METRICS",
    "EvalReport",
    "EvalSettings",
    "MethodResult",
    "Record",
    "RougeScore",
    "evaluate",
    "read_dataset",
    "score_summary",
]

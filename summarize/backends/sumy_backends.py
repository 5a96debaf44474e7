"""The sumy algorithms, each under its own name, with sumy's exact behaviour."""

from __future__ import annotations

from summarize.backends.sumy_adapter import SumyBackend


class SumyTextRank(SumyBackend):
    def __init__(self) -> None:
        super().__init__(
            "sumy-textrank",
            "sumy.summarizers.text_rank:TextRankSummarizer",
            "sumy's TextRank (keeps self-loops and repeated words; quadratic).",
        )


class SumyLexRank(SumyBackend):
    def __init__(self) -> None:
        super().__init__(
            "sumy-lexrank",
            "sumy.summarizers.lex_rank:LexRankSummarizer",
            "sumy's LexRank (thresholded cosine graph, no damping; quadratic).",
        )


class SumyLsa(SumyBackend):
    def __init__(self) -> None:
        super().__init__(
            "sumy-lsa",
            "sumy.summarizers.lsa:LsaSummarizer",
            "sumy's LSA (full SVD, ranks by the length of each sentence vector).",
        )


class SumyLuhn(SumyBackend):
    def __init__(self) -> None:
        super().__init__(
            "luhn",
            "sumy.summarizers.luhn:LuhnSummarizer",
            "Luhn 1958: clusters of frequent significant words (via sumy).",
        )


class SumySumBasic(SumyBackend):
    def __init__(self) -> None:
        super().__init__(
            "sumbasic",
            "sumy.summarizers.sum_basic:SumBasicSummarizer",
            "SumBasic (Nenkova & Vanderwende 2005): greedy word probability (via sumy).",
        )


class SumyKL(SumyBackend):
    def __init__(self) -> None:
        super().__init__(
            "kl",
            "sumy.summarizers.kl:KLSummarizer",
            "KL-Sum (Haghighi & Vanderwende 2009): greedy KL divergence (via sumy; slow).",
        )


class SumyReduction(SumyBackend):
    def __init__(self) -> None:
        super().__init__(
            "reduction",
            "sumy.summarizers.reduction:ReductionSummarizer",
            "Graph reduction: sentences sharing most words with others (via sumy).",
        )

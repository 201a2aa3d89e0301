"""`samensterk benchmark`: the performance suite (suite.py) on synthetic data (data.py)."""

from .suite import ScratchDatabase, run

__all__ = ["ScratchDatabase", "run"]

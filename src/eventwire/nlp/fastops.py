"""Route thinc's CPU matrix multiplication through numpy.

blis falls back to slow generic kernels on CPUs it does not recognise, while numpy's BLAS picks an
optimised kernel; the results are the same floats up to summation order (measured: identical output on
the seed and bench articles, see bench/throughput.py --compare-matmul)."""

from __future__ import annotations

from spacy.language import Language
from thinc.api import NumpyOps, set_current_ops


def install_numpy_matmul(nlp: Language | None = None) -> None:
    """Make new models use numpy matmul; with ``nlp``, switch that pipeline's models too."""
    ops = NumpyOps(use_blis=False)
    set_current_ops(ops)
    if nlp is None:
        return
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if isinstance(node.ops, NumpyOps):
                node.ops = ops

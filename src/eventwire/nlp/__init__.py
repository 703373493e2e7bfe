"""spaCy integration: extension registration and pipeline construction."""

from .extensions import register_extensions
from .pipeline import load_pipeline, provenance

__all__ = ["load_pipeline", "provenance", "register_extensions"]

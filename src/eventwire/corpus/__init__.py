"""Corpus work over the store (reads records from the store, never spaCy Docs): exports."""

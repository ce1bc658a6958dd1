"""Pseudonymisation of session notes: detectors, consistent placeholders, the export gate.

Nothing heavy happens at import: the spaCy model loads only when asked (see ``model.py``).
"""

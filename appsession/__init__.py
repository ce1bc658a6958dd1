"""appsession: encrypted, local-first notes and analysis for practice-analysis groups."""

__version__ = "0.1.0"

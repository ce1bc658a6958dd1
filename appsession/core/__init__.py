"""The domain core: pure Python, no Textual, no storage, no I/O."""

"""Modal dialogs (one per file), each typed with the result it returns."""

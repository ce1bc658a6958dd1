"""The Textual app: screens, widgets and dialogs (depends inward on services and core)."""

"""Translations: the languages, their PO catalogs, the localized guide, safety checks."""

"""Theke's date and time formats, one module per language, ahead of Django's.

Templates name them (`|date:"DATE_FORMAT"`, `|date:"DATETIME_FORMAT"`,
`|time:"TIME_FORMAT"`) and never spell out a format of their own, so a date reads
the same on every page and in every mail.
"""

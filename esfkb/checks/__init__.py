"""Checks of what authors wrote: diagnostics and their codes, the rules, validation, reporters and JSON Schemas."""

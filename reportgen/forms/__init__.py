"""Department forms: the Excel workbook each department fills, written from the catalog."""

from .write import build_form, form_filename, reference_values, write_forms

__all__ = ["build_form", "form_filename", "reference_values", "write_forms"]

"""Pure renderers (strings in, strings out) and the one function that writes report files."""

from citeguard.report.files import write_report, write_reports
from citeguard.report.model_json import SCHEMA, model_dict, render_model_json

__all__ = ["SCHEMA", "model_dict", "render_model_json", "write_report", "write_reports"]

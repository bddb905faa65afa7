"""Old name of ui.fitting, kept only until app_pages/train.py imports ui.fitting. Remove then."""

from ui.fitting import default_example, describe_mismatch, fits

__all__ = ["default_example", "describe_mismatch", "fits"]

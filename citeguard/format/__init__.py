"""Entries rendered from their fields in GB/T 7714 (pure: the fix command and the entry-form rules
use it)."""

from citeguard.format.gbt import HouseStyle, edition_style, house_style, render_entry

__all__ = ["HouseStyle", "edition_style", "house_style", "render_entry"]

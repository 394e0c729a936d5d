"""``citeguard fix``: the corrections that are safe by construction, as edits of the manuscript's
text (pure: a document, its text and its findings in; edits out; the command line writes them).

Safe means the corrected text says the same thing in the form the standard (or the paper's own
majority) prescribes, and the reader can prove it: an entry is rewritten only when it was read
with high confidence and its rendering reads back to the very same fields. Whatever needs a
human decision — which of two years is right, whether a cited page is a typo — stays a finding.

Fixed today, each under the code of the finding it settles (``--select``/``--ignore`` apply), and
only for findings of high confidence: CG306 element punctuation, CG308 spacing mixed in the list,
CG314 an entry's marks unlike GB/T 7714's, CG406 spacing mixed in the footnotes,
CG203 duplicate pages (the entry re-rendered in the list's own house style), CG111 citation brackets
mixed (the minority's brackets and commas turned to the majority's width), CG106/CG107 等/et al.
after the entry's real author count, CG303 an author-year list put in order (a numbered one
renumbered when the text cites no number), CG108 a/b suffixes for same-author-year works in the list
and the text (in a later run when the same run rewrites entries), CG110 numeric citations
renumbered in the order of first citation with the list reordered to match.
"""

from citeguard.fixes.edits import Edit, apply_edits, unified_diff
from citeguard.fixes.entries import plan_bib_fixes
from citeguard.fixes.plan import is_new, plan_fixes

__all__ = ["Edit", "apply_edits", "is_new", "plan_bib_fixes", "plan_fixes", "unified_diff"]

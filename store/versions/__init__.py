"""Versions of one article: recognising a re-imported update (``lineage``), pairing its items with the
earlier version's (``matching``), what changed between the two (``diff``) and marks that follow an item
to its counterpart (``carry``).  Pure logic over the article model and the manifest's entries; the
``Store`` calls it inside its transactions.  ``docs/versions.md`` describes the rules and their limits.
"""

"""Search over every article, section, claim, statistic, entity and sentence in the store.

``units`` says what is searchable, ``segment`` how a set of articles is indexed and saved, ``index`` how a
query is answered over segments, ``ranking`` the ordered rules, ``snippet`` what a hit shows, and
``persisted`` how the index beside the store is kept in step with it.  docs/search.md has the why.
"""

from claimscope.store.search.index import Hit, SearchIndex

__all__ = ["Hit", "SearchIndex"]

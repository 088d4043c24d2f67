"""Views across articles: every speaker with their claims, and figures grouped by what they count.

``names.py`` gives one key per speaker across articles, ``figures.py`` one key per measure and unit and
the tolerance that decides a conflict, ``facts.py`` reads both from a stored document, and ``index.py``
keeps them in a SQLite file beside the store, caught up with it on every open.  ``speakers.py`` puts
the sentences back for one speaker.  See docs/across.md.
"""

from claimscope.store.across.index import AcrossIndex, FigureRow, GroupRow, SpeakerRow, open_across

__all__ = ["AcrossIndex", "FigureRow", "GroupRow", "SpeakerRow", "open_across"]

"""claimscope: a keyboard-driven terminal explorer for news articles and official statements.

The repository keeps the owner's top-level folders (``extract/``, ``store/``, ``tui/``); they are installed
as one import package, ``claimscope``, so nothing called ``store`` or ``tui`` lands in site-packages.
"""

__version__ = "0.1.0"

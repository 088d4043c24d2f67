"""Articles written for the views across articles: three outlets report one flood story, a fourth another.

The same people and bodies are named differently by each outlet ("Environment Minister Dana Okafor",
"Ms Okafor", "the minister"), and their figures agree, round, or disagree, so every rule of
``store/across`` has a case here.
"""

# ruff: noqa: E501 (article paragraphs are one line each, as in a plain-text article)
from __future__ import annotations

from pathlib import Path

from claimscope.extract.model import Article
from claimscope.extract.pipeline import extract_text
from claimscope.store.db import Store

VALLEY_GAZETTE = """Published: 09:30, February 4, 2025
Flood warnings double across the Lune valley

By Petra Holm

LUNEBY, February 4, 2025 - The Lune Valley Water Board said on Tuesday that it had issued 120 flood warnings in 2024, up from 60 in 2023.

"The river has never been this restless," said Environment Minister Dana Okafor. Ms Okafor said that 3,400 homes had been flooded in 2024.

The board said it would spend $12.5 million on new defences in 2025.
"""

RIVER_POST = """Published: 09:30, February 5, 2025
Minister defends flood spending as warnings climb

By Anders Lind

LUNEBY, February 5, 2025 - The Lune Valley Water Board issued about 125 flood warnings in 2024, the board said in a statement.

Dana Okafor, the environment minister, said that the defences were working. The minister said 3,400 homes had been flooded in 2024.

A spokesman said that the repairs would take two years.
"""

NORTHERN_HERALD = """Published: 09:30, February 7, 2025
Lune valley counts the cost of a wet year

By Greta Sand

LUNEBY, February 7, 2025 - The Lune Valley Water Board said that it had issued 160 flood warnings in 2024.

Okafor said 5,100 homes had been flooded in 2024. She said the figure showed the scale of the damage.

A spokesman said the board would publish its review in March.
"""

HARBOUR_NEWS = """Published: 09:30, March 2, 2025
Ferry crossings return after storm

By Ola Berg

KESTREL BAY, March 2, 2025 - The Kestrel Ferry Company said on Sunday that 14 crossings had been cancelled in February 2025.

"We are back to a full timetable," said Minister Dana Okafor.
"""

ARTICLES = {
    "valley-gazette.txt": VALLEY_GAZETTE,
    "river-post.txt": RIVER_POST,
    "northern-herald.txt": NORTHERN_HERALD,
    "harbour-news.txt": HARBOUR_NEWS,
}


def across_articles() -> list[Article]:
    return [extract_text(text, source=name) for name, text in ARTICLES.items()]


def across_store(path: Path) -> Path:
    """A store file at ``path`` holding the four articles."""
    with Store(path) as store:
        store.add_articles(across_articles())
    return path

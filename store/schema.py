"""The names the store's file and tables use, in one module that imports nothing.

Both ``records`` (how an article is laid out) and ``migrations`` (how older files are brought up to date)
need these names; keeping them here means neither has to import the other for a constant, and the module
graph of ``store/`` has no cycle.
"""

ITEM_TABLES = ("sections", "claims", "statistics", "entities")
"""The per-article item tables, in the order an article document lists them."""
ARTICLES_TABLE = "articles"
META_TABLE = "meta"
SCHEMA_DOC = "schema"
"""The ``meta`` record that lists the migration steps a store has had."""
SUMMARIES_TABLE = "summaries"
DOCUMENTS_TABLE = "documents"

KINDS = ("article", "section", "claim", "statistic", "entity")
"""What an id can name, in the order search results of equal score are listed."""
TABLE_OF_KIND = {
    "article": ARTICLES_TABLE,
    "section": "sections",
    "claim": "claims",
    "statistic": "statistics",
    "entity": "entities",
}
SUMMARY_COUNTS = {
    "sections": "n_sections",
    "claims": "n_claims",
    "statistics": "n_statistics",
    "entities": "n_entities",
}
"""Per item table, the field of an article's summary that counts its items."""

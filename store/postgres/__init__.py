"""The PostgreSQL store: the same store interface as the embedded one, on a database a team shares.

``connection`` opens and names the database (never printing its password), ``migrations`` creates and
updates its schema, ``store`` is ``PostgresStore`` itself, ``search`` answers queries in the database.
docs/postgres.md has the schema, the indexes and the isolation choices.
"""

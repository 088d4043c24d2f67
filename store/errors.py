"""Errors the store raises; each message is one line that names the store file when it matters."""


class StoreError(Exception):
    """The store cannot do what was asked (damaged, locked, unknown id, unwritable)."""


class StoreLocked(StoreError):
    """Another claimscope process is writing the same store."""


class StoreUnreachable(StoreError):
    """The store's server cannot be reached now (down, or the connection dropped); trying again may work."""


class StoreDamaged(StoreError):
    """The store file exists but cannot be read; it is left untouched."""


class UnknownId(StoreError):
    """No article or item has this id."""


class StoreTooNew(StoreError):
    """The store was written by a newer claimscope whose schema this version does not know."""


class InputMissing(StoreError):
    """A path given to import does not exist or a glob matched nothing; nothing was imported."""


class ExportExists(StoreError):
    """The export target exists and ``--force`` was not given; nothing was written."""


class SampleImportFailed(StoreError):
    """The first run could not import the bundled sample articles; the message says why."""

"""Errors the extractor raises for input it refuses; the message is one line fit to show a user."""


class InputRefused(ValueError):
    """The input is empty, binary, oversized or otherwise not an article."""

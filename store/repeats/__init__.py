"""Repeated claims: the same claim made again, in other words or by other outlets, found across a store.

``claimscope.extract.claim_key`` reduces each claim to its comparable parts; ``blocking`` picks the pairs
worth comparing (never all pairs); ``match`` decides whether a pair is the same claim (rapidfuzz token
measures over the keys, numbers compared as numbers); ``groups`` joins matched pairs (union-find) into
groups ordered by first appearance; ``corpus`` reads the claims of a store and keeps the result in a
cache file beside it, verified against the store's article ids.  docs/repeats.md has the measured
precision and recall and the limits.
"""

"""Text → facts: reading articles and extracting diplomatic contacts.

This package knows nothing about RDF. It turns one article into plain typed
records (see `extract.records`) that carry their evidence.
"""

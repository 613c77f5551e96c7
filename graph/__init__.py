"""Facts → RDF: the public vocabulary, stable IRIs, the store.

This package knows nothing about languages; it turns `extract.records` into
triples with the vocabulary in shared/CONTRACT.md.
"""

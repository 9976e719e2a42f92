"""Cited sources: finding the mentions, resolving them to studies, cross-checking numbers."""

"""Cited sources: finding the mentions, resolving them to studies, cross-checking numbers.

    mentions.py    offline: journal/dated-study/database/DOI/link mentions -> Source; claim.source
    journals.py    the journal list (data/journals.json): canonical names, normalise_journal
    records.py     the one protocol (search/get) and the one Record every API adapter returns
    europepmc.py   Europe PMC REST (the main resolver)   crossref.py   Crossref REST
    ncbi.py        NCBI E-utilities (PubMed)
    session.py     the API client factory, rate limits, retries, the SQLite answer cache
    rank.py        TF-IDF + journal/year/author agreement ranking of search hits
    crosscheck.py  claims against the resolved abstract: claim.check, source_mismatch flags
    resolve.py     resolve_report(report, settings): the online step check_input runs
"""

"""Shared test guards: no test ever reaches the internet or the user's own cache and history.

Every test starts with the bibliographic APIs pointed at a closed port on 127.0.0.1 and with
cache and data directories of its own; a test that needs a stand-in API overrides the URL.
"""

import pytest

UNREACHABLE = "http://127.0.0.1:9/unreachable"


@pytest.fixture(autouse=True)
def _no_internet_and_private_dirs(monkeypatch, tmp_path_factory):
    for name in ("CLAIMCHECK_EUROPEPMC_URL", "CLAIMCHECK_CROSSREF_URL", "CLAIMCHECK_NCBI_URL"):
        monkeypatch.setenv(name, UNREACHABLE)
    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("CLAIMCHECK_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.delenv("CLAIMCHECK_OFFLINE", raising=False)
    monkeypatch.delenv("NCBI_API_KEY", raising=False)

"""Settings: limits, timeouts, API locations, the offline switch. Environment overrides.

Every network-facing value lives here so that tests (and users) can point the tool at a
local stand-in: `CLAIMCHECK_EUROPEPMC_URL`, `CLAIMCHECK_CROSSREF_URL`, `CLAIMCHECK_NCBI_URL`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_cache_dir, user_data_dir

APP_NAME = "claimcheck"


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


@dataclass
class Settings:
    offline: bool = field(default_factory=lambda: _env_flag("CLAIMCHECK_OFFLINE"))
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_redirects: int = 5
    max_body_bytes: int = 10 * 1024 * 1024
    user_agent: str = "claimcheck/0.1 (+https://github.com/claimcheck/claimcheck)"
    contact_email: str = field(
        default_factory=lambda: os.environ.get("CLAIMCHECK_MAILTO", "claimcheck@example.org")
    )
    europepmc_url: str = field(
        default_factory=lambda: os.environ.get(
            "CLAIMCHECK_EUROPEPMC_URL", "https://www.ebi.ac.uk/europepmc/webservices/rest"
        )
    )
    crossref_url: str = field(
        default_factory=lambda: os.environ.get("CLAIMCHECK_CROSSREF_URL", "https://api.crossref.org")
    )
    ncbi_url: str = field(
        default_factory=lambda: os.environ.get(
            "CLAIMCHECK_NCBI_URL", "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"
        )
    )
    ncbi_api_key: str | None = field(default_factory=lambda: os.environ.get("NCBI_API_KEY"))
    cache_dir: Path = field(
        default_factory=lambda: Path(
            os.environ.get("CLAIMCHECK_CACHE_DIR") or user_cache_dir(APP_NAME)
        )
    )
    data_dir: Path = field(
        default_factory=lambda: Path(os.environ.get("CLAIMCHECK_DATA_DIR") or user_data_dir(APP_NAME))
    )


def get_settings(**overrides) -> Settings:
    """Settings from the environment, with explicit overrides (e.g. `offline=True`)."""
    settings = Settings()
    for key, value in overrides.items():
        if value is not None:
            setattr(settings, key, value)
    return settings

"""claimcheck: quantitative claims, defects and cited sources of health-news articles."""

__version__ = "0.1.0"

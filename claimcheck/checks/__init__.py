"""Flag checks: one module per flag family, each registering pure functions in `registry`."""

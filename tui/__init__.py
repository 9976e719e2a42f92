"""claimcheck's terminal UI (Textual)."""

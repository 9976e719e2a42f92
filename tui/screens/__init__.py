"""The TUI's screens: main (article + findings), history, help, item details."""

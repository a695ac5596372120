"""One module per command family; cli.py imports only the one a command line needs."""

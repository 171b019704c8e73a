"""The store: SQL rows (db.py) and content-addressed originals (files.py)."""

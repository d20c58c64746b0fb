"""Django's PostgreSQL backend with time limits (ENGINE "processdb.postgresql", see base.py)."""

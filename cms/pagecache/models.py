"""No models: this module lets migrate announce the app, which then makes the cache table (apps.py)."""

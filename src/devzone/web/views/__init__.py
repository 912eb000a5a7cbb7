"""Views of the web pages: thin adapters between HTTP and the querysets and services."""

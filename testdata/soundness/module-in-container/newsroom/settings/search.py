"""Search."""
SEARCH_HOSTS = ["search.internal:9200"]

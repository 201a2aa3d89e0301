"""Starting content of the knowledge base, written in our own words from the programme's
reports (seeds 000-004): webinars, articles, guides and good examples. Loaded by starter.py."""

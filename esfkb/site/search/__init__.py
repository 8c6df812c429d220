"""The site's one search engine: records from the core, indexed by Pagefind."""

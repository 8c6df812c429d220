"""HTML building blocks of the site: escaping builders, SVG charts, tables, Dutch labels."""

"""What a document's page shows beside its body: the card, the per-kind views, facets, figures."""

"""Privacy of what the knowledge base publishes: who may be shown, and which figures."""

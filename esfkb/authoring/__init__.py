"""Writing the knowledge base without hand-editing: new documents, links, renames and the registration import."""

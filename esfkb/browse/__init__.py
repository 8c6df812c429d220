"""Reading the knowledge base from the terminal: a document's card and lists of documents."""

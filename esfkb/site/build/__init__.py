"""What runs beside the build: helper processes and the views rendered ahead of the build."""

"""Writes of the Plan stage. One module per part; views call these, never the ORM directly."""

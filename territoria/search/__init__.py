"""Search across a territory's content: one interface, PostgreSQL full text or SQLite FTS5.

Public API: ``search`` (``selectors.search``), ``index_update``, ``index_remove``,
``index_rebuild``, ``on_commit_index`` (``index``) and ``register_search`` (``registry``).
"""

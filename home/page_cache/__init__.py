"""Anonymous pages from the shared cache, purged exactly when what they show changes.

`tags.py` names what a page shows and purges it; `middleware.py` stores and
serves pages; `store.py` keeps one stored page. Other apps only call
`depends_on`, `shows` and the `purge…` functions of `tags.py`.
"""

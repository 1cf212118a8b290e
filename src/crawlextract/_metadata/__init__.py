"""The page-details layer: the rules for title, description, canonical and the rest.

The standard details are read from the head (``head.py``), often from the
part before ``<body>`` alone (``head_only.py``); the extended details apply
their per-field rules (``details.py``) to facts a backend collects
(``page_facts.py``, ``lexbor_facts.py``). It imports only the layers below.
"""

"""The HTML layer: bytes to text, hostile markup defused, the compact tree.

Decoding (the WHATWG encoding rules), the markup guard, the compact
:class:`~crawlextract._html.dom.Element` tree and the one visibility rule every
algorithm uses. It imports only :mod:`crawlextract._base`.
"""

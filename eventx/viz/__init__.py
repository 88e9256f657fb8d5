"""Events drawn on their text: one self-contained HTML page (``eventx show``) or a notebook view.

>>> from eventx.viz import render_html
>>> page = render_html(text, events, title="port-raid", published="2024-03-14")   # doctest: +SKIP

Every trigger and argument span is a ``<mark>`` with its exact character offsets
(``data-start``, ``data-end``); a colour per role, the event's number and type at its trigger; a
hover shows each span's event, role and normalized value (date, country, count) and a click
selects the event in the table of records beside the text. No network, no CDN: the CSS and the
few lines of JavaScript are inline.
"""

from eventx.viz.html import render_html, write_html

__all__ = ["render_html", "write_html"]

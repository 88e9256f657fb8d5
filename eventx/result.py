"""What :func:`eventx.extract` returns: a list of events that remembers its text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from eventx.schema import Event

__all__ = ["Events"]


class Events(list):
    """The events of one text: a plain ``list`` of :class:`~eventx.Event` (equal to one, JSON
    like one) that keeps the text and date it came from, so that it can draw itself.

    In a notebook the last expression ``eventx.extract(text)`` shows the text with its events
    marked and the table of records (``_repr_html_``); :meth:`to_html` writes the same page.

    Attributes:
        text: the source text.
        published: the publication date given to the extraction, if any.
    """

    def __init__(self, events: Iterable[Event] = (), text: str = "",
                 published: str | dt.date | None = None) -> None:
        super().__init__(events)
        self.text = text
        self.published = published

    def _repr_html_(self) -> str:
        from eventx.viz import render_html

        return render_html(self.text, self, published=self.published, standalone=False)

    def to_html(self, path: str | Path | None = None, *, title: str | None = None) -> str:
        """The whole page (:func:`eventx.viz.render_html`); also written to ``path`` if given."""
        from eventx.viz import render_html

        page = render_html(self.text, self, title=title, published=self.published)
        if path is not None:
            Path(path).write_text(page, encoding="utf-8", errors="replace")
        return page

"""indcli: turn Chinese provincial industrial-policy documents into trustworthy, queryable indicator figures.

The core (``indcli.extract``, ``indcli.ingest``, ``indcli.store``) never imports typer or rich, so it can be
used from Python and starts fast. ``extract_document(text, source=..., doc_date=...)`` is the pure heart.
"""

from .errors import DataError, IndcliError, UsageError

__version__ = "0.1.0"
__all__ = ["DataError", "IndcliError", "UsageError", "__version__", "extract_document"]


def extract_document(*args, **kwargs):
    """Extract facts from one document's text; see :func:`indcli.extract.extract_document`."""
    from .extract import extract_document as _extract

    return _extract(*args, **kwargs)

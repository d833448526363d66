"""Extraction: a document's text in, its facts out, in stages that each return a typed value.

``extract_document(text, source=..., doc_date=...)`` is a pure function. The stages, in the order data flows:

    normalise (indcli.text) → layout (indcli.layout: paragraphs, headings, passages) → provinces (indcli.provinces)
    → sections and passages (document) → sentences parsed once (sentence) → slots and lists (groups)
    → readings and mentions (mentions, by the rules of rules.py, with phrase, measure and timing)
    → checks → facts → merge

What a figure inherits when its own clause is silent comes from an immutable ``Frame`` (frame).
"""

from .document import extract_document
from .model import Fact

__all__ = ["Fact", "extract_document"]

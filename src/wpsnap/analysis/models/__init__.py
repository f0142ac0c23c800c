"""Analyse: the Codebook and its Codes, Codings (with the assistant's suggestions and blind
double coding for Agreement), Findings with Evidence and Revisions.

One module per part; every model is imported here so Django finds it.
"""

from .agreement import AgreementSample
from .codebook import Code
from .coding import Coding
from .findings import Evidence, Finding, Revision
from .suggest import Suggester, SuggestionDecision

__all__ = ["AgreementSample", "Code", "Coding", "Evidence", "Finding", "Revision", "Suggester",
           "SuggestionDecision"]

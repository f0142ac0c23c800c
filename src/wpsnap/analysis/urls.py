"""Analyse, under /plans/<plan_slug>/analyse/ (namespace `analyse`). One route module per part."""

from . import (
    urls_agreement,
    urls_codebook,
    urls_coding,
    urls_findings,
    urls_matrices,
    urls_situation,
    urls_suggest,
)

app_name = "analyse"
urlpatterns = [
    *urls_situation.urlpatterns,  # the overview ("") and the Situation Analysis
    *urls_codebook.urlpatterns,
    *urls_coding.urlpatterns,
    *urls_suggest.urlpatterns,
    *urls_agreement.urlpatterns,
    *urls_matrices.urlpatterns,
    *urls_findings.urlpatterns,
]

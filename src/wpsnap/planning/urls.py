"""Plan, under /plans/<plan_slug>/plan/ (namespace `planning`). One route module per part."""

from . import (
    urls_budget,
    urls_coordination,
    urls_exports,
    urls_framework,
    urls_gaps,
    urls_indicators,
    urls_trace,
)

app_name = "planning"
urlpatterns = [
    *urls_framework.urlpatterns,  # the results framework ("") and its elements
    *urls_indicators.urlpatterns,
    *urls_coordination.urlpatterns,
    *urls_trace.urlpatterns,
    *urls_gaps.urlpatterns,
    *urls_budget.urlpatterns,
    *urls_exports.urlpatterns,
]

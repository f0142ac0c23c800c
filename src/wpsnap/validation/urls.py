"""Validate, back office, under /plans/<plan_slug>/validate/ (namespace `validate`)."""

from . import urls_report, urls_running, urls_setup

app_name = "validate"
urlpatterns = [*urls_setup.urlpatterns, *urls_running.urlpatterns, *urls_report.urlpatterns]

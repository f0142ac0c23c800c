from django.urls import path

from .views import budget

urlpatterns = [
    path("budget/", budget.budget, name="budget"),
    path("budget/settings/", budget.budget_settings, name="budget_settings"),
]

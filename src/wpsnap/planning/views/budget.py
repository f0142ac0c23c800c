"""The budget summary (every Member reads) and its settings (the coordinator's exchange rate and
report currency)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from wpsnap.core.authz import plan_view
from wpsnap.core.forms import apply_errors
from wpsnap.plans.models import Role

from ..forms_budget import BudgetSettingsForm
from ..queries import budget as queries
from ..services import budget as services


def _page(request, form=None, status=200):
    found = queries.summary(request.plan)
    currency = found.settings.report_currency
    is_coordinator = request.member.role == Role.COORDINATOR
    if is_coordinator and form is None:
        form = BudgetSettingsForm(instance=found.settings)
    tables = [{"table": t, "chart": queries.chart(t, currency),
               "rows": [{"row": r, "original": [queries.money(r.original[c], c)
                                                for c in queries.CURRENCIES],
                         "total": queries.money(r.total, currency),
                         "secured": queries.money(r.secured, currency),
                         "unsecured": queries.money(r.unsecured, currency)}
                        for r in t.rows],
               "total": queries.money(t.total, currency),
               "originals": [queries.money(sum((r.original[c] for r in t.rows),
                                               queries.ZERO), c)
                             for c in queries.CURRENCIES]}
              for t in found.tables]
    return render(request, "planning/budget/budget.html", {
        "summary": found, "tables": tables, "currency": currency,
        "currencies": queries.CURRENCIES,
        "total": queries.money(found.total.total, currency),
        "secured": queries.money(found.total.secured, currency),
        "unsecured": queries.money(found.total.unsecured, currency),
        "originals": [queries.money(found.total.original[c], c) for c in queries.CURRENCIES],
        "rate": f"{found.settings.khr_per_usd.normalize():,f}",  # 4,100 or 4,100.5, as the amounts
        "form": form if is_coordinator else None,
    }, status=status)


@plan_view()
def budget(request):
    return _page(request)


@plan_view(Role.COORDINATOR, methods=("POST",))
def budget_settings(request):
    settings = queries.settings_for(request.plan)
    form = BudgetSettingsForm(request.POST, instance=settings)
    if form.is_valid():
        try:
            services.update_settings(request.plan, by=request.user,
                                     khr_per_usd=form.cleaned_data["khr_per_usd"],
                                     report_currency=form.cleaned_data["report_currency"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The budget settings were saved."))
            return redirect("planning:budget", request.plan.slug)
    return _page(request, form=form)

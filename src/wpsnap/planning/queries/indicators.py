"""Reads about Indicators: the list grouped by Outcome and Output (a fixed number of queries
whatever the number of Indicators), one Indicator with what its page shows, the Plan's years,
the places an Indicator can sit, and the indicator library by Pillar."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from wpsnap.frameworks.models import FrameworkItem, Pillar

from ..models import Indicator, IndicatorTemplate, Outcome, Output
from . import smart


def indicators_queryset():
    """Indicators with what a row shows, so a page of them runs no query per row."""
    return (Indicator.objects.select_related("responsible", "outcome", "output",
                                             "output__outcome", "template")
            .prefetch_related("targets").order_by("order", "number", "pk"))


def plan_years(plan, extra=()) -> list[int]:
    """The Plan's years (period_start..period_end); with no full period, the years of `extra`
    (e.g. existing Targets) and the five years from the period start (or the earliest one)."""
    if plan.period_start and plan.period_end:
        years = set(range(plan.period_start, plan.period_end + 1))
    else:
        first = plan.period_start or plan.period_end or min(extra, default=None)
        if first is None:
            from django.utils import timezone

            first = timezone.now().year
        years = set(range(first, first + 5))
    return sorted(years | set(extra))


def _targets_by_year(indicator) -> dict:
    return {t.year: t for t in indicator.targets.all()}


def latest_target(indicator):
    """The Target of the last year that has one (targets prefetched), or None."""
    targets = [t for t in indicator.targets.all()
               if t.value is not None or t.text_en or t.text_km]
    return max(targets, key=lambda t: t.year) if targets else None


def row(indicator, years) -> dict:
    by_year = _targets_by_year(indicator)
    targets = [by_year.get(year) for year in years]
    return {"indicator": indicator, "hints": smart.indicator_hints(indicator),
            "targets": targets, "cells": list(zip(years, targets, strict=True))}


def grouped(plan, *, hint: str | None = None) -> dict:
    """{"years": [...], "groups": [{"element", "kind", "rows"}], "count", "shown"}: every
    Indicator of the Plan under its Outcome or Output, in framework order; with `hint`, only the
    Indicators that have that SMART hint (groups left empty are dropped)."""
    indicators = list(indicators_queryset().filter(plan=plan))
    extra = {t.year for i in indicators for t in i.targets.all()}
    years = plan_years(plan, extra)
    on_outcome, on_output = {}, {}
    shown = 0
    for indicator in indicators:
        r = row(indicator, years)
        if hint and not any(h.code == hint for h in r["hints"]):
            continue
        shown += 1
        if indicator.outcome_id:
            on_outcome.setdefault(indicator.outcome_id, []).append(r)
        else:
            on_output.setdefault(indicator.output_id, []).append(r)
    outputs: dict[int, list] = {}
    for output in Output.objects.filter(plan=plan).order_by("order", "number", "pk"):
        outputs.setdefault(output.outcome_id, []).append(output)
    groups = []
    for outcome in Outcome.objects.filter(plan=plan).order_by("order", "number", "pk"):
        groups.append({"element": outcome, "kind": "outcome",
                       "rows": on_outcome.get(outcome.pk, [])})
        for output in outputs.get(outcome.pk, []):
            groups.append({"element": output, "kind": "output",
                           "rows": on_output.get(output.pk, [])})
    if hint:
        groups = [g for g in groups if g["rows"]]
    return {"years": years, "groups": groups, "count": len(indicators), "shown": shown}


def indicator(plan, key):
    """The Indicator of `plan` with key `key` and what its page shows, or None."""
    return (indicators_queryset().prefetch_related(
        Prefetch("alignments", queryset=FrameworkItem.objects.select_related("framework")
                 .order_by("framework__order", "order", "key")))
        .filter(plan=plan, key=key).first())


def places(plan) -> list[tuple]:
    """Choices for where an Indicator sits: [(Outcome label, [("outcome:KEY", label),
    ("output:KEY", label), …]), …] in framework order."""
    outputs: dict[int, list] = {}
    for output in Output.objects.filter(plan=plan).order_by("order", "number", "pk"):
        outputs.setdefault(output.outcome_id, []).append(output)
    choices = []
    for outcome in Outcome.objects.filter(plan=plan).order_by("order", "number", "pk"):
        group = [(f"outcome:{outcome.key}", _("Outcome %(label)s") % {"label": outcome})]
        group += [(f"output:{o.key}", _("Output %(label)s") % {"label": o})
                  for o in outputs.get(outcome.pk, [])]
        choices.append((str(outcome), group))
    return choices


def resolve_place(plan, value: str) -> tuple:
    """"outcome:KEY" / "output:KEY" → (outcome, output), one of them None; (None, None) when
    not found in the Plan."""
    kind, _, key = (value or "").partition(":")
    if kind == "outcome":
        return Outcome.objects.filter(plan=plan, key=key).first(), None
    if kind == "output":
        return None, Output.objects.filter(plan=plan, key=key).first()
    return None, None


def place_value(indicator) -> str:
    if indicator.outcome_id:
        return f"outcome:{indicator.outcome.key}"
    return f"output:{indicator.output.key}"


def library(pillar_key: str | None = None) -> list[dict]:
    """The library entries grouped by Pillar (in Pillar order; entries without a Pillar last):
    [{"pillar": Pillar | None, "entries": [...]}]. With `pillar_key`, that Pillar's only."""
    templates = IndicatorTemplate.objects.select_related("pillar", "framework_item",
                                                         "framework_item__framework")
    if pillar_key:
        templates = templates.filter(pillar__key=pillar_key)
    by_pillar: dict = {}
    for template in templates.order_by("order", "key"):
        by_pillar.setdefault(template.pillar_id, []).append(template)
    groups = [{"pillar": p, "entries": by_pillar[p.pk]} for p in Pillar.objects.all()
              if p.pk in by_pillar]
    if None in by_pillar:
        groups.append({"pillar": None, "entries": by_pillar[None]})
    return groups

"""Seeding the Codebook from the reference library."""

import pytest
from django.core.exceptions import ValidationError

from wpsnap.analysis.models import Code
from wpsnap.analysis.services.codebook import seed_codebook
from wpsnap.frameworks.models import SecurityIssue


def test_seed_makes_a_code_per_pillar_and_security_issue_grouped_by_category(plan, codebook):
    assert {"participation", "prevention", "protection", "relief_recovery"} <= set(codebook)
    assert codebook["protection"].parent.key == "wps-pillars"
    assert codebook["protection"].pillar.key == "protection"
    issues = SecurityIssue.objects.all()
    assert issues.count() > 5
    for issue in issues:
        code = codebook[issue.key]
        assert code.security_issue == issue
        assert code.category == issue.category
        assert code.parent.key == issue.category.replace("_", "-")
    assert codebook["landmines-erw"].label_en.startswith("Landmines")
    assert codebook["landmines-erw"].definition_en


def test_seeding_twice_adds_nothing_and_keeps_edits(plan, codebook):
    code = codebook["protection"]
    code.label_en = "Protection (edited)"
    code.save()
    assert seed_codebook(plan) == 0
    assert Code.objects.get(pk=code.pk).label_en == "Protection (edited)"
    assert Code.objects.filter(plan=plan).count() == len(codebook)


def test_seed_needs_the_reference_library(plan, db):
    with pytest.raises(ValidationError):
        seed_codebook(plan)
    assert not Code.objects.filter(plan=plan).exists()


def test_codebooks_of_two_plans_are_apart(plan, other_plan, codebook):
    seed_codebook(other_plan)
    assert Code.objects.filter(plan=other_plan, key="protection").count() == 1
    assert Code.objects.filter(key="protection").count() == 2

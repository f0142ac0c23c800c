"""Writes to the Codebook."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wpsnap.frameworks.models import Pillar, SecurityIssue

from ..models import Code

# Group Codes of the seeded tree: the Pillars, then the three kinds of Security issue.
SEED_GROUPS = [
    # key, label (en), label (km), category of Security issue (None: the Pillars)
    ("wps-pillars", "WPS pillars", "សសរស្តម្ភ ស្ត្រី សន្តិភាព និងសន្តិសុខ", None),
    ("traditional", "Traditional security issues", "បញ្ហាសន្តិសុខប្រពៃណី",
     SecurityIssue.Category.TRADITIONAL),
    ("non-traditional", "Non-traditional security issues", "បញ្ហាសន្តិសុខមិនមែនប្រពៃណី",
     SecurityIssue.Category.NON_TRADITIONAL),
    ("emerging", "Emerging security issues", "បញ្ហាសន្តិសុខថ្មីៗ",
     SecurityIssue.Category.EMERGING),
]
SEED_GROUP_KEYS = frozenset(key for key, *_rest in SEED_GROUPS)
SEED_ERROR = _("The reference library is not loaded: run `wpsnap load_reference` first.")


def _tag_words(tags) -> str:
    return "\n".join(str(tag).replace("_", " ") for tag in tags or [])


@transaction.atomic
def seed_codebook(plan, *, by=None) -> int:
    """Give the Plan's Codebook a Code for each of the four Pillars and every Security issue
    (grouped traditional / non-traditional / emerging), keyed by the reference id. Codes that
    already exist (same key) are left as they are, so seeding twice adds nothing. Returns the
    number of Codes created."""
    pillars = list(Pillar.objects.filter(cross_cutting=False).order_by("order"))
    issues = list(SecurityIssue.objects.order_by("category", "order"))
    if not pillars or not issues:
        from django.core.exceptions import ValidationError

        raise ValidationError(SEED_ERROR)
    existing = {code.key: code for code in Code.objects.filter(plan=plan)}
    created = 0

    def ensure(key, parent, order, **fields):
        nonlocal created
        if key in existing:
            return existing[key]
        code = Code.objects.create(plan=plan, key=key, parent=parent, order=order,
                                   created_by=by, **fields)
        existing[key] = code
        created += 1
        return code

    for group_order, (key, label_en, label_km, category) in enumerate(SEED_GROUPS):
        group = ensure(key, None, group_order, label_en=label_en, label_km=label_km)
        if category is None:
            for order, pillar in enumerate(pillars):
                ensure(pillar.key, group, order, pillar=pillar,
                       label_en=pillar.label_en, label_km=pillar.label_km,
                       definition_en=pillar.definition_en, definition_km=pillar.definition_km,
                       keywords=_tag_words(pillar.example_tags))
            continue
        for order, issue in enumerate(i for i in issues if i.category == category):
            ensure(issue.key, group, order, security_issue=issue,
                   label_en=issue.label_en, label_km=issue.label_km,
                   definition_en=issue.description_en, definition_km=issue.description_km,
                   examples_en=issue.context_en, examples_km=issue.context_km,
                   pillar=None)
    return created

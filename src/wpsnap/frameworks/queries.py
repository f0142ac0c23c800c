"""Reads for the reference library. Public pages only ever see the shared rows (plan = NULL)."""

from django.db.models import Prefetch

from .models import Framework, FrameworkItem, Pillar, SecurityIssue
from .services import UNSCR


def reference_frameworks():
    return Framework.objects.filter(plan__isnull=True).order_by("order", "key")


def reference_framework(key: str) -> Framework | None:
    return reference_frameworks().filter(key=key).first()


def items_of(framework: Framework):
    return (framework.items.select_related("parent")
            .prefetch_related("pillars").order_by("order", "key"))


def item_tree(framework: Framework) -> list[dict]:
    """The items as a tree: [{"item": item, "children": [...]}, …] in their order."""
    items = list(items_of(framework))
    nodes = {item.pk: {"item": item, "children": []} for item in items}
    roots = []
    for item in items:
        node = nodes[item.pk]
        if item.parent_id and item.parent_id in nodes:
            nodes[item.parent_id]["children"].append(node)
        else:
            roots.append(node)
    return roots


def resolutions() -> list[FrameworkItem]:
    framework = reference_framework(UNSCR)
    if framework is None:
        return []
    return list(framework.items.filter(parent__isnull=True).order_by("year", "date", "key"))


def pillars():
    return Pillar.objects.order_by("cross_cutting", "order")


def issues_by_category() -> list[tuple]:
    """[(category, [issues…]), …] in the order traditional, non-traditional, emerging."""
    issues = (SecurityIssue.objects.prefetch_related(
        Prefetch("pillars", queryset=Pillar.objects.order_by("cross_cutting", "order")))
        .order_by("order"))
    grouped = {category: [] for category in SecurityIssue.Category}
    for issue in issues:
        grouped[SecurityIssue.Category(issue.category)].append(issue)
    return list(grouped.items())


def issue_items(issue: SecurityIssue):
    """The reference framework items a security issue is tagged to, grouped by framework."""
    items = (issue.framework_items.filter(framework__plan__isnull=True)
             .select_related("framework").order_by("framework__order", "order"))
    groups: dict[Framework, list] = {}
    for item in items:
        groups.setdefault(item.framework, []).append(item)
    return list(groups.items())


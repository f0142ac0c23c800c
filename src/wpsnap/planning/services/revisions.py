"""Revisions of the wording of results-framework elements (Goal, Outcome, Output, Action,
Indicator): every change of a bilingual text field makes a new numbered Revision."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max

from ..models import Revision

TEXT_FIELDS = ("title_en", "title_km", "description_en", "description_km", "definition_en",
               "definition_km")


def snapshot(element) -> dict:
    return {name: getattr(element, name) for name in TEXT_FIELDS if hasattr(element, name)}


def record(element, *, by=None, note: str = "") -> Revision | None:
    """Store the element's wording as a new Revision if it differs from the last one (call after
    saving, in the same transaction). Returns the new Revision, or None when nothing changed."""
    content_type = ContentType.objects.get_for_model(type(element))
    data = snapshot(element)
    last = (Revision.objects.filter(content_type=content_type, object_id=element.pk)
            .order_by("-number").first())
    if last is not None and last.data == data:
        return None
    number = (Revision.objects.filter(content_type=content_type, object_id=element.pk)
              .aggregate(n=Max("number"))["n"] or 0) + 1
    return Revision.objects.create(plan_id=element.plan_id, content_type=content_type,
                                   object_id=element.pk, number=number, data=data, note=note,
                                   author=by if by is not None and by.is_authenticated else None)


def history(element):
    content_type = ContentType.objects.get_for_model(type(element))
    return Revision.objects.filter(content_type=content_type, object_id=element.pk).select_related(
        "author").order_by("-number")

"""Form helpers shared by the apps' views."""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError


def apply_errors(form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: field errors on their fields (when the
    form has that field), everything else as non-field errors."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@dataclass(frozen=True)
class Saved:
    ok: bool
    value: Any = None

    def __bool__(self) -> bool:
        return self.ok


def save_posted(request, form, write) -> Saved:
    """A create/edit view's POST: when `form` is valid, run `write()` (the service call).
    Truthy, with `.value` the service's result, when it saved; falsy when there was nothing to
    save or the service refused (its ValidationError is then shown on the form, nothing saved)."""
    if request.method != "POST" or not form.is_valid():
        return Saved(False)
    try:
        return Saved(True, write())
    except ValidationError as exc:
        apply_errors(form, exc)
        return Saved(False)


class CheckboxesMixin:
    """For forms that draw their own checkbox lists (Pillars, Findings, Framework items): which
    values are ticked, as posted or as initially given, and Framework items grouped by
    Framework with a count of the ticked ones."""

    def _checked(self, name) -> set[str]:
        if self.is_bound:
            return set(self.data.getlist(name)) if hasattr(self.data, "getlist") else set()
        initial = self.initial.get(name) or ()
        return {str(getattr(v, "pk", v)) for v in initial}

    def alignment_groups(self, name: str = "alignments") -> list[dict]:
        """[{framework, items: [(item, ticked)], checked: n}] in the field's queryset order."""
        checked = self._checked(name)
        groups: dict[int, dict] = {}
        for item in self.fields[name].queryset:
            group = groups.setdefault(item.framework_id, {
                "framework": item.framework, "items": [], "checked": 0})
            on = str(item.pk) in checked
            group["items"].append((item, on))
            group["checked"] += on
        return list(groups.values())

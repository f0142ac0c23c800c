"""Writes to the Codebook."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
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


# --- Editing the tree ---------------------------------------------------------------------------

def descendant_ids(code) -> set[int]:
    """The ids of every Code below `code` in its Plan's tree (not `code` itself)."""
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Code.objects.filter(plan_id=code.plan_id).values_list("id", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found: set[int] = set()
    todo = list(children.get(code.pk, []))
    while todo:
        pk = todo.pop()
        if pk not in found:
            found.add(pk)
            todo.extend(children.get(pk, []))
    return found


def _check_parent(plan, code, parent) -> None:
    if parent is None:
        return
    if parent.plan_id != plan.pk:
        raise ValidationError({"parent": gettext("That Code is not in the Plan's Codebook.")})
    if parent.archived_at is not None:
        raise ValidationError({"parent": gettext(
            "An archived (merged) Code cannot hold other Codes; choose the Code it was merged "
            "into.")})
    if code.pk and (parent.pk == code.pk or parent.pk in descendant_ids(code)):
        raise ValidationError({"parent": gettext(
            "A Code cannot move under itself or under one of its own sub-codes.")})


def _next_order(plan, parent) -> int:
    last = (Code.objects.filter(plan=plan, parent=parent).order_by("-order")
            .values_list("order", flat=True).first())
    return 0 if last is None else last + 1


@transaction.atomic
def save_code(plan, code: Code, *, by=None) -> Code:
    """Create or update a Code of the Plan (key, labels, definitions, examples, keywords,
    parent, order, Pillar, Security issue). A move in the tree that would make a cycle is
    refused, as is a key already used in the Plan."""
    code.plan = plan
    key = (code.key or "").strip()
    code.key = key
    if not key:
        raise ValidationError({"key": gettext("Give the Code a key.")})
    clash = Code.objects.filter(plan=plan, key=key)
    if code.pk:
        clash = clash.exclude(pk=code.pk)
    if clash.exists():
        raise ValidationError({"key": gettext("The Codebook already has a Code with this key.")})
    parent = code.parent if code.parent_id else None
    _check_parent(plan, code, parent)
    if code.pk and code.archived_at is not None:
        raise ValidationError(gettext("This Code was merged and is archived; edit the Code it "
                                      "was merged into."))
    if not code.pk:
        code.created_by = by
        if code.order is None or code.order == 0:
            code.order = _next_order(plan, parent)
    code.full_clean(exclude=["plan", "parent", "merged_into", "created_by", "pillar",
                             "security_issue"], validate_unique=False)
    code.save()
    return code


def _merge_lines(first: str, second: str) -> str:
    """`first`'s lines followed by those of `second` it lacks (compared case-insensitively)."""
    lines = [line for line in (first or "").splitlines() if line.strip()]
    seen = {line.strip().casefold() for line in lines}
    for line in (second or "").splitlines():
        if line.strip() and line.strip().casefold() not in seen:
            seen.add(line.strip().casefold())
            lines.append(line)
    return "\n".join(lines)


@dataclass
class MergeResult:
    target: Code
    moved: int  # Codings now on the target
    dropped: int  # duplicates removed (their memo kept on the surviving Coding)
    children: int  # sub-codes moved under the target


@transaction.atomic
def merge_code(plan, source: Code, target: Code, *, by=None) -> MergeResult:
    """Merge `source` into `target`: every Coding of `source` (final and blind layers) moves to
    `target`; where `target` already has the same span on the same Statement (in the same layer)
    the duplicate is dropped, its memo appended to the kept Coding, and Evidence and suggestion
    decisions that pointed at it point at the kept one. Suggestion decisions follow (a duplicate
    one is dropped), sub-codes move under `target`, `source`'s keywords and examples are added to
    `target`'s, and `source` is archived with `merged_into=target`, so its key still resolves."""
    from ..models import Coding, Evidence, SuggestionDecision

    source = Code.objects.select_for_update().get(pk=source.pk)
    target = Code.objects.select_for_update().get(pk=target.pk)
    if source.plan_id != plan.pk or target.plan_id != plan.pk:
        raise ValidationError({"target": gettext("That Code is not in the Plan's Codebook.")})
    if source.pk == target.pk:
        raise ValidationError({"target": gettext("A Code cannot be merged into itself.")})
    if source.archived_at is not None:
        raise ValidationError(gettext("This Code was already merged."))
    if target.archived_at is not None:
        raise ValidationError({"target": gettext(
            "That Code was merged into another and is archived; choose the Code it was merged "
            "into.")})
    if target.pk in descendant_ids(source):
        raise ValidationError({"target": gettext(
            "A Code cannot be merged into one of its own sub-codes; move the sub-code out "
            "first, or merge the other way round.")})

    moved = dropped = 0
    for coding in Coding.objects.select_for_update().filter(code=source).order_by("id"):
        twin = Coding.objects.filter(statement_id=coding.statement_id, code=target,
                                     start=coding.start, end=coding.end,
                                     sample_id=coding.sample_id)
        if coding.sample_id:
            twin = twin.filter(coder_id=coding.coder_id)
        kept = twin.first()
        if kept is None:
            moved += 1
            continue
        memo = _merge_lines(kept.memo, coding.memo) if coding.memo else kept.memo
        if memo != kept.memo:
            kept.memo = memo
            kept.save(update_fields=["memo"])
        Evidence.objects.filter(coding=coding).update(coding=kept)
        SuggestionDecision.objects.filter(coding=coding).update(coding=kept)
        coding.delete()
        dropped += 1
    Coding.objects.filter(code=source).update(code=target)

    for decision in SuggestionDecision.objects.filter(code=source):
        if SuggestionDecision.objects.filter(statement_id=decision.statement_id,
                                             code=target).exists():
            decision.delete()
        else:
            decision.code = target
            decision.save(update_fields=["code"])

    order = _next_order(plan, target)
    children = list(Code.objects.filter(parent=source).order_by("order", "key"))
    for offset, child in enumerate(children):
        child.parent = target
        child.order = order + offset
        child.save(update_fields=["parent", "order", "updated_at"])
    Code.objects.filter(merged_into=source).update(merged_into=target)

    target.keywords = _merge_lines(target.keywords, "\n".join(
        [source.keywords, source.label_en, source.label_km]))
    target.examples_en = _merge_lines(target.examples_en, source.examples_en)
    target.examples_km = _merge_lines(target.examples_km, source.examples_km)
    target.save()
    source.merged_into = target
    source.archived_at = timezone.now()
    source.save()
    return MergeResult(target=target, moved=moved, dropped=dropped, children=len(children))


@dataclass
class NewCode:
    """One Code a split makes: under the split Code (`as_child`) or beside it."""

    key: str
    label_en: str
    label_km: str = ""
    as_child: bool = False


@transaction.atomic
def split_code(plan, code: Code, new_codes: list[NewCode], moves: dict[int, int], *,
               by=None) -> list[Code]:
    """Make the `new_codes` and move the final-layer Codings of `code` given in `moves`
    ({coding id: index in new_codes}) to them; every other Coding stays on `code` (so nothing
    is lost). Codings in a blind double-coding layer stay on `code`."""
    from ..models import Coding

    code = Code.objects.select_for_update().get(pk=code.pk)
    if code.plan_id != plan.pk:
        raise ValidationError(gettext("That Code is not in the Plan's Codebook."))
    if code.archived_at is not None:
        raise ValidationError(gettext("This Code was merged and is archived; it cannot be "
                                      "split."))
    if not new_codes:
        raise ValidationError(gettext("Give at least one new Code (a key and an English "
                                      "label)."))
    keys = [n.key.strip() for n in new_codes]
    if len(set(keys)) != len(keys):
        raise ValidationError(gettext("Each new Code needs a key of its own."))
    for index in moves.values():
        if not 0 <= index < len(new_codes):
            raise ValidationError(gettext("A Coding was sent to a new Code that is not "
                                          "described."))
    codings = {c.pk: c for c in Coding.objects.select_for_update().filter(
        code=code, sample__isnull=True, pk__in=list(moves))}
    unknown = set(moves) - set(codings)
    if unknown:
        raise ValidationError(gettext("Some of the chosen Codings are not Codings of this "
                                      "Code (anymore); reload the page and try again."))
    made = []
    for new in new_codes:
        parent = code if new.as_child else code.parent
        child = Code(plan=plan, key=new.key.strip(), label_en=new.label_en.strip(),
                     label_km=new.label_km.strip(), parent=parent,
                     pillar=code.pillar, security_issue=code.security_issue)
        try:
            made.append(save_code(plan, child, by=by))
        except ValidationError as exc:
            messages = "; ".join(exc.messages)
            raise ValidationError(gettext("New Code “%(key)s”: %(problem)s") % {
                "key": new.key.strip()[:80], "problem": messages}) from None
    for coding_id, index in moves.items():
        Coding.objects.filter(pk=coding_id).update(code=made[index])
    return made


# --- Exchange -----------------------------------------------------------------------------------

def import_codebook(plan, filename: str, data: bytes, *, by=None):
    """Import a Codebook file (.qdc or .csv) into the Plan: all or nothing. Returns an
    `ImportResult`; raises `ImportProblems` listing each problem with its row and column."""
    from ..codebook_io import MAX_BYTES, ImportProblems, apply_rows, problem, read_csv
    from ..qdc import read_qdc

    name = (filename or "").lower()
    if len(data) > MAX_BYTES:
        raise ImportProblems([problem(None, None, gettext(
            "The file is too large for a codebook (at most 10 MB)."))])
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if name.endswith((".qdc", ".xml")) or head.startswith(b"<"):
        rows = read_qdc(data)
    elif name.endswith((".csv", ".txt", ".tsv")) or not name:
        rows = read_csv(data, filename or "codebook.csv")
    else:
        raise ImportProblems([problem(None, None, gettext(
            "Choose a REFI-QDA codebook (.qdc) or a CSV file (.csv)."))])
    return apply_rows(plan, rows, by=by)

"""Validate: live validation Workshops on participants' phones.

The back office (facilitators, coordinators) sets up a Workshop and its agenda and runs it from a
projector; the public front (no account: a join code and a device token) lets Attendees vote,
comment, propose Amendments and spread priority points. Votes are stored once per Attendee per
agenda item by a database constraint and an upsert; closing an item is atomic with voting.
"""

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wpsnap.core.bilingual import BilingualMixin


class Workshop(BilingualMixin, models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    class Navigation(models.TextChoices):
        FOLLOW = "follow", _("Follow the facilitator")
        FREE = "free", _("Browse freely")

    class PriorityTarget(models.TextChoices):
        FINDINGS = "findings", _("Findings")
        SECURITY_ISSUES = "security_issues", _("Security issues")

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="workshops")
    consultation = models.ForeignKey(
        "consultations.Consultation", on_delete=models.CASCADE, related_name="workshops",
        verbose_name=_("consultation"),
        help_text=_("The validation workshop this session belongs to."))
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="breakouts", verbose_name=_("breakout group of"))
    title_en = models.CharField(_("title (English)"), max_length=250)
    title_km = models.CharField(_("title (Khmer)"), max_length=250, blank=True)
    theme_en = models.CharField(_("theme (English)"), max_length=250, blank=True)
    theme_km = models.CharField(_("theme (Khmer)"), max_length=250, blank=True)
    join_code = models.CharField(_("join code"), max_length=12, unique=True)
    state = models.CharField(_("state"), max_length=8, choices=State.choices,
                             default=State.DRAFT)
    current_item = models.ForeignKey("validation.AgendaItem", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+",
                                     verbose_name=_("item on screen"))
    named_attendance = models.BooleanField(
        _("named attendance"), default=False,
        help_text=_("Ask Attendees for their name. Leave off for anonymous attendance."))
    results_hidden = models.BooleanField(
        _("hide results until an item closes"), default=True,
        help_text=_("Avoids group-think: votes are shown only once voting on an item closes."))
    moderate_comments = models.BooleanField(
        _("moderate comments"), default=True,
        help_text=_("Comments and Amendments are shown only after a facilitator approves them."))
    navigation = models.CharField(_("navigation"), max_length=8, choices=Navigation.choices,
                                  default=Navigation.FOLLOW)
    priority_points = models.PositiveSmallIntegerField(
        _("priority points"), default=0,
        help_text=_("Points each Attendee spreads over the priorities; 0 for no priority step."))
    priority_target = models.CharField(_("priorities over"), max_length=16,
                                       choices=PriorityTarget.choices,
                                       default=PriorityTarget.FINDINGS)
    validation_threshold = models.DecimalField(
        _("validation threshold"), max_digits=4, decimal_places=3, default=0.667,
        help_text=_("A Finding is validated when at least this share of the votes agree or "
                    "agree with changes (0.667 = two thirds)."))
    minimum_votes = models.PositiveSmallIntegerField(
        _("minimum votes"), default=5,
        help_text=_("Below this number of votes no outcome is proposed."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)  # bumps the ETag of the live views

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")

    def __str__(self) -> str:
        return self.t("title")

    def get_additional_data(self):
        return {"plan_id": self.plan_id}


class AgendaItem(BilingualMixin, models.Model):
    """One step of a Workshop's agenda: a Finding to validate, or an extra question with
    choices (e.g. "which coordination mechanism option do you prefer?")."""

    class State(models.TextChoices):
        PENDING = "pending", _("Not yet open")
        OPEN = "open", _("Voting open")
        CLOSED = "closed", _("Voting closed")

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveIntegerField(_("order"), default=0)
    finding = models.ForeignKey("analysis.Finding", null=True, blank=True,
                                on_delete=models.CASCADE, related_name="agenda_items",
                                verbose_name=_("finding"))
    question_en = models.CharField(_("question (English)"), max_length=500, blank=True)
    question_km = models.CharField(_("question (Khmer)"), max_length=500, blank=True)
    choices = models.JSONField(
        _("choices"), default=list, blank=True,
        help_text=_('For a question: [{"key": "a", "label_en": "…", "label_km": "…"}, …]'))
    state = models.CharField(_("state"), max_length=8, choices=State.choices,
                             default=State.PENDING)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["workshop", "order", "id"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(fields=["workshop", "finding"],
                                    condition=Q(finding__isnull=False),
                                    name="finding_once_per_workshop"),
            models.CheckConstraint(condition=Q(finding__isnull=False) | ~Q(question_en=""),
                                   name="agenda_item_finding_or_question"),
        ]

    def __str__(self) -> str:
        return self.finding.key if self.finding_id else self.t("question")

    def get_additional_data(self):
        return {"plan_id": self.workshop.plan_id}


class Attendee(models.Model):
    """Someone who joined a Workshop on a device. Known to the server by a hash of the device
    token kept in their cookie; never by name unless attendance is named."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="attendees")
    token_hash = models.CharField(max_length=64)
    language = models.CharField(_("language"), max_length=2, default="km")
    name = models.CharField(_("name"), max_length=200, blank=True)
    stakeholder_group = models.CharField(_("stakeholder group"), max_length=20, blank=True)
    sex = models.CharField(_("sex"), max_length=10, blank=True)
    age_band = models.CharField(_("age band"), max_length=10, blank=True)
    area = models.ForeignKey("frameworks.Area", null=True, blank=True, on_delete=models.PROTECT,
                             verbose_name=_("province"))
    participant = models.ForeignKey("consultations.Participant", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="attendances")
    consented_at = models.DateTimeField(null=True, blank=True)
    joined_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["joined_at", "id"]
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")
        constraints = [
            models.UniqueConstraint(fields=["workshop", "token_hash"],
                                    name="one_attendee_per_device"),
        ]

    def __str__(self) -> str:  # never the name: this may be logged
        return f"attendee {self.pk}"


class Vote(models.Model):
    class Choice(models.TextChoices):
        AGREE = "agree", _("Agree")
        AGREE_WITH_CHANGES = "agree_with_changes", _("Agree with changes")
        DISAGREE = "disagree", _("Disagree")
        NOT_SURE = "not_sure", _("Not sure")

    attendee = models.ForeignKey(Attendee, on_delete=models.CASCADE, related_name="votes")
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="votes")
    choice = models.CharField(_("choice"), max_length=40,
                              help_text=_("A verdict on a Finding, or a choice key of a question."))
    idempotency_key = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["attendee", "item"], name="one_vote_per_item"),
        ]
        indexes = [models.Index(fields=["item", "choice"])]

    def __str__(self) -> str:
        return f"{self.choice} on {self.item_id}"


class Moderated(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for moderation")
        APPROVED = "approved", _("Approved")
        HIDDEN = "hidden", _("Hidden")

    attendee = models.ForeignKey(Attendee, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(_("state"), max_length=10, choices=State.choices,
                             default=State.PENDING)
    idempotency_key = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    moderated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    moderated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


class Comment(Moderated):
    attendee = models.ForeignKey(Attendee, on_delete=models.CASCADE, related_name="comments")
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="comments")
    text = models.TextField(_("comment"), max_length=2000)
    language = models.CharField(_("language"), max_length=8, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [
            models.UniqueConstraint(fields=["attendee", "idempotency_key"],
                                    condition=~Q(idempotency_key=""),
                                    name="comment_once_per_submit"),
        ]

    def __str__(self) -> str:
        return f"comment {self.pk}"


class Amendment(Moderated):
    """Proposed new wording of a Finding. Accepting it makes a Revision (provenance kept)."""

    class Outcome(models.TextChoices):
        OPEN = "open", _("Not decided")
        ACCEPTED = "accepted", _("Accepted into a revision")
        DECLINED = "declined", _("Declined")

    attendee = models.ForeignKey(Attendee, on_delete=models.CASCADE, related_name="amendments")
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="amendments")
    text = models.TextField(_("proposed wording"), max_length=4000)
    language = models.CharField(_("language"), max_length=8, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices,
                               default=Outcome.OPEN)
    revision = models.ForeignKey("analysis.Revision", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="amendments",
                                 verbose_name=_("revision"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        constraints = [
            models.UniqueConstraint(fields=["attendee", "idempotency_key"],
                                    condition=~Q(idempotency_key=""),
                                    name="amendment_once_per_submit"),
        ]

    def __str__(self) -> str:
        return f"amendment {self.pk}"


class Priority(models.Model):
    """An Attendee's points on one Finding or Security issue."""

    attendee = models.ForeignKey(Attendee, on_delete=models.CASCADE, related_name="priorities")
    finding = models.ForeignKey("analysis.Finding", null=True, blank=True,
                                on_delete=models.CASCADE, related_name="priorities")
    security_issue = models.ForeignKey("frameworks.SecurityIssue", null=True, blank=True,
                                       on_delete=models.CASCADE, related_name="priorities")
    points = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")
        constraints = [
            models.UniqueConstraint(fields=["attendee", "finding"],
                                    condition=Q(finding__isnull=False),
                                    name="priority_once_per_finding"),
            models.UniqueConstraint(fields=["attendee", "security_issue"],
                                    condition=Q(security_issue__isnull=False),
                                    name="priority_once_per_issue"),
            models.CheckConstraint(
                condition=Q(finding__isnull=False, security_issue__isnull=True)
                | Q(finding__isnull=True, security_issue__isnull=False),
                name="priority_one_target"),
        ]

    def __str__(self) -> str:
        return f"{self.points} points"


# Back-office changes are audited; the public front's high-volume rows (Attendees, Votes) are not.
auditlog.register(Workshop, exclude_fields=["current_item", "updated_at"])
auditlog.register(AgendaItem)
auditlog.register(Comment, exclude_fields=["text"])
auditlog.register(Amendment, exclude_fields=["text"])

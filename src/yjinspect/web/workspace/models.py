"""Slim models: what is stored. Rules live in the domain core and in rules.py."""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery, Value
from simple_history.models import HistoricalRecords

from yjinspect.reporting.words import label
from yjinspect.vocabulary import CODES, DISPOSAL_TYPES
from yjinspect.web.compiled import Compiled
from yjinspect.web.inspections.kinds import KINDS, Kind

User = settings.AUTH_USER_MODEL


def _choices(values: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(value, label(value)) for value in values]


class Service(models.Model):
    class Kind(models.TextChoices):
        YOS = "YOS", "Youth offending service"
        YOT = "YOT", "Youth offending team"
        YJS = "YJS", "Youth justice service"

    name = models.CharField(max_length=200, unique=True)
    local_authority = models.CharField(max_length=200)
    nation = models.CharField(max_length=20, choices=[("England", "England"), ("Wales", "Wales")])
    kind = models.CharField(max_length=3, choices=Kind.choices)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    LEAD = "lead_inspector", "Lead inspector"
    INSPECTOR = "inspector", "Inspector"
    LOCAL_ASSESSOR = "local_assessor", "Local assessor"
    SERVICE_VIEWER = "service_viewer", "Service viewer"
    MONITOR = "monitor", "Monitoring body"
    # Marks cases for second assessment, moderates and reads the agreement (issue 17).
    QA_LEAD = "qa_lead", "Quality assurance lead"


# Readers from outside the inspection team: the service itself, and the body that monitors the
# improvement plan (the Youth Justice Board). They read a published inspection, never its cases.
READERS = (Role.SERVICE_VIEWER, Role.MONITOR)


class InspectionQuerySet(QuerySet):
    def visible_to(self, user: models.Model) -> InspectionQuerySet:
        """Inspections the user is assigned to: readers (service viewers, monitors) see published
        ones, and service viewers also one whose draft report is with the service for its
        factual accuracy check."""
        working = Q(assignments__user=user) & ~Q(assignments__role__in=READERS)
        reading = Q(
            assignments__user=user,
            assignments__role__in=READERS,
            status=Inspection.Status.PUBLISHED,
        )
        checking = Q(
            assignments__user=user,
            assignments__role=Role.SERVICE_VIEWER,
            status=Inspection.Status.ACCURACY,
        )
        # A draft sent once and reopened since: the service keeps its comments' log.
        commented = Q(
            Exists(_sent_drafts().filter(id=OuterRef("pk"))),
            assignments__user=user,
            assignments__role=Role.SERVICE_VIEWER,
        )
        return self.filter(working | reading | checking | commented).distinct()

    def with_access(self, user_id: int) -> InspectionQuerySet:
        """With the user's role in each inspection, and whether they hold a second assessment
        there (the qa app's), read in the same query: the permission checks a page makes then
        ask nothing more (`Inspection.role_of`, `qa.rules.blind_cases`)."""
        second = apps.get_model("qa", "SecondAssessment")
        role = Assignment.objects.filter(inspection=OuterRef("pk"), user_id=user_id)
        held = second.objects.filter(case__inspection=OuterRef("pk"), assessor_id=user_id)
        return self.annotate(
            access_user=Value(user_id),
            access_role=Subquery(role.values("role")[:1]),
            access_holds_second=Exists(held),
        )


class Inspection(models.Model):
    class Status(models.TextChoices):
        PLANNING = "planning", "Planning"
        FIELDWORK = "fieldwork", "Fieldwork"
        RATING = "rating", "Rating"
        DRAFTING = "drafting", "Drafting"
        ACCURACY = "accuracy", "Factual accuracy check"
        PUBLISHED = "published", "Published"

    class Kind(models.TextChoices):
        """What the work is: an inspection, or a service's own deep-dive audit (never published;
        what each kind has is `inspections.kinds`)."""

        INSPECTION = "inspection", "Inspection"
        AUDIT = "audit", "Deep-dive audit"

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.INSPECTION)
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="inspections")
    framework_id = models.CharField(max_length=100)
    framework_version = models.CharField(max_length=50)
    fieldwork_start = models.DateField()
    fieldwork_end = models.DateField(null=True, blank=True)
    publication_date = models.DateField(null=True, blank=True)
    # After fieldwork (yjinspect.timetable): set by the lead; the draft's by sending it.
    provisional_findings_date = models.DateField(null=True, blank=True)
    draft_sent_date = models.DateField(null=True, blank=True)
    comments_due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNING)
    history = HistoricalRecords()

    objects = InspectionQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.name} ({self.fieldwork_start:%B %Y})"

    @property
    def name(self) -> str:
        """The service, or for an audit "Deep-dive audit of <service>": how pages title it."""
        return KINDS[self.kind].title.format(service=self.service)

    @property
    def work(self) -> Kind:
        """What its kind of work has (`inspections.kinds`): its noun, stages, whether published."""
        return KINDS[self.kind]

    def role_of(self, user: models.Model) -> str | None:
        """The user's role here; asked once per loaded inspection (each permission asks), or
        not at all when it was read `with_access` for them."""
        if self.read_with_access(user):
            return self.access_role  # type: ignore[attr-defined]
        roles = self.__dict__.setdefault("_roles", {})
        if user.pk not in roles:
            assignment = self.assignments.filter(user=user).first()
            roles[user.pk] = assignment.role if assignment else None
        return roles[user.pk]

    def read_with_access(self, user: models.Model) -> bool:
        """Whether this inspection was read `with_access` for `user`."""
        return user.pk is not None and getattr(self, "access_user", None) == user.pk


_READ_BY = Compiled(
    lambda user_id, pk: Inspection.objects.with_access(user_id).filter(pk=pk),
    -7_019_283_747,  # stand-ins for the user's id and the inspection's
    -7_019_283_748,
)


def inspection_read_by(user: models.Model, pk: int) -> Inspection | None:
    """Inspection `pk` read `with_access` for `user` (signed in), in one query compiled once:
    nearly every page starts with it. None if there is no such inspection."""
    return _READ_BY.first(user.pk, pk)


def _sent_drafts() -> QuerySet:
    """History rows of inspections at the factual accuracy check: their draft was sent."""
    return Inspection.history.filter(status=Inspection.Status.ACCURACY)


def draft_was_sent(inspection: Inspection) -> bool:
    """Whether the inspection's draft report went to the service at some time (its history
    holds the factual accuracy check; a date set alone may be a plan)."""
    return _sent_drafts().filter(id=inspection.pk).exists()


class Assignment(models.Model):
    """Who works on (or may read) an inspection, and in what role."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="assignments")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="assignments")
    role = models.CharField(max_length=20, choices=Role.choices)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["inspection", "user"], name="one_role_per_inspection")
        ]


class Case(models.Model):
    """A sampled (or reserve) case: pseudonymous reference and the sampling variables only."""

    class Selection(models.TextChoices):
        SAMPLE = "sample", "Sample"
        RESERVE = "reserve", "Reserve"
        REPLACED = "replaced", "Replaced"

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="cases")
    case_ref = models.CharField(max_length=100)
    stream = models.CharField(max_length=20, choices=_choices(CODES["stream"]))
    disposal_type = models.CharField(
        max_length=40, choices=_choices(DISPOSAL_TYPES["court"] + DISPOSAL_TYPES["out_of_court"])
    )
    disposal_date = models.DateField()
    gender = models.CharField(max_length=20, choices=_choices(CODES["gender"]))
    age = models.PositiveSmallIntegerField()
    rosh = models.CharField(max_length=20, choices=_choices(CODES["rosh"]))
    safety_wellbeing = models.CharField(max_length=20, choices=_choices(CODES["safety_wellbeing"]))
    selection = models.CharField(max_length=10, choices=Selection.choices, default="sample")
    order = models.PositiveIntegerField(default=0)
    replaced_reason = models.TextField(blank=True)
    allocated_to = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="allocated_cases"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["selection", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "case_ref"], name="case_once_per_inspection"
            )
        ]

    def __str__(self) -> str:
        return self.case_ref


class CaseAssessment(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        RETURNED = "returned", "Returned"
        ACCEPTED = "accepted", "Accepted"

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="assessment")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    overall_comment = models.TextField(blank=True)
    return_reason = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)  # optimistic locking: see assessments.py
    history = HistoricalRecords()


class Answer(models.Model):
    class Value(models.TextChoices):
        YES = "yes", "Yes"
        NO = "no", "No"
        NOT_APPLICABLE = "n/a", "Not applicable"

    assessment = models.ForeignKey(CaseAssessment, on_delete=models.CASCADE, related_name="answers")
    key_question = models.CharField(max_length=20)
    value = models.CharField(max_length=3, choices=Value.choices, blank=True)
    evidence = models.TextField(blank=True)
    # The assessment's version when this answer was last saved: what a save is merged against.
    version = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "key_question"], name="one_answer_per_kq")
        ]


class StandardJudgement(models.Model):
    """Organisational evidence and the rating for a standard rated by judgement."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="judgements")
    standard = models.CharField(max_length=20)
    rating = models.CharField(max_length=40, blank=True)
    evidence_summary = models.TextField(blank=True)
    rationale = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["inspection", "standard"], name="one_judgement")
        ]


class Discretion(models.Model):
    """Professional discretion recorded by the lead inspector for a case-rated standard."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="discretion")
    standard = models.CharField(max_length=20)
    rating = models.CharField(max_length=40)
    reason = models.TextField()
    force = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["inspection", "standard"], name="one_discretion")
        ]


class SamplingRecord(models.Model):
    """How the inspection's sample was drawn: the report `yjinspect sample` also writes."""

    inspection = models.OneToOneField(Inspection, on_delete=models.CASCADE, related_name="sampling")
    report = models.JSONField()
    drawn_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()


class Finding(models.Model):
    """A finding for the report: per domain (key findings) or per standard."""

    class Kind(models.TextChoices):
        KEY_FINDING = "key_finding", "Key finding (domain)"
        NARRATIVE = "narrative", "Findings paragraph"
        STRENGTH = "strength", "Strength"
        AREA_FOR_IMPROVEMENT = "area_for_improvement", "Area for improvement"
        GOOD_PRACTICE = "good_practice", "Good practice example"

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    standard = models.CharField(max_length=20, help_text="A standard id, or a domain id")
    text = models.TextField()
    order = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["standard", "kind", "order", "pk"]


class Recommendation(models.Model):
    """A recommendation and the body it is addressed to, in report order."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="recommendations"
    )
    addressee = models.CharField(max_length=300, help_text="e.g. the YOS management board")
    text = models.TextField()
    order = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]


class SurveyGroup(models.Model):
    """How many of one staff group were surveyed (Annex 1, domain one)."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="surveys")
    group = models.CharField(max_length=200, help_text="e.g. case managers, volunteers")
    surveyed = models.PositiveIntegerField()
    history = HistoricalRecords()


class FieldworkRecord(models.Model):
    """Domain-one evidence for Annex 1: advance evidence, meetings and focus groups held."""

    inspection = models.OneToOneField(
        Inspection, on_delete=models.CASCADE, related_name="fieldwork"
    )
    advance_evidence = models.TextField(blank=True)
    meetings_and_focus_groups = models.PositiveIntegerField(
        null=True, blank=True, help_text="Leave blank until known: the report then leaves it out"
    )
    other_activity = models.TextField(blank=True, help_text="e.g. observation of panels")
    history = HistoricalRecords()


class ReportText(models.Model):
    """The lead inspector's own words for the report and the press release."""

    inspection = models.OneToOneField(
        Inspection, on_delete=models.CASCADE, related_name="report_text"
    )
    foreword = models.TextField(blank=True, help_text="Paragraphs separated by a blank line")
    foreword_signed = models.CharField(max_length=200, blank=True)
    press_headline = models.CharField(
        max_length=300, blank=True, help_text="Leave blank for one generated from the rating"
    )
    report_url = models.URLField(blank=True, help_text="Where the report will be published")
    history = HistoricalRecords()


class PressQuote(models.Model):
    """A quote for the press release: free text, never generated."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="quotes")
    speaker = models.CharField(max_length=200)
    text = models.TextField()
    order = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]


class ScoredResults(models.Model):
    """A Core Case Inspection's results file as imported: scored frameworks are rated from it."""

    inspection = models.OneToOneField(
        Inspection, on_delete=models.CASCADE, related_name="scored_results"
    )
    name = models.CharField(max_length=255)
    content = models.TextField(help_text="the results file (YAML or JSON) exactly as imported")
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "scored results"


class PublishedScore(models.Model):
    """Headline scores another inspection published, for the comparison columns of a report."""

    framework_id = models.CharField(max_length=100)
    service = models.CharField(max_length=200)
    published = models.DateField(null=True, blank=True)
    headlines = models.JSONField(help_text="headline id -> whole per cent")
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["framework_id", "service", "published"], name="one_published_score"
            )
        ]

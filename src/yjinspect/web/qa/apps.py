from django.apps import AppConfig


class QaConfig(AppConfig):
    """Quality assurance: blind second assessments, moderation and agreement between assessors."""

    name = "yjinspect.web.qa"
    label = "qa"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Second assessments and agreed answers change the ratings (`qa.ratings`), so their
        audit records are part of the ratings' evidence version; and their events are in the
        cases' and the inspection's histories (`qa.history`)."""
        from yjinspect.web.assessments.history import case_events
        from yjinspect.web.qa.history import qa_events
        from yjinspect.web.qa.models import AgreedAnswer, SecondAnswer, SecondAssessment
        from yjinspect.web.workspace.evidence import feeds_ratings
        from yjinspect.web.workspace.models import Case

        def second(pk: int):
            cases = Case.history.filter(inspection_id=pk).values("id")
            return SecondAssessment.history.filter(case_id__in=cases)

        case_events(qa_events)
        feeds_ratings("second assessments' status")(second)
        feeds_ratings("second answers")(
            lambda pk: SecondAnswer.history.filter(assessment_id__in=second(pk).values("id"))
        )
        feeds_ratings("agreed answers")(
            lambda pk: AgreedAnswer.history.filter(
                case_id__in=Case.history.filter(inspection_id=pk).values("id")
            )
        )

"""The support_plans app's models, one module a part of the cycle: plans (with outcomes and
provision), reviews (with progress, impact and teachers' notes), and what is around them
(specialists, contact with parents, parents' views)."""

from .around import ContactKind, ParentContact, ParentViews, Service, SpecialistInvolvement
from .documents import PupilDocument
from .ehc import (
    AssessDecision,
    EHCAnnualReview,
    NeedsAssessmentRequest,
    Recommendation,
    RequestedBy,
    RequestOutcome,
)
from .emails import EmailKind, SentEmail
from .plans import (
    Outcome,
    PlanKind,
    PlanState,
    Provision,
    SupportPlan,
    SupportPlanQuerySet,
)
from .reviews import (
    PROGRESS_CHOICES,
    PROGRESS_WORDS,
    Impact,
    OutcomeProgress,
    ProgressScale,
    ProvisionImpact,
    Review,
    ReviewDecision,
    ReviewNote,
)

__all__ = [
    "AssessDecision",
    "EHCAnnualReview",
    "EmailKind",
    "NeedsAssessmentRequest",
    "Recommendation",
    "RequestedBy",
    "RequestOutcome",
    "ContactKind",
    "Impact",
    "Outcome",
    "OutcomeProgress",
    "ParentContact",
    "ParentViews",
    "PlanKind",
    "PlanState",
    "PROGRESS_CHOICES",
    "PupilDocument",
    "PROGRESS_WORDS",
    "ProgressScale",
    "Provision",
    "ProvisionImpact",
    "Review",
    "ReviewDecision",
    "ReviewNote",
    "SentEmail",
    "Service",
    "SpecialistInvolvement",
    "SupportPlan",
    "SupportPlanQuerySet",
]

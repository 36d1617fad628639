"""Fetching a support plan for a user, by the rules of the one access policy
(sen_register.core.access), which this module applies and does not restate."""

from sen_register.core import access

from .models import PlanState, SupportPlan


def get_plan_for(user, pk, action):
    """The support plan `pk` if `user` may take `action` on its pupil; 404 for a parent
    asking for a draft."""
    plan = (
        SupportPlan.objects.select_related("pupil__school", "pupil__class_group")
        .filter(pk=pk)
        .first()
    )
    draft = plan is not None and plan.state == PlanState.DRAFT
    return access.check_plan(user, plan, action, draft=draft)

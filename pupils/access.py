"""Fetching a pupil or a parent invitation for a user, by the rules of the one access policy
(sen_register.core.access), which this module applies and does not restate."""

from sen_register.core import access

from .models import ClassGroup, ParentInvitation, Pupil


def get_pupil_for(user, pk, action, **annotations):
    """The pupil `pk` if `user` may take `action` on them; 404 if they cannot see the pupil,
    403 if they can see them but not take the action. `annotations` are read with them."""
    # get(), not first(): first() would sort by the pupils' name for a single row, and the
    # record is the page read most.
    try:
        pupil = (
            Pupil.objects.select_related("school", "class_group").annotate(**annotations).get(pk=pk)
        )
    except Pupil.DoesNotExist:
        pupil = None
    return access.check_pupil(user, pupil, action)


def get_invitation_for(user, pk):
    """The pending invitation `pk` if it was sent to `user`'s address (404 otherwise); 403 if
    `user` holds a staff or officer account."""
    invitation = (
        ParentInvitation.objects.pending()
        .addressed_to(user)
        .select_related("pupil__school")
        .filter(pk=pk)
        .first()
    )
    return access.check_invitation(user, invitation)


def get_group_for(user, urn, pk, action):
    """The teaching group `pk` of the school `urn` if `user` may take `action` on it; 404 if
    they hold no role at its school or it is not that school's, 403 if it is not theirs."""
    group = ClassGroup.objects.select_related("school").filter(pk=pk, school__urn=urn).first()
    return access.check_group(user, group, action)

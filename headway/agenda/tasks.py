"""Background work for the agenda: the morning digest e-mail.

``enqueue_due_digests`` is called periodically by the ``headway worker`` command (see
``settings.HEADWAY_PERIODIC_TASKS``); it enqueues one ``send_digest`` task per person whose
morning time has passed in their own time zone today and who has not had today's digest.
``send_digest`` claims the day in :class:`DigestLog` (unique per person, workspace and local
day) before sending, so a digest never goes out twice, whichever worker runs it.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from headway.agenda import rules
from headway.agenda.models import DigestLog
from headway.agenda.selectors import build_agenda
from headway.workspaces.models import Membership

logger = logging.getLogger(__name__)

CHUNK = 500


@task()
def send_digest(user_id: int, workspace_id: int, local_date_iso: str) -> int:
    """Send one person's digest for one local day; returns how many items it listed (0 when
    nothing was due or it was already sent)."""
    local_date = dt.date.fromisoformat(local_date_iso)
    membership = (
        Membership.objects.in_workspace(workspace_id)
        .filter(user_id=user_id, user__is_active=True)
        .select_related("user", "workspace")
        .first()
    )
    if membership is None:
        return 0
    logs = DigestLog.objects.in_workspace(workspace_id)
    if logs.filter(user_id=user_id, local_date=local_date).exists():
        return 0
    agenda = build_agenda(membership, today=local_date)
    overdue = agenda.group(rules.OVERDUE).entries
    today = agenda.group(rules.TODAY).entries
    count = len(overdue) + len(today)
    # Claim the day first (the unique constraint settles a race between two workers); a day
    # with nothing due is claimed too, so the scheduler stops asking about this person today.
    try:
        with transaction.atomic():
            log = logs.create(
                workspace_id=workspace_id, user_id=user_id, local_date=local_date, item_count=count
            )
    except IntegrityError:
        return 0
    if not count:
        return 0
    user = membership.user
    context = {
        "agenda": agenda,
        "overdue": overdue,
        "today": today,
        "user": user,
        "workspace": membership.workspace,
        "base_url": settings.HEADWAY_BASE_URL.rstrip("/"),
        "profile_url": reverse("workspaces:profile"),
    }
    subject = render_to_string("agenda/email/digest_subject.txt", context).strip()
    message = EmailMultiAlternatives(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        body=render_to_string("agenda/email/digest.txt", context),
        to=[user.email],
    )
    message.attach_alternative(render_to_string("agenda/email/digest.html", context), "text/html")
    try:
        message.send()
    except Exception:
        # Un-claim the day so the next scheduler run tries again.
        log.delete()
        raise
    return count


def enqueue_due_digests(now: dt.datetime | None = None) -> int:
    """Enqueue today's digest for everyone whose morning time has passed in their time zone
    and who has not had it yet. Returns how many were enqueued.

    A plain function (not a task): the worker's scheduler calls it every minute in-process;
    the e-mails themselves are tasks, so a slow mail server never delays the scheduler.
    """
    now = now or timezone.now()
    enqueued = 0
    last_id = 0
    while True:
        # unscoped_objects: a system job across all workspaces, walking memberships by id in
        # chunks; each send_digest task then works inside its own workspace.
        chunk = list(
            Membership.unscoped_objects.filter(id__gt=last_id, user__is_active=True)
            .select_related("user")
            .order_by("id")[:CHUNK]
        )
        if not chunk:
            break
        last_id = chunk[-1].pk
        due: list[tuple[int, int, dt.date]] = []
        for membership in chunk:
            user = membership.user
            local = now.astimezone(user.tzinfo)
            if local.time() >= user.morning_review_time:
                due.append((membership.user_id, membership.workspace_id, local.date()))
        if not due:
            continue
        # unscoped_objects: the same system job; one query per chunk finds who already had it.
        sent = set(
            DigestLog.unscoped_objects.filter(
                user_id__in={u for u, _, _ in due}, local_date__in={d for _, _, d in due}
            ).values_list("user_id", "workspace_id", "local_date")
        )
        for key in due:
            if key in sent:
                continue
            user_id, workspace_id, local_date = key
            send_digest.enqueue(user_id, workspace_id, local_date.isoformat())
            enqueued += 1
    return enqueued

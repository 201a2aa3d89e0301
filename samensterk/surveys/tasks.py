"""Work for the task worker: pseudonymising text answers once a response is complete.

Results show free text only pseudonymised (surveys/disclosure.py). The pseudonymiser loads deduce
(seconds and a gigabyte of memory), so web processes never run it: `response_complete` enqueues
`pseudonymise_answers` for the response, and `samensterk pseudonymise_answers` (hourly, like
`pseudonymise_pending` for stories) catches up with any answer still waiting, also those given
before this field existed. Until then such an answer is simply not shown.
"""

from django.db import transaction
from django_tasks import task

from .models import TEXT_KINDS, Answer

BATCH = 500


@task()
def pseudonymise_answers(response_id: int | None = None) -> int:
    """Pseudonymise the waiting text answers of one completed response (or of all). Returns
    how many were stored."""
    from samensterk.privacy.pseudonymise import pseudonymise  # loads deduce: the worker only

    waiting = Answer.objects.filter(
        question__kind__in=TEXT_KINDS,
        text_pseudonymised="",
        response__completed_at__isnull=False,
    )
    if response_id is not None:
        waiting = waiting.filter(response_id=response_id)
    done, last = 0, 0
    while True:
        batch = list(waiting.filter(pk__gt=last).order_by("pk").only("pk", "value")[:BATCH])
        if not batch:
            return done
        texts = [(a.pk, a.value, pseudonymise(str(a.value).strip())) for a in batch]
        with transaction.atomic():
            for pk, value, text in texts:
                if text:  # an empty answer has nothing to show
                    # Only if the answer is still the one pseudonymised.
                    done += Answer.objects.filter(pk=pk, value=value, text_pseudonymised="").update(
                        text_pseudonymised=text
                    )
        last = batch[-1].pk

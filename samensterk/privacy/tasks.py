"""Privacy work the task worker may run (see intake/tasks.py for how tasks are used)."""

from django_tasks import task

from . import services


@task()
def apply_retention(contact_days: int | None = None) -> dict:
    """The daily retention run (services.apply_retention), as a task; its result (stored with
    the task) is the run's report."""
    return services.apply_retention(contact_days=contact_days)

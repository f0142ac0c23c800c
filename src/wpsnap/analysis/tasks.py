"""Background tasks of Analyse: retraining the coding assistant.

The web flow creates a pending Suggester (`services.suggest.request_training`: a second click
finds it waiting and starts nothing) and enqueues `train_suggester`; the task claims it with a
conditional UPDATE (pending → training), so a repeated delivery trains once. Progress 0–100 is
written with queryset `update()` calls; a failure is recorded in `Suggester.error` (status
failed) and logged without any Statement text. In production a `wpsnap db_worker` process runs
the task; the test settings run it inline (ImmediateBackend).
"""

from django.tasks import task


@task
def train_suggester(suggester_id: int) -> dict:
    from .services.suggest import claim, run_training

    if not claim(suggester_id):
        return {"status": "skipped"}
    suggester = run_training(suggester_id)
    return {"status": suggester.status, "codes": suggester.codes,
            "macro_f1": (suggester.metrics or {}).get("macro_f1")}

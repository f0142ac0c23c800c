"""Background tasks of Consult: importing an uploaded Dataset.

The web flow claims a pending Dataset with a conditional UPDATE (pending → running, see
`claim_dataset`) and only the request that wins enqueues `import_dataset`. In production a
`wpsnap db_worker` process runs the task; the test settings use Django's ImmediateBackend, which
runs it inline.

Progress is written with queryset `update()` calls (no model signals, so the audit trail records
the import, not every tick of the progress bar) and only when the percentage moves.
"""

import json
import logging
import os
import traceback
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.utils import timezone, translation

from .models import Dataset

logger = logging.getLogger(__name__)


def claim_dataset(dataset_id: int, *, mapping: dict | None = None) -> bool:
    """Move a pending Dataset to running. True for the one caller that wins: a double click or a
    reloaded POST finds it running already and gets False."""
    changes = {"status": Dataset.Status.RUNNING, "progress": 0,
               "report": {"done": 0, "total": 0}}
    if mapping is not None:
        changes["mapping"] = mapping
    return Dataset.objects.filter(pk=dataset_id, status=Dataset.Status.PENDING).update(
        **changes) == 1


def progress_path(dataset: Dataset) -> Path | None:
    """A small JSON file beside the upload that holds the progress while the import runs.

    The engine imports in one transaction (all or nothing), so progress written to the
    database stays invisible to the web process until the very end; a file next to the
    uploaded one is seen at once by any process that can read the upload."""
    if not dataset.file:
        return None
    try:
        return Path(f"{dataset.file.path}.progress.json")
    except NotImplementedError:  # a storage without local paths
        return None


def read_progress(dataset: Dataset) -> dict | None:
    """{"done", "total", "percent"} of a running import, or None when nothing was written."""
    path = progress_path(dataset)
    if path is None:
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {k: int(data[k]) for k in ("done", "total", "percent")}
    except (OSError, ValueError, KeyError, TypeError):
        return None


class ProgressWriter:
    """The `progress` callable given to the import engine: (done_rows, total_rows). Writes
    only when the percentage moves (at most about 100 writes per import)."""

    def __init__(self, dataset: Dataset):
        self.dataset_id = dataset.pk
        self.path = progress_path(dataset)
        self.last: tuple[int, int] | None = None

    def __call__(self, done: int, total: int) -> None:
        total = max(int(total or 0), 0)
        done = min(max(int(done or 0), 0), total) if total else 0
        percent = int(done * 100 / total) if total else 0
        key = (percent, total)
        if key == self.last and done != total:
            return
        self.last = key
        state = {"done": done, "total": total, "percent": percent}
        if self.path is not None:
            tmp = self.path.with_name(self.path.name + ".tmp")
            try:
                tmp.write_text(json.dumps(state), encoding="utf-8")
                os.replace(tmp, self.path)
            except OSError:
                logger.warning("dataset %s: cannot write the progress file", self.dataset_id)
        # Also in the row: visible at once when the caller is not inside a transaction.
        Dataset.objects.filter(pk=self.dataset_id, status=Dataset.Status.RUNNING).update(
            progress=percent, rows=total, report={"done": done, "total": total})

    def remove(self) -> None:
        if self.path is not None:
            self.path.unlink(missing_ok=True)


FAILED_MESSAGE = "The import stopped because of an unexpected error. Nothing was imported."


def _fail(dataset_id: int, code: str, message: str) -> None:
    Dataset.objects.filter(pk=dataset_id).update(
        status=Dataset.Status.REJECTED, finished_at=timezone.now(),
        report={"status": "rejected", "rows": 0, "participants_new": 0, "statements_new": 0,
                "skipped": [], "warnings": [],
                "errors": [{"row": None, "column": None, "code": code, "message": message}]})


@task
def import_dataset(dataset_id: int) -> dict:
    """Import the Dataset claimed by `claim_dataset`; returns the import report (JSON)."""
    dataset = (Dataset.objects.select_related("plan", "consultation", "uploaded_by")
               .filter(pk=dataset_id).first())
    if dataset is None or dataset.status != Dataset.Status.RUNNING:
        # Deleted, or not claimed (a stray or repeated delivery): never import twice.
        return {"status": "skipped"}
    mapping = dataset.mapping or None
    user = dataset.uploaded_by
    # The report's messages are written in the language of the person who started the import.
    language = getattr(user, "language", "") or settings.LANGUAGE_CODE
    progress = ProgressWriter(dataset)
    try:
        return _run(dataset, mapping, user, language, progress)
    finally:
        progress.remove()


def _run(dataset, mapping, user, language, progress) -> dict:
    from .importing import ImportRejected, import_file  # the engine loads heavy readers

    dataset_id = dataset.pk
    try:
        with translation.override(language):
            report = import_file(
                dataset.plan, dataset.consultation, dataset.file.path,
                filename=dataset.filename,
                form_path=dataset.form_file.path if dataset.form_file else None,
                mapping=mapping, user=user, dataset=dataset, progress=progress)
    except ImportRejected as exc:
        logger.info("dataset %s rejected", dataset_id)
        report_json = {"rows": 0, "participants_new": 0, "statements_new": 0, "skipped": [],
                       "warnings": [], **exc.to_json()}
        Dataset.objects.filter(pk=dataset_id).update(
            status=Dataset.Status.REJECTED, finished_at=timezone.now(), report=report_json)
        return report_json
    except Exception as exc:
        # Never leave a Dataset "running" for ever. The exception's message may quote an
        # answer: log the kind of failure and where it happened, not the message.
        logger.error("dataset %s: import failed (%s)\n%s", dataset_id, type(exc).__name__,
                     "".join(traceback.format_tb(exc.__traceback__)))
        _fail(dataset_id, "failed", FAILED_MESSAGE)
        return {"status": "rejected"}

    result = report.to_json()
    ok = result.get("status") == "ok"
    with transaction.atomic():
        # The engine fills the Dataset; make sure it ends finished whatever the engine did.
        Dataset.objects.filter(pk=dataset_id, status=Dataset.Status.RUNNING).update(
            status=Dataset.Status.IMPORTED if ok else Dataset.Status.REJECTED)
        Dataset.objects.filter(pk=dataset_id, finished_at__isnull=True).update(
            finished_at=timezone.now())
        done = {"progress": 100} if ok else {}
        Dataset.objects.filter(pk=dataset_id).update(
            report=result, rows=result.get("rows") or 0,
            participants_new=result.get("participants_new") or 0,
            statements_new=result.get("statements_new") or 0, **done)
        if ok and mapping and dataset.consultation.mapping != mapping:
            dataset.consultation.mapping = mapping
            dataset.consultation.save(update_fields=["mapping", "updated_at"])
    return result

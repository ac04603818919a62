"""The workbench: program design for personal trainers whose clients live with chronic low back pain.

This is the public face: what a notebook, the app, the command line and a script use.
Load a client and a catalog, screen the client, plan their weeks, re-plan after a change,
read why, and check the plan against every rule without the optimizer::

    import workbench as wb

    client = wb.example_client("desk-worker-flexion")  # or wb.load_client("client.json")
    catalog = wb.builtin_catalog()                      # or wb.merged_catalog()
    result = wb.plan(client, catalog, wb.PlanOptions(weeks=4))
    print(wb.format_plan(result))                       # the plan in a trainer's words
    assert wb.verify_plan(result, client, catalog) == []

    again = wb.replan(result, client, catalog, wb.PlanOptions(weeks=4, bans=frozenset({"yoga-cat-cow"})))
    print(wb.changes_summary(wb.plan_changes(result, again)))

Follow a client week by week in the store (a SQLite file by default)::

    store = wb.Store.open("studio.sqlite")
    store.add_client(client)
    result, issued = wb.start_program(store, client.id, catalog, start=date(2026, 12, 7))
    wb.record_log(store, client.id, {"status": "done", "minutes": 30, "effort": 4,
                                     "pain_during": 2}, session_id=...)
    review = wb.propose_review(store, client.id, catalog)      # progress / hold / regress
    wb.accept_review(store, client.id, catalog, review, by="Sam")  # re-plans the weeks ahead

The rooms behind it, in the order the data flows (each package's docstring says what it
owns and what it may import; ``docs/architecture.md`` draws the flow):
:mod:`workbench.catalog` -> :mod:`workbench.client` -> :mod:`workbench.rules` ->
:mod:`workbench.optimize` -> :mod:`workbench.planning` -> :mod:`workbench.lab` and
:mod:`workbench.records` -> :mod:`workbench.followup`, with the user
interfaces :mod:`workbench.ui` and :mod:`workbench.cli` on top and the ground
(:mod:`workbench.vocabulary`, :mod:`workbench.domain`, :mod:`workbench.defaults`,
:mod:`workbench.language`) below.
Names load on first use (PEP 562), so ``import workbench`` is quick and the solver is
imported only when a plan is asked for.
"""

from __future__ import annotations

import importlib
from typing import Any

#: Public name -> the module that defines it.
_EXPORTS: dict[str, str] = {
    # the ground: the frozen records and their vocabulary, every rule's number, words that help
    "Client": "workbench.domain",
    "Exercise": "workbench.domain",
    "Day": "workbench.vocabulary",
    "Discipline": "workbench.vocabulary",
    "Goal": "workbench.vocabulary",
    "DEFAULTS": "workbench.defaults",
    "OverrideError": "workbench.defaults",
    "resolve": "workbench.defaults",
    "find_threat_words": "workbench.language",
    # the catalog
    "Catalog": "workbench.catalog",
    "CatalogError": "workbench.catalog",
    "builtin_catalog": "workbench.catalog",
    "load_catalog": "workbench.catalog",
    "merged_catalog": "workbench.catalog",
    "catalog_from_rows": "workbench.catalog",
    "read_catalog_csv": "workbench.catalog",
    "validate_rows": "workbench.catalog",
    "import_free_exercise_db": "workbench.catalog.importer",
    "write_rows_csv": "workbench.catalog.importer",
    "exercise_for": "workbench.catalog.picklist",
    "exercise_labels": "workbench.catalog.picklist",
    # the client
    "AssessmentError": "workbench.client.assessment",
    "MISSING": "workbench.client.assessment",
    "client_from_dict": "workbench.client.assessment",
    "client_to_dict": "workbench.client.assessment",
    "load_client": "workbench.client.assessment",
    "save_client": "workbench.client.assessment",
    "example_client": "workbench.client.examples",
    "example_clients": "workbench.client.examples",
    "example_names": "workbench.client.examples",
    # the follow-up's example story and simulated logs (the notebook, the app, the benchmark)
    "example_story": "workbench.followup.simulate",
    "simulated_logs": "workbench.followup.simulate",
    "story_frame": "workbench.followup.story_table",
    "client_questions": "workbench.client.questions",
    "screen": "workbench.client.screening",
    "screening_modes": "workbench.client.screening",
    "ScreeningOutcome": "workbench.client.screening",
    # planning and re-planning
    "MAX_WEEKS": "workbench.planning.planner",
    "Pin": "workbench.planning.planner",
    "PlanOptions": "workbench.planning.planner",
    "plan": "workbench.planning.planner",
    "replan": "workbench.planning.planner",
    "apply_relaxation": "workbench.planning.relaxing",
    "set_solver_log": "workbench.planning.planner",
    # what a plan is, and why
    "PlanResult": "workbench.planning.result",
    "PlanStatus": "workbench.planning.result",
    "Provenance": "workbench.planning.provenance",
    "catalog_hash": "workbench.planning.provenance",
    "client_hash": "workbench.planning.provenance",
    "Relaxation": "workbench.planning.result",
    "changes_frame": "workbench.planning.explain",
    "changes_summary": "workbench.planning.explain",
    "limits_in_words": "workbench.planning.explain",
    "plan_changes": "workbench.planning.explain",
    "format_plan": "workbench.planning.report",
    # the independent check
    "Violation": "workbench.planning.verify",
    "verify_plan": "workbench.planning.verify",
    # the client records (a SQLite file by default)
    "Store": "workbench.records.store",
    "StoreError": "workbench.records.engine",
    "StoreBusy": "workbench.records.engine",
    "StoreConflict": "workbench.records.engine",
    "default_store_path": "workbench.paths",
    "LogStatus": "workbench.records.models",
    "SessionLog": "workbench.records.models",
    # the follow-up loop: log, review, accept, re-plan
    "LogError": "workbench.followup.log",
    "Decision": "workbench.followup.decision",
    "Light": "workbench.followup.decision",
    "Review": "workbench.followup.decision",
    "start_program": "workbench.followup.loop",
    "record_log": "workbench.followup.loop",
    "answer_red_flags": "workbench.followup.loop",
    "propose_review": "workbench.followup.loop",
    "accept_review": "workbench.followup.loop",
    "program_status": "workbench.followup.status",
    "load_frame": "workbench.followup.status",
    "pain_frame": "workbench.followup.status",
    "adherence": "workbench.followup.status",
    # hand-over: handout
    "handout_html": "workbench.handover.handout",
    "html_to_pdf": "workbench.handover.pdf",
    "PdfError": "workbench.handover.pdf",
    "HandoverError": "workbench.handover.errors",
    "WordProblem": "workbench.handover.wording",
    "check_words": "workbench.handover.wording",
    "handout_words": "workbench.handover.wording",
    "effort_words": "workbench.handover.effort",
    # hand-over: doctor
    "brief_html": "workbench.handover.brief",
    "referral_html": "workbench.handover.brief",
    "brief_texts": "workbench.handover.brief",
    "DoctorAnswer": "workbench.handover.doctor",
    "AnswerError": "workbench.handover.doctor",
    "AnswerProblem": "workbench.handover.doctor",
    "answer_errors": "workbench.handover.doctor",
    "apply_doctor_answer": "workbench.handover.doctor",
    "parse_answer": "workbench.handover.doctor",
    # hand-over: calendar and data
    "plan_ics": "workbench.handover.calendar",
    "time_note": "workbench.handover.calendar",
    "plan_csv": "workbench.handover.table",
    "plan_rows": "workbench.handover.table",
    "guard_cell": "workbench.handover.table",
    "export_plan": "workbench.handover.exports",
    "export_name": "workbench.handover.exports",
    "plan_document": "workbench.handover.exports",
    "EXPORT_KINDS": "workbench.handover.exports",
    "PROGRAM_KINDS": "workbench.handover.exports",
    "IssuedProgram": "workbench.followup.issued",
    "issued_program": "workbench.followup.issued",
    # hand-over: medical history and diary
    "add_diary_entry": "workbench.client.diary",
    "DiaryEntry": "workbench.domain",
    "Medication": "workbench.domain",
    "MedicalHistory": "workbench.domain",
    "Trainer": "workbench.domain",
    # batch: a studio's clients at once (a process pool or Dask)
    "Task": "workbench.batch.tasks",
    "plan_task": "workbench.batch.tasks",
    "executor_for": "workbench.batch.executors",
    "ExecutorError": "workbench.batch.executors",
    "run_batch": "workbench.batch.run",
    "BatchSummary": "workbench.batch.run",
    "tasks_from_folder": "workbench.batch.folder",
    "FolderSink": "workbench.batch.folder",
    "tasks_from_store": "workbench.batch.store_sink",
    "StoreSink": "workbench.batch.store_sink",
    "ReviewBatch": "workbench.batch.store_reviews",
    "check_start": "workbench.followup.schedule",
}

#: Public name -> (module, name there) where the two differ.
_RENAMED: dict[str, tuple[str, str]] = {
    "screening_modes": ("workbench.client.screening", "modes"),
    "ScreeningOutcome": ("workbench.client.screening", "Outcome"),
    "EXPORT_KINDS": ("workbench.handover.exports", "KINDS"),
    "BatchSummary": ("workbench.batch.run", "Summary"),
}

#: Subpackages reached as attributes (``workbench.lab.sweep(...)``).
_SUBPACKAGES = ("lab", "testing", "records", "followup")

__all__ = sorted([*_EXPORTS, *_SUBPACKAGES])


def __getattr__(name: str) -> Any:
    """Load a public name on first use (PEP 562)."""
    if name in _SUBPACKAGES:
        return importlib.import_module(f"workbench.{name}")
    if name not in _EXPORTS:
        raise AttributeError(f"module 'workbench' has no attribute {name!r}")
    module, attr = _RENAMED.get(name, (_EXPORTS[name], name))
    value = getattr(importlib.import_module(module), attr)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})

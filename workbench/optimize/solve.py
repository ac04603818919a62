"""The only solver code: run HiGHS (in process, via highspy) or CBC, read the real status.

PuLP maps a HiGHS run that hit its time limit to "Optimal" and drops the objective's
constant; here the status comes from the solver itself (HiGHS model status and MIP gap,
CBC's solution status), and the constant is passed to HiGHS as the objective offset so
its relative gap is measured against the whole objective.

The solvers never write to standard output (file descriptor 1): highspy prints a
copyright banner from C code at the first ``Highs()`` of a process, which would land
before a ``--json`` document, in saved notebook outputs and at the top of the app's page.
:func:`_quiet_first_highs` takes that first ``Highs()`` with descriptor 1 pointed away.
The solvers' own logs are off unless :func:`set_solver_log` turns them on (``--verbose``);
then they go to standard error.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from enum import StrEnum

import highspy
import pulp


class SolveStatus(StrEnum):
    """How one solve ended, read from the solver itself (not from PuLP's summary).

    A solver status, not a plan status (:class:`workbench.planning.result.PlanStatus` says
    what the planner answered).
    """

    #: Proven within the relative gap.
    OPTIMAL = "optimal"
    #: The time limit came first; the incumbent is feasible, its gap is not proven.
    TIME_LIMIT = "time_limit"
    #: Stopped at a caller's target; the caller proves the gap.
    TARGET = "target"
    #: No solution keeps every constraint.
    INFEASIBLE = "infeasible"
    #: The solver failed (no status it could report).
    ERROR = "error"


OPTIMAL = SolveStatus.OPTIMAL
TIME_LIMIT = SolveStatus.TIME_LIMIT
TARGET = SolveStatus.TARGET
INFEASIBLE = SolveStatus.INFEASIBLE
ERROR = SolveStatus.ERROR


_banner_lock = threading.Lock()
_banner_taken = False
_log_enabled = False


def set_solver_log(enabled: bool) -> None:
    """Send the solvers' own logs to standard error (True) or nowhere (False, default)."""
    global _log_enabled
    _log_enabled = bool(enabled)


def solver_log_enabled() -> bool:
    """Whether :func:`set_solver_log` turned the solvers' logs on."""
    return _log_enabled


def _quiet_first_highs() -> None:
    """Create this process's first ``Highs()`` with file descriptor 1 pointed at a file.

    HiGHS prints its banner ("Running HiGHS ... Copyright ...") once per process, from
    C, when the first ``Highs()`` is made; ``sys.stdout`` and pytest's ``capsys`` never
    see it. What C writes to descriptor 1 meanwhile goes to a temporary file, and on to
    standard error when the solver log is on.
    """
    global _banner_taken
    if _banner_taken:
        return
    with _banner_lock:
        if _banner_taken:
            return
        sys.stdout.flush()
        saved = os.dup(1)
        with tempfile.TemporaryFile() as sink:
            try:
                os.dup2(sink.fileno(), 1)
                highspy.Highs()
            finally:
                os.dup2(saved, 1)
                os.close(saved)
            if _log_enabled:
                sink.seek(0)
                sys.stderr.write(sink.read().decode(errors="replace"))
        _banner_taken = True


def _copy_log(path: str) -> None:
    """Copy a solver's log file to standard error, then remove the file."""
    try:
        with open(path, errors="replace") as f:
            sys.stderr.write(f.read())
        sys.stderr.flush()
    except OSError:
        pass
    finally:
        try:
            os.unlink(path)
        except OSError:
            pass


def _log_path(suffix: str) -> str:
    fd, path = tempfile.mkstemp(prefix="workbench-solver-", suffix=suffix)
    os.close(fd)
    return path


@dataclass(frozen=True)
class SolverSettings:
    """Solver choice and limits.

    Attributes
    ----------
    name : str
        ``"highs"`` (default) or ``"cbc"`` (PuLP's bundled CBC, the fallback).
    relative_gap : float
        Stop when the proven relative gap is at most this (fraction).
    time_limit : float
        Per solve [s].
    """

    name: str = "highs"
    relative_gap: float = 0.01
    time_limit: float = 10.0


@dataclass(frozen=True)
class Outcome:
    """What one solve returned.

    Attributes
    ----------
    status : str
        optimal | time_limit | infeasible | error.
    objective : float or None
        Objective value of the solution found (incl. constant).
    bound : float or None
        Best proven bound (incl. constant).
    gap : float or None
        Relative gap between them (fraction).
    seconds : float
        Wall time [s].
    """

    status: str
    objective: float | None
    bound: float | None
    gap: float | None
    seconds: float
    solver: str


class _HiGHS(pulp.HiGHS):
    """PuLP's in-process HiGHS, also passing the objective constant as an offset and,
    when given, a starting solution (which HiGHS checks and drops if it does not fit)."""

    warm_start: dict | None = None  # (PuLP's solvers already use the name "start")
    log_path: str | None = None  # the solver's log goes here (then to stderr) when set

    def buildSolverModel(self, lp):  # noqa: N802 (PuLP's name)
        super().buildSolverModel(lp)
        if self.log_path:
            # the log to a file only, never to the console (descriptor 1)
            lp.solverModel.setOptionValue("output_flag", True)
            lp.solverModel.setOptionValue("log_to_console", False)
            lp.solverModel.setOptionValue("log_file", self.log_path)
        if self.warm_start:
            sol = highspy.HighsSolution()
            sol.col_value = [float(self.warm_start.get(v, 0.0)) for v in lp.variables()]
            sol.value_valid = True
            lp.solverModel.setSolution(sol)
        sign = -1 if lp.sense == pulp.LpMaximize else 1
        lp.solverModel.changeObjectiveOffset(sign * lp.objective.constant)
        # deterministic: one thread, fixed seed (identical input → identical plan)
        lp.solverModel.setOptionValue("random_seed", 0)
        # The sub-MIP heuristics (RINS, RENS) took most of the time on week models of
        # this size (measured: 2.6 of 3.4 s) without improving the plan found.
        lp.solverModel.setOptionValue("mip_heuristic_run_rins", False)
        lp.solverModel.setOptionValue("mip_heuristic_run_rens", False)
        # Cuts at the root only: on 47 week masters of four example clients, separating
        # cuts at every node took a third of the time (10.2 s against 6.8 s in all) and
        # proved no more of them.
        lp.solverModel.setOptionValue("mip_allow_cut_separation_at_nodes", False)
        # Week masters are small (tens to a few hundred columns) and come with a start:
        # no restart after root fixings, no feasibility-jump heuristic, and LP rows
        # (cuts) aged out after 7 rounds instead of 10. Measured on
        # benchmarks/bench_sweep.py (every example client, 1-12 weeks, two re-plans
        # each): 56.7 s with HiGHS's defaults, 42.3 s with these and an age of 5, no week
        # unproven (3 before); each alone helped less (feasibility jump off 49.7 s,
        # restarts off 58.9 s). The age is a trade: on the later code, the sweep took
        # 44.6 / 47.1 / 48.8 s with ages 5 / 7 / 10, but the benchmark's 12-week ban
        # re-plans 6.9 / 6.5 / 6.4 s in all, and age 5 sent one master of the older
        # walker to 0.8 s (its re-plan 1.1 s against 0.5 s).
        lp.solverModel.setOptionValue("mip_allow_restart", False)
        lp.solverModel.setOptionValue("mip_heuristic_run_feasibility_jump", False)
        lp.solverModel.setOptionValue("mip_lp_age_limit", 7)


def solve(
    m: pulp.LpProblem,
    settings: SolverSettings,
    *,
    mip: bool = True,
    start: dict | None = None,
    target: float | None = None,
    cutoff: float | None = None,
) -> Outcome:
    """Solve ``m`` in place and read the solver's real status.

    Parameters
    ----------
    m : pulp.LpProblem
    settings : SolverSettings
    mip : bool
        False to solve the LP relaxation.
    start : dict, optional
        Variable → value of a plan to start from (HiGHS only).
    target : float, optional
        Stop as soon as a plan scores at least this (HiGHS only); the caller proves the
        gap with its own bound. Reported with status ``target``.
    cutoff : float, optional
        Only solutions scoring above this count (HiGHS only: its ``objective_bound``,
        objective constant included): ``infeasible`` then says that none does. HiGHS
        prunes what cannot score above the cutoff, so the bound reported is at least the
        cutoff (HiGHS may keep a solution below it and call that proven).
    """
    began = time.perf_counter()
    if settings.name == "cbc":
        return _solve_cbc(m, settings, mip, began)
    solver = _highs_solver(m, settings, mip, start, target, cutoff)
    # PuLP collects the model's variables from every row three times a solve (building,
    # reading back, the status); the model does not change while it solves (random
    # client 87's 12-week plan: 111 collections, 0.6 of its 6.4 s under cProfile)
    variables = m.variables()
    m.variables = lambda: variables
    try:
        m.solve(solver)
    finally:
        del m.variables
        if solver.log_path:
            _copy_log(solver.log_path)
    seconds = time.perf_counter() - began
    return _highs_outcome(m, mip, cutoff, seconds)


def _highs_solver(
    m: pulp.LpProblem,
    settings: SolverSettings,
    mip: bool,
    start: dict | None,
    target: float | None,
    cutoff: float | None,
) -> _HiGHS:
    """The in-process HiGHS for one solve of ``m``: limits, start, cutoff and target.

    The cutoff and the target are in the objective's units (constant included), turned
    to HiGHS's minimising sense. Takes the process's first ``Highs()`` quietly, and
    names a log file when the solver log is on.
    """
    extra = {}
    if cutoff is not None:
        extra["objective_bound"] = (-1 if m.sense == pulp.LpMaximize else 1) * cutoff
    if target is not None:
        extra["objective_target"] = (-1 if m.sense == pulp.LpMaximize else 1) * target
    solver = _HiGHS(
        mip=mip,
        msg=False,
        gapRel=settings.relative_gap,
        timeLimit=settings.time_limit,
        threads=1,
        **extra,
    )
    solver.warm_start = start
    _quiet_first_highs()
    if _log_enabled:
        solver.log_path = _log_path(".highs.log")
    return solver


def _highs_outcome(m: pulp.LpProblem, mip: bool, cutoff: float | None, seconds: float) -> Outcome:
    """What HiGHS says of its solve of ``m``: its model status, objective, bound and gap.

    Parameters
    ----------
    seconds : float
        Wall time of the solve [s].
    """
    h = m.solverModel
    status = h.getModelStatus()
    S = h.getModelStatus().__class__
    info = h.getInfo()
    objective = info.objective_function_value
    sign = -1 if m.sense == pulp.LpMaximize else 1
    if status == S.kOptimal:
        if mip and _has_integers(m):
            bound, gap = _bound_and_gap(m, sign * objective, sign * info.mip_dual_bound, cutoff)
            gap = info.mip_gap if gap is None else gap
        else:
            bound, gap = sign * objective, 0.0
        return Outcome(OPTIMAL, sign * objective, bound, max(gap, 0.0), seconds, "HiGHS")
    if status == S.kObjectiveTarget:
        return Outcome(TARGET, sign * objective, None, None, seconds, "HiGHS")
    if status in (S.kInfeasible, S.kUnboundedOrInfeasible):
        return Outcome(INFEASIBLE, None, None, None, seconds, "HiGHS")
    if (
        status in (S.kTimeLimit, S.kIterationLimit, S.kInterrupt)
        and info.primal_solution_status == 2
    ):
        bound, gap = _bound_and_gap(m, sign * objective, sign * info.mip_dual_bound, cutoff)
        return Outcome(
            TIME_LIMIT,
            sign * objective,
            bound,
            info.mip_gap if gap is None else gap,
            seconds,
            "HiGHS",
        )
    return Outcome(ERROR, None, None, None, seconds, f"HiGHS ({h.modelStatusToString(status)})")


def _bound_and_gap(
    m: pulp.LpProblem, value: float, bound: float, cutoff: float | None
) -> tuple[float, float | None]:
    """The bound a MIP run proved, and its gap when the cutoff changed it (else None):
    what HiGHS pruned below the cutoff is bounded by the cutoff, not by its bound."""
    if cutoff is None:
        return bound, None
    if (bound < cutoff) if m.sense == pulp.LpMaximize else (bound > cutoff):
        return cutoff, abs(cutoff - value) / max(abs(value), 1e-9)
    return bound, None


def _has_integers(m: pulp.LpProblem) -> bool:
    return any(v.cat != pulp.LpContinuous for v in m.variables())


def _solve_cbc(m: pulp.LpProblem, settings: SolverSettings, mip: bool, start: float) -> Outcome:
    log = _log_path(".cbc.log") if _log_enabled else None
    solver = pulp.PULP_CBC_CMD(
        mip=mip,
        msg=False,  # CBC's output to a log file (then stderr) or nowhere, never stdout
        gapRel=settings.relative_gap,
        timeLimit=settings.time_limit,
        threads=1,
        logPath=log,
    )
    try:
        m.solve(solver)
    finally:
        if log:
            _copy_log(log)
    seconds = time.perf_counter() - start
    value = pulp.value(m.objective)
    if m.sol_status == pulp.LpSolutionOptimal:
        # CBC stopped inside the gap; PuLP does not return its bound, so report the gap as
        # at most the requested one.
        return Outcome(OPTIMAL, value, None, settings.relative_gap if mip else 0.0, seconds, "CBC")
    if m.sol_status == pulp.LpSolutionIntegerFeasible:
        return Outcome(TIME_LIMIT, value, None, None, seconds, "CBC")
    if m.sol_status == pulp.LpSolutionInfeasible:
        return Outcome(INFEASIBLE, None, None, None, seconds, "CBC")
    return Outcome(ERROR, None, None, None, seconds, "CBC")

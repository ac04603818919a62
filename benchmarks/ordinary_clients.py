"""How many ordinary clients the planner cannot plan (issue 17, part 5).

Generates clients from the plannable examples with random tolerances, available days,
training days, session lengths (20-90 min) and goals, soft goals, and plans each; prints
the count infeasible and the diagnosis's first sentence of each.

Run: ``PYTHONPATH=. python benchmarks/ordinary_clients.py --clients 40 --weeks 4 --seed 17``
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from dataclasses import replace

import workbench as wb
from workbench.domain import Day, Dimension, Goal


def ordinary_client(rng: random.Random, base: wb.Client, k: int) -> wb.Client:
    """``base`` with random tolerances, days, session length and goals."""
    days = frozenset(rng.sample(list(Day), rng.randint(1, 7)))
    goals = {g: rng.choice([0, 0, 20, 30, 45, 60, 90, 120, 150]) for g in Goal}
    return replace(
        base,
        id=f"{base.id}-{k}",
        tolerances={d: rng.randint(0, 3) for d in Dimension},
        exposure_targets={},
        available_days=days,
        max_training_days=rng.randint(1, len(days)),
        minutes_per_session=rng.randint(20, 90),
        supervised_days=frozenset(),
        goals={g: m for g, m in goals.items() if m},
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=40)
    ap.add_argument("--weeks", type=int, default=4)
    ap.add_argument("--seed", type=int, default=17)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    catalog = wb.builtin_catalog()
    bases = []
    for name in wb.example_names():
        c = wb.example_client(name)
        if wb.plan(c, catalog, wb.PlanOptions(weeks=1)).status != "referred" and (
            wb.plan(c, catalog, wb.PlanOptions(weeks=1)).status != "needs_clearance"
        ):
            bases.append(c)
    counts: Counter[str] = Counter()
    for k in range(args.clients):
        client = ordinary_client(rng, rng.choice(bases), k)
        result = wb.plan(client, catalog, wb.PlanOptions(weeks=args.weeks))
        counts[result.status] += 1
        broken = wb.verify_plan(result, client, catalog, wb.PlanOptions(weeks=args.weeks))
        if broken:
            counts["verifier disagrees"] += 1
            print(f"{client.id}: the verifier: {broken[:3]}")
        if result.status != "planned":
            first = result.diagnosis[0] if result.diagnosis else result.message
            print(f"{client.id}: {result.status}: {first}")
    print({str(k): n for k, n in counts.items()})


if __name__ == "__main__":
    main()

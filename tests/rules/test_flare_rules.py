"""Today's pain (domain.md §5): a flare-up lowers week 1, holds the rise and keeps week 1
gentle; calm pain changes nothing; resting pain is read as resting pain."""

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import calm_pains, clients, flare_pains, plain_client

from workbench.catalog import builtin_catalog
from workbench.defaults import resolve
from workbench.domain import Dimension, Pain
from workbench.rules.contraindications import eligibility
from workbench.rules.flare import pain_today
from workbench.rules.load import ceiling_schedule, rise_fraction
from workbench.rules.tolerance import tolerance_schedule

PARAMS = resolve()


def test_a_flare_up_is_pain_now_at_7_or_2_points_above_the_weeks_average():
    for average in range(11):
        for now in range(11):
            today = pain_today(plain_client(pain=Pain(now, average, 10)), PARAMS)
            assert today.flare_up == (now >= 7 or now - average >= 2), (now, average)
            assert today.resting == (now >= 5)
            assert (today.reason != "") == today.flare_up
            if today.flare_up:
                assert f"pain now {now}/10" in today.reason


def test_the_flare_up_thresholds_are_the_defaults_tables():
    client = plain_client(pain=Pain(6, 5, 8))
    assert not pain_today(client, PARAMS).flare_up
    assert pain_today(client, resolve({"flare_pain_now": 6.0})).flare_up
    assert pain_today(client, resolve({"flare_rise_points": 1.0})).flare_up


@settings(max_examples=60, deadline=None)
@given(client=clients(), pain=flare_pains(), weeks=st.integers(1, 12))
def test_a_flare_up_halves_week_1_holds_week_2_and_the_later_weeks_rise_from_there(
    client, pain, weeks
):
    calm = ceiling_schedule(client, weeks, PARAMS, start_high=False)
    flare_client = replace(client, pain=pain)
    today = pain_today(flare_client, PARAMS)
    flare = ceiling_schedule(flare_client, weeks, PARAMS, start_high=False, today=today)
    lowered = max(PARAMS.flare_ceiling_factor * calm[0].value, PARAMS.min_start_ceiling_au)
    assert abs(flare[0].value - lowered) <= 0.1  # halved, never below the starting floor
    assert "flare-up today" in flare[0].reason
    if weeks >= 2:
        assert flare[1].value == flare[0].value  # the rise held until the pain settles
    r = rise_fraction(PARAMS)
    for w in range(2, weeks):
        assert abs(flare[w].value - flare[w - 1].value * (1 + r)) <= 0.1
    assert all(f.value <= c.value for f, c in zip(flare, calm, strict=True))


@settings(max_examples=60, deadline=None)
@given(client=clients(), pain=calm_pains())
def test_calm_pain_leaves_the_ceilings_as_they_were(client, pain):
    calm_client = replace(client, pain=pain)
    today = pain_today(calm_client, PARAMS)
    assert not today.flare_up and not today.resting
    before = ceiling_schedule(client, 6, PARAMS, start_high=False)
    assert ceiling_schedule(calm_client, 6, PARAMS, start_high=False, today=today) == before


def _eligibility(client, weeks=2):
    tol = tolerance_schedule(client, weeks, PARAMS, graded_exposure=False)
    return eligibility(builtin_catalog(), client, PARAMS, tol)


def test_week_1_of_a_flare_up_leaves_out_effort_above_3_and_high_demands_only_in_week_1():
    client = plain_client(
        tolerances=dict.fromkeys(Dimension, 3),
        consecutive_green_weeks=8,  # past the early phase: only the flare-up limits effort
        equipment=frozenset({"mat", "outdoors", "gym", "pool", "bike"}),
    )
    calm = _eligibility(client)
    flare = _eligibility(replace(client, pain=Pain(8, 4, 8)))
    by_id = {ex.id: ex for ex in builtin_catalog()}
    week1 = set(flare.allowed(1))
    assert week1 and week1 < set(calm.allowed(1))
    for i in week1:
        ex = by_id[i]
        assert ex.rpe <= PARAMS.flare_max_rpe
        assert all(ex.demands[d] < PARAMS.high_demand_level for d in Dimension)
    assert set(flare.allowed(2)) == set(calm.allowed(2))  # week 2 is not a flare week
    left_out = {e.family for e in flare.exclusions if 1 in e.weeks} - {
        e.family for e in calm.exclusions
    }
    assert left_out == {"flare_effort", "flare_demands"}
    hard = [e for e in flare.exclusions if e.family == "flare_effort"]
    assert all(e.weeks == (1,) and "RPE ≤ 3" in e.reason for e in hard)

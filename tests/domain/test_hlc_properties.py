"""Clock safety: monotonic under any local/remote sequence, a drift guard naming the source, restore after restart."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dmi_desktop.domain.hlc import DAY_MS, MAX_COUNTER, ClockAhead, HybridLogicalClock, Timestamp
from dmi_desktop.domain.messages import set_language

START = 1_790_000_000_000  # December 2026


class Wall:
    """A wall clock the test moves by hand (milliseconds)."""

    def __init__(self, ms: int) -> None:
        self.ms = ms

    def __call__(self) -> int:
        return self.ms


# One step: the wall clock moves (forwards or backwards, small or large), then the clock issues a stamp or
# receives one from a peer (anywhere from far behind to beyond the drift limit).
steps = st.lists(
    st.tuples(
        st.integers(min_value=-30 * DAY_MS, max_value=30 * DAY_MS),
        st.sampled_from(["now", "receive"]),
        st.integers(min_value=-400 * DAY_MS, max_value=3 * DAY_MS),
        st.integers(min_value=0, max_value=MAX_COUNTER),
    ),
    min_size=1,
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(steps)
def test_every_stamp_issued_or_merged_is_greater_than_all_before(sequence):
    wall = Wall(START)
    clock = HybridLogicalClock("local", wall)
    seen: list[Timestamp] = []
    for jump, kind, offset, counter in sequence:
        wall.ms = max(0, wall.ms + jump)
        if kind == "now":
            stamp = clock.now()
        else:
            remote = Timestamp(max(0, wall.ms + offset), counter, "peer")
            try:
                stamp = clock.receive(remote, source="peer")
            except ClockAhead:
                # Quarantined: the clock did not move, and the next stamp still follows the last one.
                assert not seen or clock.last == seen[-1]
                continue
            assert stamp > Timestamp(remote.wall_ms, remote.counter, "") or stamp.wall_ms > remote.wall_ms
        if seen:
            assert stamp.encode() > seen[-1].encode()  # text order is clock order, strictly increasing
        seen.append(stamp)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=0, max_value=10 * 365 * DAY_MS),
    st.integers(min_value=1, max_value=7 * DAY_MS),
)
def test_the_drift_guard_refuses_exactly_what_is_too_far_ahead(ahead, limit):
    wall = Wall(START)
    clock = HybridLogicalClock("local", wall, max_ahead_ms=limit)
    clock.now()
    before = clock.last
    remote = Timestamp(START + ahead, 0, "peer")
    if ahead > limit:
        with pytest.raises(ClockAhead):
            clock.receive(remote, source="laptop de Pedro")
        assert clock.last == before  # one bad stamp never drags this laptop into the future
        assert clock.now().wall_ms == START
    else:
        assert clock.receive(remote).wall_ms == START + ahead


@settings(max_examples=200, deadline=None)
@given(steps)
def test_a_restarted_clock_continues_after_the_persisted_one_whatever_the_wall_says(sequence):
    wall = Wall(START)
    clock = HybridLogicalClock("local", wall)
    for jump, _kind, _offset, _counter in sequence:
        wall.ms = max(0, wall.ms + jump)
        clock.now()
    persisted = clock.last.encode()
    # The next start: maybe with the clock set back by years (a flat battery).
    wall.ms = 0
    again = HybridLogicalClock("local", wall)
    again.restore(persisted)
    assert again.now().encode() > persisted
    assert again.behind_ms() > 0 or clock.last.wall_ms == 0


def test_the_refusal_names_the_source_and_how_far_ahead_in_spanish_and_english():
    wall = Wall(START)
    clock = HybridLogicalClock("local", wall)
    remote = Timestamp(START + 10 * 365 * DAY_MS, 0, "peer")
    with pytest.raises(ClockAhead) as error:
        clock.receive(remote, source="el equipo LC2")
    assert "el equipo LC2" in str(error.value) and "3650 días" in str(error.value)
    assert error.value.ahead_ms == 10 * 365 * DAY_MS
    set_language("en")
    try:
        with pytest.raises(ClockAhead, match="LC2 is 3650 days ahead"):
            clock.receive(remote, source="LC2")
    finally:
        set_language("es")


def test_a_stamp_not_newer_than_our_own_is_never_refused():
    # This laptop already holds stamps from a peer two days ahead (accepted while the limit was higher);
    # receiving them again, or older ones, moves nothing and is not a drift problem.
    wall = Wall(START)
    clock = HybridLogicalClock("local", wall, max_ahead_ms=3 * DAY_MS)
    clock.receive(Timestamp(START + 2 * DAY_MS, 5, "peer"))
    clock.max_ahead_ms = DAY_MS
    assert clock.receive(Timestamp(START + 2 * DAY_MS, 1, "peer")).wall_ms == START + 2 * DAY_MS


def test_the_wall_clock_set_back_is_measured():
    wall = Wall(START)
    clock = HybridLogicalClock("local", wall)
    clock.now()
    wall.ms -= 2 * 3600 * 1000
    assert clock.behind_ms() == 2 * 3600 * 1000
    assert clock.now().wall_ms == START  # order kept: time does not go backwards

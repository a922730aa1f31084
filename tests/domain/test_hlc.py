"""Hybrid logical clock: strictly increasing, absorbs remote clocks, and its text sorts like its value."""

import random

import pytest

from dmi_desktop.domain.hlc import MAX_COUNTER, HybridLogicalClock, Timestamp


class FakeWall:
    """A wall clock the test moves by hand (milliseconds)."""

    def __init__(self, ms: int) -> None:
        self.ms = ms

    def __call__(self) -> int:
        return self.ms


def test_timestamps_strictly_increase_when_the_wall_clock_stands_still():
    wall = FakeWall(1_700_000_000_000)
    clock = HybridLogicalClock("dev-a", wall)
    stamps = [clock.now() for _ in range(5)]
    assert stamps == sorted(stamps) and len(set(stamps)) == 5
    assert [s.counter for s in stamps] == [0, 1, 2, 3, 4]


def test_timestamps_keep_increasing_when_the_wall_clock_goes_back():
    wall = FakeWall(1_700_000_000_000)
    clock = HybridLogicalClock("dev-a", wall)
    before = clock.now()
    wall.ms -= 3_600_000  # the laptop's clock was set back an hour
    after = clock.now()
    assert after > before
    assert after.wall_ms == before.wall_ms


def test_a_new_wall_millisecond_resets_the_counter():
    wall = FakeWall(1_000)
    clock = HybridLogicalClock("d", wall)
    clock.now()
    clock.now()
    wall.ms = 2_000
    assert clock.now() == Timestamp(2_000, 0, "d")


def test_receive_moves_past_a_remote_clock_that_is_ahead():
    wall = FakeWall(1_000)
    clock = HybridLogicalClock("local", wall)
    remote = Timestamp(5_000, 7, "remote")
    merged = clock.receive(remote)
    assert merged > remote
    assert (merged.wall_ms, merged.counter) == (5_000, 8)
    assert clock.now() > merged


def test_receive_of_an_older_remote_clock_still_advances():
    wall = FakeWall(9_000)
    clock = HybridLogicalClock("local", wall)
    mine = clock.now()
    merged = clock.receive(Timestamp(1_000, 3, "remote"))
    assert merged > mine


def test_receive_with_equal_walls_takes_the_larger_counter():
    wall = FakeWall(1_000)
    clock = HybridLogicalClock("local", wall)
    clock.now()  # (1000, 0)
    merged = clock.receive(Timestamp(1_000, 41, "remote"))
    assert (merged.wall_ms, merged.counter) == (1_000, 42)


def test_counter_overflow_borrows_the_next_millisecond_and_keeps_text_order():
    wall = FakeWall(1_000)
    clock = HybridLogicalClock("d", wall)
    merged = clock.receive(Timestamp(1_000, MAX_COUNTER, "remote"))
    assert (merged.wall_ms, merged.counter) == (1_001, 0)
    nxt = clock.now()
    assert (nxt.wall_ms, nxt.counter) == (1_001, 1)
    assert len(nxt.encode()) == len(Timestamp(1_000, MAX_COUNTER, "d").encode())
    assert Timestamp(1_000, MAX_COUNTER, "d").encode() < merged.encode() < nxt.encode()


def test_encode_decode_round_trip_keeps_dashes_in_the_device_id():
    ts = Timestamp(1_764_100_000_123, 42, "c4cf864f-3285-4547-8fb4-ca223665a806")
    text = ts.encode()
    assert text.startswith("001764100000123-00042-")
    assert Timestamp.decode(text) == ts


def test_text_order_equals_clock_order():
    rng = random.Random(5)
    stamps = [
        Timestamp(rng.randint(0, 10**13), rng.randint(0, MAX_COUNTER), rng.choice(["a", "b", "dev-1"]))
        for _ in range(500)
    ]
    assert sorted(s.encode() for s in stamps) == [s.encode() for s in sorted(stamps)]


@pytest.mark.parametrize("bad", ["", "nonsense", "12-3-x", "0001-00000-d", "000000000000001-00000-"])
def test_decode_refuses_what_is_not_a_timestamp(bad):
    with pytest.raises(ValueError):
        Timestamp.decode(bad)


def test_observe_makes_later_stamps_sort_after_the_one_on_disk():
    wall = FakeWall(1_000)
    clock = HybridLogicalClock("d", wall)
    on_disk = Timestamp(50_000, 3, "other").encode()
    clock.observe(on_disk)
    assert clock.now().encode() > on_disk

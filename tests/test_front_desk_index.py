"""What the front desk keeps up to date instead of asking the whole hotel every hour (its free
rooms, who is at the desk, who comes back at each evening hour) is what a full look at the
hotel would find, at every hour, and looking does not change a number."""

import random

import pytest

from model import InterLodgeModel, preset_parameters
from model.clock import EVENING_RETURNS, RECEPTION_SHIFTS


def full_look(hotel):
    """What the desk would find by asking every room and the roster now."""
    hour = hotel.hour
    shift = next(name for name, hours in RECEPTION_SHIFTS.items() if hour in hours)
    back_at = {h: [room.guest for room in hotel.rooms
                   if room.guest is not None and room.guest.evening_hour == h]
               for h in EVENING_RETURNS}
    return ([room for room in hotel.rooms if room.lettable(hotel.now)],
            hotel.front_desk.roster.get(shift) or hotel.receptionists[:1], back_at)


@pytest.mark.parametrize("preset, seed", [("baseline", 1), ("redesign", 2), ("all_four", 3)])
def test_the_desks_lists_match_a_full_look_at_every_hour(small_hotel, preset, seed):
    # many defects: rooms held back by known defects, repaired in the day, guests moved
    params = preset_parameters(preset, small_hotel | {"defect_rate": 0.08})
    watched, left_alone = (InterLodgeModel(rng=seed, **params) for _ in range(2))
    desk, looks = watched.front_desk, random.Random(seed)
    for _ in range(30 * 24):
        watched.step()
        # the desk looks when the plan says, and sometimes when asked out of turn (the app)
        if watched.now == desk._free_at or looks.random() < 0.3:
            free, on_duty, back_at = full_look(watched)
            assert desk.free_rooms() == free, f"hour {watched.now}"
            assert desk.unheld == [room for room in free if not room.held]
            assert not any(room.held for room in watched.rooms if room not in free)
            assert desk.on_duty() == on_duty
            assert {h: sorted(guests, key=lambda guest: guest.room.place)
                    for h, guests in desk.back_at.items()} == back_at
    left_alone.run_days(30)
    assert watched.daily_table().equals(left_alone.daily_table())


def test_the_index_the_desk_picks_is_the_one_random_choice_takes():
    # check-in draws random.choice's index itself, inlined (model/front_desk.py): n.bit_length()
    # random bits until below n
    for n in (1, 2, 3, 7, 64, 100, 1000):
        seq = list(range(n))
        ours, theirs = random.Random(n), random.Random(n)

        def pick(n=n, bits=ours.getrandbits):
            i = bits(n.bit_length())
            while i >= n:
                i = bits(n.bit_length())
            return i

        assert [seq[pick()] for _ in range(200)] == [theirs.choice(seq) for _ in range(200)]

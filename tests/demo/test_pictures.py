"""The demo's pictures are drawn, not downloaded: the same seed gives the same
picture."""

import pytest

from demo import pictures


@pytest.mark.parametrize("kind", sorted(pictures.KINDS))
def test_every_kind_of_picture_is_drawn_the_same_for_the_same_seed(kind):
    size = (120, 80)

    first = pictures.make_image(kind, "seed", size)

    assert first == pictures.make_image(kind, "seed", size)
    assert first != pictures.make_image(kind, "other seed", size)
    assert pictures.render(kind, "seed", size).size == size


def test_portraits_follow_the_traits_they_are_given():
    bearded = pictures.make_image("portrait", 1, (80, 80), label="JA", beard=True)
    shaven = pictures.make_image("portrait", 1, (80, 80), label="JA", beard=False)

    assert bearded != shaven


def test_an_unknown_kind_of_picture_is_refused():
    with pytest.raises(ValueError, match="Unknown kind"):
        pictures.make_image("unicorn", 1, (40, 40))

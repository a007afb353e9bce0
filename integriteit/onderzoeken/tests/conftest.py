from __future__ import annotations

import pytest

from integriteit.conftest import MakeUser, World
from integriteit.onderzoeken.tests.helpers import Team, maak_team


@pytest.fixture
def team(world: World, make_user: MakeUser) -> Team:
    return maak_team(world, make_user)

"""Synthetic workspaces at any size, for benchmarks and for trying Headway with lots of data.

``headway generate --accounts N --seed S`` writes a workspace of N accounts (about 3 contacts,
1.6 deals, 20 interactions over three years, 1.5 actions and 5.5 history rows each), with
N/250 sellers and a manager per ten sellers who can all sign in. Module apps add their own rows
through :func:`register_generator` (see :mod:`headway.generate.registry`).
"""

from headway.generate.registry import (
    CoreFacts,
    GenerateContext,
    GeneratedAccount,
    GeneratedDeal,
    register_generator,
    unregister_generator,
)

__all__ = [
    "CoreFacts",
    "GenerateContext",
    "GeneratedAccount",
    "GeneratedDeal",
    "register_generator",
    "unregister_generator",
]

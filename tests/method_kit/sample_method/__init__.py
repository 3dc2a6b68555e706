"""A method app that exists only in tests: proves a method is found from its declaration alone
(no line anywhere else names it)."""

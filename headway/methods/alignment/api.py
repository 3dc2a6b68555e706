"""API for Mutual Learning, mounted at ``/api/v1/alignments``."""

from ninja import Router

router = Router(tags=["alignments"])

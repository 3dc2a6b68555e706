from ninja import Router

router = Router(tags=["sample"])


@router.get("/ping", auth=None)
def ping(request):  # type: ignore[no-untyped-def]
    return {"pong": True}

"""Serving an ask's file: only through a view that has resolved it in the request's
workspace (page or API), always as a download that a browser never renders inline."""

from __future__ import annotations

from django.http import FileResponse, Http404

from headway.methods.winback.models import AskAttachment
from headway.methods.winback.services import attachment_content_type


def attachment_response(attachment: AskAttachment) -> FileResponse:
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing from storage.") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment_content_type(attachment),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response

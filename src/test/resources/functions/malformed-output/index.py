# -*- coding: utf8 -*-
# Handlers whose answers are not CLB integration responses, as a careless deploy would ship them.
# CLB cannot turn either into an HTTP response and answers "Analyse scf response failed" itself.


def no_status_code(event, context):
    """JSON that looks like an answer but lacks statusCode."""
    return {"isBase64Encoded": False, "headers": {"Content-Type": "text/plain"}, "body": "ok"}


def plain_text(event, context):
    """A bare string, as a handler written for an API gateway test console might return."""
    return "ok"

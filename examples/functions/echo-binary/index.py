# -*- coding: utf8 -*-
# Answers a CLB-trigger request with its own body and content type. A binary body arrives
# Base64-encoded (isBase64Encoded is the string "true" in the CLB event) and is returned the same
# way, so the client gets the original bytes back.
def main_handler(event, context):
    headers = {k.lower(): v for k, v in event.get("headers", {}).items()}
    body = event.get("payload", event.get("body", ""))
    encoded = str(event.get("isBase64Encoded", "false")).lower() == "true"
    return {
        "isBase64Encoded": encoded,
        "statusCode": 200,
        "headers": {"Content-Type": headers.get("content-type", "application/octet-stream")},
        "body": body,
    }

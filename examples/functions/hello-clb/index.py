# -*- coding: utf8 -*-
import json
def main_handler(event, context):
    return {
        "isBase64Encoded": False,
        "statusCode": 200,
        "headers": {"Content-Type": "text/html"},
        "body": "<html><body><h1>Hello CLB</h1></body></html>"
    }

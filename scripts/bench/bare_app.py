"""The baseline for the intake benchmark: a bare Sanic handler that parses the same JSON and answers 202.

The receiver's throughput is reported as a ratio to this, measured in the same run, so the figure says
what Versus costs on top of Sanic and JSON rather than how fast this machine happens to be today.
Usage: bare_app.py PORT
"""

import json
import sys

from sanic import Request, Sanic
from sanic.response import HTTPResponse
from sanic.response import json as json_response

app = Sanic("bare", configure_logging=False)


@app.post("/api/incidents")
async def receive(request: Request) -> HTTPResponse:
    document = json.loads(request.body)
    return json_response({"alerts": len(document.get("alerts", []))}, status=202)


@app.get("/healthz")
async def health(request: Request) -> HTTPResponse:
    return json_response({"ok": True})


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(sys.argv[1]), single_process=True, access_log=False, motd=False)

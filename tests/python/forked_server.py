"""Serve import requests from the Rust tests, each in a forked child.

`serve(handler)` reads one JSON request per line on standard input ({"root", "module", "env"})
and writes one JSON answer per line: `handler(root, module, env)`'s dict. Each request runs in a
forked child, so every import starts from a fresh interpreter state (nothing in sys.modules, the
environment exactly as requested) without paying for a new interpreter; a handler that raises
is answered with {"error": ..., "missing": None}.
"""

import json
import os
import sys


def serve(handler):
    for line in sys.stdin:
        request = json.loads(line)
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            try:
                answer = handler(request["root"], request["module"], request["env"])
            except BaseException as error:
                answer = {"error": f"harness: {type(error).__name__}: {error}", "missing": None}
            with os.fdopen(write_end, "w") as out:
                out.write(json.dumps(answer))
            os._exit(0)
        os.close(write_end)
        with os.fdopen(read_end) as answer:
            text = answer.read()
        os.waitpid(pid, 0)
        sys.stdout.write(text + "\n")
        sys.stdout.flush()

"""Serve import requests from the Rust tests, each in a forked child.

`serve(handler)` reads one JSON request per line on standard input ({"root", "module", "env"})
and writes one JSON answer per line: `handler(root, module, env)`'s dict. Each request runs in a
forked child, so every import starts from a fresh interpreter state (nothing in sys.modules, the
environment exactly as requested) without paying for a new interpreter; a handler that raises
is answered with {"error": ..., "missing": None}, and so is one that runs longer than
TIMEOUT_SECONDS (generated settings can loop forever, as `for x in L: L.append(x)` does).
"""

import json
import os
import signal
import sys

TIMEOUT_SECONDS = 20


def _timed_out(signum, frame):
    raise TimeoutError(f"the request ran longer than {TIMEOUT_SECONDS} s")


def serve(handler):
    for line in sys.stdin:
        request = json.loads(line)
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            signal.signal(signal.SIGALRM, _timed_out)
            signal.alarm(TIMEOUT_SECONDS)
            try:
                answer = handler(request["root"], request["module"], request["env"])
            except BaseException as error:
                answer = {"error": f"harness: {type(error).__name__}: {error}", "missing": None}
            signal.alarm(0)
            with os.fdopen(write_end, "w") as out:
                out.write(json.dumps(answer))
            os._exit(0)
        os.close(write_end)
        with os.fdopen(read_end) as answer:
            text = answer.read()
        os.waitpid(pid, 0)
        sys.stdout.write(text + "\n")
        sys.stdout.flush()

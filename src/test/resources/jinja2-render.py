"""Renders the differential corpus with Python's Jinja2, set up as dbt sets it up.

Reads a JSON list of cases ({"id", "template", "context", "files"}) on stdin and writes a JSON
list of results ({"id", "output"} or {"id", "error"}) on stdout, all cases in one process.
"""
import json
import sys

import jinja2
from jinja2.sandbox import SandboxedEnvironment


def render(case):
    env = SandboxedEnvironment(
        extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"],
        loader=jinja2.DictLoader(case.get("files") or {}),
    )
    try:
        template = env.from_string(case["template"])
        return {"id": case["id"], "output": template.render(case.get("context") or {})}
    except Exception as e:  # every failure is a result to compare, not a crash of the script
        return {"id": case["id"], "error": "%s: %s" % (type(e).__name__, e)}


def main():
    sys.setrecursionlimit(1000)
    cases = json.load(sys.stdin)
    json.dump([render(c) for c in cases], sys.stdout)


if __name__ == "__main__":
    main()

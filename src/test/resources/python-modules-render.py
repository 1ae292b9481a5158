"""Renders templates with Python's Jinja2 and the modules and YAML helpers dbt gives templates.

Reads a JSON list of template strings on stdin and writes a JSON list of results ({"output"} or
{"error"}) on stdout, all in one process.
"""
import datetime
import itertools
import json
import re
import sys
import types

import pytz
import yaml
from jinja2.sandbox import SandboxedEnvironment


def toyaml(value, default=None, sort_keys=False):
    # dbt's toyaml
    try:
        return yaml.safe_dump(data=value, sort_keys=sort_keys)
    except (ValueError, yaml.YAMLError):
        return default


def fromyaml(value, default=None):
    # dbt's fromyaml
    try:
        return yaml.safe_load(value)
    except (AttributeError, ValueError, yaml.YAMLError):
        return default


def dbt_zip(*args, default=None):
    # dbt's zip
    try:
        return zip(*args)
    except TypeError:
        return default


CONTEXT = {
    "modules": types.SimpleNamespace(datetime=datetime, pytz=pytz, itertools=itertools, re=re),
    "toyaml": toyaml,
    "fromyaml": fromyaml,
    "zip": dbt_zip,
}


def render(env, template):
    try:
        return {"output": env.from_string(template).render(CONTEXT)}
    except Exception as e:  # every failure is a result to compare, not a crash of the script
        return {"error": "%s: %s" % (type(e).__name__, e)}


def main():
    env = SandboxedEnvironment(extensions=["jinja2.ext.do"])
    templates = json.load(sys.stdin)
    json.dump([render(env, t) for t in templates], sys.stdout)


if __name__ == "__main__":
    main()

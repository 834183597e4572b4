#!/usr/bin/env python3
# A test helper: reads JSON on standard input and prints the value at each JSON Pointer given,
# one per line: a string as it is, an array or object as its number of elements, anything else
# as JSON, "(missing)" where the pointer leads nowhere; exits 1 when the input is not valid JSON
# (RFC 8259, UTF-8: no NaN, no lone surrogate). A script, so that the tests cost no build.
import json
import math
import sys


def refuse(constant):
    raise ValueError(f"{constant} is not JSON")


def finite(text):
    number = float(text)
    if math.isinf(number):
        raise ValueError(f"{text} is too large for a double")
    return number


def check_text(value):
    # A lone surrogate escaped as \ud800 is no character: valid to Python, not to JSON.
    if isinstance(value, str):
        value.encode("utf-8")
    elif isinstance(value, list):
        for item in value:
            check_text(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            check_text(key)
            check_text(item)


def at(document, pointer):
    """(True, the value at pointer) or (False, None) where it leads nowhere."""
    if pointer and not pointer.startswith("/"):
        raise SystemExit(f"json_probe: not a JSON Pointer: {pointer}")
    value = document
    for token in pointer.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(value, dict) and token in value:
            value = value[token]
        elif (isinstance(value, list) and token.isascii() and token.isdigit() and
              (token == "0" or not token.startswith("0")) and int(token) < len(value)):
            value = value[int(token)]
        else:
            return False, None
    return True, value


def shown(value):
    if isinstance(value, str):
        return value
    if isinstance(value, (list, dict)):
        return str(len(value))  # the number of elements
    return json.dumps(value)


def main():
    try:
        document = json.loads(sys.stdin.buffer.read().decode("utf-8"), parse_constant=refuse,
                              parse_float=finite)
        check_text(document)
    except (ValueError, UnicodeError) as error:
        print(f"json_probe: {error}", file=sys.stderr)
        return 1
    out = sys.stdout.buffer
    for pointer in sys.argv[1:]:
        found, value = at(document, pointer)
        out.write((shown(value) if found else "(missing)").encode("utf-8") + b"\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

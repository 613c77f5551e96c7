"""How the HTML pages (the view, the query page) embed their data and pin their scripts."""
from __future__ import annotations

import base64
import hashlib
import json


def script_safe_json(value: object) -> str:
    """JSON that cannot close the <script> element it sits in."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c") \
        .replace(">", "\\u003e").replace("&", "\\u0026")


def script_hash(script: str) -> str:
    """The Content-Security-Policy source that lets exactly this inline script run."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"

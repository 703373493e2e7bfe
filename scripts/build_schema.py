"""Write src/eventwire/schema/record.schema.json from the record types (eventwire.records).

Run after changing a record type; tests/test_record.py fails while the file and the types disagree.
"""

from __future__ import annotations

import json
from pathlib import Path

from eventwire.records import generated_schema

TARGET = Path(__file__).resolve().parent.parent / "src" / "eventwire" / "schema" / "record.schema.json"


def render() -> str:
    return json.dumps(generated_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET}")

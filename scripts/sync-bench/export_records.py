"""The records a Sotay server holds, as JSON lines {id, entity, fields} for PouchDB's run."""

import json
import sqlite3
import sys

db = sqlite3.connect(sys.argv[1])
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for rid, entity, fields in db.execute("SELECT id, entity, fields FROM record ORDER BY seq"):
        out.write(json.dumps({"id": rid, "entity": entity, "fields": json.loads(fields)}, ensure_ascii=False))
        out.write("\n")

"""The same rows as a raw SQLite bulk insert: the ceiling a first pull is compared with.

Reads the records the server holds (id, entity, fields, clocks, deleted, scope, seq) from its
SQLite database, writes them into a fresh file with one prepared statement in one transaction
(no indexes but the primary key, the default journal), and prints one JSON line.

    python3 raw_insert.py SERVER.sqlite3 OUT.db
"""

import json
import os
import sqlite3
import sys
import time

source, out = sys.argv[1], sys.argv[2]
rows = sqlite3.connect(source).execute(
    "SELECT id, entity, fields, clocks, deleted, scope, seq FROM record ORDER BY seq"
).fetchall()
if os.path.exists(out):
    os.remove(out)
db = sqlite3.connect(out)
db.execute(
    "CREATE TABLE record (id TEXT PRIMARY KEY, entity TEXT NOT NULL, fields TEXT NOT NULL,"
    " clocks TEXT NOT NULL, deleted INTEGER NOT NULL, scope TEXT, seq INTEGER NOT NULL)"
)
started = time.perf_counter()
with db:
    db.executemany("INSERT INTO record VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
seconds = time.perf_counter() - started
print(json.dumps({"rows": len(rows), "seconds": seconds, "bytes": os.path.getsize(out)}))

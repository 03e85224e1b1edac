"""Print the query planner's statistics (sqlite_stat1) of a ledger as JSON.

tests/test_plans.py loads the statistics of a 1,000,000-item demo ledger
into a small database, so SQLite plans its queries as it would at that size:

    tracker demo --no-ui --items 1000000 --db /tmp/1m.db
    python bench/planner_stats.py /tmp/1m.db > tests/data/planner_stats_1m.json
"""

import json
import sqlite3
import sys

conn = sqlite3.connect(sys.argv[1])
rows = conn.execute("SELECT tbl, idx, stat FROM sqlite_stat1 ORDER BY tbl, idx").fetchall()
json.dump([list(r) for r in rows], sys.stdout, ensure_ascii=False, indent=1)
print()

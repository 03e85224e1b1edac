"""The package a plain `pip install .` builds carries schema.sql."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_ships_schema_sql(tmp_path):
    r = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert r.returncode == 0, r.stderr
    wheel = next(tmp_path.glob("tracker-*.whl"))
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        assert "tracker/schema.sql" in names
        assert z.read("tracker/schema.sql").decode("utf-8") == (ROOT / "schema.sql").read_text(encoding="utf-8")
        assert "tracker/cli/__init__.py" in names
        assert {f"tracker/templates/{k}.docx" for k in ("reminder", "supervision", "suggestion", "listed")} <= set(
            names
        )

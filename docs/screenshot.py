"""Make docs/screenshot.svg: the UI on the sample ledger as of 2026-03-02.

python docs/screenshot.py
"""

import asyncio
import tempfile
from pathlib import Path

from tests.test_tui import make_app, make_ledger, settle


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        app = make_app(make_ledger(Path(tmp) / "ledger.db"))
        async with app.run_test(size=(120, 32)) as pilot:
            await settle(pilot)
            app.save_screenshot(str(Path(__file__).parent / "screenshot.svg"))


if __name__ == "__main__":
    asyncio.run(main())

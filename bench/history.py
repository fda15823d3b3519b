"""The history rows of bench/run (issues 29 and 30): what `record` costs the API and the machine, and how fast the
shell reads a car-year back.

- `record` at its defaults against a sandbox living a commuter's life for two simulated days: API requests a car a
  day, next to what reading every minute costs (1 440).
- `record`'s peak RSS after a simulated month.
- A car-year of 5-minute snapshots (105 120 rows × 3 cars, written by `record`'s own writer, bench/HistoryFill): the
  database's size a car-year, `charges 0 --since 365d | count`, `history status 0 --since 30d --every 1h` and
  `report 0 --month` of its last whole month.
"""

import datetime
import re
import sqlite3
import statistics
import subprocess
import time

YEAR_ROWS = 105_120


def world_seconds(sandbox):
    return float(sandbox.ccsh("sandbox clock | get seconds").strip())


def run_recorder(sandbox, ccsh, database, days):
    """`ccsh record` while the sandbox's world runs `days` simulated days; its peak RSS (KiB)."""
    start = world_seconds(sandbox)
    process = subprocess.Popen([str(ccsh), "--profile", "bench", "record", "--db", str(database)], env=sandbox.environment,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while world_seconds(sandbox) < start + days * 86400:
        time.sleep(0.5)
        status = open(f"/proc/{process.pid}/status").read()
        peak = max(peak, int(re.search(r"VmHWM:\s+(\d+)", status).group(1)))
    process.terminate()
    process.wait()
    return peak


def requests_a_day(table, Sandbox, ccsh):
    sandbox = Sandbox("--vehicles", "3", "--life", "commuter", "--time-scale", "3600", "--log")
    try:
        before = sandbox.requests(" /connectedcar/v4")
        run_recorder(sandbox, ccsh, sandbox.directory / "record.sqlite", 2)
        sent = sandbox.requests(" /connectedcar/v4") - before
    finally:
        sandbox.stop()
    per_car_day = sent / 3 / 2
    table.add("record: API requests a car a day (defaults)", "< 1 440 (a read a minute)", f"{per_car_day:.0f}",
              per_car_day < 1440, f"{sent} requests for 3 cars over 2 simulated days of a commuter's life, world at 3 600×")


def recorder_memory(table, Sandbox, ccsh):
    sandbox = Sandbox("--vehicles", "3", "--life", "commuter", "--time-scale", "86400")
    try:
        peak = run_recorder(sandbox, ccsh, sandbox.directory / "record.sqlite", 30)
    finally:
        sandbox.stop()
    table.add("record: peak RSS over a simulated month", "≤ 40 MB", f"{peak / 1024:.1f} MiB", peak <= 40 * 1024,
              "3 cars, a commuter's month at a day a second (VmHWM)")


def car_year(table, Sandbox, ccsh, seconds, summary, ms):
    sandbox = Sandbox("--vehicles", "3")
    try:
        database = sandbox.directory / "year.sqlite"
        template = sandbox.directory / "status.json"
        vehicles = [vehicle["id"] for vehicle in sandbox.description["vehicles"]]
        subprocess.run([*sandbox.curl_arguments(), "-o", str(template), sandbox.url(f"/user/vehicles/{vehicles[0]}/status")], check=True)
        # The year first, in time order as a recorder keeps it; then one pass of record (its vehicles, their trips).
        started = time.perf_counter()
        subprocess.run([str(ccsh.parent / "history-fill"), str(database), str(template), *vehicles], check=True)
        filled = time.perf_counter() - started
        sandbox.ccsh(f"record --once --db {database}")
        sqlite3.connect(database).execute("VACUUM").connection.close()
        size = database.stat().st_size / 3 / 1e6
        table.add("history: the database a car-year", "≤ 30 MB", f"{size:.1f} MB", size <= 30,
                  f"{YEAR_ROWS} 5-minute snapshots a car through record's own writer (bench/HistoryFill), two drives and a "
                  f"charge a day, derived tables; filled in {filled:.0f} s")
        # The last whole month of the year, in this machine's zone (the report's default zone).
        month = (datetime.date.today().replace(day=1) - datetime.timedelta(days=1)).strftime("%Y-%m")
        for figure, source, goal in [
            ("history: charges 0 --since 365d | count", f"charges 0 --since 365d --db {database} | count", 0.050),
            ("history: history status 0 --since 30d --every 1h", f"history status 0 --since 30d --every 1h --db {database} | count", 0.100),
            (f"history: report 0 --month {month}", f"report 0 --month {month} --db {database} | get km", 0.200),
        ]:
            times = seconds([str(ccsh), "--profile", "bench", "-c", source], sandbox.environment)
            median = statistics.median(times)
            table.add(figure, f"≤ {goal * 1000:.0f} ms", f"{ms(median)} ({ms(min(times))}–{ms(max(times))})", median <= goal,
                      "a whole ccsh process on a car-year of 3 cars, the vehicle named by its number")
    finally:
        sandbox.stop()

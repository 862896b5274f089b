#!/usr/bin/env bash
# Times whole commands side by side in one run, on the huge demo database, and the closest
# peer a terminal user would reach for: taskwarrior loaded with the same number of items.
# Prints a Markdown table (paste it into bench/RESULTS.md). Each figure is the median of
# whole-process runs timed by python3. Needs: sqlite3, tmux, python3; taskwarrior for its
# rows (apt-get install sqlite3 tmux taskwarrior). Not run by CI: it takes a few minutes and
# generates ~600 MB.
set -euo pipefail
cd "$(dirname "$0")/.."

# `bench/compare.sh portfolio`: only the portfolio's whole-process budgets (issue 13) over 50
# client files made by `rapport demo --clients 50`; needs python3 alone (medians of 30 runs).
# `bench/compare.sh add`: only `issue add` against one `sqlite3` INSERT.
if [ "${1:-}" = portfolio ]; then
  work=${RAPPORT_BENCH_DIR:-$(mktemp -d)}
  export TZ=UTC RAPPORT_NOW=2026-11-18T09:00:00Z HOME=$work XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config
  # RAPPORT_BIN: a binary already built (skips the release build).
  [ -n "${RAPPORT_BIN:-}" ] || cargo build --release --quiet
  bin=${RAPPORT_BIN:-$PWD/target/release/rapport}
  [ -d "$work/data/rapport/clients" ] || "$bin" demo --clients 50 >/dev/null
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
  python3 - "$bin" <<'PY'
import statistics, subprocess, sys, time
bin = sys.argv[1]
def median_ms(args, runs=30):
    for _ in range(3):
        subprocess.run([bin] + args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([bin] + args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)
every = median_ms(["--all-clients", "today", "--json"])
largest = median_ms(["--client", "tailspin-airlines", "today", "--json"])
median_client = median_ms(["--client", "woodgrove-bank", "today", "--json"])
print("| what | measured | budget | met |")
print("| --- | --- | --- | --- |")
print(f"| `rapport --all-clients today --json`, 50 client files, whole process | {every:.1f} ms | ≤ 100 ms | {'yes' if every <= 100 else 'no'} |")
print(f"| `rapport --client tailspin-airlines today --json` (the largest: 2,000 issues; rules run) | {largest:.1f} ms | - | - |")
print(f"| `rapport --client woodgrove-bank today --json` (a middle one: 250 issues; rules run) | {median_client:.1f} ms | - | - |")
print(f"| 50 clients / one client's today (largest, middle) | {every/largest:.1f}x, {every/median_client:.1f}x | ≤ 10x | {'yes' if every <= 10*min(largest, median_client) else 'no'} |")
PY
  exit 0
fi

for tool in sqlite3 tmux python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install sqlite3 tmux python3)"; exit 1; }
done

work=${RAPPORT_BENCH_DIR:-$(mktemp -d)}
export TZ=UTC RAPPORT_NOW=2026-11-18T09:00:00Z HOME=$work XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config
[ -n "${RAPPORT_BIN:-}" ] || cargo build --release --quiet
bin=${RAPPORT_BIN:-$PWD/target/release/rapport}
db=$work/huge.sqlite3

row() { printf '| %s | %s | %s |\n' "$1" "$2" "$3"; }
# median RUNS CMD...: each command run RUNS times (after 3 warm-up runs), the commands taking
# turns so a load that comes and goes falls on all of them alike; prints the medians
# ("a ms / b ms"), and for two commands their ratio.
median() {
  python3 - "$@" <<'PY'
import shlex, statistics, subprocess, sys, time
runs, cmds = int(sys.argv[1]), [shlex.split(c) for c in sys.argv[2:]]
def once(c):
    start = time.perf_counter()
    subprocess.run(c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return (time.perf_counter() - start) * 1000
for _ in range(3):
    for c in cmds:
        once(c)
times = [[] for _ in cmds]
for _ in range(runs):
    for i, c in enumerate(cmds):
        times[i].append(once(c))
m = [statistics.median(t) for t in times]
ratio = f" ({m[0] / m[1]:.2f} ×)" if len(m) == 2 else ""
print(" / ".join(f"{x:.1f} ms" for x in m) + ratio)
PY
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "rapport $($bin --version | cut -d' ' -f2), sqlite3 $(sqlite3 --version | cut -d' ' -f1)$(command -v task >/dev/null && echo ", taskwarrior $(task --version)")"
echo
echo "| what | measured | budget / comparison |"
echo "| --- | --- | --- |"

# One durable insert each, whole processes, on two copies of one small demo file. Both
# connections run as rapport's does: WAL, synchronous=FULL (a sync per commit), foreign keys
# on; the sqlite3 side inserts one issue row (the history triggers record it, as they do
# rapport's), rapport also checks the project, drafts the client notice and seals the change.
small=$work/small.sqlite3
rm -f "$small"* "$work/a.sqlite3"* "$work/b.sqlite3"*
"$bin" --db "$small" demo >/dev/null
cp "$small" "$work/a.sqlite3"; cp "$small" "$work/b.sqlite3"
cat > "$work/insert.sql" <<'SQL'
PRAGMA journal_mode=WAL;
PRAGMA synchronous=FULL;
PRAGMA foreign_keys=ON;
INSERT INTO issues (project_id, title, severity, status, detected_at, created_at, updated_at)
VALUES (1, 'Bench issue', 'high', 'new', '2026-11-18T09:00:00Z', '2026-11-18T09:00:00Z', '2026-11-18T09:00:00Z');
SQL
row "\`rapport issue add\` (notice drafted, one commit) / \`sqlite3\` one INSERT (WAL, synchronous=FULL), small demo, 30 runs" \
  "$(median 30 "$bin --db $work/a.sqlite3 issue add Bench --project 1 --severity high" "sqlite3 $work/b.sqlite3 '.read $work/insert.sql'")" "≤ 1.2 × sqlite3"
# `bench/compare.sh add`: only this row (a minute; no huge demo, no taskwarrior).
[ "${1:-}" = add ] && exit 0

rm -f "$db"*
start=$(date +%s.%N)
$bin --db "$db" demo --scale huge >/dev/null
gen=$(python3 -c "print(f'{$(date +%s.%N) - $start:.1f} s')")
row "\`rapport demo --scale huge\` (100k issues, 300k updates, 50k expectations, 1M log)" "$gen" "≤ 60 s"

select="SELECT i.*, p.name FROM issues i JOIN projects p ON p.id = i.project_id WHERE i.archived_at IS NULL AND i.is_open = 1 ORDER BY i.severity_rank, i.id DESC"
row "\`rapport issue list --json\` (open issues) / \`sqlite3 -json\` same SELECT" \
  "$(median 30 "$bin --db $db issue list --json" "sqlite3 -json $db '$select'")" "≤ 1.5 × sqlite3"
row "\`rapport search TEXT --json\` over 1.45 M rows: common word / 2 Chinese characters" \
  "$(median 30 "$bin --db $db search checkout --json" "$bin --db $db search 白屏 --json")" "≤ 50 ms"

# Peak memory of the TUI after visiting every pane and going to the end of each.
tmux -L rapport-bench kill-server 2>/dev/null || true
tmux -L rapport-bench new-session -d -x 120 -y 40 "$bin --db $db"
sleep 2
for pane in 2 3 4 5; do tmux -L rapport-bench send-keys "$pane"; sleep 0.5; tmux -L rapport-bench send-keys G; sleep 0.5; done
pid=$(pgrep -n -f "$bin --db $db")
hwm=$(awk '/VmHWM/{print $2}' "/proc/$pid/status")
tmux -L rapport-bench send-keys q; sleep 0.5; tmux -L rapport-bench kill-server 2>/dev/null || true
row "TUI peak resident memory after every pane and its end (VmHWM)" "$((hwm / 1024)) MB" "≤ 40 MB"

# taskwarrior with the same number of items, twice: shaped like the demo (a few hundred
# pending, the rest completed, so taskwarrior reads only its small pending file for most
# commands) and all pending, as the issue measured it. rapport's side lists the same
# share: the open issues, or every issue (--all) against 100,000 pending tasks.
taskwarrior() { # $1: label, $2: every Nth task pending, $3: rapport list flags
  export TASKRC=$work/taskrc-$2 TASKDATA=$work/task-$2
  mkdir -p "$TASKDATA"
  printf 'data.location=%s\nconfirmation=off\nverbose=nothing\n' "$TASKDATA" > "$TASKRC"
  python3 - "$work/tasks-$2.json" "$2" <<'PY'
import json, sys, uuid, random
random.seed(1)
every = int(sys.argv[2])
with open(sys.argv[1], "w") as f:
    for i in range(100000):
        t = {"uuid": str(uuid.UUID(int=random.getrandbits(128))), "description": f"The checkout problem {i}",
             "status": "pending" if i % every == 0 else "completed", "entry": "20240101T000000Z", "project": f"p{i % 40}"}
        if t["status"] == "completed":
            t["end"] = "20240102T000000Z"
        f.write(json.dumps(t) + "\n")
PY
  /usr/bin/time -f "%e %M" -o "$work/task-import.tm" task import "$work/tasks-$2.json" >/dev/null 2>&1
  rm -f "$work/tw.sqlite3"*
  /usr/bin/time -f "%e %M" -o "$work/rapport-import.tm" "$bin" --db "$work/tw.sqlite3" import --from taskwarrior "$work/tasks-$2.json" >/dev/null
  read -r ts tm < "$work/task-import.tm"; read -r rs rm_ < "$work/rapport-import.tm"
  row "$1: import 100,000 tasks, \`task import\` / \`rapport import --from taskwarrior\`" "${ts} s, $((tm / 1024)) MB / ${rs} s, $((rm_ / 1024)) MB" "rapport ≤ 3 s"
  cp "$db" "$work/c.sqlite3"
  row "$1: add one item, \`task add\` / \`rapport issue add\`" \
    "$(median 5 "task rc.gc=off add Bench task" "$bin --db $work/c.sqlite3 issue add Bench --project 1")" "rapport two orders of magnitude faster"
  row "$1: count, \`task count\` / \`rapport issue list --count $3\`" \
    "$(median 5 "task rc.gc=off count" "$bin --db $db issue list --count $3")" ""
  row "$1: list, \`task list\` / \`rapport issue list --json $3\`" \
    "$(median 5 "task rc.gc=off list" "$bin --db $db issue list --json $3")" ""
  /usr/bin/time -f "%M" -o "$work/task.mem" task rc.gc=off list >/dev/null 2>&1 || true
  /usr/bin/time -f "%M" -o "$work/rapport.mem" "$bin" --db "$db" issue list --json $3 >/dev/null 2>&1 || true
  row "$1: peak memory of the list, taskwarrior / rapport" "$(( $(cat "$work/task.mem") / 1024 )) MB / $(( $(cat "$work/rapport.mem") / 1024 )) MB" ""
}
# Moving a file: the large demo (10,000 issues, 100,000 log entries, ...) exported, imported
# into an empty file, exported again (byte-identical).
large=$work/large.sqlite3
rm -f "$large"* "$work/large2.sqlite3"*
"$bin" --db "$large" demo --scale large >/dev/null
/usr/bin/time -f "%e %M" -o "$work/export.tm" "$bin" --db "$large" export -o "$work/large.jsonl" >/dev/null
/usr/bin/time -f "%e %M" -o "$work/import.tm" "$bin" --db "$work/large2.sqlite3" import "$work/large.jsonl" >/dev/null
"$bin" --db "$work/large2.sqlite3" export -o "$work/large2.jsonl" >/dev/null
cmp -s "$work/large.jsonl" "$work/large2.jsonl" && same="byte-identical" || same="DIFFERENT"
read -r es em < "$work/export.tm"; read -r is im < "$work/import.tm"
row "export the large demo ($(wc -l < "$work/large.jsonl") lines, $(du -m "$work/large.jsonl" | cut -f1) MB)" "${es} s, $((em / 1024)) MB peak" "at disk speed"
row "import it into an empty file (re-export $same)" "${is} s, $((im / 1024)) MB peak" "≤ 3 s"

if command -v task >/dev/null; then
  taskwarrior "300 pending + 99,700 completed tasks" 333 ""
  taskwarrior "100,000 pending tasks" 1 "--all"
else
  echo "(taskwarrior rows left out: no \`task\`; apt-get install taskwarrior)"
fi

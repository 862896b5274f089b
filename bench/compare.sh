#!/usr/bin/env bash
# Times whole commands side by side in one run, on the huge demo database, and the closest
# peer a terminal user would reach for: taskwarrior loaded with the same number of items.
# Prints a Markdown table (paste it into bench/RESULTS.md). Needs: hyperfine, sqlite3, tmux,
# taskwarrior (apt-get install hyperfine sqlite3 tmux taskwarrior). Not run by CI: it takes
# a few minutes and generates ~600 MB.
set -euo pipefail
cd "$(dirname "$0")/.."

# `bench/compare.sh portfolio`: only the portfolio's whole-process budgets (issue 13) over 50
# client files made by `rapport demo --clients 50`; needs python3 alone (medians of 30 runs).
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

for tool in hyperfine sqlite3 tmux task python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install hyperfine sqlite3 tmux taskwarrior)"; exit 1; }
done

work=${RAPPORT_BENCH_DIR:-$(mktemp -d)}
export TZ=UTC RAPPORT_NOW=2026-11-18T09:00:00Z
cargo build --release --quiet
bin=$PWD/target/release/rapport
db=$work/huge.sqlite3
json=$work/hyperfine.json

row() { printf '| %s | %s | %s |\n' "$1" "$2" "$3"; }
median_ms() { python3 -c "import json,sys; r=json.load(open('$json'))['results']; print(' / '.join(f\"{x['median']*1000:.1f} ms\" for x in r))"; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "rapport $($bin --version | cut -d' ' -f2), sqlite3 $(sqlite3 --version | cut -d' ' -f1), taskwarrior $(task --version)"
echo
echo "| what | measured | budget / comparison |"
echo "| --- | --- | --- |"

rm -f "$db"*
start=$(date +%s.%N)
$bin --db "$db" demo --scale huge >/dev/null
gen=$(python3 -c "print(f'{$(date +%s.%N) - $start:.1f} s')")
row "\`rapport demo --scale huge\` (100k issues, 300k updates, 50k expectations, 1M log)" "$gen" "≤ 60 s"

select="SELECT i.*, p.name FROM issues i JOIN projects p ON p.id = i.project_id WHERE i.archived_at IS NULL AND i.is_open = 1 ORDER BY i.severity_rank, i.id DESC"
hyperfine -N --warmup 3 --runs 30 --export-json "$json" \
  "$bin --db $db issue list --json" "sqlite3 -json $db '$select'" >/dev/null
row "\`rapport issue list --json\` (open issues) vs \`sqlite3 -json\` same SELECT" "$(median_ms)" "≤ 1.5 × sqlite3"

hyperfine -N --warmup 3 --runs 30 --export-json "$json" "$bin --db $db search checkout --json" "$bin --db $db search 白屏 --json" >/dev/null
row "\`rapport search TEXT --json\` over 1.45 M rows: common word / 2 Chinese characters" "$(median_ms)" "≤ 50 ms"

# One durable insert each, on copies of the same file (synchronous=FULL in both).
cp "$db" "$work/a.sqlite3"; cp "$db" "$work/b.sqlite3"
cat > "$work/insert.sql" <<'SQL'
PRAGMA synchronous=FULL;
INSERT INTO issues (project_id, title, severity, status, detected_at, created_at, updated_at)
VALUES (1, 'Bench issue', 'high', 'new', '2026-11-18T09:00:00Z', '2026-11-18T09:00:00Z', '2026-11-18T09:00:00Z');
SQL
hyperfine -N --warmup 2 --runs 20 --export-json "$json" \
  "$bin --db $work/a.sqlite3 issue add Bench --project 1 --severity high" \
  "sqlite3 $work/b.sqlite3 .read\ $work/insert.sql" >/dev/null
row "\`rapport issue add\` (rules, draft, one commit) vs sqlite3 one INSERT, synchronous=FULL" "$(median_ms)" "≤ 3 × sqlite3"

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
  hyperfine -N --warmup 1 --runs 5 --export-json "$json" "task rc.gc=off add Bench task" "$bin --db $work/c.sqlite3 issue add Bench --project 1" >/dev/null
  row "$1: add one item, \`task add\` / \`rapport issue add\`" "$(median_ms)" "rapport two orders of magnitude faster"
  hyperfine -N --warmup 1 --runs 5 --export-json "$json" "task rc.gc=off count" "$bin --db $db issue list --count $3" >/dev/null
  row "$1: count, \`task count\` / \`rapport issue list --count $3\`" "$(median_ms)" ""
  hyperfine -N --warmup 1 --runs 5 --export-json "$json" "task rc.gc=off list" "$bin --db $db issue list --json $3" >/dev/null
  row "$1: list, \`task list\` / \`rapport issue list --json $3\`" "$(median_ms)" ""
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

taskwarrior "300 pending + 99,700 completed tasks" 333 ""
taskwarrior "100,000 pending tasks" 1 "--all"

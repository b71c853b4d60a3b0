#!/usr/bin/env bash
# The seed's way of driving the skills database, reproduced on cfn's schema so `cfn bench
# --baseline` can print "ours vs theirs" measured in the same run on the same data: bash, with
# one `sqlite3` CLI process per statement, as the original's deploy-approved-skill.sh and
# propagate-skill-update.sh do (no transaction spans two calls).
#
# Usage: bench/seed-baseline.sh [--quick] DB
#   DB  a copy of a `cfn bench` database; it is modified (versions, mappings, usage rows added).
# Output on stdout: one line per measured call, "<operation><TAB><microseconds>", operations:
#   load, log, deploy, update, analytics_<report>, concurrent_20, bulk_import.
# Progress goes to stderr. Needs bash 5 ($EPOCHREALTIME), sqlite3 and sha256sum.
set -euo pipefail

quick=false
if [ "${1:-}" = "--quick" ]; then
  quick=true
  shift
fi
if [ $# -ne 1 ] || [ ! -f "$1" ]; then
  echo "usage: seed-baseline.sh [--quick] DB (an existing cfn bench database)" >&2
  exit 2
fi
command -v sqlite3 >/dev/null || { echo "seed-baseline.sh: sqlite3 is not installed (apt-get install sqlite3)" >&2; exit 1; }

db=$1
work=$(mktemp -d "${TMPDIR:-/tmp}/cfn-seed-baseline.XXXXXX")
trap 'rm -rf "$work"' EXIT
jsonl=$work/usage.jsonl

if $quick; then n=5; n_analytics=5; rounds=5; imports=1; else n=30; n_analytics=20; rounds=20; imports=3; fi

q() { sqlite3 "$db" "$1"; }                 # the seed: sqlite3 "$DB" "SQL", one process per statement
now_us() { echo "${EPOCHREALTIME/./}"; }    # microseconds, without forking date(1)
now_ms() { local us; us=$(now_us); echo $((us / 1000)); }
emit() { printf '%s\t%s\n' "$1" $(($3 - $2)); }
note() { echo "seed-baseline: $*" >&2; }

# Untimed look-ups of the generated names.
mapfile -t agents < <(q "SELECT DISTINCT agent_type FROM agent_skill_mappings ORDER BY agent_type LIMIT 200")
mapfile -t auto_skills < <(q "SELECT name FROM skills WHERE approval_level = 'auto' AND status = 'active' ORDER BY id LIMIT 200")
mapfile -t all_skills < <(q "SELECT name FROM skills ORDER BY id LIMIT 200")

load_sql() {
  echo "SELECT s.name, v.version, v.content_hash, v.content, m.priority, m.required, m.conditions
    FROM agent_skill_mappings m JOIN skills s ON s.id = m.skill_id
    JOIN skill_versions v ON v.id = COALESCE(m.pinned_version_id, s.deployed_version_id)
    WHERE m.agent_type = '$1' AND m.enabled = 1 AND s.status = 'active'
    ORDER BY m.required DESC, m.priority, s.name"
}

# ---- load: one query call -------------------------------------------------------------------
note "load"
for ((i = 0; i < n; i++)); do
  sql=$(load_sql "${agents[i % ${#agents[@]}]}")
  t0=$(now_us); result=$(q "$sql"); t1=$(now_us)
  emit load "$t0" "$t1"
done

# ---- dual logging: one insert call, then the JSON line ------------------------------------------
note "log"
for ((i = 0; i < n; i++)); do
  agent=${agents[i % ${#agents[@]}]}
  skill=${all_skills[i % ${#all_skills[@]}]}
  t0=$(now_us)
  ts=$(now_ms)
  q "INSERT INTO skill_usage_log (agent_id, agent_type, skill_id, skill_version, task_id, phase, exit_code,
       duration_ms, confidence_before, confidence_after, created_ms)
     SELECT '$agent-1', '$agent', s.id, v.version, 'task-$i', 'loop3', 0, 1500, 0.7, 0.85, $ts
     FROM skills s LEFT JOIN skill_versions v ON v.id = s.deployed_version_id WHERE s.name = '$skill'"
  printf '{"ts_ms":%s,"agent_id":"%s-1","agent_type":"%s","skill":"%s","exit_code":0}\n' \
    "$ts" "$agent" "$agent" "$skill" >>"$jsonl"
  t1=$(now_us)
  emit log "$t0" "$t1"
done

# ---- deployment: deploy-approved-skill.sh's steps, each a separate call --------------------------
note "deploy"
for ((i = 0; i < n; i++)); do
  skill=${all_skills[i % ${#all_skills[@]}]}
  t0=$(now_us)
  [[ $skill =~ ^[a-z0-9-]+$ ]] || exit 1
  id=$(q "SELECT id FROM skills WHERE name = '$skill' AND status = 'active'")
  vid=$(q "SELECT id FROM skill_versions WHERE skill_id = $id AND state = 'approved'
           ORDER BY major DESC, minor DESC, patch DESC LIMIT 1")
  ts=$(now_ms)
  q "UPDATE skills SET deployed_version_id = $vid, updated_ms = $ts WHERE id = $id"
  for ((k = 0; k < 3; k++)); do
    agent=${agents[(i * 7 + k) % ${#agents[@]}]}
    [[ $agent =~ ^[a-zA-Z0-9_-]+$ ]] || exit 1
    exists=$(q "SELECT COUNT(*) FROM agent_skill_mappings WHERE agent_type = '$agent' AND skill_id = $id")
    if [ "$exists" = "0" ]; then
      q "INSERT INTO agent_skill_mappings (agent_type, skill_id, priority, required, enabled, created_ms, updated_ms)
         VALUES ('$agent', $id, $((1 + i % 10)), 0, 1, $ts, $ts)"
    else
      q "UPDATE agent_skill_mappings SET priority = $((1 + i % 10)), enabled = 1, updated_ms = $ts
         WHERE agent_type = '$agent' AND skill_id = $id"
    fi
  done
  t1=$(now_us)
  emit deploy "$t0" "$t1"
done

# ---- update: propagate-skill-update.sh, 5 sqlite3 calls plus sha256sum and sed -------------------
skill_md() { # name version category revision
  printf -- '---\nname: %s\ndescription: Generated benchmark skill %s for %s work.\nversion: %s\ncategory: %s\n' \
    "$1" "$1" "$3" "$2" "$3"
  printf -- 'tags: [bench, %s, generated]\n---\n# %s\n\nRevision %s of a generated skill.\n' "$3" "$1" "$4"
  for ((p = 0; p < 12; p++)); do
    printf 'Work in small steps. After each step run the narrowest test that covers it, and keep the change.\n'
  done
}

note "update"
declare -A patch
for ((i = 0; i < n; i++)); do
  name=${auto_skills[i % ${#auto_skills[@]}]}
  patch[$name]=$((${patch[$name]:-0} + 1))
  new="1.0.${patch[$name]}"
  mkdir -p "$work/update/$name-$new"
  file=$work/update/$name-$new/SKILL.md       # a new file per update, as cfn bench does
  skill_md "$name" "$new" coordination "$i" >"$file"

  t0=$(now_us)
  [[ $new =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] && [ -r "$file" ] || exit 1
  count=$(q "SELECT COUNT(*) FROM skills WHERE name = '$name'")                                  # 1
  [ "$count" = "1" ] || exit 4
  IFS='|' read -r id current old_hash < <(q "SELECT s.id, v.version, v.content_hash FROM skills s
      JOIN skill_versions v ON v.id = s.latest_version_id WHERE s.name = '$name'")             # 2
  IFS=. read -r cmaj cmin cpat <<<"$current"
  IFS=. read -r nmaj nmin npat <<<"$new"
  if ((nmaj > cmaj)); then change=major; elif ((nmaj == cmaj && nmin > cmin)); then change=minor
  elif ((nmaj == cmaj && nmin == cmin && npat > cpat)); then change=patch; else exit 5; fi
  [ "$change" = patch ] || exit 5
  new_hash=$(sha256sum "$file"); new_hash=${new_hash%% *}
  [ "$new_hash" != "$old_hash" ] || exit 6
  category=$(sed -n 's/^category: *//p' "$file")
  ts=$(now_ms)
  q "INSERT INTO skill_versions (skill_id, version, major, minor, patch, content, content_hash, front_matter,
       source_path, category, approval_level, state, created_ms, decided_ms)
     VALUES ($id, '$new', $nmaj, $nmin, $npat, CAST(readfile('$file') AS TEXT), '$new_hash', '{}', '$file',
       '$category', 'auto', 'approved', $ts, $ts)"                                                 # 3
  q "UPDATE skills SET latest_version_id = (SELECT id FROM skill_versions WHERE skill_id = $id AND major = $nmaj
       AND minor = $nmin AND patch = $npat), deployed_version_id = (SELECT id FROM skill_versions
       WHERE skill_id = $id AND major = $nmaj AND minor = $nmin AND patch = $npat),
       category = '$category', updated_ms = $ts WHERE id = $id"                                    # 4
  q "INSERT INTO approval_history (skill_id, version_id, version, approval_level, approver, decision, reasoning,
       created_ms) SELECT $id, id, '$new', 'auto', 'phase4-edge-case-tracker', 'approved',
       '{\"change_type\":\"$change\",\"source\":\"phase4-edge-case-tracker\"}', $ts FROM skill_versions
       WHERE skill_id = $id AND major = $nmaj AND minor = $nmin AND patch = $npat"                # 5
  t1=$(now_us)
  emit update "$t0" "$t1"
done

# ---- analytics: one call per report, the same SQL as cfn's ---------------------------------------
now=$(now_ms)
since=$((now - 30 * 86400000))
declare -A reports=(
  [effectiveness]="SELECT s.approval_level, COUNT(DISTINCT u.skill_id), COUNT(*), AVG(u.confidence_after - u.confidence_before),
     AVG(u.duration_ms) FROM skill_usage_log u JOIN skills s ON s.id = u.skill_id WHERE u.created_ms >= $since
     AND u.confidence_before IS NOT NULL AND u.confidence_after IS NOT NULL GROUP BY s.approval_level ORDER BY s.approval_level"
  [velocity]="SELECT h.approval_level, h.decision, COUNT(*), AVG((h.created_ms - v.created_ms) / 86400000.0),
     SUM(CASE WHEN h.created_ms - v.created_ms <= 604800000 THEN 1 ELSE 0 END) FROM approval_history h
     JOIN skill_versions v ON v.id = h.version_id WHERE h.created_ms >= $since
     GROUP BY h.approval_level, h.decision ORDER BY h.approval_level, h.decision"
  [bottlenecks]="SELECT s.name, v.version, v.approval_level, v.state, ($now - v.created_ms) / 86400000.0
     FROM skill_versions v JOIN skills s ON s.id = v.skill_id WHERE v.state IN ('pending', 'escalated', 'needs_correction')
     AND s.status = 'active' ORDER BY v.created_ms, v.id LIMIT 10"
  [by_approval]="SELECT approval_level, status, COUNT(*) FROM skills GROUP BY approval_level, status ORDER BY approval_level, status"
  [usage]="SELECT s.name, COUNT(*) AS uses, AVG(u.duration_ms), SUM(CASE WHEN u.exit_code = 0 THEN 1 ELSE 0 END),
     MAX(u.created_ms) FROM skill_usage_log u JOIN skills s ON s.id = u.skill_id WHERE u.created_ms >= $since
     GROUP BY s.name ORDER BY uses DESC, s.name LIMIT 20"
)
for report in effectiveness velocity bottlenecks by_approval usage; do
  note "analytics $report"
  for ((i = 0; i < n_analytics; i++)); do
    t0=$(now_us); result=$(q "${reports[$report]}"); t1=$(now_us)
    emit "analytics_$report" "$t0" "$t1"
  done
done

# ---- 20 concurrent queries: 20 sqlite3 processes at once, the wall time --------------------------
note "20 concurrent queries"
for ((r = 0; r < rounds; r++)); do
  t0=$(now_us)
  for ((t = 0; t < 20; t++)); do
    q "$(load_sql "${agents[(r * 20 + t) % ${#agents[@]}]}")" >/dev/null &
  done
  wait
  t1=$(now_us)
  emit concurrent_20 "$t0" "$t1"
done

# ---- bulk import of 1,000 skills: the seed's batch pattern (one heredoc transaction) -------------
# Each file is hashed with sha256sum and its front matter read by bash, as the seed's scripts do;
# all INSERTs then go to one sqlite3 process inside BEGIN ... COMMIT.
for ((r = 0; r < imports; r++)); do
  note "bulk import $((r + 1))/$imports"
  dir=$work/import-$r
  dirs=()
  for ((i = 0; i < 1000; i++)); do dirs+=("$dir/seed-bulk-$r-$(printf %04d "$i")"); done
  mkdir -p "${dirs[@]}"
  cats=(coordination foundation testing infrastructure domain)
  for ((i = 0; i < 1000; i++)); do
    skill_md "seed-bulk-$r-$(printf %04d "$i")" 1.0.0 "${cats[i % 5]}" "$i" >"${dirs[i]}/SKILL.md"
  done

  t0=$(now_us)
  ts=$(now_ms)
  sql="BEGIN TRANSACTION;"
  for f in "$dir"/*/SKILL.md; do
    h=$(sha256sum "$f"); h=${h%% *}
    name='' version='' category=domain
    while IFS= read -r line; do
      case $line in
        name:*) name=${line#name: } ;;
        version:*) version=${line#version: } ;;
        category:*) category=${line#category: } ;;
        ---) [ -n "$name" ] && break ;;
      esac
    done <"$f"
    case $category in
      coordination | foundation | testing) level=auto state=approved ;;
      infrastructure) level=escalate state=pending ;;
      *) level=human state=pending ;;
    esac
    sql+="INSERT INTO skills (name, category, approval_level, status, created_ms, updated_ms)
          VALUES ('$name', '$category', '$level', 'active', $ts, $ts);
          INSERT INTO skill_versions (skill_id, version, major, minor, patch, content, content_hash, front_matter,
            source_path, category, approval_level, state, created_ms)
          VALUES (last_insert_rowid(), '$version', 1, 0, 0, CAST(readfile('$f') AS TEXT), '$h', '{}', '$f',
            '$category', '$level', '$state', $ts);
          UPDATE skills SET latest_version_id = last_insert_rowid() WHERE name = '$name';"
    if [ "$level" = auto ]; then
      sql+="INSERT INTO approval_history (skill_id, version_id, version, approval_level, approver, decision,
              reasoning, created_ms) SELECT id, latest_version_id, '$version', 'auto', 'system', 'approved',
              'auto-approved', $ts FROM skills WHERE name = '$name';"
    fi
  done
  sql+="COMMIT;"
  printf '%s\n' "$sql" | sqlite3 "$db"
  t1=$(now_us)
  emit bulk_import "$t0" "$t1"
done
note "done"

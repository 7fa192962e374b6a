#!/usr/bin/env bash
# mutate.sh — does the suite bite? Copies the tree to a scratch directory, then breaks one
# feature at a time (the loader, each load stage, the command table, the console, batch exit
# codes, config, Redshift SQL, the pipeline lock, the run log, incremental loading), runs the full `make check` on each broken copy and reports
# which breakage the suite caught. Every one must be caught: a missed one is a feature no test
# pins. Not part of `make check` (it runs the suite once per breakage: many minutes).
#
#   bash tests/mutate.sh            every breakage
#   bash tests/mutate.sh NAME...    only those (names as listed by --list)
#   bash tests/mutate.sh --list
#   bash tests/mutate.sh --dry      apply each breakage to a copy and say whether it applies
#
# Exit 0 when every breakage run was caught, 1 when one was missed or did not apply.
set -u
cd "$(dirname "$0")/.."
ROOT=$(pwd)

# mutant NAME FILE SED-EXPRESSION WHAT: one breakage (the expression must change the file)
NAMES=() FILES=() EXPRS=() WHATS=()
mutant() { NAMES+=("$1"); FILES+=("$2"); EXPRS+=("$3"); WHATS+=("$4"); }
mutant loader-columns src/load/copy_row.c 's/{ "lastName", "last_name"/{ "firstName", "last_name"/' \
	"the loader fills last_name from firstName"
mutant loader-hidden src/load/files.c 's/return d->d_name\[0\] != '\''\.'\'';/return strcmp(d->d_name, ".") \&\& strcmp(d->d_name, "..");/' \
	"the loader reads hidden .ipynb_checkpoints copies too"
mutant stage-songs src/load/copy_row.c 's/{ "duration", "duration", COL_FLOAT8 }/{ "year", "duration", COL_FLOAT8 }/' \
	"stage songs fills duration from year"
mutant stage-events-replace src/etl/loader.c 's/ld->errtable && db_exec(s, sql) != DWH_OK/0/' \
	"a stage keeps the old load_errors rows"
mutant load-songplays sql/postgres/load_songplays.sql 's/ AND m.duration = e.length//' \
	"load songplays matches songs without the duration"
mutant load-users sql/postgres/load_users.sql 's/max(COALESCE(ts, -1))/min(COALESCE(ts, -1))/' \
	"load users takes the first event, not the latest"
mutant load-songs sql/postgres/load_songs.sql 's/ AND title IS NOT NULL AND artist_id IS NOT NULL$/ AND title IS NOT NULL/' \
	"load songs keeps songs with no artist_id"
mutant load-artists sql/postgres/load_artists.sql 's/artist_longitude IS NULL THEN 1 ELSE 0 END/artist_longitude IS NULL THEN 0 ELSE 1 END/' \
	"load artists prefers the spelling without coordinates"
mutant load-time sql/postgres/load_time.sql 's/date_part('\''dow'\'', start_time)/date_part('\''isodow'\'', start_time)/' \
	"load time numbers weekdays from Monday (isodow)"
mutant cmd-table src/cmd/cmd_table.c '/^	&cmd_check,$/d' \
	"the check command is missing from the table"
mutant cmd-args src/cmd/cmd_stage.c 's/\.max_args = 7,/.max_args = 1,/' \
	"stage takes one word at most"
mutant cmd-usage src/cmd/cmd.c 's/"usage: %s %s", c->name, c->args/"usage: %s", c->name/' \
	"usage lines lose their arguments"
mutant console-cancel src/tui/tui.c 's/case 3:                 \/\* Ctrl-C \*\//case 300:/' \
	"Ctrl-C no longer cancels in the console"
mutant console-password src/tui/password.c 's/draw_text(u, r.y, 0, r.w, 0, u->pw.prompt, EL_PROMPT)/draw_text(u, r.y, 0, r.w, 0, u->pw.buf, EL_PROMPT)/' \
	"the console echoes the password it reads"
mutant batch-exit src/batch/batch.c 's/? rc : DWH_ESCRIPT;/? rc : DWH_FAIL;/' \
	"a failing script exits 1 instead of 3"
mutant config-quotes src/base/config.c 's/if (n >= 2 && (s\[0\] == '\''\\'\'''\''/if (0 \&\& n >= 2 \&\& (s[0] == '\''\\'\'''\''/' \
	"dwh.cfg values keep their quotes"
mutant redshift-load sql/redshift/load_songplays.sql 's/AND m.duration = e.length/AND 1 = 1/' \
	"Redshift's load songplays ignores the duration"
mutant redshift-copy sql/redshift/stage_events.sql 's/^REGION :'\''REGION'\'';$/REGION '\''us-west-2'\'';/' \
	"Redshift's COPY ignores the configured region"
mutant pipelock-never-taken src/etl/pipelock.c 's/"SELECT pg_try_advisory_lock(" LOCK_KEY "), "/"SELECT true, "/' \
	"the pipeline lock is never taken: two pipelines run at once"
mutant pipelock-not-refused src/etl/pipelock.c 's/got = PQgetvalue(res, 0, 0)\[0\] == '\''t'\'';/got = true;/' \
	"a second dwh is not refused when the pipeline lock is held"
mutant pipelock-holder src/etl/pipelock.c 's/^\t\tdescribe(PQgetvalue(res, 0, 0)/\t\tif (0) describe(PQgetvalue(res, 0, 0)/' \
	"a refused dwh is not told who holds the pipeline"
mutant runlog-failed-done src/etl/runlog.c 's/s->interrupted ? "cancelled" : "failed"/s->interrupted ? "cancelled" : "done"/' \
	"the run log records a failed stage as done"
mutant runlog-no-row src/etl/runlog.c 's/^\tclock_gettime(CLOCK_REALTIME, &now);$/\treturn DWH_OK;/' \
	"the run log's row is never written"
mutant runlog-never-stale src/etl/runlog.c 's/fin\[j\] > fin\[i\] &&/fin[j] < 0 \&\&/' \
	"a stage is not stale when a stage it reads from ran after it"
mutant incremental-known-new src/etl/incremental.c 's/"WHERE stage = \$1", 1, p);/"WHERE stage <> $1", 1, p);/' \
	"--new takes every file loaded before as new"
mutant incremental-touched src/etl/incremental.c 's/return 0; *\/\* touched, not changed \*\//return 1;/' \
	"--new loads a file again that was only touched"
mutant incremental-changed src/etl/incremental.c 's/^\tif (ld->changed)$/\tif (1)/' \
	"--new loads a changed file again without --changed"
mutant stream-lockwait src/db/stream.c 's/^		lockwait_await(s, \&w);$/		;/' \
	"typed SQL and export wait for a lock without saying who holds it"
mutant copy-lockwait src/db/stream.c 's/^	lockwait_await(s, \&w);$/	;/' \
	"copy waits for a lock at its start without saying who holds it"
mutant stream-values src/db/stream.c 's/null ? NULL : PQgetvalue(res, 0, c),/null ? NULL : PQgetvalue(res, 0, 0),/' \
	"streamed rows show their first column's value in every column"
mutant copy-put src/db/stream.c 's/PQputCopyData(s->conn, data, (int)n) == 1/PQputCopyData(s->conn, data, (int)n - 1) == 1/' \
	"COPY FROM STDIN drops the last byte of every chunk it sends"
mutant lockwait-late src/db/lockwait.c 's/^#define FIRST_LOOK 0\.5 /#define FIRST_LOOK 5.0 /' \
	"the lock watcher first looks after five seconds, not half a second"
mutant lockwait-holder src/db/lockwait.c 's/who = atoi(PQgetvalue(r, 0, 0));/who = atoi(PQgetvalue(r, 0, 0)) + 1;/' \
	"the lock watcher names the wrong pid"
mutant lockwait-stays src/db/lockwait.c 's/^		dwh_waiting(s, NULL);$/		(void)s;/' \
	"a lock wait stays in the status bar after the lock is gone"

mutant conn-switch-settings src/db/conn.c '/^enum dwh_rc conn_switch_db/,/^}/s/return after_connect(s);/return describe(s);/' \
	"\\c skips the after-connect step: the new connection has no --lock-timeout"
mutant conn-reset-settings src/db/conn.c '/^enum dwh_rc conn_reset/,/^}/s/if ((rc = after_connect(s)) != DWH_OK)/if ((rc = describe(s)) != DWH_OK)/' \
	"the reset after a lost connection skips the after-connect step (no --lock-timeout)"
mutant conn-lock-timeout src/db/conn.c 's/"SET lock_timeout = %s", lit/"SELECT %s", lit/' \
	"the after-connect step skips the lock timeout"
mutant conn-hooks src/db/conn.c 's/		s->on_connect\[i\](s);/		(void)s->on_connect[i];/' \
	"on-connect hooks never run: a stage pair a crash cut short stays prepared"
mutant conn-serverless src/db/conn.c 's/s->server.serverless = PQresultStatus(res) != PGRES_TUPLES_OK;/s->server.serverless = false;/' \
	"engine detection takes every Redshift behind an unnamed endpoint for a provisioned cluster"
mutant stage-pair-error src/etl/stage.c 's/			s->err = two.err;/			err_clear(\&two.err);/' \
	"a stage pair whose songs part failed reports the events side's error, not the songs one"
mutant stage-pair-beside src/db/conn.c 's/if ((rc = after_connect(two)) != DWH_OK) {/if ((rc = describe(two)) != DWH_OK) {/' \
	"stage's second connection is not prepared like the first (no --lock-timeout on the songs part)"
mutant redshift-load-unlocked sql/redshift/load_users.sql '/^LOCK dwh_lock;$/d' \
	"Redshift's load users runs without the pipeline lock (a second run is neither refused nor queued)"

if [ "${1:-}" = "--list" ]; then
	for k in "${!NAMES[@]}"; do printf '%-22s %s\n' "${NAMES[$k]}" "${WHATS[$k]}"; done
	exit 0
fi
if [ "${1:-}" = "--dry" ]; then
	bad=0
	for k in "${!NAMES[@]}"; do
		if sed -e "${EXPRS[$k]}" "${FILES[$k]}" | cmp -s - "${FILES[$k]}"; then
			echo "NOT APPLIED ${NAMES[$k]}"; bad=1
		else
			echo "applies     ${NAMES[$k]}"
		fi
	done
	exit $bad
fi
want=" $* "

SCRATCH=$(mktemp -d /tmp/dwh-mutate.XXXXXX)
chmod 755 "$SCRATCH"    # tests run parts as an unprivileged account (the server's), as in a clone
trap 'rm -rf "$SCRATCH"' EXIT
# the tree as git sees it (tracked and new files, nothing ignored): no build, no ../shared
git ls-files -co --exclude-standard -z | tar -c --null -T - -f - | tar -x -C "$SCRATCH" -f -
cd "$SCRATCH"

# check LOG: the full suite on the scratch tree; 0 when it is green
check() { make check >"$1" 2>&1; }

# the test script a FAIL line belongs to ("FAIL it_x: ..." -> it_x)
fail_scripts() { sed -n 's/^FAIL \(it_[a-z0-9_]*\):.*/\1/p; s/^FAIL \(unit\):.*/\1/p' "$1" | sort -u; }

echo "mutate: baseline (no breakage) in $SCRATCH"
FLAKY=""
if ! check "$SCRATCH/baseline.log" && ! grep -qE '^[0-9]+ passed, ' "$SCRATCH/baseline.log"; then
	echo "mutate: the unbroken tree does not build or its suite did not finish:"
	grep -m5 'error' "$SCRATCH/baseline.log"
	exit 1
elif ! grep -qE '^[0-9]+ passed, 0 failed' "$SCRATCH/baseline.log"; then
	# a test that fails on the unbroken tree and passes when run again alone is timing-flaky
	# on this (loaded) machine: say so, and never count a catch that only it made
	for t in $(fail_scripts "$SCRATCH/baseline.log"); do
		if [ "$t" != unit ] && T=$t make check >"$SCRATCH/rerun.log" 2>&1; then
			FLAKY="$FLAKY $t"
		else
			echo "mutate: the unbroken tree is not green ($t fails again); fix that first:"
			grep '^  FAIL' "$SCRATCH/baseline.log" | tail -n 20
			exit 1
		fi
	done
	echo "mutate: flaky on this machine (failed once, passed alone):$FLAKY"
fi
echo "mutate: baseline green: $(grep -E '^[0-9]+ passed, ' "$SCRATCH/baseline.log" | tail -n1)"

caught=0 missed=0 broken=0
for k in "${!NAMES[@]}"; do
	name=${NAMES[$k]} file=${FILES[$k]} expr=${EXPRS[$k]} what=${WHATS[$k]}
	[ "$want" = "  " ] || case "$want" in *" $name "*) ;; *) continue;; esac
	cp "$file" "$SCRATCH/orig"
	sed -i -e "$expr" "$file"
	if cmp -s "$file" "$SCRATCH/orig"; then
		echo "NOT APPLIED $name: '$expr' changed nothing in $file"
		broken=$((broken + 1))
		continue
	fi
	log="$SCRATCH/$name.log"
	t0=$(date +%s)
	if check "$log"; then
		echo "MISSED  $name ($what): make check stayed green"
		missed=$((missed + 1))
	elif ! grep -qE '^[0-9]+ passed, [1-9][0-9]* failed' "$log"; then
		# a breakage that does not build tests the compiler, not the suite
		echo "NOT APPLIED $name: the broken tree did not build or the suite did not finish"
		grep -m3 'error' "$log" | sed 's/^/    /'
		broken=$((broken + 1))
	elif [ -n "$FLAKY" ] && [ -z "$(fail_scripts "$log" | grep -vxF -f <(printf '%s\n' $FLAKY))" ]; then
		echo "MISSED  $name ($what): only tests flaky on this machine failed:$FLAKY"
		missed=$((missed + 1))
	else
		echo "caught  $name ($what) in $(( $(date +%s) - t0 )) s: $(grep -E '^[0-9]+ passed, ' "$log" | tail -n1)"
		# which tests caught it, so a flaky test is never taken for the catch
		grep -E '^FAIL ' "$log" | sort -u | head -n 4 | cut -c1-120 | sed 's/^/    /'
		caught=$((caught + 1))
	fi
	cp "$SCRATCH/orig" "$file"
	touch "$file"           # make rebuilds what the breakage built
done

echo "mutate: $caught caught, $missed missed, $broken not applied"
[ "$missed" -eq 0 ] && [ "$broken" -eq 0 ]

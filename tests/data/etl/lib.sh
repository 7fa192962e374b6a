# lib.sh — helpers for the transform tests (it_etl_*.sh, it_redshift_*.sh), sourced after
# tests/lib/lib.sh: fill staging from a data directory, and read the star schema's figures.

ETL_DATA="$T_ROOT/tests/data/etl"
ETL_MINI="$ETL_DATA/mini"
# The figures of tests/data/etl/mini (see README.md there): songplays matched users paid songs
# artists time, and the staging rows (events songs).
ETL_MINI_FIGURES="6 3 4 2 6 5 5"
ETL_MINI_STAGING="14 8"
ETL_SAMPLE_FIGURES="6820 1 97 22 71 69 6813"

# etl_stage DIR: fill staging from DIR/song_data and DIR/log_data with dwh's loader (the
# transforms are tested on what dwh itself staged). A failure is a FAIL, with dwh's output.
etl_stage() {
	if dwht --data "$1" -c 'stage songs' -c 'stage events' >"$T_TMP/stage.out" 2>&1; then
		t_pass "staged $(basename "$1") with dwh's loader"
		return 0
	fi
	t_fail "staged $(basename "$1") with dwh's loader" "$(head -c 2000 "$T_TMP/stage.out")"
	return 1
}

# gen_want DIR KEY: a figure of `dwh gen`'s DIR/expected.json; gen_figures DIR: its star figures
# in etl_figures' order
gen_want() { sed -n "s/^[[:space:]]*\"$2\":[[:space:]]*\([0-9]*\),*$/\1/p" "$1/expected.json"; }
gen_figures() {
	local k out=()
	for k in songplays songplays_matched users users_paid songs artists time; do out+=("$(gen_want "$1" "$k")"); done
	echo "${out[*]}"
}

# The star schema's figures in the order of ETL_*_FIGURES.
etl_figures() {
	sqlv "SELECT (SELECT count(*) FROM songplays) || ' ' || (SELECT count(song_id) FROM songplays)
	      || ' ' || (SELECT count(*) FROM users) || ' ' || (SELECT count(*) FROM users WHERE level = 'paid')
	      || ' ' || (SELECT count(*) FROM songs) || ' ' || (SELECT count(*) FROM artists)
	      || ' ' || (SELECT count(*) FROM time)"
}

etl_staging() {
	sqlv "SELECT (SELECT count(*) FROM staging_events) || ' ' || (SELECT count(*) FROM staging_songs)"
}

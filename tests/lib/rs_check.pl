#!/usr/bin/env perl
# rs_check.pl — would a Redshift cluster accept these statements? Reads a PostgreSQL server log
# (log_statement = all, log_line_prefix = '%p:%d:') from stdin, keeps the statements of
# database DB (argument 1), and checks each against Amazon's documented lists; prints one line
# per violation ("pid: rule: statement"), exits 1 when there is any.
#   rs_check.pl DB            check
#   rs_check.pl DB --dump     print the statements kept, \x1e-separated, as pid\x1fstatement
# The rules (research: /work/research/redshift-24.md):
# * Leader node-only functions, in a statement that also references a user table or an
#   STL/STV/SVL/SVV/SYS view ("Leader node–only functions": "A query that uses a leader-node
#   function must run exclusively on the leader node ... or it will return an error"; a query
#   of only PG catalog tables, or of no table, runs on the leader;
#   https://docs.aws.amazon.com/redshift/latest/dg/c_SQL_functions_leader_node_only.html).
# * Unsupported PostgreSQL functions, in such a statement too ("some unsupported functions will
#   not return an error when run on the leader node";
#   https://docs.aws.amazon.com/redshift/latest/dg/c_unsupported-postgresql-functions.html).
# * Syntax Redshift's grammar lacks, anywhere: DISTINCT ON (SELECT list), ON CONFLICT (INSERT),
#   aggregate FILTER (WHERE ...), object identifier casts (::regclass, "Unsupported PostgreSQL
#   data types"), IS DISTINCT FROM, LOCK ... IN ... MODE / NOWAIT (LOCK), SET lock_timeout (no
#   such parameter in the Configuration reference), COPY ... FROM STDIN, MAXERROR above 100000
#   ("Data load operations").
# * The pipeline lock: a transaction that writes (INSERT, DELETE, UPDATE, COPY) sends
#   LOCK dwh_lock as its first statement after BEGIN (dwh's own rule, README; LOCK:
#   https://docs.aws.amazon.com/redshift/latest/dg/r_LOCK.html).
use strict;
use warnings;

my ($db, $mode) = @ARGV;
die "usage: rs_check.pl DB [--dump]\n" unless defined $db;

# --- the statements of DB, in order, with their backend pid --------------------------------
my (@stmts, $cur);
sub flush_cur { push @stmts, $cur if $cur; $cur = undef; }
while (my $line = <STDIN>) {
	chomp $line;
	if ($line =~ /^(\d+):([^:]*):(LOG|ERROR|STATEMENT|DETAIL|HINT|WARNING|NOTICE|FATAL|CONTEXT|INFO):  (.*)$/) {
		my ($pid, $d, $kind, $msg) = ($1, $2, $3, $4);
		flush_cur();
		next unless $d eq $db;
		if ($kind eq 'LOG' && $msg =~ /^(?:statement|execute [^:]*): (.*)$/s) {
			$cur = { pid => $pid, sql => $1 };
		} elsif ($kind eq 'STATEMENT') {
			# a statement that failed to parse is logged only so; one that parsed was logged
			my ($last) = grep { $_->{pid} eq $pid } reverse @stmts;
			$cur = { pid => $pid, sql => $msg } unless $last && $last->{sql} eq $msg;
		}
	} elsif (defined $cur && $line =~ /^\t(.*)$/s) {
		$cur->{sql} .= "\n$1";
	} elsif ($line =~ /^\d+:/) {
		flush_cur();
	}
}
flush_cur();

if (defined $mode && $mode eq '--dump') {
	print "$_->{pid}\x1f$_->{sql}\x1e" for @stmts;
	exit 0;
}

# --- the rules ------------------------------------------------------------------------------
my @leader_only = qw(current_schema current_schemas has_database_privilege has_schema_privilege
	has_table_privilege age current_time current_timestamp localtime isfinite now getbit get_byte
	set_bit set_byte to_ascii substr factorial log);
my @unsupported = qw(pg_try_advisory_lock pg_advisory_lock pg_advisory_unlock
	pg_try_advisory_xact_lock pg_advisory_xact_lock pg_advisory_unlock_all string_agg array_agg
	every xmlagg corr covar_pop covar_samp clock_timestamp justify_days justify_hours
	justify_interval pg_sleep transaction_timestamp div setseed width_bucket generate_series
	generate_subscripts pg_table_is_visible pg_function_is_visible pg_get_userbyid pg_get_expr
	pg_get_viewdef pg_get_constraintdef pg_get_indexdef pg_get_triggerdef bit_length overlay
	convert convert_from convert_to encode format quote_nullable regexp_matches
	regexp_split_to_array regexp_split_to_table unnest array_to_string array_length
	pg_blocking_pids txid_current current_query pg_conf_load_time pg_postmaster_start_time
	pg_my_temp_schema pg_is_other_temp_schema pg_listening_channels pg_trigger_depth);
my $sqlword = qr/^(?:select|case|when|then|else|end|and|or|not|null|true|false|as|on|where|lateral|only)$/i;

# The statement without its comments and string literals (kept as '').
sub bare {
	my $s = shift;
	$s =~ s/--[^\n]*//g;
	$s =~ s/'(?:[^']|'')*'/''/g;
	$s =~ s/\$\d+/\$p/g;
	return $s;
}

# The relations a statement names after FROM, JOIN, INTO, UPDATE, LOCK, COPY, TABLE, USING.
sub relations {
	my $s = shift;
	$s =~ s/\bextract\s*\(\s*\w+\s+from\b/extract(/gi;
	$s =~ s/\btrim\s*\(\s*(?:both|leading|trailing)?[^()]*?\bfrom\b/trim(/gi;
	$s =~ s/\bsubstring\s*\([^()]*?\bfrom\b/substring(/gi;
	my @r;
	while ($s =~ /\b(?:from|join|into|update|lock|copy|table|using)\s+(?:only\s+)?("?[A-Za-z_][\w.\$"]*)/gi) {
		my $n = lc $1;
		$n =~ s/"//g;
		push @r, $n unless $n =~ $sqlword;
	}
	return @r;
}

# Whether a relation is a catalog one, answered by the leader node alone.
sub catalog_rel {
	my $n = shift;
	$n =~ s/^pg_catalog\.//;
	return 1 if $n =~ /^information_schema\./;
	return $n =~ /^pg_/;
}

my @bad;
sub bad { my ($st, $rule) = @_; (my $one = $st->{sql}) =~ s/\s+/ /g; push @bad, "$st->{pid}: $rule: " . substr($one, 0, 300); }

# the names a WITH clause defines are not tables
sub cte_names {
	my $s = shift;
	my %c;
	while ($s =~ /(?:\bwith|,)\s+(\w+)\s+as\s*\(/gi) { $c{lc $1} = 1; }
	return %c;
}

for my $st (@stmts) {
	my $s = bare($st->{sql});
	my %cte = cte_names($s);
	my @rel = grep { !$cte{$_} } relations($s);
	my $compute = grep { !catalog_rel($_) } @rel;
	if ($compute) {
		for my $f (@leader_only) {
			my $re = $f =~ /^(?:current_time|current_timestamp|localtime)$/ ? qr/\b$f\b/i : qr/\b$f\s*\(/i;
			bad($st, "leader-node-only function $f() on compute-node data (" . join(',', grep { !catalog_rel($_) } @rel) . ")") if $s =~ $re;
		}
		for my $f (@unsupported) {
			bad($st, "unsupported function $f()") if $s =~ /\b$f\s*\(/i;
		}
		bad($st, "array constructor or operator") if $s =~ /\barray\s*\[|\b(?:any|all)\s*\(\s*(?:array|current_schemas|string_to_array)/i;
	}
	bad($st, "DISTINCT ON") if $s =~ /\bdistinct\s+on\s*\(/i;
	bad($st, "ON CONFLICT") if $s =~ /\bon\s+conflict\b/i;
	bad($st, "aggregate FILTER") if $s =~ /\bfilter\s*\(\s*where\b/i;
	bad($st, "object identifier type") if $s =~ /::\s*reg(?:class|proc|procedure|type|namespace|role|oper|operator|config|dictionary)\b/i;
	bad($st, "IS DISTINCT FROM") if $s =~ /\bis\s+(?:not\s+)?distinct\s+from\b/i;
	bad($st, "LOCK with a mode or NOWAIT") if $s =~ /^\s*lock\b/i && $s =~ /\b(?:mode|nowait)\b/i;
	bad($st, "lock_timeout (no such Redshift parameter)") if $s =~ /\block_timeout\b/i;
	bad($st, "COPY FROM STDIN") if $s =~ /^\s*copy\b/i && $s =~ /\bfrom\s+stdin\b/i;
	if ($st->{sql} =~ /^\s*copy\b/im && $st->{sql} =~ /\bmaxerror\s+(?:as\s+)?(\d+)/i && $1 > 100000) {
		bad($st, "MAXERROR $1 over the limit of 100000");
	}
}

# the pipeline lock: per session, a writing transaction's first statement after BEGIN
my %open;       # pid -> { first => statement after BEGIN, writes => bool, begin => st }
for my $st (@stmts) {
	my $s = bare($st->{sql});
	$s =~ s/^\s+//;
	my $p = $st->{pid};
	if ($s =~ /^(?:begin|start\s+transaction)\b/i) {
		$open{$p} = { begin => $st };
		next;
	}
	next unless $open{$p};
	my $t = $open{$p};
	$t->{first} //= $s;
	$t->{writes} = 1 if $s =~ /^(?:insert|delete|update|copy)\b/i;
	if ($s =~ /^(?:commit|end|rollback|abort)\b/i) {
		bad($t->{begin}, "writing transaction without LOCK dwh_lock first (first: " . substr($t->{first} =~ s/\s+/ /gr, 0, 60) . ")")
			if $t->{writes} && $t->{first} !~ /^lock\s+(?:table\s+)?dwh_lock\s*;?\s*$/i;
		delete $open{$p};
	}
}

print "$_\n" for @bad;
exit(@bad ? 1 : 0);

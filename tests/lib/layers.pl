#!/usr/bin/perl
# layers.pl DOC SRCDIR — every #include "FOLDER/..." in SRCDIR/*/ must name the file's own folder
# or one that DOC's layer table ("| [src/X/](...) | owns | includes |") allows: a list of folders,
# or "everything listed before it". Prints file:line: X includes Y for each stray; exit 1 if any.
use strict; use warnings;
use File::Glob ':bsd_glob';     # a clone's path may hold spaces: no splitting on them
my ($doc, $src) = @ARGV;
open my $d, '<', $doc or die "$doc: $!";
my (@order, %may);
while (<$d>) {
	next unless /^\| \[src\/(\w+)\/\]\([^)]*\) \|.*\| ([^|]*) \|\s*$/;
	my ($f, $inc) = ($1, $2);
	if ($inc =~ /everything listed before it/) { $may{$f} = { map { $_ => 1 } @order } }
	else { $may{$f} = { map { $_ => 1 } grep { my $x = $_; grep { $_ eq $x } @order } ($inc =~ /\b(\w+)\b/g) } }
	push @order, $f;
}
die "$doc: no layer table\n" unless @order;
my $bad = 0;
for my $file (sort glob("$src/*/*.[ch]")) {
	my ($f) = $file =~ m{/(\w+)/[^/]+$};
	unless ($may{$f}) { print "$file: folder $f is not in the layer table\n"; $bad++; next }
	open my $h, '<', $file or die "$file: $!";
	while (<$h>) {
		next unless /^\s*#\s*include\s+"(\w+)\//;
		next if $1 eq $f || $may{$f}{$1};
		print "$file:$.: $f includes $1\n"; $bad++;
	}
}
exit($bad ? 1 : 0);

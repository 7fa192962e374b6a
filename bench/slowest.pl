#!/usr/bin/env perl
# slowest.pl LOG [N]: the statements in a server log written with log_min_duration_statement,
# slowest first, each as "seconds  backend  its first words" (where a stage's time goes).
use strict; use warnings;
my ($file, $n) = @ARGV; $n //= 12;
open my $fh, '<', $file or die "$file: $!";
my (@st, $cur);
while (<$fh>) {
	if (/\[(\d+)\] (?:\[[^\]]*\] )?LOG:\s+duration: ([\d.]+) ms\s+(?:statement|execute [^:]*): ?(.*)/) {
		$cur = { ms => $2, pid => $1, text => $3 }; push @st, $cur;
	} elsif (/^\S+ \S+ \S+ \[\d+\] /) { undef $cur; }
	elsif ($cur) { $cur->{text} .= " $_"; }
}
for my $s (@st) { my $t = $s->{text}; $t =~ s/--[^\n]*//g; $t =~ s/\s+/ /g; $t =~ s/^ //; $s->{text} = substr($t, 0, 110); }
printf "%7.2f s  [%s]  %s\n", $_->{ms} / 1000, $_->{pid}, $_->{text}
	for (sort { $b->{ms} <=> $a->{ms} } @st)[0 .. ($n < @st ? $n : @st) - 1];

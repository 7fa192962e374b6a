#!/usr/bin/perl
# err_idiom.pl FILE... — where C code strays from err.h's error idiom, one "file:line: what" a
# line (nothing when none does). A function that fails on the session says so in one statement,
# `return dwh_fail(s, ...)`, and is declared `enum dwh_rc`. Flagged:
#   err_set(...); return DWH_FAIL;   (or DWH_ECONN: the two-statement form)
#   err_set(...), ...                (a comma form, whatever follows)
#   return err_set(...)              in a function declared enum dwh_rc (that is -1, not an rc)
#   COND ? DWH_X : DWH_X             (both arms the same)
#   return DWH_...;                  in a function declared int (main excepted: an exit code)
# Comments are blanked first (line numbers kept), so prose may name the forms.
use strict;
use warnings;

# one balanced (...) group, string and character literals skipped whole
my $paren = qr/(\((?:[^()"']++|"(?:[^"\\]|\\.)*+"|'(?:[^'\\]|\\.)*+'|(?-1))*+\))/;

sub blank_comments {
	my ($t) = @_;
	$t =~ s{("(?:[^"\\\n]|\\.)*+"|'(?:[^'\\\n]|\\.)*+')|(/\*.*?\*/|//[^\n]*)}{
		defined $1 ? $1 : $2 =~ s/[^\n]/ /gr
	}gse;
	return $t;
}

sub line_of { my ($t, $at) = @_; return 1 + (() = substr($t, 0, $at) =~ /\n/g); }

for my $f (@ARGV) {
	open my $fh, '<', $f or die "err_idiom: $f: $!\n";
	my $t = blank_comments(do { local $/; <$fh> });
	close $fh;
	my @found;

	while ($t =~ /\berr_set\s*$paren(\s*;\s*return\s+DWH_(?:FAIL|ECONN)\s*;|\s*,)?/g) {
		next unless defined $2;
		push @found, [line_of($t, $-[0]), $2 =~ /^\s*,/
			? "comma form: err_set(...), ..."
			: "two statements: err_set(...); return DWH_...; (return dwh_fail(s, ...) instead)"];
	}
	while ($t =~ /\?\s*(DWH_\w+)\s*:\s*(DWH_\w+)\b/g) {
		push @found, [line_of($t, $-[0]), "both arms are $1"] if $1 eq $2;
	}
	# top-level function definitions: the return type, the name, the body
	while ($t =~ /^((?:static\s+)?(?:inline\s+)?)(int|enum\s+dwh_rc)\s+(\w+)\s*\([^;{]*?\)\s*\n\{\n(.*?)^\}/gms) {
		my ($type, $name, $body, $at) = ($2, $3, $4, $-[4]);
		while ($body =~ /\breturn\s+((?:[^;"']++|"(?:[^"\\]|\\.)*+"|'(?:[^'\\]|\\.)*+')*);/g) {
			my ($expr, $line) = ($1, line_of($t, $at + $-[0]));
			(my $made = $expr) =~ s/[!=]=\s*DWH_\w+|DWH_\w+\s*[!=]=//g;   # compared, not returned
			if ($type ne 'int' && $expr =~ /^err_set\s*$paren\s*$/) {
				push @found, [$line, "$name returns enum dwh_rc but says return err_set(...) (-1)"];
			} elsif ($type eq 'int' && $name ne 'main' && $made =~ /\b(DWH_(?:OK|FAIL|ECONN|ESCRIPT))\b/) {
				push @found, [$line, "$name returns $1 but is declared int (enum dwh_rc)"];
				last;
			}
		}
	}
	print "$f:$_->[0]: $_->[1]\n" for sort { $a->[0] <=> $b->[0] } @found;
}

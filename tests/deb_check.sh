#!/usr/bin/env bash
# deb_check.sh DEB — `make deb-check`: the Debian package is right and installs on a machine
# with none of the build dependencies.
#   1. lintian reports no errors (and the warnings it has are printed);
#   2. the control data: version = dwh --version, the shared libraries as Depends, postgresql
#      as Recommends; the contents: binary, sql/ (with the tour), themes/, man page, completion;
#   3. unpacked into a scratch root, the binary finds its SQL in ../share/dwh from anywhere;
#   4. on a clean Debian (a debootstrap --variant=minbase root, made once and kept in
#      build/debroot.tar; DEB_ROOT_TAR names another): `apt-get install ./dwh_*.deb`, then
#      dwh --version, man dwh, dwh gen /tmp/d && dwh --data /tmp/d -c run -c check, the tour.
# Needs root for 4 (chroot); DEB_NO_CHROOT=1 skips it. Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
deb=$(readlink -f "$1")
pass=0 fail=0
ok() { echo "ok   deb: $1"; pass=$((pass + 1)); }
bad() { echo "FAIL deb: $1"; shift; [ $# -gt 0 ] && printf '     %s\n' "$@"; fail=$((fail + 1)); }
check() { local n=$1; shift; if "$@"; then ok "$n"; else bad "$n"; return 1; fi; }
tmp=$(mktemp -d /tmp/dwh-deb.XXXXXX)
root=""
cleanup() {
	if [ -n "$root" ]; then
		chroot "$root" dwh local stop >/dev/null 2>&1
		umount "$root/proc" 2>/dev/null
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT

# 1. lintian
if command -v lintian >/dev/null; then
	lintian --allow-root -E --pedantic -I "$deb" > "$tmp/lintian" 2>&1
	grep -v '^running with root' "$tmp/lintian" | sed 's/^/     lintian: /'
	check "lintian reports no errors" test "$(grep -c '^E:' "$tmp/lintian")" = 0
else
	bad "lintian is installed (apt-get install lintian)"
fi

# 2. control data and contents
version=$(sed -n 's/^#define DWH_VERSION "\(.*\)"/\1/p' src/base/version.h)
check "package version is DWH_VERSION ($version)" test "$(dpkg-deb -f "$deb" Version)" = "$version"
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libpq5 libncursesw6 libreadline8 libcjson1; do
	check "Depends: $lib" grep -qw "$lib" <<<"$depends"
done
check "Recommends: postgresql" test "$(dpkg-deb -f "$deb" Recommends)" = postgresql
dpkg-deb -c "$deb" | awk '{ print $6 }' > "$tmp/contents"
for f in ./usr/bin/dwh ./usr/share/dwh/sql/postgres/create_star.sql ./usr/share/dwh/sql/redshift/stage_events.sql \
	./usr/share/dwh/sql/analytics/top_songs.sql ./usr/share/dwh/themes/dusk.theme \
	./usr/share/man/man1/dwh.1.gz ./usr/share/bash-completion/completions/dwh \
	./usr/share/doc/dwh/copyright ./usr/share/doc/dwh/changelog.gz; do
	check "contains $f" grep -qxF "$f" "$tmp/contents"
done
if [ -d sql/tour ]; then
	n=$(find sql/tour -type f | wc -l)
	check "contains the tour ($n files)" test "$(grep -c '^\./usr/share/dwh/sql/tour/.' "$tmp/contents")" -ge "$n"
fi
check "nothing under /usr/local" test "$(grep -c '^\./usr/local' "$tmp/contents")" = 0

# 3. unpacked anywhere: the binary finds ../share/dwh
dpkg-deb -x "$deb" "$tmp/x"
out=$(cd / && env -u DWH_SQLDIR "$tmp/x/usr/bin/dwh" --dialect postgres -c 'show sql load users' 2>&1)
check "unpacked dwh finds its SQL in ../share/dwh" grep -q "INSERT INTO users" <<<"$out"

# 4. a clean Debian
if [ -n "${DEB_NO_CHROOT:-}" ]; then
	echo "skip deb: clean-machine install (DEB_NO_CHROOT set)"
elif [ "$(id -u)" != 0 ]; then
	echo "skip deb: clean-machine install needs root (chroot)"
else
	tar=${DEB_ROOT_TAR:-build/debroot.tar}
	if [ ! -s "$tar" ]; then
		command -v debootstrap >/dev/null || { bad "debootstrap is installed (apt-get install debootstrap)"; tar=""; }
		if [ -n "$tar" ]; then
			echo "     making a clean Debian root with debootstrap (once; kept in $tar)"
			if debootstrap --variant=minbase bookworm "$tmp/base" http://deb.debian.org/debian > "$tmp/debootstrap.log" 2>&1; then
				mkdir -p "$(dirname "$tar")" && tar -C "$tmp/base" -cf "$tar" . && rm -rf "$tmp/base"
			else
				bad "debootstrap a clean root" "$(tail -n 5 "$tmp/debootstrap.log")"; tar=""
			fi
		fi
	fi
	if [ -n "$tar" ]; then
		root="$tmp/root"
		mkdir -p "$root" && tar -C "$root" -xf "$tar"
		mount -t proc proc "$root/proc"
		printf '#!/bin/sh\nexit 101\n' > "$root/usr/sbin/policy-rc.d" && chmod +x "$root/usr/sbin/policy-rc.d"
		cp "$deb" "$root/tmp/"
		inroot() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }
		check "the clean root has no compiler, no libpq, no dwh" \
			inroot sh -c '! command -v cc >/dev/null && ! dpkg -s libpq5 >/dev/null 2>&1 && ! command -v dwh >/dev/null'
		inroot sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ./tmp/${deb##*/} man-db" > "$tmp/apt" 2>&1
		check "apt-get install ./${deb##*/} (with man-db to read the page)" inroot sh -c 'dpkg -s dwh >/dev/null 2>&1' \
			|| tail -n 20 "$tmp/apt"
		check "it pulled in postgresql (Recommends)" inroot sh -c 'dpkg -s postgresql >/dev/null 2>&1'
		check "dwh --version" test "$(inroot dwh --version | head -n1)" = "dwh $version"
		check "man dwh" sh -c "chroot '$root' env -i PATH=/usr/bin:/bin MANWIDTH=80 man dwh 2>/dev/null | grep -q 'EXIT STATUS'"
		check "bash completion is where bash-completion looks" inroot test -f /usr/share/bash-completion/completions/dwh
		inroot sh -c 'cd / && dwh gen /tmp/d && dwh --data /tmp/d -c run -c check' > "$tmp/run" 2>&1
		rc=$?
		check "dwh gen /tmp/d && dwh --data /tmp/d -c run -c check (exit $rc)" test "$rc" = 0 || tail -n 20 "$tmp/run"
		check "the checks all passed" grep -qE '^check: [0-9]+ passed, 0 failed' "$tmp/run"
		check "with the SQL from /usr/share/dwh" inroot sh -c 'dwh --dialect postgres -c "show sql load time" | grep -q "INSERT INTO time"'
		check "the tour from /usr/share/dwh/sql/tour (dwh --data /tmp/d -c tour)" \
			inroot sh -c 'cd / && dwh --data /tmp/d -c tour 2>&1 | grep -q "end of the tour"'
	fi
fi
echo "deb: $pass passed, $fail failed"
[ "$fail" = 0 ]

#!/usr/bin/env bash
# it_ssh_tunnel.sh — --ssh [USER@]HOST[:PORT] and [CLUSTER] SSH_HOST: dwh reaches the test
# server through the system's ssh -N -L, via an sshd this test starts on 127.0.0.1 with a
# throwaway host key and user key; the sshd's log shows the forward to the database's port;
# status says so; the tunnel ends with dwh; a failed tunnel is a connection error (exit 2) with
# ssh's message; no password is ever on ssh's command line.
. "$(dirname "$0")/lib/lib.sh"
t_newdb
SSHD=$(command -v sshd || echo /usr/sbin/sshd)
[ -x "$SSHD" ] || { t_fail "sshd is installed (openssh-server: make deps)"; exit 0; }
command -v ssh >/dev/null || { t_fail "ssh is installed (openssh-client: make deps)"; exit 0; }
S="$T_TMP/ssh"; mkdir -p "$S/bin" && chmod 700 "$S"
ssh-keygen -q -t ed25519 -N '' -f "$S/host_key" -C dwh-test-host
ssh-keygen -q -t ed25519 -N '' -f "$S/user_key" -C dwh-test-user
cp "$S/user_key.pub" "$S/authorized_keys"; chmod 600 "$S/authorized_keys"
ME=$(id -un)
free_port() { local p; for _ in $(seq 50); do p=$((20000 + RANDOM % 20000)); (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null || { echo $p; return; }; done; }
P=$(free_port)
[ "$(id -u)" = 0 ] && mkdir -p /run/sshd
cat > "$S/sshd_config" <<EOF
Port $P
ListenAddress 127.0.0.1
HostKey $S/host_key
AuthorizedKeysFile $S/authorized_keys
PidFile $S/sshd.pid
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
AllowTcpForwarding yes
AllowUsers $ME
LogLevel DEBUG1
EOF
"$SSHD" -D -f "$S/sshd_config" -E "$S/sshd.log" &
SSHD_PID=$!
trap 'kill $SSHD_PID 2>/dev/null; rm -rf "$T_TMP"' EXIT
listening() { (exec 3<>/dev/tcp/127.0.0.1/"$P") 2>/dev/null; }
wait_for 10 listening || t_fail "sshd listens on 127.0.0.1:$P" "$(cat "$S/sshd.log")"
# the system's ssh, told where the throwaway keys are (ssh reads ~/.ssh from the passwd entry,
# not $HOME); it records its pid and arguments for the checks below
printf '%s\n' "[127.0.0.1]:$P $(cut -d' ' -f1,2 "$S/host_key.pub")" > "$S/known_hosts"
cat > "$S/config" <<EOF
IdentityFile $S/user_key
IdentitiesOnly yes
UserKnownHostsFile $S/known_hosts
StrictHostKeyChecking yes
EOF
cat > "$S/bin/ssh" <<EOF
#!/bin/sh
echo \$\$ >> "$S/ssh.pids"
printf '%s\n' "\$*" >> "$S/ssh.args"
exec $(command -v ssh) -F "$S/config" "\$@"
EOF
chmod +x "$S/bin/ssh"
viassh() { env -u PGHOST -u PGDATABASE -u PGSERVICE PATH="$S/bin:$PATH" PGPASSWORD="$T_PASS" "$DWH" "$@"; }

out=$(viassh --ssh "$ME@127.0.0.1:$P" -h 127.0.0.1 -p "$T_PORT" -U "$T_USER" -d "$T_DB" \
	-c "SELECT current_database() AS db;" -c status -c '\conninfo' 2>&1); rc=$?
t_eq "--ssh: connected through the tunnel (exit 0)" "$rc" 0
t_has "... the query ran" "$out" " $T_DB"
t_has "... status says so" "$out" "tunnel      | 127.0.0.1:$T_PORT via ssh $ME@127.0.0.1:$P (local port "
t_has "... the host is the far end, via ssh" "$out" "host        | 127.0.0.1 (ssh $ME@127.0.0.1:$P)"
t_has "sshd forwarded to the database's port" "$(cat "$S/sshd.log")" "port $T_PORT"
t_lacks "libpq's connection is to the tunnel's local end, not the database's port" "$(printf '%s\n' "$out" | grep 'You are connected')" "port \"$T_PORT\""
t_has "... \\conninfo names it" "$out" 'on host "127.0.0.1" at port "'

args=$(cat "$S/ssh.args")
t_has "ssh ran with -N -L to a local port" "$args" "-N -L 127.0.0.1:"
t_has "... ExitOnForwardFailure=yes and BatchMode=yes" "$args" "-o ExitOnForwardFailure=yes -o BatchMode=yes"
t_lacks "... and no password" "$args" "$T_PASS"
gone() { ! kill -0 "$(tail -1 "$S/ssh.pids")" 2>/dev/null; }
wait_for 5 gone && t_pass "the tunnel ended with dwh" || t_fail "the tunnel ended with dwh" "$(ps -p "$(tail -1 "$S/ssh.pids")")"

# \c and reconnect keep using it
out=$(viassh --ssh "$ME@127.0.0.1:$P" -h 127.0.0.1 -p "$T_PORT" -U "$T_USER" -d "$T_DB" -c "\\c $T_DB" -c reconnect -c "SELECT 'still' AS w;" 2>&1)
t_has "\\c and reconnect go through the same tunnel" "$out" " still"
t_eq "... one ssh for the whole session" "$(wc -l < "$S/ssh.pids")" 2

# dwh.cfg's SSH_HOST
cat > "$T_TMP/dwh.cfg" <<EOF
[CLUSTER]
HOST = 127.0.0.1
DB_NAME = $T_DB
DB_USER = $T_USER
DB_PASSWORD = $T_PASS
DB_PORT = $T_PORT
SSH_HOST = $ME@127.0.0.1:$P
EOF
chmod 600 "$T_TMP/dwh.cfg"
out=$(env -u PGHOST -u PGDATABASE -u PGSERVICE -u PGPASSWORD PATH="$S/bin:$PATH" "$DWH" --config "$T_TMP/dwh.cfg" -c status 2>&1); rc=$?
t_eq "[CLUSTER] SSH_HOST tunnels too (exit 0)" "$rc" 0
t_has "... status says so" "$out" "via ssh $ME@127.0.0.1:$P"
t_lacks "... the config's password never reaches ssh" "$(cat "$S/ssh.args")" "$T_PASS"

# a failed tunnel: exit 2 with ssh's message
dead=$(free_port)
viassh --ssh "$ME@127.0.0.1:$dead" -h 127.0.0.1 -p "$T_PORT" -U "$T_USER" -d "$T_DB" -c 'SELECT 1;' >"$T_TMP/o" 2>&1; rc=$?
t_eq "a tunnel to nothing: a connection error (exit 2)" "$rc" 2
t_has "... with ssh's message" "$(cat "$T_TMP/o")" "Connection refused"
viassh --ssh "nosuchuser@127.0.0.1:$P" -h 127.0.0.1 -p "$T_PORT" -U "$T_USER" -d "$T_DB" -c 'SELECT 1;' >"$T_TMP/o" 2>&1; rc=$?
t_eq "a tunnel refused by the bastion: exit 2" "$rc" 2
t_has "... with ssh's message" "$(cat "$T_TMP/o")" "Permission denied"
viassh --ssh "$ME@127.0.0.1:$P" -h 127.0.0.1 -p "$dead" -U "$T_USER" -d "$T_DB" -c 'SELECT 1;' >"$T_TMP/o" 2>&1; rc=$?
t_eq "a database port closed behind the bastion: exit 2" "$rc" 2

# the console's connection bar says where it goes, via which bastion
. "$(dirname "$0")/lib/tui.sh"
trap 'kill $SSHD_PID 2>/dev/null; $TX kill-server 2>/dev/null; sleep 0.3; rm -rf "$T_TMP"' EXIT
tui_start 140 30 "PATH=$S/bin:$PATH" "PGPASSWORD=$T_PASS" -- --ssh "$ME@127.0.0.1:$P" -h 127.0.0.1 -p "$T_PORT"
tui_wait_screen "(ssh $ME@127.0.0.1:$P)" 15 && t_pass "console: the connection bar says ssh" \
	|| t_fail "console: the bar says ssh" "$(tui_screen | head -2)"

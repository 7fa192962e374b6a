#!/usr/bin/env bash
# it_doc_redshift.sh — doc/redshift.md's AWS CLI walkthrough, read as text (no AWS account is
# reachable): the cluster it makes is one a laptop can reach, and its teardown leaves nothing.
# * create-cluster has --publicly-accessible (CreateCluster: "PubliclyAccessible ... Default:
#   false") and a node type asked of describe-orderable-cluster-options first, not dc2.large;
# * the 5439 ingress rule it authorizes is revoked with the very same values before the cluster
#   is deleted (RevokeSecurityGroupIngress: the values "must match the existing rule's values
#   exactly"), and checked with describe-security-groups;
# * everything made is deleted: cluster (no final snapshot), bucket, role (policy detached first).
. "$(dirname "$0")/lib/lib.sh"

doc="$T_ROOT/doc/redshift.md"
# every `aws` command of the walkthrough's sh blocks, continuation lines joined, one a line
perl -ne 'if (/^\s*```sh/) { $in = 1; next } if (/^\s*```/) { $in = 0; next }
	next unless $in; chomp; s/^\s+//; $l .= $_;
	if ($l =~ s/\\$/ /) { next } print "$l\n" if $l =~ /(^|[\s(]|\$\()aws\s/; $l = ""' "$doc" \
	| sed -n '/create-role/,$p' >"$T_TMP/aws"
cmds=$(cat "$T_TMP/aws")
line_of() { grep -n -- "$1" "$T_TMP/aws" | head -n 1 | cut -d: -f1; }
t_has "the walkthrough has its aws commands" "$cmds" "aws redshift create-cluster"

create=$(grep -- 'aws redshift create-cluster' "$T_TMP/aws")
t_has "create-cluster: --publicly-accessible" "$create" "--publicly-accessible"
t_lacks "create-cluster: not --no-publicly-accessible" "$create" "--no-publicly-accessible"
t_lacks "create-cluster: no dc2.large" "$cmds" "dc2.large"
t_has "the node type is RA3" "$(grep -o 'NODE=[a-z0-9.]*' "$doc" | head -n 1)" "NODE=ra3."
t_has "create-cluster takes that node type" "$create" '--node-type "$NODE"'
o=$(line_of 'describe-orderable-cluster-options --node-type "$NODE"'); c=$(line_of 'aws redshift create-cluster')
t_eq "the node type is asked for before the cluster is made" "$([ -n "$o" ] && [ "$o" -lt "$c" ] && echo before)" before

# the ingress rule: authorized, then revoked with the same group, protocol, port and CIDR
auth=$(grep -- 'aws ec2 authorize-security-group-ingress' "$T_TMP/aws")
revoke=$(grep -- 'aws ec2 revoke-security-group-ingress' "$T_TMP/aws")
t_has "an ingress rule on 5439" "$auth" "--port 5439"
t_has "the teardown revokes the ingress" "$revoke" "revoke-security-group-ingress"
for f in --group-id --protocol --port --cidr --region; do
	a=$(printf '%s\n' "$auth" | grep -o -- "$f [^ ]*"); r=$(printf '%s\n' "$revoke" | grep -o -- "$f [^ ]*")
	t_eq "revoke's $f is authorize's" "$r" "$a"
done
t_lacks "the CIDR is kept for the revoke (a variable, not a fresh lookup)" "$revoke" "checkip"
r=$(line_of 'revoke-security-group-ingress'); d=$(line_of 'aws redshift delete-cluster')
t_eq "revoked before the cluster is deleted" "$([ -n "$r" ] && [ -n "$d" ] && [ "$r" -lt "$d" ] && echo before)" before
t_has "the revoke is checked" "$cmds" 'aws ec2 describe-security-groups --group-ids "$SG"'

# everything made is deleted
t_has "delete-cluster without a snapshot left behind" "$(grep -- 'aws redshift delete-cluster' "$T_TMP/aws")" "--skip-final-cluster-snapshot"
t_has "the bucket is removed" "$cmds" "aws s3 rb s3://my-dwh-bucket --force"
dt=$(line_of 'detach-role-policy'); dr=$(line_of 'aws iam delete-role')
t_eq "the role's policy detached, then the role deleted" "$([ -n "$dt" ] && [ -n "$dr" ] && [ "$dt" -lt "$dr" ] && echo yes)" yes
t_eq "one delete-cluster, after one create-cluster" "$(grep -c 'aws redshift delete-cluster' "$T_TMP/aws") $(grep -c 'aws redshift create-cluster' "$T_TMP/aws")" "1 1"
# SSL: verify-full with Amazon's CA bundle (not the old redshift-ca-bundle.crt)
t_has "doc: PGSSLMODE=verify-full" "$(cat "$doc")" "PGSSLMODE=verify-full"
t_has "doc: Amazon's CA bundle" "$(cat "$doc")" "https://s3.amazonaws.com/redshift-downloads/amazon-trust-ca-bundle.crt"

#!/bin/sh
# Generate the integration cases' large test tree on the host, once.
#
# tests/vm/mktree.sh builds the tree; in a TCG guest that takes minutes,
# natively a second or two.  The result is kept in
# build/fixtures/tree-<hash of mktree.sh>/ (tree-light-<hash>/ with
# SMB1FS_TREE=light) and the guest's smbd_start (tests/vm/smbd.sh)
# bind-mounts it at $SMB1FS_SHARE_DIR/tree, where the cases find it
# complete.  Without mktree.sh this does nothing.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
gen=$top/tests/vm/mktree.sh
[ -f "$gen" ] || exit 0

key=$(sha256sum "$gen" | cut -c1-16)
case "${SMB1FS_TREE:-full}" in
light) dir=$top/build/fixtures/tree-light-$key ;;
*) dir=$top/build/fixtures/tree-$key ;;
esac
[ -e "$dir/.tree-complete" ] && exit 0

# Two runs may start at once (make check's lanes): one builds, the other
# waits for it and finds the tree complete.
mkdir -p "$top/build/fixtures"
exec 9>"$top/build/fixtures/.lock"
flock 9
[ -e "$dir/.tree-complete" ] && exit 0

# trees of an older mktree.sh
for d in "$top"/build/fixtures/tree-*; do
	case "$d" in
	*-"$key") ;;
	*) rm -rf "$d" ;;
	esac
done
mkdir -p "$top/build/fixtures"
bash "$gen" "$dir"

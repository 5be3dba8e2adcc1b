#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build the test tree of the seed scenario in DIR (once; a marker file
# makes later calls return at once):
#   sizes around page, buffer and 4 GiB boundaries, a 100 MiB file, a
#   sparse 5 GiB file with data near its end, three directory levels, a
#   5,000-entry directory, names with spaces, accents, CJK and emoji.
# With SMB1FS_TREE=light (the debug kernel's integration run, see
# tools/vm/vmtest.sh) the same tree but for two sizes: the large file has
# 8 MiB (big-8M.bin: still several read-ahead windows of 1 MiB reads) and
# the large directory 1,200 entries (still several FIND_NEXT2 rounds).
# Cases find the large file as big-*.bin and count the entries of many/.
set -eu
dir=${1:?usage: mktree.sh DIR}
case "${SMB1FS_TREE:-full}" in
full) big_mib=100 entries=5000 ;;
light) big_mib=8 entries=1200 ;;
*) echo "mktree.sh: SMB1FS_TREE must be full or light" >&2; exit 1 ;;
esac
[ -e "$dir/.tree-complete" ] && exit 0
mkdir -p "$dir"
cd "$dir"

# A deterministic pseudo-random stream, so runs are comparable.
bytes() {
	openssl enc -aes-128-ctr -nosalt -pass pass:"smb1fs-$2" -in /dev/zero \
		2>/dev/null | head -c "$1"
}

mkdir -p sizes
for n in 0 1 4095 4096 4097 65535 65536 65537 1048577; do
	bytes "$n" "$n" >"sizes/file-$n"
done
bytes $((big_mib * 1024 * 1024)) big >"big-${big_mib}M.bin"

# 5 GiB, all holes but 1 MiB just below 4 GiB and the last 1 MiB + 1.
truncate -s $((5 * 1024 * 1024 * 1024)) sparse-5G.bin
bytes 1048576 below4g | dd of=sparse-5G.bin bs=1M seek=4095 conv=notrunc status=none
bytes 1048577 tail | dd of=sparse-5G.bin bs=1 seek=$((5 * 1024 * 1024 * 1024 - 1048577)) \
	conv=notrunc status=none

mkdir -p "levels/one/two/three"
echo "top" >levels/top.txt
echo "one" >levels/one/one.txt
echo "two" >levels/one/two/two.txt
echo "three" >levels/one/two/three/three.txt

mkdir -p many
(cd many && seq -f 'entry-%05g' 1 "$entries" | xargs touch)

mkdir -p names
echo space >"names/name with spaces.txt"
echo accent >"names/café crème.txt"
echo cjk >"names/日本語のファイル.txt"
echo emoji >"names/smile 😀 party 🎉.txt"
mkdir -p "names/dir with spaces/ünïcödé"
echo nested >"names/dir with spaces/ünïcödé/inner.txt"

touch .tree-complete

# SPDX-License-Identifier: GPL-2.0
# kernels: 6.1 6.12
# Everyday tools writing to LAN Manager servers (Samba as LANMAN2.1 and
# LANMAN1.0, no NT SMBs): cp -R with --preserve=timestamps and tar x of
# the same tree (8.3 names, as LANMAN1.0 needs; two directory levels;
# sizes around a page, the server's buffer, a WRITE_ANDX and a read of
# 1 MiB; mtimes on even seconds, which the DOS times of both dialects
# hold exactly), then fsx.py's random operations (8.3 names).  A
# listing of 1,500 entries (several SEARCH batches on LANMAN1.0), read
# whole and left early, must not keep the directory from rm -r.  After
# each, the server's copy is compared byte for byte with the source,
# sizes and mtimes too (treecmp.py), and so is what a new mount shows.
# fsx.py renames its files while they are open, which these servers
# refuse until the client has closed its FIDs (then opened again).
# The write paths themselves run under the debug kernel in case 71.
. "$SMB1FS_ROOT/tests/vm/lanman.sh"
module_load
mark=$(kmsg_mark)
ops=${SMB1FS_FSX_OPS:-300}
src=$PWD/src
python3 - "$src" <<'PYEOF' || fail "cannot build the source tree"
import os, random, sys
top = sys.argv[1]
rng = random.Random(76)
sizes = [0, 1, 511, 4095, 4096, 4097, 4356, 16383, 65535, 65536, 65537,
         200000, 1048576, 1048577]
t = 1000000000
for d in ("", "DIRA", "DIRA/SUB1", "DIRB"):
    os.makedirs(os.path.join(top, d), exist_ok=True)
    for i, n in enumerate(sizes if d in ("", "DIRA/SUB1") else sizes[:6]):
        p = os.path.join(top, d, f"F{i:02d}_{len(d)}.BIN")
        with open(p, "wb") as f:
            f.write(rng.randbytes(n))
        t += 2 * rng.randrange(1, 100000)
        os.utime(p, (t, t))
PYEOF
(cd "$src" && tar cf ../tree.tar .) || fail "cannot build the archive"

# same DIALECT WHAT A B: the trees A and B agree (whole seconds)
same() {
	/usr/bin/python3 "$SMB1FS_ROOT/tests/vm/treecmp.py" \
		--mtime-gran 1000000000 "$3" "$4" >cmp.out 2>&1
	check_eq 0 $? "$1: $2 ($(tail -n 1 cmp.out))" || head -n 20 cmp.out
}

for dialect in LANMAN2 LANMAN1; do
	if ! lm_smbd $dialect; then
		fail "$dialect: smbd did not start"
		continue
	fi
	if ! lm_mount; then
		fail "$dialect: mount failed"
		continue
	fi
	# a listing of several batches, read to its end and (ls -f | head)
	# left early; then the directory can go (no search holds it open)
	mkdir "$lm_exp/MANY" && (cd "$lm_exp/MANY" && seq -f 'E%04g.TXT' 1 1500 | xargs touch)
	chown -R u: "$lm_exp/MANY"
	check_eq 1500 "$(ls "$SMB1FS_MNT/MANY" | wc -l)" "$dialect: entries listed"
	ls -f "$SMB1FS_MNT/MANY" | head -n 3 >/dev/null
	check_ok rm -r "$SMB1FS_MNT/MANY"
	check_ok cp -R --preserve=timestamps "$src" "$SMB1FS_MNT/CP"
	check_ok mkdir "$SMB1FS_MNT/TARX"
	check_ok tar xf tree.tar --no-same-owner -C "$SMB1FS_MNT/TARX"
	check_ok mkdir "$SMB1FS_MNT/FSX"
	rm -rf want && mkdir want
	check_ok /usr/bin/python3 "$SMB1FS_ROOT/tests/vm/fsx.py" --dos-names \
		--seed 76 --ops "$ops" --files 2 --max-size 300k \
		--check-every 50 --server-dir "$lm_exp/FSX" --save want \
		"$SMB1FS_MNT/FSX"
	check_ok umount "$SMB1FS_MNT"
	same $dialect "cp -R on the server" "$src" "$lm_exp/CP"
	same $dialect "tar x on the server" "$src" "$lm_exp/TARX"
	for f in F0.DAT F1.DAT; do
		check_ok cmp "want/$f" "$lm_exp/FSX/$f"
	done
	if ! lm_mount; then
		fail "$dialect: mount failed the second time"
		continue
	fi
	same $dialect "cp -R on a new mount" "$src" "$SMB1FS_MNT/CP"
	same $dialect "tar x on a new mount" "$src" "$SMB1FS_MNT/TARX"
	check_ok rm -r "$SMB1FS_MNT/CP" "$SMB1FS_MNT/TARX" "$SMB1FS_MNT/FSX"
	check_eq "" "$(ls -A "$lm_exp")" "$dialect: all removed on the server"
	check_ok umount "$SMB1FS_MNT"
done
lm_stop
check_kernel_clean "$mark"

#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The KUnit suites stay out of the module users load.
#
#   kunit-split.sh KDIR PRODUCTION.ko TEST.ko
#
# KDIR is the tree both modules were built against; its kernel must have
# CONFIG_KUNIT=m, as distributions build it (the debug kernel does).
# The production module must neither depend on kunit.ko nor carry a
# KUnit suite (it would run at load); the test build must do both.  The
# debug kernel's integration run then loads the production module with
# kunit.ko absent (case 01).  Prints TAP; exits 1 if anything failed.
set -u
kdir=${1:?usage: kunit-split.sh KDIR PRODUCTION.ko TEST.ko}
prod=${2:?usage: kunit-split.sh KDIR PRODUCTION.ko TEST.ko}
test=${3:?usage: kunit-split.sh KDIR PRODUCTION.ko TEST.ko}
n=0
bad=0

check() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n - $2"
	else
		bad=$((bad + 1))
		echo "not ok $n - $2"
	fi
}

# depends_on_kunit KO: whether modinfo lists kunit among its dependencies
depends_on_kunit() {
	modinfo -F depends "$1" 2>/dev/null | tr ',' '\n' | grep -qx kunit
}

# has_suites KO: whether the module carries KUnit suites
has_suites() {
	readelf -S -W "$1" 2>/dev/null | grep -q '\.kunit_test_suites'
}

grep -qx 'CONFIG_KUNIT=m' "$kdir/.config"
check $? "the kernel of $kdir has KUnit as a module (CONFIG_KUNIT=m)"
for ko in "$prod" "$test"; do
	[ -f "$ko" ]
	check $? "$ko exists"
done
! depends_on_kunit "$prod"
check $? "the production module does not depend on kunit.ko ($(modinfo -F depends "$prod" 2>/dev/null))"
! has_suites "$prod"
check $? "the production module carries no KUnit suite"
depends_on_kunit "$test"
check $? "the test module depends on kunit.ko"
has_suites "$test"
check $? "the test module carries the KUnit suites"
echo "1..$n"
[ "$bad" = 0 ]

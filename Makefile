# SPDX-License-Identifier: GPL-2.0
#
# smb1fs: out-of-tree SMB1/CIFS client file system.
#
#   make                  build fs/smb1fs/smb1fs.ko against KDIR and the
#                         mount helper build/tools/mount.smb1fs
#   make install          install module, helper and manual pages
#   make uninstall        remove exactly what "make install" installed
#   make clean            remove build products (and build/)
#   make deps             install everything the targets below need (Debian 12)
#   make check            full test run; last line "N passed, N failed"
#   make check-full       the slower tier: kmemleak in every debug guest,
#                         the full variants of the cases there, longer
#                         fuzzing (hours)
#   make demo             boot a VM, mount a Samba share with smb1fs, show it
#   make bench            time smb1fs against cifs vers=1.0 and smbnetfs in
#                         a 6.1 VM over the link profiles lo, lan and wifi
#                         (build/bench/results.txt and results.svg;
#                         BENCH_QUICK=1 for the short run, BENCH_REPS=N)
#
# Finer-grained targets (used by check; handy on their own):
#   make modules helper                     the module / the mount helper
#   make install-module install-helper install-man   (and uninstall-*)
#   make build-6.1 build-6.12 build-debug   W=1 builds in build/<tag>/
#   make build-debug-kunit                  the same with the KUnit suites
#   make debug-kernel                       build (once) the debug kernel
#   make kunit                              KUnit suites in the debug kernel
#   make vmtest KERNEL=6.1|6.12|debug       integration cases in a VM
#   make check-boot [KERNEL=6.1|6.12]       a VM boots systemd, which mounts
#                                           smb1fs from /etc/fstab at boot
#                                           and by x-systemd.automount
#   make test-tools                         helper, manual page and install
#                                           tests on this machine (no VM)
#   make fuzz-smoke                         a short run of every libFuzzer
#                                           target of tests/fuzz/ (the
#                                           decoders in user space; about
#                                           2 minutes)
#   make fuzz                               a longer run: FUZZ_TIME seconds
#                                           per target (default 300),
#                                           FUZZ_TARGETS to pick some
#
# KVER is the kernel release to build and install for (default: the
# running kernel), KDIR its build tree (default /lib/modules/KVER/build);
# given only KDIR, KVER is read from it.  Installation honours DESTDIR
# (a staging directory: nothing else is touched then, and depmod is left
# to whoever installs the staged files), SBINDIR (/sbin), MANDIR
# (/usr/share/man) and INSTALL_MOD_DIR (extra).  The stock kernels of the
# test bed are found under /lib/modules; their versions are discovered,
# not assumed.  The version of everything is the one in the file VERSION.

VERSION := $(shell cat VERSION)

ifeq ($(origin KVER),undefined)
ifneq ($(origin KDIR),undefined)
# the release the kernel reports (uname -r); include/config/kernel.release
# of Debian's headers may differ from it
KVER := $(shell sed -n 's/^\#define UTS_RELEASE "\(.*\)"/\1/p' \
	$(KDIR)/include/generated/utsrelease.h 2>/dev/null)
ifeq ($(KVER),)
KVER := $(shell cat $(KDIR)/include/config/kernel.release 2>/dev/null)
endif
else
KVER := $(shell uname -r)
endif
endif
KDIR ?= /lib/modules/$(KVER)/build
KERNEL ?= 6.1
# Kernels the integration suite runs on in "make check".
CHECK_KERNELS ?= 6.1 6.12 debug
CHECK_JOBS ?= 2

VM := tools/vm

DESTDIR ?=
SBINDIR ?= /sbin
MANDIR ?= /usr/share/man
INSTALL_MOD_DIR ?= extra
INSTALL ?= install
DEPMOD ?= depmod

HELPER := build/tools/mount.smb1fs
HELPER_CFLAGS := -O2 -Wall -Wextra -Werror -D_FORTIFY_SOURCE=2 \
	-fstack-protector-strong $(CFLAGS)
# symbols bound at start: no lazy binding, whose trampoline saves
# registers (bits of the password among them) on the stack
HELPER_LDFLAGS := -Wl,-z,relro,-z,now $(LDFLAGS)
MODDIR = $(DESTDIR)/lib/modules/$(KVER)/$(INSTALL_MOD_DIR)
MANPAGES := Documentation/mount.smb1fs.8 Documentation/smb1fs.5

.PHONY: all check-kdir check-kver modules helper clean deps check check-full demo bench \
	debug-kernel kunit vmtest vmcost check-boot build-6.1 build-6.12 build-debug \
	build-debug-kunit test-tools \
	fuzz fuzz-smoke \
	install install-module install-helper install-man \
	uninstall uninstall-module uninstall-helper uninstall-man

all: modules helper

check-kdir: check-kver
	@test -d $(KDIR) || { echo "KDIR=$(KDIR) does not exist:" \
		"install its headers or pass KDIR= or KVER= (make build-6.1" \
		"uses the stock 6.1 headers)" >&2; exit 1; }

check-kver:
	@test -n "$(KVER)" || { echo "cannot tell the kernel release of" \
		"KDIR=$(KDIR): pass KVER=" >&2; exit 1; }

modules: check-kdir
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

helper: $(HELPER)

$(HELPER): tools/mount.smb1fs.c VERSION
	@mkdir -p $(@D)
	$(CC) $(HELPER_CFLAGS) $(CPPFLAGS) -DSMB1FS_VERSION='"$(VERSION)"' \
		-o $@ $< $(HELPER_LDFLAGS)

install: install-module install-helper install-man

# kbuild installs into MODDIR/fs/smb1fs/; KERNELRELEASE is given because
# Debian's headers carry another release in include/config/kernel.release.
# Distribution headers have no signing key: no attempt to sign then.
install-module: modules
	$(MAKE) -C $(KDIR) M=$(CURDIR) KERNELRELEASE=$(KVER) \
		INSTALL_MOD_DIR=$(INSTALL_MOD_DIR) \
		$(if $(wildcard $(KDIR)/certs/signing_key.x509),,CONFIG_MODULE_SIG_ALL=) \
		$(if $(DESTDIR),INSTALL_MOD_PATH=$(DESTDIR)) modules_install
	$(if $(DESTDIR),,$(DEPMOD) -a $(KVER))

install-helper: helper
	$(INSTALL) -d $(DESTDIR)$(SBINDIR)
	$(INSTALL) -m 0755 $(HELPER) $(DESTDIR)$(SBINDIR)/mount.smb1fs

install-man:
	$(INSTALL) -d $(DESTDIR)$(MANDIR)/man8 $(DESTDIR)$(MANDIR)/man5
	$(INSTALL) -m 0644 $(filter %.8,$(MANPAGES)) $(DESTDIR)$(MANDIR)/man8/
	$(INSTALL) -m 0644 $(filter %.5,$(MANPAGES)) $(DESTDIR)$(MANDIR)/man5/

uninstall: uninstall-module uninstall-helper uninstall-man

uninstall-module: check-kver
	rm -f $(foreach z,.ko .ko.gz .ko.xz .ko.zst,$(MODDIR)/fs/smb1fs/smb1fs$(z))
	rmdir $(MODDIR)/fs/smb1fs $(MODDIR)/fs $(MODDIR) 2>/dev/null || true
	$(if $(DESTDIR),,$(DEPMOD) -a $(KVER))

uninstall-helper:
	rm -f $(DESTDIR)$(SBINDIR)/mount.smb1fs

uninstall-man:
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man8/,$(notdir $(filter %.8,$(MANPAGES)))) \
		$(addprefix $(DESTDIR)$(MANDIR)/man5/,$(notdir $(filter %.5,$(MANPAGES))))
	rmdir $(DESTDIR)$(MANDIR)/man8 $(DESTDIR)$(MANDIR)/man5 2>/dev/null || true

clean:
	rm -rf build
	find fs tests -type f \( -name '*.o' -o -name '*.ko' -o -name '*.mod' \
		-o -name '*.mod.c' -o -name '.*.cmd' -o -name '*.a' \
		-o -name 'modules.order' -o -name 'Module.symvers' \
		-o -name '*.dwo' -o -name '.*.d' \) -delete
	rm -f modules.order Module.symvers .*.cmd

deps:
	@$(VM)/deps.sh

debug-kernel:
	@$(VM)/build-debug-kernel.sh >/dev/null

build-6.1 build-6.12 build-debug build-debug-kunit: build-%:
	@$(VM)/build-module.sh $*

kunit: build-debug-kunit
	@$(VM)/kunit.sh

vmtest: build-$(KERNEL) helper
	@$(VM)/vmtest.sh $(KERNEL)

# where a guest's time goes, per kernel option (KERNEL=debug)
vmcost: build-$(KERNEL)
	@$(VM)/vmcost.sh $(KERNEL)

check-boot: build-$(KERNEL) helper
	@$(VM)/boottest.sh $(KERNEL)

test-tools:
	@tests/tools/run.sh

fuzz-smoke:
	@tests/fuzz/run.sh smoke $(FUZZ_TARGETS)

fuzz:
	@tests/fuzz/run.sh run $(FUZZ_TARGETS)

check:
	@CHECK_KERNELS="$(CHECK_KERNELS)" CHECK_JOBS="$(CHECK_JOBS)" $(VM)/check.sh

check-full:
	@CHECK_FULL=1 CHECK_KERNELS="$(CHECK_KERNELS)" CHECK_JOBS="$(CHECK_JOBS)" \
		$(VM)/check.sh

demo:
	@$(VM)/demo.sh

bench:
	@tools/bench/bench.sh

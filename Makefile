# SPDX-License-Identifier: GPL-2.0
#
# smb1fs: out-of-tree SMB1/CIFS client file system.
#
#   make                  build fs/smb1fs/smb1fs.ko against KDIR
#   make clean            remove build products (and build/)
#   make deps             install everything the targets below need (Debian 12)
#   make check            full test run; last line "N passed, N failed"
#   make demo             boot a VM, mount a Samba share with smb1fs, show it
#
# Finer-grained targets (used by check; handy on their own):
#   make build-6.1 build-6.12 build-debug   W=1 builds in build/<tag>/
#   make debug-kernel                       build (once) the debug kernel
#   make kunit                              KUnit suites in the debug kernel
#   make vmtest KERNEL=6.1|6.12|debug       integration cases in a VM
#
# KDIR defaults to the running kernel's build tree.  The stock kernels are
# found under /lib/modules; their versions are discovered, not assumed.

KDIR ?= /lib/modules/$(shell uname -r)/build
KERNEL ?= 6.1
# Kernels the integration suite runs on in "make check".
CHECK_KERNELS ?= 6.1 debug

VM := tools/vm

.PHONY: all modules clean deps check demo debug-kernel kunit vmtest \
	build-6.1 build-6.12 build-debug

all: modules

modules:
	@test -d $(KDIR) || { echo "KDIR=$(KDIR) does not exist:" \
		"install its headers or pass KDIR= (make build-6.1 uses the" \
		"stock 6.1 headers)" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

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

build-6.1 build-6.12 build-debug: build-%:
	@$(VM)/build-module.sh $*

kunit: build-debug
	@$(VM)/kunit.sh

vmtest: build-$(KERNEL)
	@$(VM)/vmtest.sh $(KERNEL)

check:
	@CHECK_KERNELS="$(CHECK_KERNELS)" $(VM)/check.sh

demo:
	@$(VM)/demo.sh

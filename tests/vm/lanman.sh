# SPDX-License-Identifier: GPL-2.0
# A writable share on a second smbd that speaks a LAN Manager dialect
# (sourced by the write cases on those dialects).  Samba runs with its
# defaults but for the protocol range and what these dialects need to
# log in at all (NTLMv1 and LM responses: they have no room for NTLMv2).
#   lm_smbd DIALECT   (re)start it for LANMAN2 or LANMAN1, with an empty
#                     export $lm_exp, served as //127.0.0.1/rw on $lm_port
#   lm_mount          mount it on $SMB1FS_MNT
#   lm_stop           stop it
lm_base=/tmp/smb-lmw
lm_port=4446
lm_exp=$lm_base/export

lm_smbd() {
	smbd_stop "$lm_base" >/dev/null 2>&1
	smbd_dirs "$lm_base"
	rm -rf "$lm_exp"
	mkdir -p "$lm_exp"
	chmod 777 "$lm_exp"
	cat >"$lm_base/smb.conf" <<EOC
[global]
	workgroup = WORKGROUP
	netbios name = LEGACYVM
	server min protocol = LANMAN1
	server max protocol = $1
	ntlm auth = yes
	lanman auth = yes
$(smbd_conf_common "$lm_base" "$lm_port")

[rw]
	path = $lm_exp
	read only = no
	valid users = u
EOC
	printf 'p\np\n' | smbpasswd -c "$lm_base/smb.conf" -s -a u >/dev/null 2>&1
	smbd -D -s "$lm_base/smb.conf" && smbd_listening "$lm_port"
}

lm_mount() {
	mount -t smb1fs //127.0.0.1/rw "$SMB1FS_MNT" \
		-o "username=u,password=p,port=$lm_port,sec=ntlm${1:+,$1}"
}

lm_stop() {
	smbd_stop "$lm_base" >/dev/null 2>&1
}

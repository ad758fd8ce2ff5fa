#!/usr/bin/env python3
"""Checklist coverage of the tests/conf input documents.

Prints every checklist item that no *valid* input document of its kind uses,
one per line, as `KIND: ITEM`.  Prints nothing when everything is covered
(exit status 0; 1 when something is missing).

Items (taken from /work/shared/spec/admin-guide-ch15-21.md chapter 20 and the
device sections of admin-guide-ch01-13.md, plus the network/pool/volume/
snapshot/interface checklists) are written as:

  elem              an element with this local name, anywhere
  parent/elem       an element whose parent element has the local name parent
  elem@attr         that element carries the attribute
  elem@attr=v1|v2   one document uses each of the listed values (each value is
                    a separate item)

`elem` may itself be `parent/elem`.  Namespaced elements are matched by local
name.  With --dropped, also lists, per valid document, the element paths and
attributes of the input that the recorded output (NAME.out.xml) no longer has:
what libvirt ignored or normalised away.
"""

import os
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))

DOMAIN = """
# 20.0 root
domain@type domain@id
# 20.1 general metadata
name uuid title description metadata genid
# 20.2 OS booting
os os/type os/type@arch os/type@machine
os/type=hvm|xen|linux
loader loader@readonly loader@type=pflash|rom loader@secure nvram nvram@template
os/boot os/boot@dev=fd|hd|cdrom|network
bootmenu bootmenu@enable bootmenu@timeout
smbios smbios@mode=emulate|host|sysinfo
os/bios os/bios@useserial os/bios@rebootTimeout
bootloader bootloader_args
kernel initrd cmdline dtb
os@firmware firmware/feature os/acpi os/acpi/table
# 20.3 sysinfo
sysinfo sysinfo@type=smbios|fwcfg sysinfo/bios sysinfo/system entry entry@name
baseBoard chassis oemStrings
# 20.4 vCPU
vcpu vcpu@placement=static|auto vcpu@cpuset vcpu@current
vcpus vcpus/vcpu vcpus/vcpu@id vcpus/vcpu@enabled vcpus/vcpu@hotpluggable vcpus/vcpu@order
iothreads iothreadids iothreadids/iothread
# 20.5 cputune
cputune vcpupin vcpupin@vcpu vcpupin@cpuset emulatorpin emulatorpin@cpuset
shares period quota emulator_period emulator_quota global_period global_quota
iothread_period iothread_quota iothreadpin vcpusched emulatorsched iothreadsched
# memory
domain/memory domain/memory@unit domain/memory@dumpCore currentMemory currentMemory@unit
maxMemory maxMemory@slots maxMemory@unit
# 20.6 memoryBacking
memoryBacking hugepages hugepages/page hugepages/page@size hugepages/page@nodeset
nosharepages locked memoryBacking/source memoryBacking/access memoryBacking/allocation memoryBacking/discard
# 20.7 memtune
memtune hard_limit soft_limit swap_hard_limit min_guarantee hard_limit@unit
# 20.8 numatune
numatune numatune/memory numatune/memory@mode=interleave|strict|preferred
numatune/memory@nodeset numatune/memory@placement=static|auto memnode
# 20.9 blkiotune
blkiotune blkiotune/weight blkiotune/device blkiotune/device/path blkiotune/device/weight
# 20.10 resource
resource partition
# 20.11 cpu
cpu cpu@match=minimum|exact|strict cpu@mode=custom|host-model|host-passthrough cpu@check
cpu/model cpu/model@fallback=allow|forbid cpu/model@vendor_id cpu/vendor topology
topology@sockets topology@cores topology@threads
cpu/feature cpu/feature@policy=force|require|optional|disable|forbid cpu/feature@name
cpu/numa cpu/numa/cell cell@cpus cell@memory cell@id cell@unit cell@memAccess distances sibling
cpu/cache
# 20.12 lifecycle
on_poweroff=destroy|restart|preserve|rename-restart
on_reboot=destroy|restart|preserve
on_crash=destroy|restart|preserve|rename-restart|coredump-destroy|coredump-restart
on_lockfailure=poweroff|restart|pause|ignore
# 20.13 pm
pm suspend-to-disk suspend-to-mem suspend-to-disk@enabled suspend-to-mem@enabled
# 20.14 features
features pae acpi features/apic features/apic@eoi hap privnet
hyperv relaxed vapic spinlocks spinlocks@retries viridian pvspinlock
features/kvm features/kvm/hidden pmu smm
# 20.15 clock
clock clock@offset=utc|localtime|timezone|variable clock@adjustment clock@timezone clock@basis
timer timer@name=kvmclock|pit|rtc|tsc|hpet|platform|hypervclock
timer@track=boot|guest|wall timer@tickpolicy=delay|catchup|merge|discard
timer@frequency timer@mode=auto|native|emulate|paravirt|smpsafe timer@present catchup
catchup@threshold catchup@slew catchup@limit
# perf
perf perf/event
# 20.20 seclabel
seclabel seclabel@type=dynamic|static|none seclabel@model=selinux|apparmor|dac
seclabel@relabel label baselabel imagelabel source/seclabel
# 20.16 devices
devices emulator
# 20.16.1 disk
disk disk@type=file|block|dir|network|volume|nvme|vhostuser
disk@device=disk|cdrom|floppy|lun disk@snapshot=internal|external|no
disk/source disk/source@file disk/source@dev disk/source@dir disk/source@protocol=nbd|rbd|gluster|iscsi|http|https|ftp
disk/source@name disk/source@pool disk/source@volume disk/source@startupPolicy=mandatory|requisite|optional
disk/source/host disk/source/host@name disk/source/host@port disk/source/host@transport=tcp|rdma|unix disk/source/host@socket
disk/target disk/target@dev disk/target@bus=ide|scsi|virtio|xen|usb|sata|fdc disk/target@tray=open|closed
iotune total_bytes_sec read_bytes_sec write_bytes_sec total_iops_sec read_iops_sec write_iops_sec
disk/driver disk/driver@name disk/driver@type
disk/driver@cache=default|none|writethrough|writeback|directsync|unsafe
disk/driver@error_policy=stop|report|ignore|enospace disk/driver@rerror_policy=stop|report|ignore
disk/driver@io=threads|native disk/driver@ioeventfd disk/driver@event_idx disk/driver@copy_on_read
disk/boot disk/boot@order encryption encryption@format encryption/secret
readonly shareable transient disk/serial wwn disk/vendor disk/product
disk/address disk/address@type=pci|drive
auth auth@username auth/secret auth/secret@type=ceph|iscsi auth/secret@usage auth/secret@uuid
geometry geometry@cyls geometry@heads geometry@secs geometry@trans=none|lba|auto
blockio blockio@logical_block_size blockio@physical_block_size
backingStore backingStore/format
# 20.16.2 filesystem
filesystem filesystem@type=mount|template|file|block|ram|bind
filesystem@accessmode=passthrough|mapped|squash
filesystem/driver filesystem/driver@type=path|handle filesystem/driver@wrpolicy
filesystem/source filesystem/source@dir filesystem/source@name filesystem/source@usage
filesystem/source@file filesystem/source@dev filesystem/target filesystem/target@dir
space_hard_limit space_soft_limit
# 20.16.3 address
address address@type=pci|drive|virtio-serial|ccid|usb|spapr-vio|isa|ccw|virtio-mmio|dimm
address@domain address@bus address@slot address@function address@multifunction
address@controller address@target address@unit address@port address@reg address@iobase address@irq
# 20.16.4 controller
controller controller@type=ide|fdc|scsi|sata|usb|ccid|virtio-serial|pci
controller@index controller@ports controller@vectors
controller@model=auto|buslogic|ibmvscsi|lsilogic|lsisas1068|lsisas1078|virtio-scsi|vmpvscsi
controller@model=piix3-uhci|piix4-uhci|ehci|ich9-ehci1|ich9-uhci1|ich9-uhci2|ich9-uhci3|vt82c686b-uhci|pci-ohci|nec-xhci|none
controller@model=pci-root|pcie-root|pci-bridge|dmi-to-pci-bridge
controller/driver controller/driver@queues master master@startport pcihole64 pcihole64@unit
# 20.16.5 lease
lease lockspace key lease/target lease/target@path lease/target@offset
# 20.16.6 hostdev
hostdev hostdev@mode=subsystem|capabilities hostdev@type=usb|pci|storage|misc|net|scsi|scsi_host|mdev
hostdev@managed hostdev/source hostdev/source@startupPolicy hostdev/source/vendor hostdev/source/product
hostdev/source/address hostdev/boot hostdev/rom hostdev/rom@bar hostdev/rom@file hostdev/driver
hostdev/driver@name=kvm|vfio block char hostdev/source/interface
# 20.16.7 redirdev
redirdev redirdev@bus redirdev@type=tcp|spicevmc redirdev/source redirdev/boot
redirfilter usbdev usbdev@class usbdev@vendor usbdev@product usbdev@version usbdev@allow
# 20.16.8 smartcard
smartcard smartcard@mode=host|host-certificates|passthrough smartcard@type=tcp|spicevmc
certificate database smartcard/source smartcard/protocol
# 20.16.9 interface
interface interface@type=network|bridge|user|ethernet|direct|hostdev|mcast|server|client|udp|vhostuser|vdpa
interface@managed alias alias@name
interface/source interface/source@network interface/source@portgroup interface/source@bridge
interface/source@dev interface/source@mode=vepa|bridge|private|passthrough
interface/source@address interface/source@port
interface/mac interface/mac@address interface/target interface/target@dev
interface/model interface/model@type=virtio|rtl8139|e1000
interface/driver interface/driver@name=qemu|vhost interface/driver@txmode=iothread|timer
interface/driver@ioeventfd interface/driver@event_idx
script script@path interface/boot interface/rom interface/rom@bar interface/rom@file
interface/address filterref filterref@filter filterref/parameter
virtualport virtualport@type=openvswitch|802.1Qbg|802.1Qbh parameters
parameters@interfaceid parameters@profileid parameters@managerid parameters@typeid
parameters@typeidversion parameters@instanceid
interface/bandwidth inbound outbound inbound@average inbound@peak inbound@burst inbound@floor
outbound@average outbound@peak outbound@burst
vlan vlan@trunk tag tag@id tag@nativeMode=tagged|untagged
link link@state=up|down
# 20.16.10-11 input, hub
input input@type=mouse|tablet|keyboard|passthrough|evdev input@bus=xen|ps2|usb|virtio hub hub@type
# 20.16.12 graphics
graphics graphics@type=sdl|vnc|spice|rdp|desktop|egl-headless|dbus
graphics@display graphics@xauth graphics@fullscreen graphics@port graphics@autoport
graphics@listen graphics@passwd graphics@keymap graphics@passwdValidTo
graphics@connected=keep|disconnect|fail graphics@socket graphics@tlsPort
graphics@defaultMode=secure|insecure|any graphics@replaceUser graphics@multiUser
graphics/channel graphics/channel@name=main|display|inputs|cursor|playback|record|smartcard|usbredir
graphics/channel@mode=secure|insecure|any
image image@compression=auto_glz|auto_lz|glz|lz|off jpeg jpeg@compression=auto|never|always
zlib zlib@compression=auto|never|always playback playback@compression=on|off
streaming streaming@mode=filter|all|off clipboard clipboard@copypaste=yes|no
graphics/mouse graphics/mouse@mode=server|client
listen listen@type=address|network listen@address listen@network
# 20.16.13 video
video video/model video/model@type=vga|cirrus|vmvga|xen|vbox|qxl|virtio|bochs|ramfb
video/model@vram video/model@heads video/model@ram acceleration acceleration@accel3d acceleration@accel2d
# 20.16.14-17 character devices
parallel serial console channel
serial@type=stdio|file|vc|null|pty|dev|pipe|tcp|udp|unix|nmdm|qemu-vdagent
parallel@type=pty|file|dev console@type=pty|unix channel@type=spiceport|tcp
channel@type=spicevmc|unix|pty
serial/target serial/target@type=isa-serial|usb-serial serial/target@port parallel/target
console/target@type=serial|virtio|sclp|sclplm
channel/target@type=guestfwd|virtio channel/target@name channel/target@address channel/target@port
serial/source serial/source@path serial/source@mode=connect|bind serial/source@host serial/source@service
protocol protocol@type=raw|telnet|telnets|tls
# 20.17-20.19
sound sound@model=es1370|sb16|ac97|ich6 codec codec@type=duplex|micro
watchdog watchdog@model=i6300esb|ib700
watchdog@action=reset|shutdown|poweroff|pause|none|dump
memballoon memballoon@model=virtio|xen|none memballoon/stats
# ch. 9 devices: rng
rng rng@model rate rate@period rate@bytes backend backend@model=random|egd backend@type
backend/source
# panic, tpm, shmem, memory devices, iommu, vsock
panic panic@model tpm tpm@model tpm/backend tpm/backend@type=passthrough|emulator
shmem shmem@name shmem/model shmem/size shmem/server msi
devices/memory devices/memory@model=dimm|nvdimm memory/target memory/target/size memory/target/node
iommu iommu@model iommu/driver vsock vsock/cid
"""

NETWORK = """
# network: identity and bridge
network network@ipv6 network/name network/uuid
network/bridge network/bridge@name network/bridge@stp network/bridge@delay network/bridge@macTableManager
network/mac network/domain network/domain@name network/domain@localOnly mtu mtu@size
# network: forward modes
forward forward@mode=nat|route|bridge|private|vepa|passthrough|hostdev|open forward@dev forward@managed
forward/interface forward/interface@dev pf pf@dev forward/address forward/driver
nat nat/address nat/address@start nat/address@end nat/port nat/port@start nat/port@end
# network: ip, dhcp, tftp/bootp
ip ip@address ip@netmask ip@prefix ip@family=ipv4|ipv6
dhcp range range@start range@end dhcp/host dhcp/host@mac dhcp/host@name dhcp/host@ip
bootp bootp@file bootp@server tftp tftp@root
# network: dns, domain, routes
dns forwarder forwarder@addr txt txt@name txt@value dns/host dns/host@ip hostname
srv srv@service srv@protocol srv@domain srv@target srv@port srv@priority srv@weight
route route@address route@prefix route@gateway
# network: bandwidth, portgroups, virtualport, vlan
bandwidth inbound outbound inbound@average inbound@peak inbound@burst
outbound@average outbound@peak outbound@burst
portgroup portgroup@name portgroup@default
virtualport virtualport@type=openvswitch|802.1Qbg|802.1Qbh parameters
parameters@interfaceid parameters@profileid parameters@managerid parameters@typeid
parameters@typeidversion parameters@instanceid
vlan vlan@trunk tag tag@id tag@nativeMode=tagged|untagged
"""

STORAGE_POOL = """
# pool: types and identity
pool pool@type=dir|fs|netfs|logical|disk|iscsi|scsi|mpath|gluster|rbd
pool/name pool/uuid pool/capacity pool/allocation pool/available
# pool: source
pool/source source/host source/host@name source/host@port source/dir source/dir@path
source/device source/device@path source/adapter source/adapter@name source/adapter@type
source/adapter@parent source/adapter@wwnn source/adapter@wwpn source/name
source/format source/format@type initiator iqn iqn@name auth auth@type auth@username auth/secret
# pool: target and permissions
pool/target target/path permissions mode owner group label
"""

STORAGE_VOL = """
# volume: identity, sizes, target
volume volume@type volume/name volume/key volume/capacity volume/capacity@unit
volume/allocation volume/allocation@unit volume/target target/path target/format target/format@type
permissions mode owner group label compat features lazy_refcounts
# volume: backing store, encryption
backingStore backingStore/path backingStore/format encryption encryption@format encryption/secret
"""

SNAPSHOT = """
# snapshot
domainsnapshot domainsnapshot/name description state=shutoff|running|disk-snapshot|paused
creationTime parent parent/name memory memory@snapshot=no|internal|external memory@file
disks disk disk@name disk@snapshot=no|internal|external disk/source disk/driver domain
"""

INTERFACE = """
# host interface
interface interface@type=ethernet|bridge|bond|vlan interface@name
start start@mode=onboot|none|hotplug mac mac@address mtu mtu@size
protocol protocol@family=ipv4|ipv6 ip ip@address ip@prefix dhcp dhcp@peerdns autoconf route route@gateway
bridge bridge@stp bridge@delay bond bond@mode miimon miimon@freq miimon@updelay miimon@carrier
arpmon arpmon@interval arpmon@target arpmon@validate vlan vlan@tag vlan/interface
"""

CHECKLISTS = {
    "domain": DOMAIN,
    "network": NETWORK,
    "storage_pool": STORAGE_POOL,
    "storage_vol": STORAGE_VOL,
    "snapshot": SNAPSHOT,
    "interface": INTERFACE,
}


def items(text):
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0]
        for tok in line.split():
            if "=" in tok:
                key, values = tok.split("=", 1)
                out.extend("%s=%s" % (key, v) for v in values.split("|"))
            else:
                out.append(tok)
    return out


def local(tag):
    return tag.rsplit("}", 1)[-1]


def facts(path):
    """Every fact the item syntax can ask about, for one document."""
    found = set()

    def walk(e, ancestors):
        name = local(e.tag)
        chain = ancestors + [name]
        keys = ["/".join(chain[i:]) for i in range(len(chain))]
        for key in keys:
            found.add(key)
            text = (e.text or "").strip()
            if text and len(e) == 0:
                found.add("%s=%s" % (key, text))
            for a, v in e.attrib.items():
                a = local(a)
                found.add("%s@%s" % (key, a))
                found.add("%s@%s=%s" % (key, a, v))
        for c in e:
            walk(c, chain)

    walk(ET.parse(path).getroot(), [])
    return found


def inputs(kind, validity="valid"):
    d = os.path.join(HERE, kind, validity)
    if not os.path.isdir(d):
        return []
    return [os.path.join(d, n) for n in sorted(os.listdir(d))
            if n.endswith(".xml") and not n.endswith(".out.xml")]


def shape(path):
    els, attrs = set(), set()

    def walk(e, p):
        p = p + "/" + local(e.tag)
        els.add(p)
        for a in e.attrib:
            attrs.add(p + "@" + local(a))
        for c in e:
            walk(c, p)

    walk(ET.parse(path).getroot(), "")
    return els | attrs


def dropped():
    for kind in CHECKLISTS:
        for p in inputs(kind):
            out = p[:-4] + ".out.xml"
            if not os.path.exists(out):
                continue
            gone = sorted(shape(p) - shape(out))
            if gone:
                print("%s: %s" % (os.path.relpath(p, HERE), " ".join(gone)))


def main():
    if "--dropped" in sys.argv[1:]:
        dropped()
        return 0
    missing = 0
    for kind, text in CHECKLISTS.items():
        seen = set()
        for p in inputs(kind):
            seen |= facts(p)
        for item in items(text):
            if item not in seen:
                print("%s: %s" % (kind, item))
                missing += 1
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())

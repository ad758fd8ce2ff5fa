#!/usr/bin/python3
"""check-qemu-accepts.py: does the real QEMU take the command lines we build?

    check-qemu-accepts.py TEST_XML2ARGV CAPS_FILE DIR [--guest-dir GDIR]... [NAME...]

For a sample of the golden definitions in DIR (SAMPLE below, or the NAMEs
given) that need no host resources (no tap devices, hugepages, vhost
devices, swtpm, smartcards, network servers), the definition is copied into
a scratch root with its image, log and socket paths moved there; the
images it names are created (raw files, qcow2 with qemu-img, a qcow2
backing chain for base/top, the OVMF variable store, the test guest's
kernel and initramfs).  TEST_XML2ARGV --print gives the command line for
that root; it must ask for TCG (never KVM) and start paused (-S).  QEMU is
started with exactly that environment and those arguments, a QMP client
connects to the monitor socket and sends qmp_capabilities, query-status
(the guest must be in 'prelaunch') and quit; QEMU must exit with status 0.

The definitions of BOOT (the minimal guest the driver boots) are also run:
after query-status the client reads the serial console's pty, sends
'cont' and waits for the test guest's "VIREO-GUEST: booted" line.  That
needs the guest of tests/guest (the first GDIR with a kernel, else
$VIREO_GUEST_DIR, else <source>/build/guest); the boot part is skipped,
with a note, when it is not built.

Prints "N passed, N failed" as the last line; exits 1 on a failure.
"""
import concurrent.futures
import json
import os
import re
import select
import shutil
import socket
import subprocess
import sys
import tempfile
import time

SAMPLE = """
pc-minimal q35-minimal pc-i686 pc-older-machine pc-features-acpi
guest-boot-minimal kernel-boot kernel-boot-q35-dtb-less
disk-virtio disk-backing-chain disk-ide-four disk-scsi-virtio-scsi disk-sata-q35
disk-sata-pc disk-floppy disk-floppy-two disk-usb disk-cache-modes
disk-virtio-options disk-iotune disk-scsi-options disk-cdrom-variants
disk-sata-cdrom-boot boot-dev-order
net-models net-user-models net-user-ip net-default-model q35-net-models
q35-net-legacy-pci multifunction-user net-boot-rom
serial-several serial-pci-usb chardev-types console-virtio console-serial-default
channels-virtio channel-agent-unix parallel
video-qxl-two video-virtio video-vga-q35-secondary-virtio video-models video-ramfb
video-vmvga video-bochs-q35 pc-graphics-vnc-defaults pc-graphics-spice-audio
graphics-vnc-unix graphics-spice-options graphics-vnc-spice-both
sound-models sound-isa-usb sound-ich9-q35 sound-audio-backends audio-explicit
usb-ehci-companions usb-redir-filter usb-qemu-xhci-pc
controller-usb-models controller-models controller-pcie-expander
input-tablet-usb input-virtio q35-usb-devices
watchdog-i6300esb watchdog-ib700 q35-watchdog-i6300esb watchdog-none-action
memballoon-stats memballoon-options memballoon-q35 memballoon-none
rng-virtio-builtin numa-cells numa-distances memory-dimm-hotplug
memory-backing-memfd memory-backing-file memory-backing-file-discard
q35-iommu-intel cpu-custom-model cpu-custom-features cpu-maximum cpu-model-only
cpu-topology-only vcpu-hotplug-max clock-timers clock-variable
sysinfo-smbios smbios-sysinfo-full iothreads-disk iothreads-scsi
lifecycle-boot-menu lifecycle-actions os-loader-pflash pci-auto-bridge
pci-bridge-explicit q35-pcie-to-pci-bridge q35-root-port-explicit
q35-many-devices filesystem-9p features-pc features-q35-smm features-hyperv
pm-suspend pm-suspend-q35 vmgenid-sga panic-isa
""".split()

# Booted to the guest's first line, not only started.
BOOT = {"guest-boot-minimal"}

QEMU_TIMEOUT = 20
BOOT_TIMEOUT = 90
OVMF_VARS = "/usr/share/OVMF/OVMF_VARS_4M.fd"


class Failure(Exception):
    pass


class Skip(Exception):
    pass


def free_port():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def prepare(name, src_dir, root, guest_dir):
    """The definition with its paths under @root; creates what it names."""
    for d in ("xml", "images", "log", "run/vireo/qemu", "srv",
              "lib/vireo/qemu/domain-" + name, "lib/vireo/qemu/channel/" + name):
        os.makedirs(os.path.join(root, d), exist_ok=True)
    with open(os.path.join(src_dir, name + ".xml")) as f:
        xml = f.read()
    xml = (xml.replace("/var/lib/images/", root + "/images/")
              .replace("/var/log/", root + "/log/")
              .replace("/var/lib/vireo/qemu/nvram/", root + "/images/")
              .replace("'/srv/share'", "'%s/srv'" % root)
              .replace("/var/lib/vireo/qemu/channel/target/",
                       "%s/lib/vireo/qemu/channel/%s/" % (root, name)))
    with open(os.path.join(root, "xml", name + ".xml"), "w") as f:
        f.write(xml)
    images = sorted(set(re.findall(re.escape(root + "/images/") + r"[^'<\"]+", xml)))

    def qemu_img(*args):
        subprocess.run(["qemu-img", "create", "-q"] + list(args), check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    for img in images:
        base = os.path.basename(img)
        if base.endswith(".sock"):
            continue
        if base in ("vmlinuz", "initrd.img"):
            g = os.path.join(guest_dir, base)
            if not os.path.exists(g):
                raise Skip("needs %s (tests/guest/build-guest.sh builds it)" % g)
            os.symlink(g, img)
        elif base.endswith("top.qcow2"):
            continue
        elif base.endswith(".qcow2"):
            qemu_img("-f", "qcow2", img, "64M")
        elif base.endswith("VARS.fd"):
            shutil.copy(OVMF_VARS, img)
        elif base.endswith(".vfd"):
            with open(img, "wb") as f:
                f.truncate(1474560)
        else:
            with open(img, "wb") as f:
                f.truncate(64 << 20)
    for img in images:
        if img.endswith("top.qcow2"):
            qemu_img("-f", "qcow2", "-b", root + "/images/base.qcow2", "-F", "qcow2", img, "64M")


def command_line(test, caps, root, name):
    env = dict(os.environ, VIREO_TEST_SPICE_PORT=str(free_port()))
    p = subprocess.run([test, "--print", caps, os.path.join(root, "xml"), name, root],
                       capture_output=True, text=True, env=env)
    if p.returncode != 0:
        raise Failure("no command line: " + p.stderr.strip())
    lines = p.stdout.rstrip("\n").split("\n")
    i = 0
    qenv = {}
    while i < len(lines) and not lines[i].startswith("/"):
        k, _, v = lines[i].partition("=")
        qenv[k] = v
        i += 1
    if i == len(lines):
        raise Failure("no binary in the command line")
    argv = lines[i:]
    pairs = list(zip(argv, argv[1:]))
    if ("-accel", "tcg") not in pairs or any(a == "-accel" and v != "tcg" for a, v in pairs) \
            or any("kvm" in v and a in ("-accel", "-machine") for a, v in pairs):
        raise Failure("the command line does not ask for TCG only")
    if "-S" not in argv:
        raise Failure("the command line does not start QEMU paused (-S)")
    monitor = None
    for a, v in pairs:
        m = re.match(r"socket,id=charmonitor,path=([^,]+)", v)
        if a == "-chardev" and m:
            monitor = m.group(1)
    if not monitor:
        raise Failure("no QMP monitor socket in the command line")
    return qenv, argv, monitor


class QMP:
    def __init__(self, path, proc, deadline):
        while True:
            if proc.poll() is not None:
                raise Failure("QEMU exited with status %d before its monitor was up" % proc.returncode)
            try:
                self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                self.sock.connect(path)
                break
            except OSError:
                self.sock.close()
                if time.time() > deadline:
                    raise Failure("monitor socket %s never appeared" % path)
                time.sleep(0.02)
        self.sock.settimeout(QEMU_TIMEOUT)
        self.f = self.sock.makefile("rw")
        if "QMP" not in self.reply():
            raise Failure("no QMP greeting")

    def reply(self):
        while True:
            line = self.f.readline()
            if not line:
                raise Failure("monitor closed")
            msg = json.loads(line)
            if "event" not in msg:
                return msg

    def cmd(self, name, **args):
        msg = {"execute": name}
        if args:
            msg["arguments"] = args
        self.f.write(json.dumps(msg) + "\n")
        self.f.flush()
        r = self.reply()
        if "error" in r:
            raise Failure("%s: %s" % (name, r["error"].get("desc", r["error"])))
        return r.get("return")

    def close(self):
        self.f.close()
        self.sock.close()


def wait_boot(qmp, proc):
    """Resumes the guest and waits for its first line on the serial pty."""
    pty = None
    for c in qmp.cmd("query-chardev"):
        if c["label"] == "charserial0" and c["filename"].startswith("pty:"):
            pty = c["filename"][4:]
    if not pty:
        raise Failure("no pty for serial0 in query-chardev")
    fd = os.open(pty, os.O_RDONLY | os.O_NOCTTY | os.O_NONBLOCK)
    try:
        qmp.cmd("cont")
        out = b""
        deadline = time.time() + BOOT_TIMEOUT
        while b"VIREO-GUEST: booted" not in out:
            if proc.poll() is not None:
                raise Failure("QEMU exited while the guest booted")
            left = deadline - time.time()
            if left <= 0:
                tail = out[-400:].decode(errors="replace")
                raise Failure("the guest did not boot in %d s; console tail:\n%s" % (BOOT_TIMEOUT, tail))
            r, _, _ = select.select([fd], [], [], min(left, 1.0))
            if r:
                try:
                    out += os.read(fd, 65536)
                except BlockingIOError:
                    pass
        st = qmp.cmd("query-status")
        if st.get("status") != "running":
            raise Failure("guest booted but is '%s'" % st.get("status"))
    finally:
        os.close(fd)


def check_one(name, args, scratch, index):
    # short: UNIX socket paths under it must stay below 108 bytes
    root = os.path.join(scratch, str(index))
    os.makedirs(root)
    prepare(name, args.dir, root, args.guest_dir)
    qenv, argv, monitor = command_line(args.test, args.caps, root, name)
    out = open(os.path.join(root, "qemu.out"), "w+")
    proc = subprocess.Popen(argv, env=qenv, stdin=subprocess.DEVNULL, stdout=out,
                            stderr=subprocess.STDOUT, cwd=root, start_new_session=True)
    note = ""
    try:
        try:
            qmp = QMP(monitor, proc, time.time() + QEMU_TIMEOUT)
            try:
                qmp.cmd("qmp_capabilities")
                st = qmp.cmd("query-status")
                if st.get("status") != "prelaunch" or st.get("running"):
                    raise Failure("started as '%s', not paused in 'prelaunch'" % st.get("status"))
                if name in BOOT:
                    if os.path.exists(os.path.join(args.guest_dir, "vmlinuz")):
                        wait_boot(qmp, proc)
                        note = " (booted)"
                    else:
                        note = " (boot skipped: no guest in %s)" % args.guest_dir
                qmp.cmd("quit")
            finally:
                qmp.close()
            rc = proc.wait(QEMU_TIMEOUT)
            if rc != 0:
                raise Failure("QEMU exited with status %d after quit" % rc)
        except (Failure, OSError, ValueError, subprocess.TimeoutExpired) as e:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            out.seek(0)
            qemu = "".join("    qemu: " + l for l in out.readlines()[-10:])
            raise Failure("%s\n%s" % (e, qemu))
    finally:
        out.close()
    out_text = open(os.path.join(root, "qemu.out")).read().strip()
    if out_text:
        note += "\n" + "".join("    qemu: %s\n" % l for l in out_text.split("\n")[-5:]).rstrip()
    return note


def main():
    argv = sys.argv[1:]
    guest_dirs = []
    while "--guest-dir" in argv:
        i = argv.index("--guest-dir")
        guest_dirs.append(argv[i + 1])
        del argv[i:i + 2]
    if len(argv) < 3:
        sys.exit(__doc__)

    class A:
        pass
    args = A()
    args.test, args.caps, args.dir = argv[:3]
    names = argv[3:] or SAMPLE
    src_root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    # the first of these with a kernel in it (tests/guest/README.md)
    guest_dirs += [os.environ.get("VIREO_GUEST_DIR") or "", os.path.join(src_root, "build", "guest")]
    guest_dirs = [d for d in guest_dirs if d]
    args.guest_dir = next((d for d in guest_dirs if os.path.exists(os.path.join(d, "vmlinuz"))),
                          guest_dirs[0])
    for tool in ("/usr/bin/qemu-system-x86_64", "qemu-img"):
        if not shutil.which(tool):
            print("SKIP: %s is not installed" % tool)
            print("0 passed, 0 failed")
            return 0
    passed = failed = skipped = 0
    scratch = tempfile.mkdtemp(prefix="vq.", dir="/tmp")
    try:
        # the boots are the long pole: start them first
        order = sorted(names, key=lambda n: n not in BOOT)
        with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
            futs = {pool.submit(check_one, n, args, scratch, i): n for i, n in enumerate(order)}
            results = {}
            for fut in concurrent.futures.as_completed(futs):
                results[futs[fut]] = fut
        for n in names:
            fut = results[n]
            try:
                note = fut.result()
                print("ok   %s%s" % (n, note))
                passed += 1
            except Skip as e:
                print("skip %s: %s" % (n, e))
                skipped += 1
            except Exception as e:  # noqa: BLE001 -- every failure is reported the same way
                print("FAIL %s: %s" % (n, e))
                failed += 1
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if skipped:
        print("%d skipped" % skipped)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

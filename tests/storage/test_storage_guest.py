#!/usr/bin/env python3
"""Storage volumes as guest disks, through vireod on a private root (one
TCG guest boot, bounded).

A raw base volume and a qcow2 overlay backed by it (vol-create-as
--backing-vol) in a dir pool; the guest boots with the overlay as a
<disk type='volume'> and writes a marker at offset 0 (the test guest's
vireo.writedisk knob).  While it runs: vol-delete, vol-wipe and a
shrinking vol-resize of the overlay, and vol-delete of its base, are
refused naming the guest; a volume disk hot-plugged is resolved too, and a
type='file' disk on a volume's path makes that volume in use as well.
After the guest shuts down: vol-download of the overlay, converted to raw
with qemu-img, holds the marker, and the base does not.  Start errors for
a missing pool, a missing volume and an inactive pool name them.
Prints "N passed, N failed" last; exits non-zero on failure."""
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'daemon'))
from vireod_fixture import BUILD, RootVireod, find_binary  # noqa: E402
from tgt_fixture import Tgtd  # noqa: E402

GUEST_DIR = os.path.join(BUILD, 'guest')
BOOT_TIMEOUT = 120          # TCG on a busy 2-core machine
STOCK_VIRSH = '/usr/bin/virsh'
MiB = 1024 ** 2
PASSED = 0
FAILED = 0


def check(name, cond, detail=''):
    global PASSED, FAILED
    if cond:
        PASSED += 1
        print('ok   ' + name, flush=True)
    else:
        FAILED += 1
        print('FAIL ' + name + (': ' + str(detail) if detail else ''), flush=True)
    return cond


def build_guest():
    script = os.path.join(HERE, '..', 'guest', 'build-guest.sh')
    out = subprocess.run(['bash', script, GUEST_DIR], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit('cannot build the test guest: ' + out.stdout + out.stderr)


class Daemon(RootVireod):
    """SIGTERM leaves guests running; a restarted daemon re-attaches them."""

    def stop(self, virsh):
        # guests must not outlive the test
        for name in virsh('list', '--name').stdout.split():
            virsh('destroy', name)
        super().stop()

def make_virsh(uri, binary):
    def run(*args, timeout=120):
        return subprocess.run([binary, '-c', uri] + list(args), capture_output=True,
                              text=True, timeout=timeout)
    return run


def write_file(path, text):
    with open(path, 'w') as f:
        f.write(text)
    return path


def volume_disk(pool, vol, fmt, dev):
    return ("<disk type='volume' device='disk'><driver name='qemu' type='%s'/>"
            "<source pool='%s' volume='%s'/><target dev='%s' bus='virtio'/></disk>"
            % (fmt, pool, vol, dev))


def guest_xml(name, serial_log, disks, cmdline):
    return """<domain type='qemu'>
  <name>%s</name>
  <memory unit='MiB'>160</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <kernel>%s/vmlinuz</kernel>
    <initrd>%s/initrd.img</initrd>
    <cmdline>console=ttyS0 quiet vireo.nonet %s</cmdline>
  </os>
  <features><acpi/></features>
  <devices>
    %s
    <serial type='pty'><log file='%s' append='on'/></serial>
    <console type='pty'/>
  </devices>
</domain>
""" % (name, GUEST_DIR, GUEST_DIR, cmdline, disks, serial_log)


def wait_for(pred, timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if pred():
            return True
        time.sleep(0.2)
    return False


def marker_seen(path, marker):
    try:
        return marker in open(path, errors='replace').read()
    except OSError:
        return False


def setup_pool(virsh, work):
    target = os.path.join(work, 'pool')
    out = virsh('pool-define-as', 'gp', 'dir', '--target', target)
    out2 = virsh('pool-build', 'gp')
    out3 = virsh('pool-start', 'gp')
    check('dir pool gp defined, built, started', out.returncode == 0 and
          out2.returncode == 0 and out3.returncode == 0, (out, out2, out3))
    out = virsh('vol-create-as', 'gp', 'base.raw', '16M', '--format', 'raw')
    check('base raw volume', out.returncode == 0, out)
    base_text = os.path.join(work, 'base.bin')
    with open(base_text, 'wb') as f:
        f.write(b'BASE-CONTENT-AT-1M\n')
    out = virsh('vol-upload', '--pool', 'gp', 'base.raw', base_text, '--offset', str(MiB))
    check('base content uploaded at 1 MiB', out.returncode == 0, out)
    out = virsh('vol-create-as', 'gp', 'top.qcow2', '16M', '--format', 'qcow2',
                '--backing-vol', 'base.raw', '--backing-vol-format', 'raw')
    check('qcow2 overlay backed by the base (--backing-vol)', out.returncode == 0, out)
    out = virsh('vol-clone', '--pool', 'gp', 'base.raw', 'extra.raw')
    check('vol-clone of the base', out.returncode == 0, out)
    return target


def start_errors(virsh, work):
    """Start-time resolution errors name the pool and the volume."""
    log = os.path.join(work, 'bad.log')
    cases = [
        ('missing pool', volume_disk('nopool', 'x.qcow2', 'qcow2', 'vda'),
         "no storage pool with matching name 'nopool' (disk 'vda', volume 'x.qcow2')"),
        ('missing volume', volume_disk('gp', 'novol.qcow2', 'qcow2', 'vda'),
         "no storage vol with matching name 'novol.qcow2' in pool 'gp' (disk 'vda')"),
        ('inactive pool', volume_disk('idle', 'x.raw', 'raw', 'vda'), "storage pool 'idle' "
         "containing volume 'x.raw' is not active"),
    ]
    idle = os.path.join(work, 'idle')
    virsh('pool-define-as', 'idle', 'dir', '--target', idle)
    for what, disk, expect in cases:
        name = 'bad-' + what.replace(' ', '-')
        xml = write_file(os.path.join(work, name + '.xml'),
                         guest_xml(name, log, disk, ''))
        virsh('define', xml)
        out = virsh('start', name)
        check('start with a %s fails naming it' % what,
              out.returncode != 0 and expect in out.stderr, out.stderr)
        st = virsh('domstate', name)
        check('%s: guest left shut off' % what, 'shut off' in st.stdout, st)
        virsh('undefine', name)
    virsh('pool-undefine', 'idle')


def while_running(virsh, stock, name, target):
    out = virsh('vol-delete', '--pool', 'gp', 'top.qcow2')
    check('vol-delete of the running guest\'s disk refused naming the guest',
          out.returncode != 0 and "storage volume 'top.qcow2' is in use by domain '%s'" % name
          in out.stderr and os.path.exists(os.path.join(target, 'top.qcow2')), out.stderr)
    out = stock('vol-wipe', '--pool', 'gp', 'top.qcow2')
    check('vol-wipe of it refused naming the guest (stock virsh)',
          out.returncode != 0 and "in use by domain '%s'" % name in out.stderr, out.stderr)
    out = virsh('vol-resize', '--pool', 'gp', 'top.qcow2', '8M', '--shrink')
    check('vol-resize --shrink of it refused naming the guest',
          out.returncode != 0 and "in use by domain '%s'" % name in out.stderr, out.stderr)
    out = virsh('vol-delete', '--pool', 'gp', 'base.raw')
    check('vol-delete of its backing volume refused naming the guest and the overlay',
          out.returncode != 0 and "storage volume 'base.raw' is in use by domain '%s'" % name
          in out.stderr and 'top.qcow2' in out.stderr, out.stderr)
    out = virsh('vol-resize', '--pool', 'gp', 'extra.raw', '32M')
    check('an unused volume of the pool still resizes', out.returncode == 0, out)
    out = virsh('dumpxml', name)
    check('live XML keeps the volume source', "pool='gp'" in out.stdout and
          "volume='top.qcow2'" in out.stdout, out.stdout[:2000])
    # hot-plug: a volume disk is resolved at attach too
    out = virsh('attach-device', name, write_file(
        os.path.join(os.path.dirname(target), 'hot.xml'),
        volume_disk('gp', 'extra.raw', 'raw', 'vdb')), '--live')
    check('attach-device of a volume disk', out.returncode == 0, out)
    out = virsh('vol-delete', '--pool', 'gp', 'extra.raw')
    check('vol-delete of the hot-plugged volume refused naming the guest',
          out.returncode != 0 and "in use by domain '%s'" % name in out.stderr, out.stderr)
    # a plain file disk on a volume's path counts as well
    virsh('vol-create-as', 'gp', 'file.raw', '1M')
    out = virsh('attach-device', name, write_file(
        os.path.join(os.path.dirname(target), 'hotf.xml'),
        "<disk type='file' device='disk'><driver name='qemu' type='raw'/>"
        "<source file='%s'/><target dev='vdd' bus='virtio'/></disk>"
        % os.path.join(target, 'file.raw')), '--live')
    check('attach-device of a type=file disk on a volume\'s path', out.returncode == 0, out)
    out = virsh('vol-wipe', '--pool', 'gp', 'file.raw', '--algorithm', 'random')
    check('vol-wipe of a volume used as a type=file disk refused naming the guest',
          out.returncode != 0 and "storage volume 'file.raw' is in use by domain '%s'" % name
          in out.stderr, out.stderr)
    out = virsh('attach-device', name, write_file(
        os.path.join(os.path.dirname(target), 'hot2.xml'),
        volume_disk('gp', 'nothere.raw', 'raw', 'vdc')), '--live')
    check('attach-device of a missing volume fails naming it',
          out.returncode != 0 and 'nothere.raw' in out.stderr, out)


IQN = 'iqn.2026-11.org.vireo:storage-guest'


def iscsi_direct_disk(virsh, name, work):
    """A volume of an iscsi-direct pool hot-plugged: resolved to an iSCSI
    network source (portal, target IQN, LUN) that QEMU's iscsi driver opens."""
    if not shutil.which('tgtd'):
        check('iscsi-direct volume disk (tgtd not installed)', False)
        return
    tgt = Tgtd(work, IQN, 8 * MiB)
    try:
        pool = write_file(os.path.join(work, 'idp.xml'),
                          "<pool type='iscsi-direct'><name>idp</name><source>"
                          "<host name='127.0.0.1' port='%d'/><device path='%s'/>"
                          "<initiator><iqn name='iqn.2026-11.org.vireo:guest'/></initiator>"
                          "</source></pool>" % (tgt.port, IQN))
        out = virsh('pool-create', pool)
        check('iscsi-direct pool started against a private tgtd', out.returncode == 0, out)
        out = virsh('attach-device', name, write_file(
            os.path.join(work, 'hoti.xml'),
            volume_disk('idp', 'unit:0:0:1', 'raw', 'vde')), '--live')
        check('attach-device of an iscsi-direct volume disk (QEMU opens the iSCSI LUN)',
              out.returncode == 0, out)
        out = virsh('domblklist', name)
        check('... listed as vde', 'vde' in out.stdout, out.stdout)
        out = virsh('detach-device', name, os.path.join(work, 'hoti.xml'), '--live')
        wait_for(lambda: 'vde' not in virsh('domblklist', name).stdout, 20)
        virsh('pool-destroy', 'idp')
    finally:
        tgt.stop()


def after_shutdown(virsh, work, target, marker):
    dl = os.path.join(work, 'top-download.qcow2')
    out = virsh('vol-download', '--pool', 'gp', 'top.qcow2', dl)
    check('vol-download of the overlay', out.returncode == 0, out)
    raw = os.path.join(work, 'top.raw')
    conv = subprocess.run(['qemu-img', 'convert', '-U', '-f', 'qcow2', '-O', 'raw', dl, raw],
                          capture_output=True, text=True)
    data = open(raw, 'rb').read() if conv.returncode == 0 else b''
    check('downloaded overlay holds the guest\'s marker at offset 0',
          data[:len(marker)] == marker.encode(), (conv.stderr, data[:64]))
    check('... and reads the base content through its backing file',
          data[MiB:MiB + 18] == b'BASE-CONTENT-AT-1M', data[MiB:MiB + 32])
    base = open(os.path.join(target, 'base.raw'), 'rb').read(4096)
    check('the base volume was not written', marker.encode() not in base)
    out = virsh('vol-delete', '--pool', 'gp', 'top.qcow2')
    check('vol-delete once the guest is off', out.returncode == 0 and
          not os.path.exists(os.path.join(target, 'top.qcow2')), out)


def main():
    if not shutil.which('qemu-img') or not shutil.which('qemu-system-x86_64'):
        print('qemu not installed')
        print('0 passed, 1 failed')
        return 1
    build_guest()
    work = tempfile.mkdtemp(prefix='vireo-storage-guest-')
    os.chmod(work, 0o755)
    root = os.path.join(work, 'root')
    os.makedirs(root)
    daemon = Daemon(root)
    virsh = make_virsh(daemon.uri(), find_binary('virsh'))
    stock = make_virsh(daemon.uri(), STOCK_VIRSH if os.path.exists(STOCK_VIRSH)
                       else find_binary('virsh'))
    t0 = time.time()
    try:
        target = setup_pool(virsh, work)
        start_errors(virsh, work)
        name = 'sg-' + uuid.uuid4().hex[:8]
        marker = 'VIREO-VOLUME-MARKER-' + uuid.uuid4().hex[:12]
        log = os.path.join(work, 'guest.log')
        xml = write_file(os.path.join(work, 'guest.xml'), guest_xml(
            name, log, volume_disk('gp', 'top.qcow2', 'qcow2', 'vda'),
            'vireo.writedisk=' + marker))
        out = virsh('define', xml)
        check('define a guest with a volume disk', out.returncode == 0, out)
        out = virsh('start', name)
        check('start resolves the volume disk', out.returncode == 0, out.stderr)
        wrote = wait_for(lambda: marker_seen(log, 'VIREO-GUEST: wrote disk') or
                         marker_seen(log, 'VIREO-GUEST: no disk'), BOOT_TIMEOUT)
        check('guest booted and wrote its marker to the volume',
              wrote and marker_seen(log, 'VIREO-GUEST: wrote disk'), 'serial log: ' +
              (open(log, errors='replace').read()[-800:] if os.path.exists(log) else 'none'))
        while_running(virsh, stock, name, target)
        iscsi_direct_disk(virsh, name, work)
        # after a daemon restart the live definition comes from the status
        # file (no resolved paths): volumes are still matched by name
        daemon.restart()
        out = virsh('vol-delete', '--pool', 'gp', 'top.qcow2')
        check('after a vireod restart: vol-delete still refused naming the guest',
              out.returncode != 0 and "in use by domain '%s'" % name in out.stderr, out.stderr)
        out = virsh('vol-wipe', '--pool', 'gp', 'extra.raw')
        check('after a vireod restart: the hot-plugged volume is still in use',
              out.returncode != 0 and "in use by domain '%s'" % name in out.stderr, out.stderr)
        out = virsh('shutdown', name)
        off = wait_for(lambda: 'shut off' in virsh('domstate', name).stdout, 60)
        if not off:
            virsh('destroy', name)
        check('guest shut down (ACPI)', out.returncode == 0 and off, out)
        after_shutdown(virsh, work, target, marker)
        virsh('undefine', name)
    except Exception as e:  # noqa: BLE001
        check('no exception', False, repr(e))
    finally:
        daemon.stop(virsh)
        if FAILED:
            print(open(daemon.log).read()[-3000:])
        shutil.rmtree(work, ignore_errors=True)
    print('took %.1fs' % (time.time() - t0))
    print('%d passed, %d failed' % (PASSED, FAILED))
    return 1 if FAILED else 0


if __name__ == '__main__':
    sys.exit(main())

#!/usr/bin/env python3
"""Storage pool backends (src/storage/storage_backend_*.c) for real:
'fs' and 'disk' pools on loop devices made from sparse files, and an
'iscsi-direct' pool against a tgtd this test starts on 127.0.0.1, all
through vireod on a private root (our virsh, stock /usr/bin/virsh,
python3-libvirt); error cases; a vanished autostart source across a
daemon restart.  vireod runs in a private mount namespace so that its
mounts stay out of the host's (and out of other tests' namespaces).
logical/netfs/iscsi/scsi commands are golden-tested by
tests/storagepool2argv (test_storagepool2argv), not here.
Prints "N passed, N failed" last; exits non-zero on failure."""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', 'daemon'))
from vireod_fixture import RootVireod, find_binary  # noqa: E402
from tgt_fixture import Tgtd  # noqa: E402

PASSED = 0
FAILED = 0
MiB = 1024 ** 2
IQN = 'iqn.2026-11.org.vireo:pools-test'
INITIATOR = 'iqn.2026-11.org.vireo:pools-client'


def check(name, cond, detail=''):
    global PASSED, FAILED
    if cond:
        PASSED += 1
        print('ok   ' + name)
    else:
        FAILED += 1
        print('FAIL ' + name + (': ' + str(detail) if detail else ''))


def run(*args, **kw):
    return subprocess.run(list(args), capture_output=True, text=True, timeout=60, **kw)


class Daemon(RootVireod):
    """vireod --root ROOT inside its own mount namespace."""

    def command(self):
        # unshare execs vireod: the pid is the daemon's
        return ['unshare', '--mount', '--propagation', 'private'] + super().command()

    def environment(self):
        return dict(os.environ, VIREO_DEBUG='3',  # warnings on
                    **lvm_env(os.path.dirname(self.root)))

    def mounts(self):
        try:
            return open('/proc/%d/mounts' % self.proc.pid).read()
        except OSError:
            return ''


def lvm_env(tmp):
    """LVM commands (the daemon's and ours) read tmp/lvm/lvm.conf, which
    sees only the test's loop device and writes no backups to /etc/lvm."""
    return {'LVM_SYSTEM_DIR': os.path.join(tmp, 'lvm'), 'LVM_SUPPRESS_FD_WARNINGS': '1'}


def write_lvm_conf(tmp, dev):
    os.makedirs(os.path.join(tmp, 'lvm'), exist_ok=True)
    accept = '"a|^%s$|", ' % dev if dev else ''
    write(os.path.join(tmp, 'lvm'), 'lvm.conf',
          'devices { filter = [ %s"r|.*|" ] use_devicesfile = 0 }\n'
          'backup { backup = 0 archive = 0 }\n'
          'activation { udev_sync = 0 udev_rules = 0 }\n' % accept)


def make_virsh(uri, binary):
    def virsh(*args, env=None):
        return subprocess.run([binary, '-c', uri] + list(args), capture_output=True,
                              text=True, timeout=120,
                              env=dict(os.environ, **env) if env else None)
    return virsh


class Loops:
    """Loop devices on sparse files, detached at exit."""

    def __init__(self, tmp):
        self.tmp = tmp
        self.devs = []

    def new(self, name, size, partscan=False):
        path = os.path.join(self.tmp, name + '.img')
        with open(path, 'wb') as f:
            f.truncate(size)
        args = ['losetup', '-f', '--show'] + (['-P'] if partscan else []) + [path]
        dev = run(*args).stdout.strip()
        if not dev.startswith('/dev/loop'):
            raise RuntimeError('losetup failed for ' + path)
        self.devs.append(dev)
        return dev

    def cleanup(self):
        for dev in self.devs:
            run('losetup', '-d', dev)


def timed(what, virsh, *args):
    """Runs a virsh command and prints its wall time (reported, not checked)."""
    t = time.monotonic()
    out = virsh(*args)
    print('bench: %s %.0f ms' % (what, (time.monotonic() - t) * 1000))
    return out


def blkid_type(dev):
    out = run('blkid', '-p', '-o', 'value', '-s', 'TYPE', '-s', 'PTTYPE', dev)
    return out.stdout.strip()


def err(out):
    return out.stdout + out.stderr


# ---- fs ------------------------------------------------------------------


def fs_pool(d, virsh, stock, loops, tmp):
    dev = loops.new('fs', 128 * MiB)
    target = os.path.join(tmp, 'fsmnt')
    out = virsh('pool-define-as', 'fsp', 'fs', '--source-dev', dev, '--source-format', 'ext4',
                '--target', target)
    check('fs: pool-define-as', out.returncode == 0, err(out))
    out = virsh('pool-start', 'fsp')
    check('fs: pool-start before build fails naming the target',
          out.returncode != 0 and target in err(out) and 'does not exist' in err(out), err(out))
    out = virsh('pool-build', 'fsp', '--no-overwrite')
    check('fs: pool-build --no-overwrite on a blank device makes ext4',
          out.returncode == 0 and blkid_type(dev) == 'ext4', err(out) + blkid_type(dev))
    out = virsh('pool-build', 'fsp', '--no-overwrite')
    check('fs: pool-build --no-overwrite on a formatted device is refused',
          out.returncode != 0 and 'already built' in err(out) and "'ext4'" in err(out), err(out))
    code = python_build_error(d.uri(), 'fsp')
    check('fs: python3-libvirt gets VIR_ERR_STORAGE_POOL_BUILT (76)', code == 76, code)
    out = virsh('pool-build', 'fsp', '--overwrite')
    check('fs: pool-build --overwrite reformats', out.returncode == 0, err(out))
    out = timed('fs pool-start (mount)', virsh, 'pool-start', 'fsp')
    check('fs: pool-start mounts the device',
          out.returncode == 0 and (' %s ext4 ' % target) in d.mounts(), err(out))
    check('fs: the mount stays out of the host namespace',
          (' %s ' % target) not in open('/proc/self/mounts').read())
    out = virsh('pool-build', 'fsp', '--overwrite')
    check('fs: pool-build of an active pool is refused',
          out.returncode != 0 and 'already active' in err(out), err(out))
    out = virsh('vol-create-as', 'fsp', 'v1', '8M')
    check('fs: vol-create-as raw', out.returncode == 0, err(out))
    out = virsh('vol-create-as', 'fsp', 'v2', '64M', '--format', 'qcow2')
    check('fs: vol-create-as qcow2', out.returncode == 0, err(out))
    out = virsh('pool-refresh', 'fsp')
    check('fs: pool-refresh', out.returncode == 0, err(out))
    out = virsh('vol-list', 'fsp')
    names = [ln.split()[0] for ln in out.stdout.splitlines()[2:] if ln.strip()]
    check('fs: vol-list shows the files (lost+found too, as libvirt)',
          names == ['lost+found', 'v1', 'v2'], out.stdout)
    out = virsh('vol-dumpxml', '--pool', 'fsp', 'v2')
    check('fs: volume path inside the mount',
          '<path>%s/v2</path>' % target in out.stdout and "type='qcow2'" in out.stdout, out)
    out = stock('pool-info', 'fsp')
    check('fs: pool-info (stock virsh) running with the filesystem size',
          'running' in out.stdout and 'MiB' in out.stdout, err(out))
    out = virsh('pool-dumpxml', 'fsp')
    check('fs: pool-dumpxml source', "<device path='%s'/>" % dev in out.stdout and
          "<format type='ext4'/>" in out.stdout and "<pool type='fs'>" in out.stdout, out)
    out = stock('find-storage-pool-sources-as', 'fs')
    check('fs: find-storage-pool-sources-as (stock virsh) finds the device',
          out.returncode == 0 and "<device path='%s'/>" % dev in out.stdout, err(out))
    spec = write(tmp, 'fsrc.xml', "<source><format type='xfs'/></source>")
    out = virsh('find-storage-pool-sources', 'fs', spec)
    check('fs: find-storage-pool-sources filters by format',
          out.returncode == 0 and dev not in out.stdout, err(out))
    # a process with its cwd in the mount (in the daemon's namespace) keeps it busy
    busy = subprocess.Popen(['nsenter', '-t', str(d.proc.pid), '-m', '--', 'sh', '-c',
                             'cd %s && echo in && exec sleep 30' % target],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                            start_new_session=True)
    try:
        busy.stdout.readline()
        out = virsh('pool-destroy', 'fsp')
        info = virsh('pool-info', 'fsp')
        check('fs: pool-destroy of a busy mount fails, the pool stays running',
              out.returncode != 0 and 'umount' in err(out) and 'running' in info.stdout and
              (' %s ext4 ' % target) in d.mounts(), err(out) + info.stdout)
    finally:
        os.killpg(busy.pid, signal.SIGKILL)
        busy.wait()
    out = virsh('pool-destroy', 'fsp')
    check('fs: pool-destroy unmounts',
          out.returncode == 0 and (' %s ' % target) not in d.mounts(), err(out))
    out = virsh('pool-delete', 'fsp')
    check('fs: pool-delete removes the target dir',
          out.returncode == 0 and not os.path.exists(target), err(out))
    out = virsh('pool-undefine', 'fsp')
    check('fs: pool-undefine', out.returncode == 0, err(out))


def python_build_error(uri, name):
    """The error code of a --no-overwrite build through python3-libvirt."""
    try:
        import libvirt
    except ImportError:
        return 'python3-libvirt not installed'
    libvirt.registerErrorHandler(lambda *a: None, None)
    conn = libvirt.open(uri)
    try:
        conn.storagePoolLookupByName(name).build(libvirt.VIR_STORAGE_POOL_BUILD_NO_OVERWRITE)
        return 'no error'
    except libvirt.libvirtError as e:
        return e.get_error_code()
    finally:
        conn.close()


def write(tmp, name, text):
    path = os.path.join(tmp, name)
    with open(path, 'w') as f:
        f.write(text)
    return path


def fs_errors(d, virsh, loops, tmp):
    out = virsh('pool-define-as', 'fsmissing', 'fs', '--source-dev', '/dev/vireo-no-such-dev',
                '--source-format', 'ext4', '--target', os.path.join(tmp, 'fsmissing'))
    check('fs errors: define with a missing device', out.returncode == 0, err(out))
    out = virsh('pool-build', 'fsmissing', '--overwrite')
    check('fs errors: build names the missing device',
          out.returncode != 0 and "'/dev/vireo-no-such-dev' does not exist" in err(out) and
          'fsmissing' in err(out), err(out))
    out = virsh('pool-start', 'fsmissing')
    check('fs errors: start names the missing device',
          out.returncode != 0 and "'/dev/vireo-no-such-dev' does not exist" in err(out), err(out))
    virsh('pool-undefine', 'fsmissing')

    dev = loops.new('notdir', 64 * MiB)
    notdir = write(tmp, 'notadir', 'x')
    virsh('pool-define-as', 'fsnotdir', 'fs', '--source-dev', dev, '--source-format', 'ext4',
          '--target', notdir)
    out = virsh('pool-build', 'fsnotdir', '--overwrite')
    check('fs errors: build with a target that is a file',
          out.returncode != 0 and 'is not a directory' in err(out), err(out))
    run('mkfs.ext4', '-q', '-F', dev)
    out = virsh('pool-start', 'fsnotdir')
    check('fs errors: start with a target that is a file',
          out.returncode != 0 and "'%s' is not a directory" % notdir in err(out), err(out))
    virsh('pool-undefine', 'fsnotdir')

    # a device mounted elsewhere (here, in a namespace of our own) is in use
    busy = loops.new('busy', 64 * MiB)
    run('mkfs.ext4', '-q', '-F', busy)
    bdir = os.path.join(tmp, 'busymnt')
    os.mkdir(bdir)
    holder = subprocess.Popen(['unshare', '--mount', '--propagation', 'private', 'sh', '-c',
                               'mount %s %s && echo mounted && sleep 60' % (busy, bdir)],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                              start_new_session=True)
    try:
        line = holder.stdout.readline()
        virsh('pool-define-as', 'fsbusy', 'fs', '--source-dev', busy, '--source-format', 'ext4',
              '--target', os.path.join(tmp, 'fsbusy'))
        out = virsh('pool-build', 'fsbusy', '--overwrite')
        check('fs errors: build on a device in use is refused',
              'mounted' in line and out.returncode != 0 and 'is in use' in err(out) and
              blkid_type(busy) == 'ext4', err(out))
    finally:
        # the whole group: sleep holds the namespace (and the mount) alive
        os.killpg(holder.pid, signal.SIGKILL)
        holder.wait()
    virsh('pool-undefine', 'fsbusy')
    out = virsh('pool-build', 'fsp-none', '--overwrite')
    check('fs errors: build of an unknown pool', out.returncode != 0 and
          'fsp-none' in err(out), err(out))


def fs_create_edit(d, virsh, stock, loops, tmp):
    dev = loops.new('fscreate', 64 * MiB)
    target = os.path.join(tmp, 'fscreate')
    out = virsh('pool-create-as', 'fsc', 'fs', '--source-dev', dev, '--source-format', 'ext4',
                '--target', target, '--build', '--overwrite')
    check('fs: pool-create-as --build --overwrite makes, mounts a transient pool',
          out.returncode == 0 and (' %s ext4 ' % target) in d.mounts(), err(out))
    out = virsh('pool-destroy', 'fsc')
    check('fs: destroying the transient pool unmounts and forgets it',
          out.returncode == 0 and (' %s ' % target) not in d.mounts() and
          virsh('pool-info', 'fsc').returncode != 0, err(out))
    virsh('pool-define-as', 'fse', 'fs', '--source-dev', dev, '--source-format', 'ext4',
          '--target', target)
    newtarget = os.path.join(tmp, 'fsedited')
    out = stock('pool-edit', 'fse',
                env={'EDITOR': "sed -i 's|<path>%s</path>|<path>%s</path>|'" % (target,
                                                                                newtarget)})
    out2 = virsh('pool-dumpxml', 'fse')
    check('fs: pool-edit (stock virsh) changes the target',
          out.returncode == 0 and '<path>%s</path>' % newtarget in out2.stdout,
          err(out) + out2.stdout)
    out = virsh('pool-build', 'fse')
    out2 = virsh('pool-start', 'fse')
    check('fs: the edited pool mounts on the new target', out.returncode == 0 and
          out2.returncode == 0 and (' %s ext4 ' % newtarget) in d.mounts(), err(out) + err(out2))
    virsh('pool-destroy', 'fse')
    virsh('pool-delete', 'fse')
    virsh('pool-undefine', 'fse')


def fs_image_file(d, virsh, tmp):
    """An fs pool on an image file: mount sets up (and frees) a loop device."""
    img = os.path.join(tmp, 'fsfile.img')
    with open(img, 'wb') as f:
        f.truncate(64 * MiB)
    target = os.path.join(tmp, 'fsfile')
    virsh('pool-define-as', 'fsfile', 'fs', '--source-dev', img, '--source-format', 'ext4',
          '--target', target)
    out = virsh('pool-build', 'fsfile', '--no-overwrite')
    out2 = virsh('pool-start', 'fsfile')
    out3 = virsh('vol-create-as', 'fsfile', 'disk.raw', '4M')
    check('fs: a pool on an image file builds, mounts, makes volumes',
          out.returncode == 0 and out2.returncode == 0 and out3.returncode == 0 and
          (' %s ext4 ' % target) in d.mounts(), err(out) + err(out2) + err(out3))
    out = virsh('pool-destroy', 'fsfile')
    check('fs: the image file pool unmounts', out.returncode == 0 and
          (' %s ' % target) not in d.mounts(), err(out))
    virsh('pool-delete', 'fsfile')
    virsh('pool-undefine', 'fsfile')


def untestable_backends(virsh, stock, tmp):
    """logical/netfs/iscsi/scsi cannot work here: they must fail cleanly."""
    cases = [
        ('nfsp', ['netfs', '--source-host', '127.0.0.1', '--source-path', '/export',
                  '--source-format', 'nfs', '--target', os.path.join(tmp, 'nfsmnt')], 'mount'),
        ('lvp', ['logical', '--source-name', 'vireo_no_such_vg', '--target',
                 '/dev/vireo_no_such_vg'], 'vgchange'),
        ('iscp', ['iscsi', '--source-host', '127.0.0.1', '--source-dev',
                  'iqn.2026-11.org.vireo:none', '--target', '/dev/disk/by-path'], 'iscsiadm'),
        ('scsip', ['scsi', '--adapter-name', 'host999', '--target', '/dev/disk/by-path'],
         "SCSI host 'host999' does not exist"),
    ]
    for name, args, why in cases:
        out = virsh('pool-define-as', name, *args)
        build = virsh('pool-build', name)
        start = virsh('pool-start', name)
        info = stock('pool-info', name)
        check('%s: pool-start fails with the reason, pool inactive' % args[0],
              out.returncode == 0 and start.returncode != 0 and
              (build.returncode == 0 or "'%s': no source device" % name in err(build)) and
              why in err(start) and 'inactive' in info.stdout,
              err(out) + err(build) + err(start) + info.stdout)
        virsh('pool-delete', name) if args[0] == 'netfs' else None
        virsh('pool-undefine', name)
    out = virsh('find-storage-pool-sources-as', 'logical')
    check('logical: find-storage-pool-sources-as runs pvs (no VG here)',
          out.returncode == 0 and '<sources>' in out.stdout, err(out))
    out = virsh('find-storage-pool-sources-as', 'netfs', '--host', '127.0.0.1')
    check('netfs: find-storage-pool-sources-as fails naming showmount',
          out.returncode != 0 and 'showmount' in err(out), err(out))


def logical_pool(virsh, stock, loops, tmp):
    """LVM metadata works without device-mapper: a volume group is made,
    activated, listed, discovered and removed for real; only creating a
    logical volume needs device-mapper, and must fail cleanly."""
    dev = loops.new('pv', 64 * MiB)
    write_lvm_conf(tmp, dev)
    env = dict(os.environ, **lvm_env(tmp))
    out = virsh('pool-define-as', 'lvg', 'logical', '--source-dev', dev, '--source-name',
                'vireo_pools_vg', '--target', '/dev/vireo_pools_vg')
    out2 = virsh('pool-build', 'lvg')
    pvs = run('pvs', '--noheadings', '--separator', '#', '-o', 'pv_name,vg_name', env=env)
    check('logical: pool-build runs pvcreate + vgcreate',
          out.returncode == 0 and out2.returncode == 0 and
          '%s#vireo_pools_vg' % dev in pvs.stdout, err(out) + err(out2) + err(pvs))
    out = virsh('pool-start', 'lvg')
    info = stock('pool-info', 'lvg')
    check('logical: pool-start (vgchange) and the VG size from vgs',
          out.returncode == 0 and 'running' in info.stdout and '60.00 MiB' in info.stdout,
          err(out) + info.stdout)
    out = virsh('find-storage-pool-sources-as', 'logical')
    check('logical: find-storage-pool-sources-as finds the VG and its PV',
          out.returncode == 0 and '<name>vireo_pools_vg</name>' in out.stdout and
          "<device path='%s'/>" % dev in out.stdout, err(out))
    out = virsh('vol-create-as', 'lvg', 'lv1', '4M')
    out2 = virsh('vol-list', 'lvg')
    check('logical: lvcreate without device-mapper fails cleanly, the pool running',
          out.returncode != 0 and 'lvcreate' in err(out) and out2.returncode == 0 and
          'lv1' not in out2.stdout, err(out) + out2.stdout)
    out = virsh('pool-refresh', 'lvg')
    check('logical: pool-refresh (vgs, lvs)', out.returncode == 0, err(out))
    out = virsh('pool-destroy', 'lvg')
    out2 = virsh('pool-delete', 'lvg')
    pvs = run('pvs', '--noheadings', '--separator', '#', '-o', 'pv_name,vg_name', env=env)
    check('logical: pool-destroy, pool-delete (vgremove + pvremove)',
          out.returncode == 0 and out2.returncode == 0 and dev not in pvs.stdout,
          err(out) + err(out2) + pvs.stdout)
    virsh('pool-undefine', 'lvg')
    write_lvm_conf(tmp, None)


# ---- disk ----------------------------------------------------------------


def disk_pool(virsh, stock, loops):
    dev = loops.new('disk', 96 * MiB, partscan=True)
    base = os.path.basename(dev)
    out = virsh('pool-define-as', 'dp', 'disk', '--source-dev', dev, '--source-format', 'gpt',
                '--target', '/dev')
    check('disk: pool-define-as', out.returncode == 0, err(out))
    out = virsh('pool-define-as', 'dpfs', 'fs', '--source-dev', dev, '--target', '/mnt')
    check('disk: another pool on the same device is refused',
          out.returncode != 0 and "Storage source conflict with pool: 'dp'" in err(out),
          err(out))
    out = virsh('pool-build', 'dp')
    check('disk: pool-build writes a gpt label',
          out.returncode == 0 and blkid_type(dev) == 'gpt', err(out) + blkid_type(dev))
    out = virsh('pool-build', 'dp', '--no-overwrite')
    check('disk: pool-build --no-overwrite on a labelled disk is refused',
          out.returncode != 0 and 'already built' in err(out) and "'gpt'" in err(out), err(out))
    out = virsh('pool-build', 'dp', '--overwrite')
    check('disk: pool-build --overwrite', out.returncode == 0, err(out))
    out = virsh('pool-start', 'dp')
    check('disk: pool-start', out.returncode == 0, err(out))
    out = timed('disk vol-create-as (parted mkpart + reread)', virsh, 'vol-create-as', 'dp',
                base + 'p1', '10M')
    check('disk: vol-create-as makes partition 1', out.returncode == 0, err(out))
    out = virsh('vol-create-as', 'dp', base + 'p2', '5000000')
    check('disk: vol-create-as makes partition 2', out.returncode == 0, err(out))
    out = virsh('vol-create-as', 'dp', 'data', '1M')
    check('disk: a volume must be named after its partition',
          out.returncode != 0 and "expected '%sp3'" % base in err(out), err(out))
    out = virsh('vol-create-as', 'dp', base + 'p3', '500M')
    check('disk: a partition larger than the free space is refused',
          out.returncode != 0 and 'free extent' in err(out), err(out))
    out = virsh('vol-info', '--pool', 'dp', base + 'p2')
    check('disk: a gpt partition is the size asked, rounded to a sector (as libvirt)',
          '4.77 MiB' in out.stdout, err(out))
    out = virsh('vol-dumpxml', '--pool', 'dp', base + 'p1')
    check('disk: vol-dumpxml of a partition',
          "<volume type='block'>" in out.stdout and
          '<path>/dev/%sp1</path>' % base in out.stdout and
          "<capacity unit='bytes'>10485760</capacity>" in out.stdout, out.stdout)
    parted = run('parted', '-s', '-m', dev, 'unit', 'B', 'print').stdout
    check('disk: partitions placed as libvirt places them on gpt',
          '\n1:17408B:10503167B:10485760B:' in parted and
          '\n2:10503168B:15503359B:5000192B:' in parted, parted)
    nodes = os.path.exists('/dev/%sp1' % base)
    print('note: partition device nodes %s' % ('appear' if nodes else 'do not appear'))
    out = stock('vol-list', 'dp')
    check('disk: vol-list (stock virsh)', base + 'p1' in out.stdout and
          base + 'p2' in out.stdout, err(out))
    out = virsh('vol-delete', '--pool', 'dp', base + 'p1')
    parted = run('parted', '-s', '-m', dev, 'unit', 'B', 'print').stdout
    check('disk: vol-delete removes the partition',
          out.returncode == 0 and '\n1:' not in parted and '\n2:' in parted, err(out) + parted)
    out = virsh('pool-refresh', 'dp')
    out2 = virsh('pool-dumpxml', 'dp')
    check('disk: pool-refresh and the allocation is the partitions',
          out.returncode == 0 and "<allocation unit='bytes'>5000192</allocation>" in out2.stdout,
          out2.stdout)
    check('disk: pool-dumpxml format',
          "<format type='gpt'/>" in out2.stdout and "<device path='%s'/>" % dev in out2.stdout,
          out2.stdout)
    out = virsh('vol-create-as', 'dp', base + 'p1', '4M')
    parted = run('parted', '-s', '-m', dev, 'unit', 'B', 'print').stdout
    check('disk: a new partition goes in the smallest free extent that fits (the hole)',
          out.returncode == 0 and '\n1:17408B:4211711B:4194304B:' in parted, err(out) + parted)
    out = virsh('find-storage-pool-sources-as', 'disk')
    check('disk: no source discovery (as libvirt)',
          out.returncode != 0 and 'does not support source discovery' in err(out), err(out))
    out = virsh('pool-destroy', 'dp')
    check('disk: pool-destroy', out.returncode == 0, err(out))
    out = virsh('pool-delete', 'dp')
    check('disk: pool-delete wipes the label',
          out.returncode == 0 and blkid_type(dev) == '', err(out) + blkid_type(dev))
    out = virsh('pool-start', 'dp')
    check('disk: start without a label is refused',
          out.returncode != 0 and 'no partition table' in err(out), err(out))
    virsh('pool-undefine', 'dp')


def disk_dos(virsh, loops):
    dev = loops.new('dos', 64 * MiB, partscan=True)
    base = os.path.basename(dev)
    virsh('pool-define-as', 'dpdos', 'disk', '--source-dev', dev, '--source-format', 'dos',
          '--target', '/dev')
    out = virsh('pool-build', 'dpdos')
    out2 = virsh('pool-start', 'dpdos')
    out3 = virsh('vol-create-as', 'dpdos', base + 'p1', '8M')
    check('disk: a dos pool gets an msdos label and a primary partition',
          out.returncode == 0 and out2.returncode == 0 and out3.returncode == 0 and
          blkid_type(dev) == 'dos', err(out) + err(out2) + err(out3) + blkid_type(dev))
    chs = run('parted', '-s', '-m', dev, 'unit', 'chs', 'print').stdout.splitlines()
    geo = chs[2].split(':') if len(chs) > 2 else ['0', '0', '0']
    cyl = int(geo[1]) * int(geo[2]) * 512
    parts = [ln for ln in run('parted', '-s', '-m', dev, 'unit', 'B', 'print').stdout.splitlines()
             if ln.startswith('1:')]
    end = int(parts[0].split(':')[2].rstrip('B')) + 1 if parts else 1
    check('disk: a dos partition ends on a cylinder boundary (as libvirt)',
          cyl > 0 and end % cyl == 0 and end >= 8 * MiB, (cyl, parts))
    virsh('vol-create-as', 'dpdos', base + 'p2', '4M')
    virsh('vol-create-as', 'dpdos', base + 'p3', '4M')
    ext = write(loops.tmp, 'ext.xml', "<volume><name>%sp4</name><capacity unit='MiB'>24"
                "</capacity><target><format type='extended'/></target></volume>" % base)
    out = virsh('vol-create', 'dpdos', ext)
    out2 = virsh('vol-dumpxml', '--pool', 'dpdos', base + 'p4')
    check('disk: an extended partition volume (format extended)',
          out.returncode == 0 and "<format type='extended'/>" in out2.stdout, err(out) + out2.stdout)
    out = virsh('vol-create-as', 'dpdos', base + 'p5', '4M')
    human = run('parted', '-s', dev, 'unit', 'B', 'print').stdout
    row = [ln.split() for ln in human.splitlines() if ln.strip().startswith('5 ')]
    check('disk: with four primaries the next volume is logical partition 5',
          out.returncode == 0 and row and row[0][4] == 'logical', err(out) + human)
    out = virsh('vol-create-as', 'dpdos', base + 'p6', '100M')
    check('disk: a logical partition must fit in the extended one',
          out.returncode != 0 and 'free extent' in err(out), err(out))
    out = virsh('vol-delete', '--pool', 'dpdos', base + 'p5')
    out2 = virsh('vol-list', 'dpdos')
    check('disk: vol-delete of the logical partition', out.returncode == 0 and
          base + 'p5' not in out2.stdout and base + 'p4' in out2.stdout, err(out) + out2.stdout)
    out = virsh('vol-delete', '--pool', 'dpdos', base + 'p1')
    check('disk: vol-delete on the dos pool', out.returncode == 0, err(out))
    virsh('pool-destroy', 'dpdos')
    virsh('pool-undefine', 'dpdos')


# ---- iscsi-direct ----------------------------------------------------------


def iscsi_direct(virsh, stock, tmp, uri):
    tgt = Tgtd(tmp, IQN, 48 * MiB)
    try:
        iscsi_direct_checks(virsh, stock, tmp, uri, tgt)
    finally:
        tgt.stop()
    out = virsh('pool-create', write(tmp, 'idgone.xml', iscsi_direct_xml('idgone', tgt.port)))
    check('iscsi-direct: a target that is gone fails to connect, naming the portal',
          out.returncode != 0 and 'cannot connect to iSCSI portal 127.0.0.1:%d' % tgt.port
          in err(out) and virsh('pool-info', 'idgone').returncode != 0, err(out))


def iscsi_direct_xml(name, port, iqn=IQN, initiator=INITIATOR):
    ini = "<initiator><iqn name='%s'/></initiator>" % initiator if initiator else ''
    return ("<pool type='iscsi-direct'><name>%s</name><source>"
            "<host name='127.0.0.1' port='%d'/><device path='%s'/>%s</source></pool>"
            % (name, port, iqn, ini))


def iscsi_direct_checks(virsh, stock, tmp, uri, tgt):
    url = 'iscsi://127.0.0.1:%d/%s/1' % (tgt.port, IQN)
    spec = write(tmp, 'isrc.xml', "<source><host name='127.0.0.1' port='%d'/><initiator>"
                 "<iqn name='%s'/></initiator></source>" % (tgt.port, INITIATOR))
    out = virsh('find-storage-pool-sources', 'iscsi-direct', spec)
    check('iscsi-direct: discovery finds the target',
          out.returncode == 0 and "<device path='%s'/>" % IQN in out.stdout and
          "port='%d'" % tgt.port in out.stdout, err(out))
    out = virsh('pool-create', write(tmp, 'idt.xml', iscsi_direct_xml('idt', tgt.port)))
    check('iscsi-direct: pool-create logs in', out.returncode == 0, err(out))
    out = virsh('vol-list', 'idt', '--details')
    check('iscsi-direct: vol-list shows LUN 1 with its size',
          'unit:0:0:1' in out.stdout and url in out.stdout and '48.00 MiB' in out.stdout,
          err(out))
    out = virsh('vol-dumpxml', '--pool', 'idt', 'unit:0:0:1')
    check('iscsi-direct: vol-dumpxml', "<volume type='network'>" in out.stdout and
          '<key>%s</key>' % url in out.stdout and
          "<capacity unit='bytes'>%d</capacity>" % (48 * MiB) in out.stdout, out.stdout)
    out = virsh('vol-path', url)
    check('iscsi-direct: vol-path lookup by URL', out.returncode == 0 and url in out.stdout,
          err(out))
    out = timed('iscsi-direct pool-refresh (login, REPORT LUNS, READ CAPACITY, logout)', virsh,
                'pool-refresh', 'idt')
    check('iscsi-direct: pool-refresh', out.returncode == 0, err(out))
    out = stock('pool-info', 'idt')
    check('iscsi-direct: pool-info (stock virsh) capacity is the LUNs',
          'running' in out.stdout and '48.00 MiB' in out.stdout, err(out))
    out = virsh('pool-dumpxml', 'idt')
    check('iscsi-direct: pool-dumpxml', "<pool type='iscsi-direct'>" in out.stdout and
          "<iqn name='%s'/>" % INITIATOR in out.stdout and '<target>' not in out.stdout,
          out.stdout)
    out = virsh('pool-destroy', 'idt')
    check('iscsi-direct: pool-destroy of the transient pool',
          out.returncode == 0 and virsh('pool-info', 'idt').returncode != 0, err(out))
    out = virsh('pool-create', write(tmp, 'idbad.xml',
                                     iscsi_direct_xml('idbad', tgt.port, IQN + '-nope')))
    check('iscsi-direct: a wrong target IQN fails to log in',
          out.returncode != 0 and 'cannot log in' in err(out) and IQN + '-nope' in err(out),
          err(out))
    out = virsh('pool-create', write(tmp, 'idnoini.xml',
                                     iscsi_direct_xml('idnoini', tgt.port, initiator=None)))
    check('iscsi-direct: an initiator IQN is required',
          out.returncode != 0 and 'initiator' in err(out), err(out))
    out = stock('find-storage-pool-sources-as', 'iscsi-direct', '--host', '127.0.0.1',
                '--port', str(tgt.port), '--initiator', INITIATOR)
    check('iscsi-direct: find-storage-pool-sources-as (stock virsh)',
          out.returncode == 0 and "<device path='%s'/>" % IQN in out.stdout, err(out))
    out = virsh('pool-define', write(tmp, 'idp.xml', iscsi_direct_xml('idp', tgt.port)))
    out2 = virsh('pool-start', 'idp')
    check('iscsi-direct: pool-define + pool-start', out.returncode == 0 and out2.returncode == 0,
          err(out) + err(out2))
    python_binding(uri, tgt, spec)
    virsh('pool-destroy', 'idp')
    virsh('pool-undefine', 'idp')


def python_binding(uri, tgt, spec):
    try:
        import libvirt
    except ImportError:
        check('python3-libvirt installed', False)
        return
    libvirt.registerErrorHandler(lambda *a: None, None)
    conn = libvirt.open(uri)
    try:
        pools = {p.name(): p for p in conn.listAllStoragePools()}
        check('python: listAllStoragePools', 'idp' in pools and 'default' in pools,
              list(pools))
        pool = pools['idp']
        vols = pool.listAllVolumes()
        check('python: iscsi-direct volumes', [v.name() for v in vols] == ['unit:0:0:1'],
              [v.name() for v in vols])
        info = vols[0].info()
        check('python: volume info', info[0] == libvirt.VIR_STORAGE_VOL_NETWORK and
              info[1] == 48 * MiB, info)
        xml = conn.findStoragePoolSources('iscsi-direct', open(spec).read(), 0)
        check('python: findStoragePoolSources', IQN in xml, xml)
        try:
            conn.findStoragePoolSources('netfs', '<source/>', 0)
            check('python: netfs discovery without a host fails', False)
        except libvirt.libvirtError as e:
            check('python: netfs discovery without a host fails',
                  'hostname must be specified' in str(e), e)
    finally:
        conn.close()


# ---- restart with a vanished source ------------------------------------------


def vanished_source(d, virsh, stock, loops, tmp):
    dev = loops.new('auto', 64 * MiB)
    run('mkfs.ext4', '-q', '-F', dev)
    link = os.path.join(tmp, 'autodev')
    os.symlink(dev, link)
    target = os.path.join(tmp, 'automnt')
    virsh('pool-define-as', 'fsauto', 'fs', '--source-dev', link, '--source-format', 'ext4',
          '--target', target)
    virsh('pool-build', 'fsauto')
    out = virsh('pool-autostart', 'fsauto')
    out2 = virsh('pool-start', 'fsauto')
    check('restart: autostart fs pool running', out.returncode == 0 and out2.returncode == 0 and
          (' %s ext4 ' % target) in d.mounts(), err(out) + err(out2))
    ddev = loops.new('restartdisk', 32 * MiB, partscan=True)
    dbase = os.path.basename(ddev)
    virsh('pool-define-as', 'dprs', 'disk', '--source-dev', ddev, '--source-format', 'gpt',
          '--target', '/dev')
    virsh('pool-build', 'dprs')
    virsh('pool-start', 'dprs')
    virsh('vol-create-as', 'dprs', dbase + 'p1', '4M')
    d.stop()
    d.start()
    out = virsh('pool-info', 'fsauto')
    check('restart: the running pool is mounted again in the new daemon',
          'running' in out.stdout and (' %s ext4 ' % target) in d.mounts(), err(out))
    out = virsh('vol-list', 'dprs')
    check('restart: a running disk pool is restored with its partitions',
          out.returncode == 0 and dbase + 'p1' in out.stdout, err(out))
    virsh('pool-destroy', 'dprs')
    virsh('pool-undefine', 'dprs')
    d.stop()
    os.unlink(link)
    d.start()
    out = virsh('pool-list', '--all')
    row = [ln for ln in out.stdout.splitlines() if 'fsauto' in ln]
    check('restart: a vanished source comes up inactive, the daemon serving',
          out.returncode == 0 and row and 'inactive' in row[0], out.stdout + out.stderr)
    log = open(d.log).read()
    check('restart: the log names the pool and why',
          'fsauto' in log and "'%s' does not exist" % link in log, log[-2000:])
    out = stock('pool-start', 'fsauto')
    check('restart: pool-start (stock virsh) names the missing device',
          out.returncode != 0 and link in err(out), err(out))
    os.symlink(dev, link)
    out = virsh('pool-start', 'fsauto')
    check('restart: the pool starts once the source is back', out.returncode == 0, err(out))
    virsh('pool-destroy', 'fsauto')
    virsh('pool-autostart', 'fsauto', '--disable')
    virsh('pool-undefine', 'fsauto')


def main():
    missing = [t for t in ('losetup', 'parted', 'mkfs.ext4', 'blkid', 'wipefs', 'unshare',
                           'tgtd', 'tgtadm') if not shutil.which(t)]
    if os.geteuid() != 0 or missing:
        print('needs root and %s: not run' % ', '.join(missing or ['root']))
        print('0 passed, 1 failed')
        return 1
    tmp = tempfile.mkdtemp(prefix='vireo-pools-')
    root = os.path.join(tmp, 'root')
    loops = Loops(tmp)
    d = None
    try:
        os.makedirs(root)
        write_lvm_conf(tmp, None)
        d = Daemon(root)
        virsh = make_virsh(d.uri(), find_binary('virsh'))
        stock_bin = '/usr/bin/virsh' if os.path.exists('/usr/bin/virsh') else find_binary('virsh')
        stock = make_virsh(d.uri(), stock_bin)
        fs_pool(d, virsh, stock, loops, tmp)
        fs_errors(d, virsh, loops, tmp)
        fs_create_edit(d, virsh, stock, loops, tmp)
        fs_image_file(d, virsh, tmp)
        untestable_backends(virsh, stock, tmp)
        logical_pool(virsh, stock, loops, tmp)
        disk_pool(virsh, stock, loops)
        disk_dos(virsh, loops)
        iscsi_direct(virsh, stock, tmp, d.uri())
        vanished_source(d, virsh, stock, loops, tmp)
        out = stock('pool-list', '--all')
        check('stock virsh pool-list at the end', out.returncode == 0 and
              'default' in out.stdout, err(out))
    except Exception as e:  # noqa: BLE001
        check('no exception', False, repr(e))
    finally:
        if d:
            d.stop()
            if FAILED:
                print(open(d.log).read()[-3000:])
        loops.cleanup()
        shutil.rmtree(tmp, ignore_errors=True)
    print('%d passed, %d failed' % (PASSED, FAILED))
    return 1 if FAILED else 0


if __name__ == '__main__':
    sys.exit(main())

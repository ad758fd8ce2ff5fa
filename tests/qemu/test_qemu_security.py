#!/usr/bin/python3
"""QEMU as the unprivileged user and group of qemu.conf (tests/qemu/README.md).

- user = "vireo-qemu-test": QEMU runs with that uid/gid (/proc/PID/status);
  the guest's qcow2 overlay, its backing file, a read-only image shared by
  two guests, the serial log and a hot-plugged disk belong to the user
  while in use and go back to root:root 0600 afterwards (the shared
  image only when its last guest stops); the owner is remembered in
  trusted.vireo.security.* extended attributes; -sandbox on is kept.
- an image under a 0700 directory: the start fails naming the directory,
  the user and the fix; nothing runs, no owner changed.
- user = "root": nothing is chowned; security_driver = "none" with the
  unprivileged user: nothing is chowned either.

Needs root (it creates the system user vireo-qemu-test when missing).
Prints "N passed, N failed"."""
import grp
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from test_qemu_guests import (GUEST_DIR, Daemon, build_guest, guest_xml,  # noqa: E402
                              make_virsh, marker_count, qemu_pid, state, wait_for)
from vireod_fixture import Results  # noqa: E402

USER = 'vireo-qemu-test'
XATTR = 'trusted.vireo.security.dac'


def ensure_user():
    try:
        grp.getgrnam(USER)
    except KeyError:
        subprocess.run(['groupadd', '--system', USER], check=True)
    try:
        pwd.getpwnam(USER)
    except KeyError:
        subprocess.run(['useradd', '--system', '--no-create-home', '--gid', USER,
                        '--shell', '/usr/sbin/nologin', USER], check=True)
    return pwd.getpwnam(USER).pw_uid, grp.getgrnam(USER).gr_gid


class ConfDaemon(Daemon):
    """test_qemu_guests' Daemon with a qemu.conf written before it starts
    (vireod --root DIR reads DIR/etc/vireo/qemu.conf)."""
    def __init__(self, conf):
        root = tempfile.mkdtemp(prefix='vireo-sec-')
        os.chmod(root, 0o755)       # QEMU's user reaches its sockets there
        os.makedirs(os.path.join(root, 'etc', 'vireo'))
        with open(os.path.join(root, 'etc', 'vireo', 'qemu.conf'), 'w') as f:
            f.write(conf)
        super().__init__(root)


def owner(path):
    st = os.stat(path)
    return st.st_uid, st.st_gid, st.st_mode & 0o7777


def xattr(path, name=XATTR):
    try:
        return os.getxattr(path, name).decode()
    except OSError:
        return None


def proc_ids(pid):
    ids = {}
    for line in open('/proc/%d/status' % pid):
        key, _, rest = line.partition(':')
        if key in ('Uid', 'Gid'):
            ids[key] = [int(x) for x in rest.split()]
    return ids


def qemu_of(name):
    """Pids of QEMU processes started for guest NAME."""
    pids = []
    for d in os.listdir('/proc'):
        if d.isdigit():
            try:
                cmd = open('/proc/%s/cmdline' % d, 'rb').read().split(b'\0')
            except OSError:
                continue
            if b'guest=' + name.encode() + b',debug-threads=on' in cmd:
                pids.append(int(d))
    return pids


def image(path, size='32M', backing=None):
    args = ['qemu-img', 'create', '-q', '-f', 'qcow2']
    if backing:
        args += ['-b', backing, '-F', 'qcow2']
    subprocess.run(args + [path] + ([] if backing else [size]), check=True)
    os.chown(path, 0, 0)
    os.chmod(path, 0o600)


def disk_xml(path, dev, readonly=False, fmt='qcow2'):
    return ("<disk type='file' device='disk'><driver name='qemu' type='%s'/>"
            "<source file='%s'/><target dev='%s' bus='virtio'/>%s</disk>"
            % (fmt, path, dev, '<readonly/>' if readonly else ''))


def define(virsh, work, name, devices, boot_dir):
    log = os.path.join(work, name + '.serial.log')
    xml = guest_xml(name, log, devices).replace(GUEST_DIR, boot_dir)
    path = os.path.join(work, name + '.xml')
    open(path, 'w').write(xml)
    out = virsh('define ' + path)
    return log, out


def test_unprivileged(r, work, boot, uid, gid):
    d = ConfDaemon('user = "%s"\ngroup = "%s"\n' % (USER, USER))
    virsh = make_virsh(d.uri())
    try:
        base = os.path.join(work, 'base.qcow2')
        top = os.path.join(work, 'top.qcow2')
        shared = os.path.join(work, 'shared.raw')
        image(base)
        image(top, backing=base)
        open(shared, 'wb').truncate(1 << 20)
        os.chmod(shared, 0o600)
        devices = disk_xml(top, 'vda') + disk_xml(shared, 'vdb', readonly=True, fmt='raw')
        log, out = define(virsh, work, 's1', devices, boot)
        r.check(out.returncode == 0, 'define s1: ' + out.stderr)
        _, out = define(virsh, work, 's2', disk_xml(shared, 'vdb', readonly=True, fmt='raw'),
                        boot)

        out = virsh('start s1')
        if not r.check(out.returncode == 0, 'start as %s: %s%s' % (USER, out.stdout, out.stderr)):
            print(open(os.path.join(d.root, 'log', 'vireo', 'qemu', 's1.log')).read()[-3000:])
            return
        pid = qemu_pid(d.root, 's1')
        ids = proc_ids(pid) if pid else {}
        r.check(ids.get('Uid') == [uid] * 4 and ids.get('Gid') == [gid] * 4,
                'QEMU runs as %d:%d: %s' % (uid, gid, ids))
        glog = open(os.path.join(d.root, 'log', 'vireo', 'qemu', 's1.log')).read()
        r.check('-sandbox on,' in glog, '-sandbox on is on the command line')
        for path in (top, base, shared):
            r.check(owner(path) == (uid, gid, 0o600), 'while running %s is %d:%d 0600: %s'
                    % (os.path.basename(path), uid, gid, owner(path)))
        r.check(xattr(top) == '0:0' and xattr(top, 'trusted.vireo.security.ref_dac') == '1',
                'original owner remembered in %s: %s' % (XATTR, xattr(top)))
        r.check(owner(log)[:2] == (uid, gid), 'serial log made for the user: %s' % (owner(log),))
        r.check(owner(os.path.join(boot, 'vmlinuz'))[:2] == (uid, gid), 'kernel labelled')

        out = virsh('start --paused s2')     # holds the image without using the CPU
        r.check(out.returncode == 0, 'second guest sharing the read-only image: ' + out.stderr)
        r.check(xattr(shared, 'trusted.vireo.security.ref_dac') == '2', 'shared image: 2 users')

        booted = r.check(wait_for(lambda: marker_count(log, 'VIREO-GUEST: booted') >= 1, 60),
                         'guest boots from the labelled kernel, logs to the labelled file')
        if booted:
            hot = os.path.join(work, 'hot.qcow2')
            image(hot)
            hx = os.path.join(work, 'hot.xml')
            open(hx, 'w').write(disk_xml(hot, 'vdc'))
            out = virsh('attach-device s1 ' + hx)
            r.check(out.returncode == 0, 'hot-plug a disk: ' + out.stderr)
            r.check(owner(hot) == (uid, gid, 0o600), 'hot-plugged disk labelled: %s'
                    % (owner(hot),))
            out = virsh('detach-device s1 ' + hx)
            r.check(out.returncode == 0, 'unplug it: ' + out.stderr)
            r.check(owner(hot) == (0, 0, 0o600) and xattr(hot) is None,
                    'unplugged disk back to root:root 0600: %s' % (owner(hot),))

        out = virsh('destroy s1')
        r.check(out.returncode == 0, 'destroy s1: ' + out.stderr)
        for path in (top, base, log):
            r.check(owner(path)[:2] == (0, 0) and xattr(path) is None,
                    'after destroy %s is root:root again, nothing remembered: %s'
                    % (os.path.basename(path), owner(path)))
        r.check(owner(top) == (0, 0, 0o600), 'mode stays 0600')
        r.check(owner(shared)[:2] == (uid, gid) and
                xattr(shared, 'trusted.vireo.security.ref_dac') == '1',
                's2 still uses the shared image: kept for it, 1 user left: %s' % (owner(shared),))
        virsh('destroy s2')
        r.check(owner(shared) == (0, 0, 0o600) and xattr(shared) is None,
                'last user gone: shared image back to root:root 0600: %s' % (owner(shared),))
        r.check(owner(os.path.join(boot, 'vmlinuz')) == (0, 0, 0o644), 'kernel given back')
        r.check(not os.path.exists(os.path.join(d.root, 'run', 'vireo', 'qemu', 's1.seclabels')),
                'nothing left on record')
    finally:
        d.stop(virsh)


def test_denied(r, work, boot, uid):
    d = ConfDaemon('user = "%s"\ngroup = "%s"\n' % (USER, USER))
    virsh = make_virsh(d.uri())
    try:
        private = os.path.join(work, 'private')
        os.mkdir(private, 0o700)
        img = os.path.join(private, 'p.qcow2')
        image(img)
        before = {p: owner(p) for p in (img, private, os.path.join(boot, 'vmlinuz'))}
        log, out = define(virsh, work, 'p1', disk_xml(img, 'vda'), boot)
        t0 = time.time()
        out = virsh('start p1')
        err = out.stderr
        r.check(out.returncode != 0, 'start refused')
        r.check("'p1'" in err and "'%s'" % private in err and USER in err and str(uid) in err,
                'error names guest, directory, user and uid: ' + err)
        r.check('chmod o+x %s' % private in err and 'user = "root"' in err,
                'error says what to change: ' + err)
        r.check('access denied' in err, 'an access-denied error: ' + err)
        r.check(time.time() - t0 < 10, 'refused at once')
        r.check(state(virsh, 'p1').startswith('shut off') and not qemu_of('p1'),
                'nothing left running')
        after = {p: owner(p) for p in before}
        r.check(before == after and xattr(img) is None, 'no owner changed: %s' % after)
        r.check(not os.path.exists(log), 'no serial log created')
        # readable but not writable for the user, and no dynamic ownership
        # to fix it: the file is named with the fix
        d.stop(virsh)
        d = ConfDaemon('user = "%s"\ngroup = "%s"\ndynamic_ownership = 0\n' % (USER, USER))
        virsh = make_virsh(d.uri())
        img2 = os.path.join(work, 'ro.qcow2')
        image(img2)
        os.chmod(img2, 0o644)
        define(virsh, work, 'p2', disk_xml(img2, 'vda'), boot)
        err = virsh('start p2').stderr
        r.check("no read and write permission on file '%s'" % img2 in err and
                'dynamic_ownership' in err, 'unwritable disk named with the fix: ' + err)
        r.check(owner(img2) == (0, 0, 0o644) and not qemu_of('p2'), 'still nothing changed')
    finally:
        d.stop(virsh)


def test_root_and_none(r, work, boot, uid, gid):
    for conf, want, what in (('user = "root"\ngroup = "root"\n', 0, 'user = "root"'),
                             ('user = "%s"\ngroup = "%s"\nsecurity_driver = "none"\n'
                              % (USER, USER), uid, 'security_driver = "none"')):
        d = ConfDaemon(conf)
        virsh = make_virsh(d.uri())
        try:
            img = os.path.join(work, 'r%d.qcow2' % want)
            image(img)
            # QEMU's user can use it as it is; it must stay exactly so
            os.chown(img, uid, gid)
            os.chmod(img, 0o660)
            log = os.path.join(work, 'r%d.serial.log' % want)
            open(log, 'w').close()
            os.chmod(log, 0o666)
            xml = guest_xml('r1', log, disk_xml(img, 'vda')).replace(GUEST_DIR, boot)
            path = os.path.join(work, 'r1.xml')
            open(path, 'w').write(xml)
            virsh('define ' + path)
            out = virsh('start r1')
            r.check(out.returncode == 0, '%s: start: %s' % (what, out.stderr))
            pid = qemu_pid(d.root, 'r1')
            ids = proc_ids(pid) if pid else {}
            r.check(ids.get('Uid', [None])[0] == want, '%s: QEMU uid %s' % (what, ids))
            r.check(owner(img) == (uid, gid, 0o660) and xattr(img) is None and
                    owner(log) == (0, 0, 0o666) and
                    owner(os.path.join(boot, 'vmlinuz')) == (0, 0, 0o644),
                    '%s: nothing chowned while running' % what)
            virsh('destroy r1')
            r.check(owner(img) == (uid, gid, 0o660) and owner(log)[:2] == (0, 0),
                    '%s: nothing chowned after' % what)
        finally:
            d.stop(virsh)


def main():
    if os.geteuid() != 0:
        print('needs root (creates a system user, chowns files): skipped')
        raise SystemExit(77)
    build_guest()
    uid, gid = ensure_user()
    r = Results()
    work = tempfile.mkdtemp(prefix='vireo-sec-work-')
    os.chmod(work, 0o755)
    # the kernel QEMU's user reads, in a world-traversable place of ours
    boot = os.path.join(work, 'boot')
    os.mkdir(boot, 0o755)
    for f in ('vmlinuz', 'initrd.img'):
        shutil.copy(os.path.join(GUEST_DIR, f), boot)
        os.chmod(os.path.join(boot, f), 0o644)
    try:
        for test, args in ((test_unprivileged, (uid, gid)), (test_denied, (uid,)),
                           (test_root_and_none, (uid, gid))):
            t0 = time.time()
            test(r, work, boot, *args)
            print('%s: %.1fs' % (test.__name__, time.time() - t0), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    r.finish()


if __name__ == '__main__':
    main()

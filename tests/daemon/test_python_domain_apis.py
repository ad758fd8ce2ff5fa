#!/usr/bin/env python3
"""python3-libvirt calls every domain API Vireo carries over the wire
(statistics, keys and NMI, jobs, dumps, save images, block and interface
tuning, guest agent calls, devices, rename) on vireod's test:///default and
on libvirt's own in-process test:///default; results and errors (code,
domain, message) must be the same.  Values the test drivers derive from
the clock are compared by shape only."""
import os
import shutil
import tempfile

import libvirt

from vireod_fixture import Results, Vireod

DISK = ("<disk type='file' device='disk'><source file='/x.img'/>"
        "<target dev='vdb' bus='virtio'/></disk>")


def keys(r):
    return sorted(r.keys()) if isinstance(r, dict) else r


def calls(conn, tmp):
    d = conn.lookupByName('test')
    out = []

    def rec(name, fn, norm=lambda x: x):
        try:
            out.append((name, 'ok', norm(fn())))
        except libvirt.libvirtError as e:
            out.append((name, 'err', e.get_error_code(), e.get_error_domain(), str(e)))

    path = lambda name: os.path.join(tmp, name)
    rec('memoryStats', d.memoryStats, keys)
    rec('setMemoryStatsPeriod', lambda: d.setMemoryStatsPeriod(5))
    rec('blockStats', lambda: len(d.blockStats('vda')))
    rec('blockStatsFlags', lambda: d.blockStatsFlags('vda'), keys)
    rec('blockStats-nosuch', lambda: d.blockStats('nosuch'))
    rec('interfaceStats', lambda: len(d.interfaceStats('testnet0')))
    rec('interfaceStats-nosuch', lambda: d.interfaceStats('nosuch'))
    rec('vcpus', lambda: [len(x) for x in d.vcpus()])
    rec('vcpus-info', lambda: [(i[0], i[1], i[3]) for i in d.vcpus()[0]])
    rec('vcpus-maps', lambda: d.vcpus()[1])
    rec('jobInfo', d.jobInfo)
    rec('jobStats', d.jobStats)
    rec('abortJob', d.abortJob)
    rec('abortJobFlags', lambda: d.abortJobFlags(0))
    rec('sendKey', lambda: d.sendKey(libvirt.VIR_KEYCODE_SET_LINUX, 0, [29, 56, 111], 3, 0))
    rec('sendKey-codeset', lambda: d.sendKey(99, 0, [1], 1, 0))
    rec('injectNMI', lambda: d.injectNMI(0))
    rec('coreDump', lambda: d.coreDump(path('core.dump'), 0))
    rec('coreDumpWithFormat', lambda: d.coreDumpWithFormat(path('core2.dump'), 0, 0))
    rec('coreDump-crash-live', lambda: d.coreDump(path('core3.dump'),
                                                  libvirt.VIR_DUMP_CRASH | libvirt.VIR_DUMP_LIVE))
    rec('blockResize', lambda: d.blockResize('vda', 1024, 0))
    rec('blockIoTune', lambda: d.blockIoTune('vda', 0), keys)
    rec('setBlockIoTune', lambda: d.setBlockIoTune('vda', {'total_bytes_sec': 1000}, 0))
    rec('blockIoTune-after', lambda: d.blockIoTune('vda', 0))
    rec('interfaceParameters', lambda: d.interfaceParameters('testnet0', 0))
    rec('setInterfaceParameters',
        lambda: d.setInterfaceParameters('testnet0', {'inbound.average': 100}, 0))
    rec('getTime', lambda: sorted(d.getTime().keys()))
    rec('setTime', lambda: d.setTime({'seconds': 1234, 'nseconds': 5}, 0))
    rec('getTime-after', d.getTime)
    rec('fsTrim', lambda: d.fSTrim(None, 0, 0))
    rec('fsFreeze', lambda: d.fsFreeze(['/'], 0))
    rec('fsThaw', lambda: d.fsThaw(None, 0))
    rec('guestInfo', lambda: d.guestInfo(0, 0), keys)
    rec('setUserPassword', lambda: d.setUserPassword('root', 'pw', 0))
    rec('attachDevice', lambda: d.attachDevice(DISK))
    rec('attachDeviceFlags', lambda: d.attachDeviceFlags(DISK, libvirt.VIR_DOMAIN_AFFECT_CONFIG))
    rec('detachDevice', lambda: d.detachDevice(DISK))
    rec('detachDeviceFlags', lambda: d.detachDeviceFlags(DISK, libvirt.VIR_DOMAIN_AFFECT_CONFIG))
    rec('updateDeviceFlags', lambda: d.updateDeviceFlags(DISK, libvirt.VIR_DOMAIN_AFFECT_CONFIG))
    rec('managedSave', lambda: d.managedSave(0))
    rec('managedSaveGetXMLDesc', lambda: d.managedSaveGetXMLDesc(0))
    rec('managedSaveDefineXML', lambda: d.managedSaveDefineXML('<domain/>', 0))
    rec('create', d.create)
    rec('save', lambda: d.save(path('test.save')))
    rec('saveImageGetXMLDesc', lambda: '<name>test</name>' in
        conn.saveImageGetXMLDesc(path('test.save'), 0))
    rec('saveImageDefineXML', lambda: conn.saveImageDefineXML(
        path('test.save'),
        conn.saveImageGetXMLDesc(path('test.save'), 0).replace(
            '</name>', '</name><description>edited</description>'), 0))
    rec('saveImageGetXMLDesc-after', lambda: '<description>edited' in
        conn.saveImageGetXMLDesc(path('test.save'), 0))
    rec('saveImage-nosuch', lambda: conn.saveImageGetXMLDesc(path('nosuch.save'), 0))
    rec('restore', lambda: conn.restore(path('test.save')))
    rec('rename-running', lambda: d.rename('test2', 0))
    rec('destroy', d.destroy)
    rec('rename', lambda: d.rename('test2', 0))
    rec('lookup-renamed', lambda: conn.lookupByName('test2').name())
    rec('lookup-old', lambda: conn.lookupByName('test').name())
    rec('rename-back', lambda: conn.lookupByName('test2').rename('test', 0))
    rec('memoryStats-inactive', d.memoryStats, keys)
    rec('vcpus-inactive', d.vcpus)
    rec('blockStats-inactive', lambda: d.blockStats('vda'))
    rec('interfaceStats-inactive', lambda: d.interfaceStats('testnet0'))
    rec('getTime-inactive', d.getTime)
    rec('sendKey-inactive', lambda: d.sendKey(0, 0, [1], 1, 0))
    rec('injectNMI-inactive', lambda: d.injectNMI(0))
    rec('coreDump-inactive', lambda: d.coreDump(path('core4.dump'), 0))
    rec('fsFreeze-inactive', lambda: d.fsFreeze(None, 0))
    return out


def main():
    r = Results()
    libvirt.registerErrorHandler(lambda ctx, err: None, None)
    tmp = tempfile.mkdtemp(prefix='vireo-apis-')
    try:
        ref = calls(libvirt.open('test:///default'), os.path.join(tmp))
        with Vireod() as d:
            os.makedirs(os.path.join(tmp, 'w'))
            got = calls(libvirt.open(d.uri()), os.path.join(tmp, 'w'))
            r.check(d.alive(), 'daemon alive at the end')
        r.check(len(ref) == len(got), 'as many results')
        for a, b in zip(ref, got):
            # the stored paths differ only in the directory
            b = tuple(x.replace(os.path.join(tmp, 'w'), tmp) if isinstance(x, str) else x
                      for x in b)
            r.check(a == b, '%s:\n  libvirt %r\n  vireod  %r' % (a[0], a[1:], b[1:]))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    r.finish()


if __name__ == '__main__':
    main()

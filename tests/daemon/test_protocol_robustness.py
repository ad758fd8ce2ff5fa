#!/usr/bin/env python3
"""Bad input on the wire: malformed, oversized and truncated frames, unknown
programs and procedures, calls before CONNECT_OPEN and random bytes get
libvirt's error reply or a closed connection; the daemon stays up and
another client is never disturbed."""
import os
import random
import socket
import struct
import subprocess

from vireod_fixture import Results, Vireod, find_binary

REMOTE = 0x20008086
KEEPALIVE = 0x6b656570
CALL, REPLY, MESSAGE = 0, 1, 2
OK, ERROR = 0, 1


def frame(prog, proc, payload=b'', serial=1, mtype=CALL, status=OK, vers=1):
    body = struct.pack('>IIiiIi', prog, vers, proc, mtype, serial, status) + payload
    return struct.pack('>I', len(body) + 4) + body


def xdr_string(s):
    b = s.encode()
    return struct.pack('>I', len(b)) + b + b'\0' * ((4 - len(b) % 4) % 4)


def recv_frame(s):
    def need(n):
        data = b''
        while len(data) < n:
            chunk = s.recv(n - len(data))
            if not chunk:
                return None
            data += chunk
        return data
    head = need(4)
    if head is None:
        return None
    (length,) = struct.unpack('>I', head)
    rest = need(length - 4)
    if rest is None:
        return None
    hdr = struct.unpack('>IIiiIi', rest[:24])
    return hdr, rest[24:]


def parse_error(payload):
    code, domain, present = struct.unpack('>iiI', payload[:12])
    msg = ''
    if present:
        (n,) = struct.unpack('>I', payload[12:16])
        msg = payload[16:16 + n].decode()
    return code, domain, msg


def closed(s):
    s.settimeout(5)
    try:
        return s.recv(1) == b''
    except (ConnectionResetError, BrokenPipeError):
        return True


def connect(d):
    s = socket.socket(socket.AF_UNIX)
    s.connect(d.sock)
    s.settimeout(10)
    return s


def main():
    r = Results()
    virsh = find_binary('virsh')
    with Vireod() as d:
        def healthy(what):
            out = subprocess.run([virsh, '-c', d.uri(), 'domstate test'], capture_output=True,
                                 text=True, timeout=30)
            r.check(out.stdout.startswith('running') and d.alive(), 'daemon healthy ' + what)

        # a frame too short to hold a header ends the connection
        s = connect(d)
        s.sendall(struct.pack('>I', 10) + b'x' * 6)
        r.check(closed(s), 'short frame closes the connection')
        s.close()

        # a frame longer than 32 MiB is refused before it is read
        s = connect(d)
        s.sendall(struct.pack('>I', 64 * 1024 * 1024) + b'\0' * 64)
        r.check(closed(s), 'oversized frame closes the connection')
        s.close()

        # a truncated frame and a hang-up: nothing to answer, nothing broken
        s = connect(d)
        s.sendall(frame(REMOTE, 1)[:20])
        s.close()
        healthy('after a truncated frame')

        # unknown program
        s = connect(d)
        s.sendall(frame(0x12345678, 1, serial=7))
        hdr, payload = recv_frame(s)
        code, _, msg = parse_error(payload)
        r.check(hdr[3] == REPLY and hdr[4] == 7 and hdr[5] == ERROR and code == 39 and
                'cannot find program' in msg, 'unknown program: %r %r' % (hdr, msg))

        # call before CONNECT_OPEN
        s.sendall(frame(REMOTE, 23, xdr_string('test'), serial=8))
        hdr, payload = recv_frame(s)
        code, _, msg = parse_error(payload)
        r.check(hdr[5] == ERROR and code == 1 and msg == 'internal error: connection not open',
                'call before open: %r' % msg)

        # unknown procedure
        s.sendall(frame(REMOTE, 99999, serial=9))
        hdr, payload = recv_frame(s)
        code, _, msg = parse_error(payload)
        r.check(hdr[5] == ERROR and code == 3 and 'unknown procedure: 99999' in msg,
                'unknown procedure: %r' % msg)

        # a payload that does not decode
        s.sendall(frame(REMOTE, 1, b'\xff\xff\xff\xff\x00', serial=10))
        hdr, payload = recv_frame(s)
        code, _, msg = parse_error(payload)
        r.check(hdr[5] == ERROR and code == 39 and 'Unable to decode' in msg,
                'undecodable payload: %r' % msg)

        # keepalive ping gets a pong
        s.sendall(frame(KEEPALIVE, 1, mtype=MESSAGE, serial=0))
        hdr, _ = recv_frame(s)
        r.check(hdr[0] == KEEPALIVE and hdr[2] == 2, 'ping answered with pong')

        # a proper open still works on the same connection afterwards
        s.sendall(frame(REMOTE, 1, struct.pack('>I', 1) + xdr_string('test:///default') +
                        struct.pack('>I', 0), serial=11))
        hdr, payload = recv_frame(s)
        r.check(hdr[5] == OK and hdr[4] == 11, 'open after errors')
        s.sendall(frame(REMOTE, 23, xdr_string('test'), serial=12))
        hdr, payload = recv_frame(s)
        r.check(hdr[5] == OK and b'test' in payload, 'lookup after open')
        s.close()

        # random bytes: whatever the daemon does with them, it survives
        rng = random.Random(1234)
        for i in range(200):
            s = connect(d)
            blob = bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 300)))
            if i % 2:
                body = blob
                blob = struct.pack('>I', len(body) + 28) + struct.pack(
                    '>IIiiIi', REMOTE, 1, rng.randint(0, 500), 0, i, 0) + body
            try:
                s.sendall(blob)
                s.settimeout(0.2)
                s.recv(65536)
            except OSError:
                pass
            s.close()
        healthy('after 200 random frames')

        # read-only socket refuses writes with libvirt's message
        out = subprocess.run([virsh, '-c', d.uri(ro=True), 'destroy test'], capture_output=True,
                             text=True, timeout=30)
        r.check('read only access prevents virDomainDestroy' in out.stderr and
                out.returncode == 1, 'read-only destroy refused: %r' % out.stderr)
        out = subprocess.run([virsh, '-c', d.uri(ro=True), 'list --name'], capture_output=True,
                             text=True, timeout=30)
        r.check(out.stdout.strip() == 'test', 'read-only list works')
    r.finish()


if __name__ == '__main__':
    main()

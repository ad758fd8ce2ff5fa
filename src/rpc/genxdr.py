#!/usr/bin/env python3
"""Run rpcgen on a protocol file: genxdr.py INPUT.x OUTDIR [--header-only]

Writes OUTDIR/NAME.h and (unless --header-only) OUTDIR/NAME_xdr.c.  rpcgen
names the header in the code it writes after its input path, so it runs
on a copy of the input inside OUTDIR."""
import os
import shutil
import subprocess
import sys


def main():
    src, outdir = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    header_only = '--header-only' in sys.argv[3:]
    name = os.path.splitext(os.path.basename(src))[0]
    os.makedirs(outdir, exist_ok=True)
    shutil.copyfile(src, os.path.join(outdir, name + '.x'))
    # rpcgen refuses to replace files left by an earlier run, so a changed
    # protocol would never reach the build without this.
    for out in (name + '.h', name + '_xdr.c'):
        if os.path.exists(os.path.join(outdir, out)):
            os.remove(os.path.join(outdir, out))
    subprocess.run(['rpcgen', '-h', '-o', name + '.h', name + '.x'], cwd=outdir, check=True)
    if not header_only:
        subprocess.run(['rpcgen', '-c', '-o', name + '_xdr.c', name + '.x'], cwd=outdir,
                       check=True)


if __name__ == '__main__':
    main()

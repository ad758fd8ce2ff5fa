/*
 * vrnetsocket.h: UNIX stream sockets for the RPC client and server.
 */
#ifndef VR_NET_SOCKET_H
#define VR_NET_SOCKET_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Connects to @path; reports libvirt's "Failed to connect socket to" error. */
int vrNetSocketConnectUnix(const char *path);

/* Creates, binds and listens on @path with permissions @mode, replacing a
 * stale socket left by a dead daemon but never one a live daemon serves. */
int vrNetSocketListenUnix(const char *path, mode_t mode);

/* Accepts one client (non-blocking, close-on-exec); -1 with errno EAGAIN
 * when none waits. */
int vrNetSocketAccept(int listenfd);

/* Credentials of the peer of a UNIX socket. */
int vrNetSocketPeerCredentials(int fd, pid_t *pid, uid_t *uid, gid_t *gid);

int vrNetSocketSetNonBlocking(int fd, bool nonblock);

/* Blocking helpers for the client: the whole buffer or -1. */
int vrNetSocketWriteAll(int fd, const char *buf, size_t len);
int vrNetSocketReadAll(int fd, char *buf, size_t len);

#endif

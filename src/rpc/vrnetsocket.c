/*
 * vrnetsocket.c: UNIX stream sockets for the RPC client and server.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include <glib.h>

#include "util/vrerror.h"
#include "vrnetsocket.h"

#define VR_FROM_THIS VR_FROM_RPC

static int
vrNetSocketAddress(const char *path, struct sockaddr_un *addr)
{
    memset(addr, 0, sizeof(*addr));
    addr->sun_family = AF_UNIX;
    if (strlen(path) >= sizeof(addr->sun_path)) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "UNIX socket path '%s' too long", path);
        return -1;
    }
    strcpy(addr->sun_path, path);
    return 0;
}

int
vrNetSocketConnectUnix(const char *path)
{
    struct sockaddr_un addr;
    int fd;

    if (vrNetSocketAddress(path, &addr) < 0)
        return -1;
    if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0) {
        vrReportSystemError(errno, "%s", "Failed to create socket");
        return -1;
    }
    while (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
        if (errno == EINTR)
            continue;
        vrReportSystemError(errno, "Failed to connect socket to '%s'", path);
        close(fd);
        return -1;
    }
    return fd;
}

/* A socket file nobody answers on is a leftover of a daemon that died. */
static bool
vrNetSocketIsStale(const char *path)
{
    int fd;
    struct sockaddr_un addr;
    bool stale;

    if (vrNetSocketAddress(path, &addr) < 0)
        return false;
    if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
        return false;
    stale = connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0 && errno == ECONNREFUSED;
    close(fd);
    return stale;
}

int
vrNetSocketListenUnix(const char *path, mode_t mode)
{
    struct sockaddr_un addr;
    int fd;

    if (vrNetSocketAddress(path, &addr) < 0)
        return -1;
    if (access(path, F_OK) == 0) {
        if (!vrNetSocketIsStale(path)) {
            vrReportError(VR_ERR_OPERATION_FAILED,
                          "socket '%s' is in use: is another daemon running?", path);
            return -1;
        }
        unlink(path);
    }
    if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0)) < 0) {
        vrReportSystemError(errno, "%s", "Failed to create socket");
        return -1;
    }
    if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
        vrReportSystemError(errno, "Failed to bind socket to '%s'", path);
        close(fd);
        return -1;
    }
    if (chmod(path, mode) < 0) {
        vrReportSystemError(errno, "Failed to set permissions of '%s'", path);
        close(fd);
        unlink(path);
        return -1;
    }
    if (listen(fd, 128) < 0) {
        vrReportSystemError(errno, "Failed to listen on '%s'", path);
        close(fd);
        unlink(path);
        return -1;
    }
    return fd;
}

int
vrNetSocketAccept(int listenfd)
{
    int fd;

    do {
        fd = accept4(listenfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != ECONNABORTED)
        vrReportSystemError(errno, "%s", "Unable to accept client");
    return fd;
}

int
vrNetSocketPeerCredentials(int fd, pid_t *pid, uid_t *uid, gid_t *gid)
{
    struct ucred cred;
    socklen_t len = sizeof(cred);

    if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) < 0) {
        vrReportSystemError(errno, "%s", "Failed to get client socket identity");
        return -1;
    }
    *pid = cred.pid;
    *uid = cred.uid;
    *gid = cred.gid;
    return 0;
}

int
vrNetSocketSetNonBlocking(int fd, bool nonblock)
{
    int flags = fcntl(fd, F_GETFL);

    if (flags < 0)
        return -1;
    flags = nonblock ? flags | O_NONBLOCK : flags & ~O_NONBLOCK;
    return fcntl(fd, F_SETFL, flags);
}

int
vrNetSocketWriteAll(int fd, const char *buf, size_t len)
{
    while (len) {
        ssize_t n = send(fd, buf, len, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            vrReportSystemError(errno, "%s", "Cannot write data");
            return -1;
        }
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

int
vrNetSocketReadAll(int fd, char *buf, size_t len)
{
    while (len) {
        ssize_t n = recv(fd, buf, len, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            vrReportSystemError(errno, "%s", "Cannot recv data");
            return -1;
        }
        if (n == 0) {
            vrReportError(VR_ERR_RPC, "%s", "End of file while reading data: Input/output error");
            return -1;
        }
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

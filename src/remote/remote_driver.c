/*
 * remote_driver.c: connections to a daemon over libvirt's wire protocol.
 *
 * URIs this driver takes:
 *   DRIVER+unix:///PATH[?socket=SOCKET]   any driver, over a UNIX socket
 *   qemu:///system, qemu:///session       the local daemon (outside vireod)
 * The daemon is sent the URI without the transport and without our own
 * query parameters ("test+unix:///default?socket=S" opens "test:///default").
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "libvireo/libvireo.h"
#include "remote_driver.h"
#include "remote_driver_priv.h"
#include "util/vrlog.h"

#define VR_FROM_THIS VR_FROM_REMOTE
#define VR_LOG_CATEGORY "remote"

/* The system daemon's sockets (vireod with root /). */
#define REMOTE_SYSTEM_SOCKET "/run/vireo/vireo-sock"
#define REMOTE_SYSTEM_SOCKET_RO "/run/vireo/vireo-sock-ro"

/* Query parameters the driver consumes rather than forwarding. */
static const char *const remoteOwnParams[] = {
    "socket", "name", "command", "keyfile", "netcat", "no_verify", "no_tty", "pkipath",
    "known_hosts", "sshauth", "mode", "proxy", NULL,
};

static vrHypervisorDriver remoteHypervisorDriver = { .name = "remote" };
static vrNetworkDriver remoteNetworkDriver;
static vrStorageDriver remoteStorageDriver;
static vrInterfaceDriver remoteInterfaceDriver;
static vrSecretDriver remoteSecretDriver;

int
remoteCall(vrConnect *conn, int proc, xdrproc_t argsFilter, void *args, xdrproc_t retFilter,
           void *ret)
{
    vrRemotePriv *priv = remotePriv(conn);

    return vrNetClientCall(priv->client, VRP_PROGRAM, VRP_PROTOCOL_VERSION, proc, argsFilter,
                           args, retFilter, ret);
}

/* ---- opening ------------------------------------------------------- */

static char *
remoteSessionSocket(void)
{
    const char *runtime = g_getenv("XDG_RUNTIME_DIR");

    if (runtime && *runtime)
        return g_build_filename(runtime, "vireo", "vireo-sock", NULL);
    return g_build_filename(g_get_home_dir(), ".cache", "vireo", "vireo-sock", NULL);
}

/* Which socket a URI means; NULL (reported) when the URI is not usable. */
static char *
remoteSocketPath(vrURI *uri, unsigned int flags)
{
    const char *sock = vrURIGetParam(uri, "socket");
    bool session = uri->path && g_str_equal(uri->path, "/session");

    if (sock)
        return g_strdup(sock);
    if (session)
        return remoteSessionSocket();
    return g_strdup((flags & VR_CONNECT_RO) ? REMOTE_SYSTEM_SOCKET_RO : REMOTE_SYSTEM_SOCKET);
}

static bool
remoteWantsURI(vrURI *uri)
{
    if (uri->transport)
        return true;
    /* plain qemu:/// URIs mean the local daemon, unless we are it */
    if (vrIsInsideDaemon() || uri->server)
        return false;
    return g_str_equal(uri->scheme, "qemu") && uri->path &&
           (g_str_equal(uri->path, "/system") || g_str_equal(uri->path, "/session"));
}

static void
remoteEvent(vrNetClient *client, const vrNetMessage *msg, void *opaque)
{
    vrConnect *conn = opaque;

    (void)client;
    if (msg->header.prog != VRP_PROGRAM)
        return;
    /* CONNECT_EVENT_CONNECTION_CLOSED: the daemon dropped our driver connection */
    if (msg->header.proc == 362)
        vrConnectNotifyClosed(conn, VR_CONNECT_CLOSE_REASON_EOF);
    else
        remoteDispatchEventMessage(conn, msg);
}

static void
remoteClosed(vrNetClient *client, int reason, void *opaque)
{
    vrConnect *conn = opaque;

    (void)client;
    if (reason != VR_CONNECT_CLOSE_REASON_CLIENT)
        vrConnectNotifyClosed(conn, reason);
}

static int
remoteFeature(vrConnect *conn, int feature)
{
    vrp_connect_supports_feature_args args = { .feature = feature };
    vrp_connect_supports_feature_ret ret = { 0 };

    if (remoteCall(conn, VRP_PROC_CONNECT_SUPPORTS_FEATURE,
                   (xdrproc_t)xdr_vrp_connect_supports_feature_args, &args,
                   (xdrproc_t)xdr_vrp_connect_supports_feature_ret, &ret) < 0)
        return -1;
    return ret.supported;
}

/* AUTH_LIST: we speak no SASL or polkit, so the daemon must want none. */
static int
remoteAuthenticate(vrConnect *conn)
{
    vrp_auth_list_ret ret = { 0 };
    bool none = false;
    u_int i;

    if (remoteCall(conn, VRP_PROC_AUTH_LIST, NULL, NULL, (xdrproc_t)xdr_vrp_auth_list_ret,
                   &ret) < 0)
        return -1;
    for (i = 0; i < ret.types.types_len; i++)
        none |= ret.types.types_val[i] == VRP_AUTH_NONE;
    none |= ret.types.types_len == 0;
    xdr_free((xdrproc_t)xdr_vrp_auth_list_ret, (char *)&ret);
    if (!none) {
        vrReportError(VR_ERR_AUTH_FAILED, "%s",
                      "the server asks for an authentication method this client lacks");
        return -1;
    }
    return 0;
}

static void
remotePrivFree(vrRemotePriv *priv)
{
    if (!priv)
        return;
    if (priv->client) {
        vrNetClientClose(priv->client);
        vrNetClientUnref(priv->client);
    }
    /* after the reader thread, which queues events, has stopped */
    vrObjectEventStateFree(priv->events);
    if (priv->eventRegs)
        g_array_unref(priv->eventRegs);
    g_free(priv->type);
    g_mutex_clear(&priv->lock);
    g_free(priv);
}

static int
remoteConnectOpen(vrConnect *conn, vrURI *uri, unsigned int flags)
{
    g_autofree char *path = NULL;
    g_autofree char *name = NULL;
    vrp_connect_open_args args = { 0 };
    const char *nameSlot;
    vrRemotePriv *priv;

    if (!remoteWantsURI(uri))
        return VR_DRV_OPEN_DECLINED;
    if (vrIsInsideDaemon()) {
        vrReportError(VR_ERR_NO_CONNECT, "%s: the daemon does not connect to daemons",
                      conn->uri);
        return VR_DRV_OPEN_ERROR;
    }
    if (uri->transport && !g_str_equal(uri->transport, "unix")) {
        vrReportError(VR_ERR_INVALID_ARG, "transport '%s' in URI '%s' is not supported yet: "
                      "use a local '+unix' URI", uri->transport, conn->uri);
        return VR_DRV_OPEN_ERROR;
    }
    if (!(path = remoteSocketPath(uri, flags)))
        return VR_DRV_OPEN_ERROR;
    name = vrURIFormat(uri, false, remoteOwnParams);

    priv = g_new0(vrRemotePriv, 1);
    g_mutex_init(&priv->lock);
    priv->events = vrObjectEventStateNew();
    priv->eventRegs = g_array_new(FALSE, FALSE, sizeof(vrRemoteEventReg));
    conn->privateData = priv;
    if (!(priv->client = vrNetClientNewUnix(path)))
        goto error;
    vrNetClientSetEventCallback(priv->client, remoteEvent, conn);
    vrNetClientSetCloseCallback(priv->client, remoteClosed, conn);

    if (remoteAuthenticate(conn) < 0)
        goto error;
    priv->serverKeepAlive = remoteFeature(conn, VR_DRV_FEATURE_PROGRAM_KEEPALIVE) == 1;
    vrResetLastError();
    args.name = vrRemoteStringBorrow(&nameSlot, name);
    args.flags = flags & VR_CONNECT_RO;
    if (remoteCall(conn, VRP_PROC_CONNECT_OPEN, (xdrproc_t)xdr_vrp_connect_open_args, &args,
                   NULL, NULL) < 0)
        goto error;
    priv->serverCloseCallback = remoteFeature(conn, VR_DRV_FEATURE_REMOTE_CLOSE_CALLBACK) == 1;
    vrResetLastError();
    VR_DEBUG("opened %s as %s over %s", conn->uri, name, path);
    return VR_DRV_OPEN_SUCCESS;

 error:
    remotePrivFree(priv);
    conn->privateData = NULL;
    return VR_DRV_OPEN_ERROR;
}

static int
remoteConnectClose(vrConnect *conn)
{
    vrRemotePriv *priv = remotePriv(conn);

    if (!priv)
        return 0;
    if (vrNetClientIsOpen(priv->client))
        remoteCall(conn, VRP_PROC_CONNECT_CLOSE, NULL, NULL, NULL, NULL);
    vrResetLastError();
    remotePrivFree(priv);
    remoteNetworkEventsClose(conn);
    remoteSecretEventsClose(conn);
    conn->privateData = NULL;
    return 0;
}

static int
remoteConnectIsAlive(vrConnect *conn)
{
    return vrNetClientIsOpen(remotePriv(conn)->client) ? 1 : 0;
}

static int
remoteConnectSetKeepAlive(vrConnect *conn, int interval, unsigned int count)
{
    vrRemotePriv *priv = remotePriv(conn);

    if (!priv->serverKeepAlive) {
        /* libvirt's answer when the peer cannot do it */
        return 1;
    }
    vrNetClientSetKeepAlive(priv->client, interval, count);
    return 0;
}

static int
remoteConnectSupportsFeature(vrConnect *conn, int feature)
{
    if (feature == VR_DRV_FEATURE_REMOTE)
        return 1;
    return remoteFeature(conn, feature);
}

static int
remoteConnectIsEncrypted(vrConnect *conn)
{
    (void)conn;
    return 0;
}

static vrConnectDriver remoteConnectDriver = {
    .name = "remote",
    .connectOpen = remoteConnectOpen,
    .hypervisor = &remoteHypervisorDriver,
    .network = &remoteNetworkDriver,
    .storage = &remoteStorageDriver,
    .iface = &remoteInterfaceDriver,
    .secret = &remoteSecretDriver,
};

int
remoteRegister(void)
{
    vrHypervisorDriver *hv = &remoteHypervisorDriver;

    remoteFillGenerated(hv, &remoteNetworkDriver, &remoteStorageDriver, &remoteInterfaceDriver,
                        &remoteSecretDriver);
    remoteFillConnect(hv);
    remoteFillDomain(hv);
    remoteFillObjects(&remoteNetworkDriver, &remoteStorageDriver, &remoteInterfaceDriver);
    remoteFillSecret(&remoteSecretDriver);
    hv->connectClose = remoteConnectClose;
    hv->connectIsAlive = remoteConnectIsAlive;
    hv->connectSetKeepAlive = remoteConnectSetKeepAlive;
    hv->connectSupportsFeature = remoteConnectSupportsFeature;
    hv->connectIsEncrypted = remoteConnectIsEncrypted;
    return vrRegisterConnectDriver(&remoteConnectDriver);
}

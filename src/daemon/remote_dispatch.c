/*
 * remote_dispatch.c: decoding calls, running them, answering them.
 */
#include <config.h>

#include <string.h>

#include "remote_dispatch.h"
#include "remote_streams.h"
#include "util/vrlog.h"

#define VR_FROM_THIS VR_FROM_RPC
#define VR_LOG_CATEGORY "daemon.dispatch"

/* Calls that never wait for a guest or a long job go to the priority
 * workers, so a client stuck behind slow calls can still look things up,
 * check state and destroy a guest. */
static bool
remoteIsPriority(unsigned int prog, int proc)
{
    /* QEMU program calls talk to the guest: never urgent */
    if (prog != VRP_PROGRAM)
        return false;
    switch (proc) {
    case VRP_PROC_CONNECT_GET_TYPE:
    case VRP_PROC_CONNECT_GET_VERSION:
    case VRP_PROC_CONNECT_GET_LIB_VERSION:
    case VRP_PROC_CONNECT_GET_HOSTNAME:
    case VRP_PROC_CONNECT_GET_URI:
    case VRP_PROC_CONNECT_SUPPORTS_FEATURE:
    case VRP_PROC_CONNECT_CLOSE:
    case VRP_PROC_AUTH_LIST:
    case VRP_PROC_CONNECT_LIST_ALL_DOMAINS:
    case VRP_PROC_DOMAIN_LOOKUP_BY_ID:
    case VRP_PROC_DOMAIN_LOOKUP_BY_NAME:
    case VRP_PROC_DOMAIN_LOOKUP_BY_UUID:
    case VRP_PROC_DOMAIN_GET_INFO:
    case VRP_PROC_DOMAIN_GET_STATE:
    case VRP_PROC_DOMAIN_IS_ACTIVE:
    case VRP_PROC_DOMAIN_IS_PERSISTENT:
    case VRP_PROC_DOMAIN_DESTROY:
    case VRP_PROC_DOMAIN_DESTROY_FLAGS:
        return true;
    default:
        return false;
    }
}

/* ---- the QEMU program (monitor and agent pass-through) ---------------- */

static int
remoteDispatchQemuMonitorCommand(vrNetServerClient *client, vrRemoteClient *priv,
                                 const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_qemu_domain_monitor_command_args *args = argsv;
    vrp_qemu_domain_monitor_command_ret *ret = retv;
    vrDomain *dom = vrRemoteGetDomain(priv->conn, &args->dom);
    char *result = NULL;
    int rc;

    (void)client;
    (void)hdr;
    rc = vrDomainQemuMonitorCommand(dom, args->cmd, &result, args->flags);
    vrDomainFree(dom);
    if (rc < 0)
        return -1;
    ret->result = result ? result : strdup("");
    return 0;
}

static int
remoteDispatchQemuAgentCommand(vrNetServerClient *client, vrRemoteClient *priv,
                               const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_qemu_domain_agent_command_args *args = argsv;
    vrp_qemu_domain_agent_command_ret *ret = retv;
    vrDomain *dom = vrRemoteGetDomain(priv->conn, &args->dom);
    char *result;

    (void)client;
    (void)hdr;
    vrResetLastError();
    result = vrDomainQemuAgentCommand(dom, args->cmd, args->timeout, args->flags);
    vrDomainFree(dom);
    if (!result && vrErrorIsSet())
        return -1;
    ret->result = vrRemoteStringNew(result);
    free(result);
    return 0;
}

static const vrRemoteProc remoteQemuProcs[] = {
    { VRP_QEMU_PROC_DOMAIN_MONITOR_COMMAND, "QEMU_DOMAIN_MONITOR_COMMAND",
      (xdrproc_t)xdr_vrp_qemu_domain_monitor_command_args,
      sizeof(vrp_qemu_domain_monitor_command_args),
      (xdrproc_t)xdr_vrp_qemu_domain_monitor_command_ret,
      sizeof(vrp_qemu_domain_monitor_command_ret), remoteDispatchQemuMonitorCommand, true },
    { VRP_QEMU_PROC_DOMAIN_AGENT_COMMAND, "QEMU_DOMAIN_AGENT_COMMAND",
      (xdrproc_t)xdr_vrp_qemu_domain_agent_command_args,
      sizeof(vrp_qemu_domain_agent_command_args),
      (xdrproc_t)xdr_vrp_qemu_domain_agent_command_ret,
      sizeof(vrp_qemu_domain_agent_command_ret), remoteDispatchQemuAgentCommand, true },
};

static const vrRemoteProc *
remoteQemuProcLookup(int proc)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(remoteQemuProcs); i++) {
        if (remoteQemuProcs[i].proc == proc)
            return &remoteQemuProcs[i];
    }
    return NULL;
}

/* Calls of the remote program, and of the QEMU program on the same
 * connection when the server hands those over too. */
static void
remoteDispatch(vrNetServerClient *client, vrNetMessage *msg)
{
    vrRemoteClient *priv = vrNetServerClientGetPrivateData(client);
    const vrRemoteProc *proc = msg->header.prog == VRP_QEMU_PROGRAM
                               ? remoteQemuProcLookup(msg->header.proc)
                               : vrRemoteProcLookup(msg->header.proc);
    void *args = NULL, *ret = NULL;
    int rc = -1;

    vrResetLastError();
    if (!proc) {
        vrReportError(VR_ERR_NO_SUPPORT, "unknown procedure: %d", msg->header.proc);
        goto reply;
    }
    if (proc->needConn && !priv->conn) {
        vrReportError(VR_ERR_INTERNAL_ERROR, "%s", "connection not open");
        goto reply;
    }
    args = g_malloc0(MAX(proc->argsSize, 1));
    ret = g_malloc0(MAX(proc->retSize, 1));
    if (vrNetMessageDecodePayload(msg, proc->argsFilter ? proc->argsFilter
                                                        : (xdrproc_t)vrNetXdrNone, args) < 0)
        goto reply;
    VR_DEBUG("proc=%s serial=%u", proc->name, msg->header.serial);
    rc = proc->handler(client, priv, &msg->header, args, ret);

 reply:
    if (rc == VR_REMOTE_REPLIED) {
        /* answered already */
    } else if (rc < 0) {
        vrNetServerClientSendError(client, &msg->header);
    } else {
        vrNetServerClientSendReply(client, &msg->header, proc->retFilter, ret);
    }
    if (proc && args && proc->argsFilter)
        xdr_free(proc->argsFilter, args);
    if (proc && ret && proc->retFilter)
        xdr_free(proc->retFilter, ret);
    g_free(args);
    g_free(ret);
    vrNetMessageFree(msg);
}

static void
remoteClientClosed(vrNetServerClient *client)
{
    vrRemoteClient *priv = vrNetServerClientGetPrivateData(client);

    if (priv) {
        vrRemoteStreamsAbortAll(priv);
        /* the registrations hold references on the client */
        remoteEventsDeregisterAll(priv);
        remoteNetworkEventsDeregisterAll(priv);
        remoteSecretEventsDeregisterAll(priv);
    }
}

static void
remoteClientFree(void *data)
{
    vrRemoteClient *priv = data;

    vrRemoteStreamsFreeAll(priv);
    if (priv->conn)
        vrConnectClose(priv->conn);
    g_ptr_array_unref(priv->streams);
    g_array_unref(priv->domainEvents);
    g_mutex_clear(&priv->lock);
    g_free(priv);
}

static void
remoteStreamFrame(vrNetServerClient *client, vrNetMessage *msg)
{
    vrRemoteClient *priv = vrNetServerClientGetPrivateData(client);

    vrRemoteStreamsDeliver(priv, msg);
}

static void remoteClientInit(vrNetServerClient *client);

static const vrNetServerProgram remoteProgram = {
    .prog = VRP_PROGRAM,
    .vers = VRP_PROTOCOL_VERSION,
    .extraProg = VRP_QEMU_PROGRAM,
    .dispatch = remoteDispatch,
    .isPriority = remoteIsPriority,
    .streamFrame = remoteStreamFrame,
    .clientInit = remoteClientInit,
    .clientClosed = remoteClientClosed,
    .clientFree = remoteClientFree,
};

/* Every client gets its private data as it connects. */
static void
remoteClientInit(vrNetServerClient *client)
{
    vrRemoteClient *priv = g_new0(vrRemoteClient, 1);

    g_mutex_init(&priv->lock);
    priv->client = client;
    priv->streams = g_ptr_array_new();
    priv->domainEvents = g_array_new(FALSE, FALSE, sizeof(vrRemoteEventReg));
    vrNetServerClientSetPrivateData(client, priv);
}

vrNetServer *
vrRemoteServerNew(const vrNetServerConfig *cfg)
{
    return vrNetServerNew(cfg, &remoteProgram);
}

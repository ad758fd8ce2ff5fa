/*
 * remote_calls_domain.c: hand-written calls for domains and snapshots,
 * whose results are structures, lists or typed parameters.
 */
#include <config.h>

#include <string.h>

#include "remote_driver_priv.h"

#define VR_FROM_THIS VR_FROM_REMOTE

static int
remoteConnectListAllDomains(vrConnect *conn, vrDomain ***domains, unsigned int flags)
{
    vrp_connect_list_all_domains_args args = { .need_results = domains != NULL,
                                               .flags = flags };
    vrp_connect_list_all_domains_ret ret;
    u_int i;
    int n;

    memset(&ret, 0, sizeof(ret));
    if (remoteCall(conn, VRP_PROC_CONNECT_LIST_ALL_DOMAINS,
                   (xdrproc_t)xdr_vrp_connect_list_all_domains_args, &args,
                   (xdrproc_t)xdr_vrp_connect_list_all_domains_ret, &ret) < 0)
        return -1;
    if (domains) {
        *domains = g_new0(vrDomain *, ret.domains.domains_len + 1);
        for (i = 0; i < ret.domains.domains_len; i++)
            (*domains)[i] = vrRemoteGetDomain(conn, &ret.domains.domains_val[i]);
    }
    n = (int)ret.ret;
    xdr_free((xdrproc_t)xdr_vrp_connect_list_all_domains_ret, (char *)&ret);
    return n;
}

static int
remoteConnectListDomains(vrConnect *conn, int *ids, int maxids)
{
    vrp_connect_list_domains_args args = { .max_ids = maxids };
    vrp_connect_list_domains_ret ret;
    u_int i;

    if (maxids > VRP_DOMAIN_LIST_MAX) {
        vrReportError(VR_ERR_RPC, "Too many domain IDs '%d' for limit '%d'", maxids,
                      VRP_DOMAIN_LIST_MAX);
        return -1;
    }
    memset(&ret, 0, sizeof(ret));
    if (remoteCall(conn, VRP_PROC_CONNECT_LIST_DOMAINS,
                   (xdrproc_t)xdr_vrp_connect_list_domains_args, &args,
                   (xdrproc_t)xdr_vrp_connect_list_domains_ret, &ret) < 0)
        return -1;
    for (i = 0; i < ret.ids.ids_len && (int)i < maxids; i++)
        ids[i] = ret.ids.ids_val[i];
    xdr_free((xdrproc_t)xdr_vrp_connect_list_domains_ret, (char *)&ret);
    return (int)i;
}

static int
remoteConnectListDefinedDomains(vrConnect *conn, char **names, int maxnames)
{
    vrp_connect_list_defined_domains_args args = { .max_names = maxnames };
    vrp_connect_list_defined_domains_ret ret;
    u_int i;

    memset(&ret, 0, sizeof(ret));
    if (remoteCall(conn, VRP_PROC_CONNECT_LIST_DEFINED_DOMAINS,
                   (xdrproc_t)xdr_vrp_connect_list_defined_domains_args, &args,
                   (xdrproc_t)xdr_vrp_connect_list_defined_domains_ret, &ret) < 0)
        return -1;
    for (i = 0; i < ret.names.names_len && (int)i < maxnames; i++)
        names[i] = g_strdup(ret.names.names_val[i]);
    xdr_free((xdrproc_t)xdr_vrp_connect_list_defined_domains_ret, (char *)&ret);
    return (int)i;
}

static int
remoteDomainCreateWithFlags(vrDomain *dom, unsigned int flags)
{
    vrp_domain_create_with_flags_args args = { .flags = flags };
    vrp_domain_create_with_flags_ret ret;

    memset(&ret, 0, sizeof(ret));
    vrRemoteBorrowDomain(&args.dom, dom);
    if (remoteCall(dom->conn, VRP_PROC_DOMAIN_CREATE_WITH_FLAGS,
                   (xdrproc_t)xdr_vrp_domain_create_with_flags_args, &args,
                   (xdrproc_t)xdr_vrp_domain_create_with_flags_ret, &ret) < 0)
        return -1;
    /* the handle follows the guest to its new id */
    dom->id = ret.dom.id;
    xdr_free((xdrproc_t)xdr_vrp_domain_create_with_flags_ret, (char *)&ret);
    return 0;
}

static int
remoteDomainGetInfo(vrDomain *dom, vrDomainInfo *info)
{
    vrp_domain_get_info_args args;
    vrp_domain_get_info_ret ret;

    memset(&ret, 0, sizeof(ret));
    vrRemoteBorrowDomain(&args.dom, dom);
    if (remoteCall(dom->conn, VRP_PROC_DOMAIN_GET_INFO,
                   (xdrproc_t)xdr_vrp_domain_get_info_args, &args,
                   (xdrproc_t)xdr_vrp_domain_get_info_ret, &ret) < 0)
        return -1;
    info->state = ret.state;
    info->maxMem = (unsigned long)ret.max_mem;
    info->memory = (unsigned long)ret.memory;
    info->nrVirtCpu = ret.nr_virt_cpu;
    info->cpuTime = ret.cpu_time;
    return 0;
}

static int
remoteDomainGetState(vrDomain *dom, int *state, int *reason, unsigned int flags)
{
    vrp_domain_get_state_args args = { .flags = flags };
    vrp_domain_get_state_ret ret = { 0 };

    vrRemoteBorrowDomain(&args.dom, dom);
    if (remoteCall(dom->conn, VRP_PROC_DOMAIN_GET_STATE,
                   (xdrproc_t)xdr_vrp_domain_get_state_args, &args,
                   (xdrproc_t)xdr_vrp_domain_get_state_ret, &ret) < 0)
        return -1;
    *state = ret.state;
    if (reason)
        *reason = ret.reason;
    return 0;
}

static int
remoteDomainGetAutostart(vrDomain *dom, int *autostart)
{
    vrp_domain_get_autostart_args args;
    vrp_domain_get_autostart_ret ret = { 0 };

    vrRemoteBorrowDomain(&args.dom, dom);
    if (remoteCall(dom->conn, VRP_PROC_DOMAIN_GET_AUTOSTART,
                   (xdrproc_t)xdr_vrp_domain_get_autostart_args, &args,
                   (xdrproc_t)xdr_vrp_domain_get_autostart_ret, &ret) < 0)
        return -1;
    *autostart = ret.autostart;
    return 0;
}

static int
remoteDomainGetSecurityLabel(vrDomain *dom, vrSecurityLabel *seclabel)
{
    vrp_domain_get_security_label_args args;
    vrp_domain_get_security_label_ret ret;

    memset(&ret, 0, sizeof(ret));
    vrRemoteBorrowDomain(&args.dom, dom);
    if (remoteCall(dom->conn, VRP_PROC_DOMAIN_GET_SECURITY_LABEL,
                   (xdrproc_t)xdr_vrp_domain_get_security_label_args, &args,
                   (xdrproc_t)xdr_vrp_domain_get_security_label_ret, &ret) < 0)
        return -1;
    memset(seclabel, 0, sizeof(*seclabel));
    if (ret.label.label_val)
        memcpy(seclabel->label, ret.label.label_val,
               MIN((size_t)ret.label.label_len, sizeof(seclabel->label) - 1));
    seclabel->enforcing = ret.enforcing;
    xdr_free((xdrproc_t)xdr_vrp_domain_get_security_label_ret, (char *)&ret);
    return 0;
}

static char *
remoteDomainGetSchedulerType(vrDomain *dom, int *nparams)
{
    vrp_domain_get_scheduler_type_args args;
    vrp_domain_get_scheduler_type_ret ret;
    char *type;

    memset(&ret, 0, sizeof(ret));
    vrRemoteBorrowDomain(&args.dom, dom);
    if (remoteCall(dom->conn, VRP_PROC_DOMAIN_GET_SCHEDULER_TYPE,
                   (xdrproc_t)xdr_vrp_domain_get_scheduler_type_args, &args,
                   (xdrproc_t)xdr_vrp_domain_get_scheduler_type_ret, &ret) < 0)
        return NULL;
    if (nparams)
        *nparams = ret.nparams;
    type = g_strdup(ret.type);
    xdr_free((xdrproc_t)xdr_vrp_domain_get_scheduler_type_ret, (char *)&ret);
    return type;
}

static int
remoteDomainGetSchedulerParameters(vrDomain *dom, vrTypedParameter *params, int *nparams)
{
    vrp_domain_get_scheduler_parameters_args args = { .nparams = *nparams };
    vrp_domain_get_scheduler_parameters_ret ret;
    int rc;

    memset(&ret, 0, sizeof(ret));
    vrRemoteBorrowDomain(&args.dom, dom);
    if (remoteCall(dom->conn, VRP_PROC_DOMAIN_GET_SCHEDULER_PARAMETERS,
                   (xdrproc_t)xdr_vrp_domain_get_scheduler_parameters_args, &args,
                   (xdrproc_t)xdr_vrp_domain_get_scheduler_parameters_ret, &ret) < 0)
        return -1;
    rc = vrRemoteDeserializeTypedParams(ret.params.params_val, ret.params.params_len,
                                        VRP_DOMAIN_SCHEDULER_PARAMETERS_MAX, params, nparams);
    xdr_free((xdrproc_t)xdr_vrp_domain_get_scheduler_parameters_ret, (char *)&ret);
    return rc;
}

static int
remoteDomainGetSchedulerParametersFlags(vrDomain *dom, vrTypedParameter *params, int *nparams,
                                        unsigned int flags)
{
    vrp_domain_get_scheduler_parameters_flags_args args = { .nparams = *nparams,
                                                            .flags = flags };
    vrp_domain_get_scheduler_parameters_flags_ret ret;
    int rc;

    memset(&ret, 0, sizeof(ret));
    vrRemoteBorrowDomain(&args.dom, dom);
    if (remoteCall(dom->conn, VRP_PROC_DOMAIN_GET_SCHEDULER_PARAMETERS_FLAGS,
                   (xdrproc_t)xdr_vrp_domain_get_scheduler_parameters_flags_args, &args,
                   (xdrproc_t)xdr_vrp_domain_get_scheduler_parameters_flags_ret, &ret) < 0)
        return -1;
    rc = vrRemoteDeserializeTypedParams(ret.params.params_val, ret.params.params_len,
                                        VRP_DOMAIN_SCHEDULER_PARAMETERS_MAX, params, nparams);
    xdr_free((xdrproc_t)xdr_vrp_domain_get_scheduler_parameters_flags_ret, (char *)&ret);
    return rc;
}

static int
remoteDomainSetSchedulerParametersFlags(vrDomain *dom, vrTypedParameter *params, int nparams,
                                        unsigned int flags)
{
    vrp_domain_set_scheduler_parameters_flags_args args;
    int rc = -1;

    memset(&args, 0, sizeof(args));
    vrRemoteBorrowDomain(&args.dom, dom);
    args.flags = flags;
    if (vrRemoteSerializeTypedParams(params, nparams, VRP_DOMAIN_SCHEDULER_PARAMETERS_MAX,
                                     &args.params.params_val, &args.params.params_len) == 0)
        rc = remoteCall(dom->conn, VRP_PROC_DOMAIN_SET_SCHEDULER_PARAMETERS_FLAGS,
                        (xdrproc_t)xdr_vrp_domain_set_scheduler_parameters_flags_args, &args,
                        NULL, NULL);
    /* the parameters are ours, the domain reference is borrowed */
    vrRemoteFreeWireParams(args.params.params_val, args.params.params_len);
    return rc;
}

static int
remoteDomainGetMemoryParameters(vrDomain *dom, vrTypedParameter *params, int *nparams,
                                unsigned int flags)
{
    vrp_domain_get_memory_parameters_args args = { .nparams = *nparams, .flags = flags };
    vrp_domain_get_memory_parameters_ret ret;
    int rc = 0;

    memset(&ret, 0, sizeof(ret));
    vrRemoteBorrowDomain(&args.dom, dom);
    if (remoteCall(dom->conn, VRP_PROC_DOMAIN_GET_MEMORY_PARAMETERS,
                   (xdrproc_t)xdr_vrp_domain_get_memory_parameters_args, &args,
                   (xdrproc_t)xdr_vrp_domain_get_memory_parameters_ret, &ret) < 0)
        return -1;
    if (*nparams == 0)
        *nparams = ret.nparams;
    else
        rc = vrRemoteDeserializeTypedParams(ret.params.params_val, ret.params.params_len,
                                            VRP_DOMAIN_MEMORY_PARAMETERS_MAX, params, nparams);
    xdr_free((xdrproc_t)xdr_vrp_domain_get_memory_parameters_ret, (char *)&ret);
    return rc;
}

static int
remoteDomainSetMemoryParameters(vrDomain *dom, vrTypedParameter *params, int nparams,
                                unsigned int flags)
{
    vrp_domain_set_memory_parameters_args args;
    int rc = -1;

    memset(&args, 0, sizeof(args));
    vrRemoteBorrowDomain(&args.dom, dom);
    args.flags = flags;
    if (vrRemoteSerializeTypedParams(params, nparams, VRP_DOMAIN_MEMORY_PARAMETERS_MAX,
                                     &args.params.params_val, &args.params.params_len) == 0)
        rc = remoteCall(dom->conn, VRP_PROC_DOMAIN_SET_MEMORY_PARAMETERS,
                        (xdrproc_t)xdr_vrp_domain_set_memory_parameters_args, &args, NULL, NULL);
    vrRemoteFreeWireParams(args.params.params_val, args.params.params_len);
    return rc;
}

static int
remoteDomainGetMessages(vrDomain *dom, char ***msgs, unsigned int flags)
{
    vrp_domain_get_messages_args args = { .flags = flags };
    vrp_domain_get_messages_ret ret;
    u_int i;
    int n;

    memset(&ret, 0, sizeof(ret));
    vrRemoteBorrowDomain(&args.dom, dom);
    if (remoteCall(dom->conn, VRP_PROC_DOMAIN_GET_MESSAGES,
                   (xdrproc_t)xdr_vrp_domain_get_messages_args, &args,
                   (xdrproc_t)xdr_vrp_domain_get_messages_ret, &ret) < 0)
        return -1;
    *msgs = g_new0(char *, ret.msgs.msgs_len + 1);
    for (i = 0; i < ret.msgs.msgs_len; i++)
        (*msgs)[i] = g_strdup(ret.msgs.msgs_val[i]);
    n = (int)ret.msgs.msgs_len;
    xdr_free((xdrproc_t)xdr_vrp_domain_get_messages_ret, (char *)&ret);
    return n;
}

static char *
remoteDomainScreenshot(vrDomain *dom, vrStream *st, unsigned int screen, unsigned int flags)
{
    vrp_domain_screenshot_args args = { .screen = screen, .flags = flags };
    vrp_domain_screenshot_ret ret;
    char *mime;

    memset(&ret, 0, sizeof(ret));
    vrRemoteBorrowDomain(&args.dom, dom);
    if (remoteCallStream(dom->conn, st, VRP_PROC_DOMAIN_SCREENSHOT,
                         (xdrproc_t)xdr_vrp_domain_screenshot_args, &args,
                         (xdrproc_t)xdr_vrp_domain_screenshot_ret, &ret) < 0)
        return NULL;
    mime = g_strdup(ret.mime ? *ret.mime : NULL);
    xdr_free((xdrproc_t)xdr_vrp_domain_screenshot_ret, (char *)&ret);
    return mime;
}

/* ---- snapshots -------------------------------------------------------- */

static int
remoteSnapshotsFromWire(vrConnect *conn, vrDomainSnapshot ***snaps,
                        const vrp_nonnull_domain_snapshot *val, u_int len)
{
    u_int i;

    *snaps = g_new0(vrDomainSnapshot *, len + 1);
    for (i = 0; i < len; i++)
        (*snaps)[i] = vrRemoteGetDomainSnapshot(conn, &val[i]);
    return (int)len;
}

static int
remoteDomainListAllSnapshots(vrDomain *dom, vrDomainSnapshot ***snaps, unsigned int flags)
{
    vrp_domain_list_all_snapshots_args args = { .need_results = snaps != NULL,
                                                .flags = flags };
    vrp_domain_list_all_snapshots_ret ret;
    int n;

    memset(&ret, 0, sizeof(ret));
    vrRemoteBorrowDomain(&args.dom, dom);
    if (remoteCall(dom->conn, VRP_PROC_DOMAIN_LIST_ALL_SNAPSHOTS,
                   (xdrproc_t)xdr_vrp_domain_list_all_snapshots_args, &args,
                   (xdrproc_t)xdr_vrp_domain_list_all_snapshots_ret, &ret) < 0)
        return -1;
    if (snaps)
        remoteSnapshotsFromWire(dom->conn, snaps, ret.snapshots.snapshots_val,
                                ret.snapshots.snapshots_len);
    n = ret.ret;
    xdr_free((xdrproc_t)xdr_vrp_domain_list_all_snapshots_ret, (char *)&ret);
    return n;
}

static int
remoteDomainSnapshotListAllChildren(vrDomainSnapshot *snap, vrDomainSnapshot ***snaps,
                                    unsigned int flags)
{
    vrp_domain_snapshot_list_all_children_args args = { .need_results = snaps != NULL,
                                                        .flags = flags };
    vrp_domain_snapshot_list_all_children_ret ret;
    vrConnect *conn = snap->domain->conn;
    int n;

    memset(&ret, 0, sizeof(ret));
    vrRemoteBorrowDomainSnapshot(&args.snapshot, snap);
    if (remoteCall(conn, VRP_PROC_DOMAIN_SNAPSHOT_LIST_ALL_CHILDREN,
                   (xdrproc_t)xdr_vrp_domain_snapshot_list_all_children_args, &args,
                   (xdrproc_t)xdr_vrp_domain_snapshot_list_all_children_ret, &ret) < 0)
        return -1;
    if (snaps)
        remoteSnapshotsFromWire(conn, snaps, ret.snapshots.snapshots_val,
                                ret.snapshots.snapshots_len);
    n = ret.ret;
    xdr_free((xdrproc_t)xdr_vrp_domain_snapshot_list_all_children_ret, (char *)&ret);
    return n;
}

void
remoteFillDomain(vrHypervisorDriver *hv)
{
    hv->connectListAllDomains = remoteConnectListAllDomains;
    hv->connectListDomains = remoteConnectListDomains;
    hv->connectListDefinedDomains = remoteConnectListDefinedDomains;
    hv->domainCreateWithFlags = remoteDomainCreateWithFlags;
    hv->domainGetInfo = remoteDomainGetInfo;
    hv->domainGetState = remoteDomainGetState;
    hv->domainGetAutostart = remoteDomainGetAutostart;
    hv->domainGetSecurityLabel = remoteDomainGetSecurityLabel;
    hv->domainGetSchedulerType = remoteDomainGetSchedulerType;
    hv->domainGetSchedulerParameters = remoteDomainGetSchedulerParameters;
    hv->domainGetSchedulerParametersFlags = remoteDomainGetSchedulerParametersFlags;
    hv->domainSetSchedulerParametersFlags = remoteDomainSetSchedulerParametersFlags;
    hv->domainGetMemoryParameters = remoteDomainGetMemoryParameters;
    hv->domainSetMemoryParameters = remoteDomainSetMemoryParameters;
    hv->domainGetMessages = remoteDomainGetMessages;
    hv->domainScreenshot = remoteDomainScreenshot;
    hv->domainListAllSnapshots = remoteDomainListAllSnapshots;
    hv->domainSnapshotListAllChildren = remoteDomainSnapshotListAllChildren;
}

/*
 * remote_handlers_domain.c: hand-written handlers for domains and their
 * snapshots: lists, structured results, typed parameters, screenshots.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "remote_dispatch_gen.h"
#include "remote_streams.h"

#define VR_FROM_THIS VR_FROM_REMOTE

/* Each handler below works on the domain named by the call. */
#define REMOTE_DOMAIN(args, priv) vrRemoteGetDomain((priv)->conn, &(args)->dom)

static char **
remoteNamesToWire(char **names, int n)
{
    char **out = calloc((size_t)(n > 0 ? n : 1), sizeof(char *));
    int i;

    for (i = 0; i < n; i++) {
        out[i] = strdup(names[i]);
        g_free(names[i]);
    }
    return out;
}

int
remoteDispatchConnectListAllDomains(vrNetServerClient *client, vrRemoteClient *priv,
                                    const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_connect_list_all_domains_args *args = argsv;
    vrp_connect_list_all_domains_ret *ret = retv;
    vrDomain **doms = NULL;
    int n, i;

    (void)client;
    (void)hdr;
    if ((n = vrConnectListAllDomains(priv->conn, args->need_results ? &doms : NULL,
                                     args->flags)) < 0)
        return -1;
    if (n > VRP_DOMAIN_LIST_MAX) {
        vrReportError(VR_ERR_RPC, "Too many domains '%d' for limit '%d'", n,
                      VRP_DOMAIN_LIST_MAX);
        goto error;
    }
    if (doms) {
        ret->domains.domains_val = calloc((size_t)(n ? n : 1), sizeof(vrp_nonnull_domain));
        ret->domains.domains_len = (u_int)n;
        for (i = 0; i < n; i++)
            vrRemoteCopyDomain(&ret->domains.domains_val[i], doms[i]);
    }
    ret->ret = (u_int)n;
    for (i = 0; doms && i < n; i++)
        vrDomainFree(doms[i]);
    g_free(doms);
    return 0;

 error:
    for (i = 0; doms && i < n; i++)
        vrDomainFree(doms[i]);
    g_free(doms);
    return -1;
}

int
remoteDispatchConnectListDomains(vrNetServerClient *client, vrRemoteClient *priv,
                                 const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_connect_list_domains_args *args = argsv;
    vrp_connect_list_domains_ret *ret = retv;
    int n;

    (void)client;
    (void)hdr;
    if (args->max_ids < 0 || args->max_ids > VRP_DOMAIN_LIST_MAX) {
        vrReportError(VR_ERR_RPC, "%s", "maxids > REMOTE_DOMAIN_LIST_MAX");
        return -1;
    }
    ret->ids.ids_val = calloc((size_t)(args->max_ids ? args->max_ids : 1), sizeof(int));
    if ((n = vrConnectListDomains(priv->conn, ret->ids.ids_val, args->max_ids)) < 0)
        return -1;
    ret->ids.ids_len = (u_int)n;
    return 0;
}

int
remoteDispatchConnectListDefinedDomains(vrNetServerClient *client, vrRemoteClient *priv,
                                        const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_connect_list_defined_domains_args *args = argsv;
    vrp_connect_list_defined_domains_ret *ret = retv;
    g_autofree char **names = NULL;
    int n;

    (void)client;
    (void)hdr;
    if (args->max_names < 0 || args->max_names > VRP_DOMAIN_LIST_MAX) {
        vrReportError(VR_ERR_RPC, "%s", "maxnames > REMOTE_DOMAIN_LIST_MAX");
        return -1;
    }
    names = g_new0(char *, args->max_names ? args->max_names : 1);
    if ((n = vrConnectListDefinedDomains(priv->conn, names, args->max_names)) < 0)
        return -1;
    ret->names.names_val = remoteNamesToWire(names, n);
    ret->names.names_len = (u_int)n;
    return 0;
}

int
remoteDispatchDomainCreateWithFlags(vrNetServerClient *client, vrRemoteClient *priv,
                                    const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_create_with_flags_args *args = argsv;
    vrp_domain_create_with_flags_ret *ret = retv;
    vrDomain *dom = REMOTE_DOMAIN(args, priv);
    vrDomain *fresh;

    (void)client;
    (void)hdr;
    if (vrDomainCreateWithFlags(dom, args->flags) < 0) {
        vrDomainFree(dom);
        return -1;
    }
    /* the reply carries the id the guest now runs under */
    fresh = vrDomainLookupByUUID(priv->conn, dom->uuid);
    vrRemoteCopyDomain(&ret->dom, fresh ? fresh : dom);
    if (fresh)
        vrDomainFree(fresh);
    vrResetLastError();
    vrDomainFree(dom);
    return 0;
}

int
remoteDispatchDomainGetInfo(vrNetServerClient *client, vrRemoteClient *priv,
                            const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_get_info_args *args = argsv;
    vrp_domain_get_info_ret *ret = retv;
    vrDomain *dom = REMOTE_DOMAIN(args, priv);
    vrDomainInfo info;
    int rc;

    (void)client;
    (void)hdr;
    rc = vrDomainGetInfo(dom, &info);
    vrDomainFree(dom);
    if (rc < 0)
        return -1;
    ret->state = info.state;
    ret->max_mem = info.maxMem;
    ret->memory = info.memory;
    ret->nr_virt_cpu = info.nrVirtCpu;
    ret->cpu_time = info.cpuTime;
    return 0;
}

int
remoteDispatchDomainGetState(vrNetServerClient *client, vrRemoteClient *priv,
                             const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_get_state_args *args = argsv;
    vrp_domain_get_state_ret *ret = retv;
    vrDomain *dom = REMOTE_DOMAIN(args, priv);
    int rc;

    (void)client;
    (void)hdr;
    rc = vrDomainGetState(dom, &ret->state, &ret->reason, args->flags);
    vrDomainFree(dom);
    return rc < 0 ? -1 : 0;
}

int
remoteDispatchDomainGetAutostart(vrNetServerClient *client, vrRemoteClient *priv,
                                 const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_get_autostart_args *args = argsv;
    vrp_domain_get_autostart_ret *ret = retv;
    vrDomain *dom = REMOTE_DOMAIN(args, priv);
    int rc;

    (void)client;
    (void)hdr;
    rc = vrDomainGetAutostart(dom, &ret->autostart);
    vrDomainFree(dom);
    return rc < 0 ? -1 : 0;
}

int
remoteDispatchDomainGetSecurityLabel(vrNetServerClient *client, vrRemoteClient *priv,
                                     const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_get_security_label_args *args = argsv;
    vrp_domain_get_security_label_ret *ret = retv;
    vrDomain *dom = REMOTE_DOMAIN(args, priv);
    g_autofree vrSecurityLabel *label = g_new0(vrSecurityLabel, 1);
    int rc;

    (void)client;
    (void)hdr;
    rc = vrDomainGetSecurityLabel(dom, label);
    vrDomainFree(dom);
    if (rc < 0)
        return -1;
    /* sent with its terminating NUL, as libvirt does */
    ret->label.label_len = (u_int)strlen(label->label) + 1;
    ret->label.label_val = strdup(label->label);
    ret->enforcing = label->enforcing;
    return 0;
}

int
remoteDispatchDomainGetSchedulerType(vrNetServerClient *client, vrRemoteClient *priv,
                                     const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_get_scheduler_type_args *args = argsv;
    vrp_domain_get_scheduler_type_ret *ret = retv;
    vrDomain *dom = REMOTE_DOMAIN(args, priv);
    char *type;

    (void)client;
    (void)hdr;
    type = vrDomainGetSchedulerType(dom, &ret->nparams);
    vrDomainFree(dom);
    if (!type)
        return -1;
    ret->type = type;
    return 0;
}

/* Calls a "fill at most *nparams typed parameters" API and puts the
 * result on the wire. */
typedef int (*remoteGetParamsFunc)(vrDomain *dom, vrTypedParameter *params, int *nparams,
                                   unsigned int flags);

static int
remoteGetParams(vrDomain *dom, int nparams, unsigned int flags, int limit,
                remoteGetParamsFunc func, vrp_typed_param **val, u_int *len, int *outN)
{
    g_autofree vrTypedParameter *params = NULL;
    int n = nparams, rc;

    if (nparams < 0 || nparams > limit) {
        vrReportError(VR_ERR_RPC, "%s", "nparams too large");
        return -1;
    }
    params = g_new0(vrTypedParameter, nparams ? nparams : 1);
    if (func(dom, nparams ? params : NULL, &n, flags) < 0)
        return -1;
    if (outN)
        *outN = n;
    if (nparams == 0)
        return 0;
    rc = vrRemoteSerializeTypedParams(params, n, (u_int)limit, val, len);
    vrTypedParamsClear(params, n);
    return rc;
}

static int
remoteSchedulerGetNoFlags(vrDomain *dom, vrTypedParameter *params, int *nparams,
                          unsigned int flags)
{
    (void)flags;
    return vrDomainGetSchedulerParameters(dom, params, nparams);
}

int
remoteDispatchDomainGetSchedulerParameters(vrNetServerClient *client, vrRemoteClient *priv,
                                           const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_get_scheduler_parameters_args *args = argsv;
    vrp_domain_get_scheduler_parameters_ret *ret = retv;
    vrDomain *dom = REMOTE_DOMAIN(args, priv);
    int rc;

    (void)client;
    (void)hdr;
    rc = remoteGetParams(dom, args->nparams, 0, VRP_DOMAIN_SCHEDULER_PARAMETERS_MAX,
                         remoteSchedulerGetNoFlags, &ret->params.params_val,
                         &ret->params.params_len, NULL);
    vrDomainFree(dom);
    return rc;
}

int
remoteDispatchDomainGetSchedulerParametersFlags(vrNetServerClient *client,
                                                vrRemoteClient *priv, const vrNetHeader *hdr,
                                                void *argsv, void *retv)
{
    vrp_domain_get_scheduler_parameters_flags_args *args = argsv;
    vrp_domain_get_scheduler_parameters_flags_ret *ret = retv;
    vrDomain *dom = REMOTE_DOMAIN(args, priv);
    int rc;

    (void)client;
    (void)hdr;
    rc = remoteGetParams(dom, args->nparams, args->flags, VRP_DOMAIN_SCHEDULER_PARAMETERS_MAX,
                         vrDomainGetSchedulerParametersFlags, &ret->params.params_val,
                         &ret->params.params_len, NULL);
    vrDomainFree(dom);
    return rc;
}

int
remoteDispatchDomainGetMemoryParameters(vrNetServerClient *client, vrRemoteClient *priv,
                                        const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_get_memory_parameters_args *args = argsv;
    vrp_domain_get_memory_parameters_ret *ret = retv;
    vrDomain *dom = REMOTE_DOMAIN(args, priv);
    int rc;

    (void)client;
    (void)hdr;
    rc = remoteGetParams(dom, args->nparams, args->flags, VRP_DOMAIN_MEMORY_PARAMETERS_MAX,
                         vrDomainGetMemoryParameters, &ret->params.params_val,
                         &ret->params.params_len, &ret->nparams);
    vrDomainFree(dom);
    return rc;
}

typedef int (*remoteSetParamsFunc)(vrDomain *dom, vrTypedParameter *params, int nparams,
                                   unsigned int flags);

static int
remoteSetParams(vrDomain *dom, const vrp_typed_param *val, u_int len, int limit,
                unsigned int flags, remoteSetParamsFunc func)
{
    vrTypedParameter *params = NULL;
    int n = 0, rc;

    if (vrRemoteDeserializeTypedParamsAlloc(val, len, limit, &params, &n) < 0)
        return -1;
    rc = func(dom, params, n, flags);
    vrTypedParamsFree(params, n);
    return rc < 0 ? -1 : 0;
}

static int
remoteSchedulerSetNoFlags(vrDomain *dom, vrTypedParameter *params, int nparams,
                          unsigned int flags)
{
    (void)flags;
    return vrDomainSetSchedulerParametersFlags(dom, params, nparams, VR_DOMAIN_AFFECT_CURRENT);
}

int
remoteDispatchDomainSetSchedulerParameters(vrNetServerClient *client, vrRemoteClient *priv,
                                           const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_set_scheduler_parameters_args *args = argsv;
    vrDomain *dom = REMOTE_DOMAIN(args, priv);
    int rc;

    (void)client;
    (void)hdr;
    (void)retv;
    rc = remoteSetParams(dom, args->params.params_val, args->params.params_len,
                         VRP_DOMAIN_SCHEDULER_PARAMETERS_MAX, 0, remoteSchedulerSetNoFlags);
    vrDomainFree(dom);
    return rc;
}

int
remoteDispatchDomainSetSchedulerParametersFlags(vrNetServerClient *client,
                                                vrRemoteClient *priv, const vrNetHeader *hdr,
                                                void *argsv, void *retv)
{
    vrp_domain_set_scheduler_parameters_flags_args *args = argsv;
    vrDomain *dom = REMOTE_DOMAIN(args, priv);
    int rc;

    (void)client;
    (void)hdr;
    (void)retv;
    rc = remoteSetParams(dom, args->params.params_val, args->params.params_len,
                         VRP_DOMAIN_SCHEDULER_PARAMETERS_MAX, args->flags,
                         vrDomainSetSchedulerParametersFlags);
    vrDomainFree(dom);
    return rc;
}

int
remoteDispatchDomainSetMemoryParameters(vrNetServerClient *client, vrRemoteClient *priv,
                                        const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_set_memory_parameters_args *args = argsv;
    vrDomain *dom = REMOTE_DOMAIN(args, priv);
    int rc;

    (void)client;
    (void)hdr;
    (void)retv;
    rc = remoteSetParams(dom, args->params.params_val, args->params.params_len,
                         VRP_DOMAIN_MEMORY_PARAMETERS_MAX, args->flags,
                         vrDomainSetMemoryParameters);
    vrDomainFree(dom);
    return rc;
}

int
remoteDispatchDomainGetMessages(vrNetServerClient *client, vrRemoteClient *priv,
                                const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_get_messages_args *args = argsv;
    vrp_domain_get_messages_ret *ret = retv;
    vrDomain *dom = REMOTE_DOMAIN(args, priv);
    char **msgs = NULL;
    int n;

    (void)client;
    (void)hdr;
    n = vrDomainGetMessages(dom, &msgs, args->flags);
    vrDomainFree(dom);
    if (n < 0)
        return -1;
    if (n > VRP_DOMAIN_MESSAGES_MAX) {
        g_strfreev(msgs);
        vrReportError(VR_ERR_RPC, "%s", "too many messages");
        return -1;
    }
    ret->msgs.msgs_val = remoteNamesToWire(msgs, n);
    ret->msgs.msgs_len = (u_int)n;
    g_free(msgs);
    return 0;
}

int
remoteDispatchDomainScreenshot(vrNetServerClient *client, vrRemoteClient *priv,
                               const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_screenshot_args *args = argsv;
    vrp_domain_screenshot_ret *ret = retv;
    vrDomain *dom = REMOTE_DOMAIN(args, priv);
    vrStream *st = vrStreamNew(priv->conn, 0);
    char *mime;
    int rc = -1;

    mime = vrDomainScreenshot(dom, st, args->screen, args->flags);
    vrDomainFree(dom);
    if (mime) {
        ret->mime = vrRemoteStringNew(mime);
        g_free(mime);
        rc = vrRemoteStreamStart(client, priv, hdr, st, VR_REMOTE_STREAM_TO_CLIENT,
                                 (xdrproc_t)xdr_vrp_domain_screenshot_ret, ret);
    }
    vrStreamFree(st);
    return rc;
}

/* ---- devices, agent and control channel ----------------------------- */

int
remoteDispatchDomainGetBlockInfo(vrNetServerClient *client, vrRemoteClient *priv,
                                 const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_get_block_info_args *args = argsv;
    vrp_domain_get_block_info_ret *ret = retv;
    vrDomain *dom = REMOTE_DOMAIN(args, priv);
    vrDomainBlockInfo info;
    int rc;

    (void)client;
    (void)hdr;
    rc = vrDomainGetBlockInfo(dom, args->path, &info, args->flags);
    vrDomainFree(dom);
    if (rc < 0)
        return -1;
    ret->capacity = info.capacity;
    ret->allocation = info.allocation;
    ret->physical = info.physical;
    return 0;
}

int
remoteDispatchDomainGetControlInfo(vrNetServerClient *client, vrRemoteClient *priv,
                                   const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_get_control_info_args *args = argsv;
    vrp_domain_get_control_info_ret *ret = retv;
    vrDomain *dom = REMOTE_DOMAIN(args, priv);
    vrDomainControlInfo info;
    int rc;

    (void)client;
    (void)hdr;
    rc = vrDomainGetControlInfo(dom, &info, args->flags);
    vrDomainFree(dom);
    if (rc < 0)
        return -1;
    ret->state = info.state;
    ret->details = info.details;
    ret->state_time = info.stateTime;
    return 0;
}

int
remoteDispatchDomainGetDiskErrors(vrNetServerClient *client, vrRemoteClient *priv,
                                  const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_get_disk_errors_args *args = argsv;
    vrp_domain_get_disk_errors_ret *ret = retv;
    vrDomain *dom;
    g_autofree vrDomainDiskError *errors = NULL;
    int n, i;

    (void)client;
    (void)hdr;
    if (args->max_errors > VRP_DOMAIN_DISK_ERRORS_MAX) {
        vrReportError(VR_ERR_RPC, "%s", "maxerrors too large");
        return -1;
    }
    if (args->max_errors)
        errors = g_new0(vrDomainDiskError, args->max_errors);
    dom = REMOTE_DOMAIN(args, priv);
    n = vrDomainGetDiskErrors(dom, errors, args->max_errors, args->flags);
    vrDomainFree(dom);
    if (n < 0)
        return -1;
    ret->nerrors = n;
    if (errors) {
        ret->errors.errors_val = calloc((size_t)(n ? n : 1), sizeof(vrp_domain_disk_error));
        ret->errors.errors_len = (u_int)n;
        for (i = 0; i < n; i++) {
            ret->errors.errors_val[i].disk = strdup(errors[i].disk ? errors[i].disk : "");
            ret->errors.errors_val[i].error = errors[i].error;
            g_free(errors[i].disk);
        }
    }
    return 0;
}

int
remoteDispatchDomainInterfaceAddresses(vrNetServerClient *client, vrRemoteClient *priv,
                                       const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_interface_addresses_args *args = argsv;
    vrp_domain_interface_addresses_ret *ret = retv;
    vrDomain *dom = REMOTE_DOMAIN(args, priv);
    vrDomainInterface **ifaces = NULL;
    int n, i;
    unsigned int j;
    int rc = 0;

    (void)client;
    (void)hdr;
    n = vrDomainInterfaceAddresses(dom, &ifaces, args->source, args->flags);
    vrDomainFree(dom);
    if (n < 0)
        return -1;
    if (n > VRP_DOMAIN_INTERFACE_MAX) {
        vrReportError(VR_ERR_RPC, "Number of interfaces, %d exceeds the max limit: %d", n,
                      VRP_DOMAIN_INTERFACE_MAX);
        rc = -1;
        goto cleanup;
    }
    ret->ifaces.ifaces_val = calloc((size_t)(n ? n : 1), sizeof(vrp_domain_interface));
    ret->ifaces.ifaces_len = (u_int)n;
    for (i = 0; i < n; i++) {
        vrDomainInterface *iface = ifaces[i];
        vrp_domain_interface *w = &ret->ifaces.ifaces_val[i];

        if (iface->naddrs > VRP_DOMAIN_IP_ADDR_MAX) {
            vrReportError(VR_ERR_RPC, "Number of IP addresses, %u exceeds the max limit: %d",
                          iface->naddrs, VRP_DOMAIN_IP_ADDR_MAX);
            rc = -1;
            goto cleanup;
        }
        w->name = strdup(iface->name ? iface->name : "");
        w->hwaddr = vrRemoteStringNew(iface->hwaddr);
        w->addrs.addrs_val = calloc(iface->naddrs ? iface->naddrs : 1,
                                    sizeof(vrp_domain_ip_addr));
        w->addrs.addrs_len = iface->naddrs;
        for (j = 0; j < iface->naddrs; j++) {
            w->addrs.addrs_val[j].type = iface->addrs[j].type;
            w->addrs.addrs_val[j].addr = strdup(iface->addrs[j].addr ? iface->addrs[j].addr : "");
            w->addrs.addrs_val[j].prefix = iface->addrs[j].prefix;
        }
    }

 cleanup:
    for (i = 0; ifaces && i < n; i++)
        vrDomainInterfaceFree(ifaces[i]);
    g_free(ifaces);
    return rc;
}

int
remoteDispatchDomainGetFsinfo(vrNetServerClient *client, vrRemoteClient *priv,
                              const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_get_fsinfo_args *args = argsv;
    vrp_domain_get_fsinfo_ret *ret = retv;
    vrDomain *dom = REMOTE_DOMAIN(args, priv);
    vrDomainFSInfo **info = NULL;
    int n, i, rc = 0;
    size_t j;

    (void)client;
    (void)hdr;
    n = vrDomainGetFSInfo(dom, &info, args->flags);
    vrDomainFree(dom);
    if (n < 0)
        return -1;
    if (n > VRP_DOMAIN_FSINFO_MAX) {
        vrReportError(VR_ERR_RPC, "Too many mountpoints in fsinfo: %d for limit %d", n,
                      VRP_DOMAIN_FSINFO_MAX);
        rc = -1;
        goto cleanup;
    }
    if (n > 0 && info) {
        ret->info.info_val = calloc((size_t)n, sizeof(vrp_domain_fsinfo));
        ret->info.info_len = (u_int)n;
        for (i = 0; i < n; i++) {
            vrp_domain_fsinfo *w = &ret->info.info_val[i];

            if (info[i]->ndevAlias > VRP_DOMAIN_FSINFO_DISKS_MAX) {
                vrReportError(VR_ERR_RPC, "Too many disks in fsinfo: %zu for limit %d",
                              info[i]->ndevAlias, VRP_DOMAIN_FSINFO_DISKS_MAX);
                rc = -1;
                goto cleanup;
            }
            w->mountpoint = strdup(info[i]->mountpoint ? info[i]->mountpoint : "");
            w->name = strdup(info[i]->name ? info[i]->name : "");
            w->fstype = strdup(info[i]->fstype ? info[i]->fstype : "");
            w->dev_aliases.dev_aliases_val = calloc(info[i]->ndevAlias ? info[i]->ndevAlias : 1,
                                                    sizeof(char *));
            w->dev_aliases.dev_aliases_len = (u_int)info[i]->ndevAlias;
            for (j = 0; j < info[i]->ndevAlias; j++)
                w->dev_aliases.dev_aliases_val[j] = strdup(info[i]->devAlias[j]);
        }
    }
    ret->ret = (u_int)n;

 cleanup:
    for (i = 0; info && i < n; i++)
        vrDomainFSInfoFree(info[i]);
    g_free(info);
    return rc;
}

/* ---- CPU placement and resource tuning ------------------------------ */

int
remoteDispatchDomainGetVcpuPinInfo(vrNetServerClient *client, vrRemoteClient *priv,
                                   const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_get_vcpu_pin_info_args *args = argsv;
    vrp_domain_get_vcpu_pin_info_ret *ret = retv;
    vrDomain *dom;
    unsigned char *maps;
    size_t size;
    int n;

    (void)client;
    (void)hdr;
    if (args->ncpumaps > VRP_VCPUINFO_MAX) {
        vrReportError(VR_ERR_RPC, "%s", "ncpumaps > REMOTE_VCPUINFO_MAX");
        return -1;
    }
    if (args->ncpumaps < 0 || args->map_len < 0 ||
        (long long)args->ncpumaps * args->map_len > VRP_CPUMAPS_MAX) {
        vrReportError(VR_ERR_RPC, "%s", "maxinfo * maplen > REMOTE_CPUMAPS_MAX");
        return -1;
    }
    size = (size_t)args->ncpumaps * (size_t)args->map_len;
    /* xdr_free releases the reply's buffers, so they come from calloc */
    maps = calloc(size ? size : 1, 1);
    dom = REMOTE_DOMAIN(args, priv);
    n = vrDomainGetVcpuPinInfo(dom, args->ncpumaps, maps, args->map_len, args->flags);
    vrDomainFree(dom);
    if (n < 0) {
        free(maps);
        return -1;
    }
    ret->num = n;
    ret->cpumaps.cpumaps_val = (char *)maps;
    ret->cpumaps.cpumaps_len = (u_int)size;
    return 0;
}

int
remoteDispatchDomainGetEmulatorPinInfo(vrNetServerClient *client, vrRemoteClient *priv,
                                       const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_get_emulator_pin_info_args *args = argsv;
    vrp_domain_get_emulator_pin_info_ret *ret = retv;
    vrDomain *dom;
    unsigned char *map;
    int n;

    (void)client;
    (void)hdr;
    if (args->map_len < 0 || args->map_len > VRP_CPUMAPS_MAX) {
        vrReportError(VR_ERR_RPC, "%s", "maplen > REMOTE_CPUMAPS_MAX");
        return -1;
    }
    map = calloc(args->map_len ? (size_t)args->map_len : 1, 1);
    dom = REMOTE_DOMAIN(args, priv);
    n = vrDomainGetEmulatorPinInfo(dom, map, args->map_len, args->flags);
    vrDomainFree(dom);
    if (n < 0) {
        free(map);
        return -1;
    }
    ret->ret = n;
    ret->cpumaps.cpumaps_val = (char *)map;
    ret->cpumaps.cpumaps_len = (u_int)args->map_len;
    return 0;
}

int
remoteDispatchDomainPinVcpu(vrNetServerClient *client, vrRemoteClient *priv,
                            const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_pin_vcpu_args *args = argsv;
    vrDomain *dom = REMOTE_DOMAIN(args, priv);
    int rc;

    (void)client;
    (void)hdr;
    (void)retv;
    rc = vrDomainPinVcpu(dom, args->vcpu, (unsigned char *)args->cpumap.cpumap_val,
                         (int)args->cpumap.cpumap_len);
    vrDomainFree(dom);
    return rc < 0 ? -1 : 0;
}

int
remoteDispatchDomainPinVcpuFlags(vrNetServerClient *client, vrRemoteClient *priv,
                                 const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_pin_vcpu_flags_args *args = argsv;
    vrDomain *dom = REMOTE_DOMAIN(args, priv);
    int rc;

    (void)client;
    (void)hdr;
    (void)retv;
    rc = vrDomainPinVcpuFlags(dom, args->vcpu, (unsigned char *)args->cpumap.cpumap_val,
                              (int)args->cpumap.cpumap_len, args->flags);
    vrDomainFree(dom);
    return rc < 0 ? -1 : 0;
}

int
remoteDispatchDomainPinEmulator(vrNetServerClient *client, vrRemoteClient *priv,
                                const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_pin_emulator_args *args = argsv;
    vrDomain *dom = REMOTE_DOMAIN(args, priv);
    int rc;

    (void)client;
    (void)hdr;
    (void)retv;
    rc = vrDomainPinEmulator(dom, (unsigned char *)args->cpumap.cpumap_val,
                             (int)args->cpumap.cpumap_len, args->flags);
    vrDomainFree(dom);
    return rc < 0 ? -1 : 0;
}

int
remoteDispatchDomainGetNumaParameters(vrNetServerClient *client, vrRemoteClient *priv,
                                      const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_get_numa_parameters_args *args = argsv;
    vrp_domain_get_numa_parameters_ret *ret = retv;
    vrDomain *dom = REMOTE_DOMAIN(args, priv);
    int rc;

    (void)client;
    (void)hdr;
    rc = remoteGetParams(dom, args->nparams, args->flags, VRP_DOMAIN_NUMA_PARAMETERS_MAX,
                         vrDomainGetNumaParameters, &ret->params.params_val,
                         &ret->params.params_len, &ret->nparams);
    vrDomainFree(dom);
    return rc;
}

int
remoteDispatchDomainSetNumaParameters(vrNetServerClient *client, vrRemoteClient *priv,
                                      const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_set_numa_parameters_args *args = argsv;
    vrDomain *dom = REMOTE_DOMAIN(args, priv);
    int rc;

    (void)client;
    (void)hdr;
    (void)retv;
    rc = remoteSetParams(dom, args->params.params_val, args->params.params_len,
                         VRP_DOMAIN_NUMA_PARAMETERS_MAX, args->flags,
                         vrDomainSetNumaParameters);
    vrDomainFree(dom);
    return rc;
}

int
remoteDispatchDomainGetBlkioParameters(vrNetServerClient *client, vrRemoteClient *priv,
                                       const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_get_blkio_parameters_args *args = argsv;
    vrp_domain_get_blkio_parameters_ret *ret = retv;
    vrDomain *dom = REMOTE_DOMAIN(args, priv);
    int rc;

    (void)client;
    (void)hdr;
    rc = remoteGetParams(dom, args->nparams, args->flags, VRP_DOMAIN_BLKIO_PARAMETERS_MAX,
                         vrDomainGetBlkioParameters, &ret->params.params_val,
                         &ret->params.params_len, &ret->nparams);
    vrDomainFree(dom);
    return rc;
}

int
remoteDispatchDomainSetBlkioParameters(vrNetServerClient *client, vrRemoteClient *priv,
                                       const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_set_blkio_parameters_args *args = argsv;
    vrDomain *dom = REMOTE_DOMAIN(args, priv);
    int rc;

    (void)client;
    (void)hdr;
    (void)retv;
    rc = remoteSetParams(dom, args->params.params_val, args->params.params_len,
                         VRP_DOMAIN_BLKIO_PARAMETERS_MAX, args->flags,
                         vrDomainSetBlkioParameters);
    vrDomainFree(dom);
    return rc;
}

/* ---- statistics ------------------------------------------------------ */

int
remoteDispatchConnectGetAllDomainStats(vrNetServerClient *client, vrRemoteClient *priv,
                                       const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_connect_get_all_domain_stats_args *args = argsv;
    vrp_connect_get_all_domain_stats_ret *ret = retv;
    vrDomainStatsRecord **records = NULL;
    vrDomain **doms = NULL;
    u_int i;
    int n, rc = -1;

    (void)client;
    (void)hdr;
    if (args->doms.doms_len) {
        doms = g_new0(vrDomain *, args->doms.doms_len + 1);
        for (i = 0; i < args->doms.doms_len; i++)
            doms[i] = vrRemoteGetDomain(priv->conn, &args->doms.doms_val[i]);
        n = vrDomainListGetStats(doms, args->stats, &records, args->flags);
    } else {
        n = vrConnectGetAllDomainStats(priv->conn, args->stats, &records, args->flags);
    }
    if (n < 0)
        goto cleanup;
    if (n > VRP_DOMAIN_LIST_MAX) {
        vrReportError(VR_ERR_RPC, "Too many domain stats records '%d' for limit '%d'", n,
                      VRP_DOMAIN_LIST_MAX);
        goto cleanup;
    }
    if (n > 0) {
        ret->ret_stats.ret_stats_val = calloc((size_t)n, sizeof(vrp_domain_stats_record));
        ret->ret_stats.ret_stats_len = (u_int)n;
        for (i = 0; i < (u_int)n; i++) {
            vrp_domain_stats_record *w = &ret->ret_stats.ret_stats_val[i];

            vrRemoteCopyDomain(&w->dom, records[i]->dom);
            if (vrRemoteSerializeTypedParams(records[i]->params, records[i]->nparams,
                                             VRP_CONNECT_GET_ALL_DOMAIN_STATS_MAX,
                                             &w->params.params_val,
                                             &w->params.params_len) < 0)
                goto cleanup;
        }
    }
    rc = 0;

 cleanup:
    vrDomainStatsRecordListFree(records);
    for (i = 0; doms && doms[i]; i++)
        vrDomainFree(doms[i]);
    g_free(doms);
    return rc;
}

/* ---- snapshots -------------------------------------------------------- */

static void
remoteSnapshotsToWire(vrDomainSnapshot **snaps, int n, vrp_nonnull_domain_snapshot **val,
                      u_int *len)
{
    int i;

    *val = calloc((size_t)(n ? n : 1), sizeof(vrp_nonnull_domain_snapshot));
    *len = (u_int)n;
    for (i = 0; i < n; i++)
        vrRemoteCopyDomainSnapshot(&(*val)[i], snaps[i]);
}

static void
remoteSnapshotsFree(vrDomainSnapshot **snaps, int n)
{
    int i;

    for (i = 0; snaps && i < n; i++)
        vrDomainSnapshotFree(snaps[i]);
    g_free(snaps);
}

int
remoteDispatchDomainListAllSnapshots(vrNetServerClient *client, vrRemoteClient *priv,
                                     const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_list_all_snapshots_args *args = argsv;
    vrp_domain_list_all_snapshots_ret *ret = retv;
    vrDomain *dom = REMOTE_DOMAIN(args, priv);
    vrDomainSnapshot **snaps = NULL;
    int n;

    (void)client;
    (void)hdr;
    n = vrDomainListAllSnapshots(dom, args->need_results ? &snaps : NULL, args->flags);
    vrDomainFree(dom);
    if (n < 0)
        return -1;
    if (snaps)
        remoteSnapshotsToWire(snaps, n, &ret->snapshots.snapshots_val,
                              &ret->snapshots.snapshots_len);
    ret->ret = n;
    remoteSnapshotsFree(snaps, n);
    return 0;
}

int
remoteDispatchDomainSnapshotListAllChildren(vrNetServerClient *client, vrRemoteClient *priv,
                                            const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_snapshot_list_all_children_args *args = argsv;
    vrp_domain_snapshot_list_all_children_ret *ret = retv;
    vrDomainSnapshot *snap = vrRemoteGetDomainSnapshot(priv->conn, &args->snapshot);
    vrDomainSnapshot **snaps = NULL;
    int n;

    (void)client;
    (void)hdr;
    n = vrDomainSnapshotListAllChildren(snap, args->need_results ? &snaps : NULL, args->flags);
    vrDomainSnapshotFree(snap);
    if (n < 0)
        return -1;
    if (snaps)
        remoteSnapshotsToWire(snaps, n, &ret->snapshots.snapshots_val,
                              &ret->snapshots.snapshots_len);
    ret->ret = n;
    remoteSnapshotsFree(snaps, n);
    return 0;
}

/* The name-list calls of older clients, answered from the full lists. */
static int
remoteSnapshotNames(vrDomainSnapshot **snaps, int n, int max, char ***val, u_int *len)
{
    int i, count;

    if (max < 0 || max > VRP_DOMAIN_SNAPSHOT_LIST_MAX) {
        remoteSnapshotsFree(snaps, n);
        vrReportError(VR_ERR_RPC, "%s", "maxnames > REMOTE_DOMAIN_SNAPSHOT_LIST_MAX");
        return -1;
    }
    count = MIN(n, max);
    *val = calloc((size_t)(count ? count : 1), sizeof(char *));
    for (i = 0; i < count; i++)
        (*val)[i] = strdup(vrDomainSnapshotGetName(snaps[i]));
    *len = (u_int)count;
    remoteSnapshotsFree(snaps, n);
    return 0;
}

int
remoteDispatchDomainSnapshotListNames(vrNetServerClient *client, vrRemoteClient *priv,
                                      const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_snapshot_list_names_args *args = argsv;
    vrp_domain_snapshot_list_names_ret *ret = retv;
    vrDomain *dom = REMOTE_DOMAIN(args, priv);
    vrDomainSnapshot **snaps = NULL;
    int n;

    (void)client;
    (void)hdr;
    n = vrDomainListAllSnapshots(dom, &snaps, args->flags);
    vrDomainFree(dom);
    if (n < 0)
        return -1;
    return remoteSnapshotNames(snaps, n, args->max_names, &ret->names.names_val,
                               &ret->names.names_len);
}

int
remoteDispatchDomainSnapshotListChildrenNames(vrNetServerClient *client, vrRemoteClient *priv,
                                              const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_snapshot_list_children_names_args *args = argsv;
    vrp_domain_snapshot_list_children_names_ret *ret = retv;
    vrDomainSnapshot *snap = vrRemoteGetDomainSnapshot(priv->conn, &args->snap);
    vrDomainSnapshot **snaps = NULL;
    int n;

    (void)client;
    (void)hdr;
    n = vrDomainSnapshotListAllChildren(snap, &snaps, args->flags);
    vrDomainSnapshotFree(snap);
    if (n < 0)
        return -1;
    return remoteSnapshotNames(snaps, n, args->max_names, &ret->names.names_val,
                               &ret->names.names_len);
}

/* ---- statistics and run-time information ---------------------------- */

int
remoteDispatchDomainGetVcpus(vrNetServerClient *client, vrRemoteClient *priv,
                             const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_get_vcpus_args *args = argsv;
    vrp_domain_get_vcpus_ret *ret = retv;
    g_autofree vrVcpuInfo *info = NULL;
    unsigned char *maps = NULL;
    size_t size;
    vrDomain *dom;
    int n, i;

    (void)client;
    (void)hdr;
    if (args->max_info > VRP_VCPUINFO_MAX) {
        vrReportError(VR_ERR_RPC, "%s", "maxinfo > REMOTE_VCPUINFO_MAX");
        return -1;
    }
    if (args->max_info < 0 || args->map_len < 0 ||
        (long long)args->max_info * args->map_len > VRP_CPUMAPS_MAX) {
        vrReportError(VR_ERR_RPC, "%s", "maxinfo * maplen > REMOTE_CPUMAPS_MAX");
        return -1;
    }
    size = (size_t)args->max_info * (size_t)args->map_len;
    info = g_new0(vrVcpuInfo, args->max_info > 0 ? args->max_info : 1);
    if (size)
        maps = calloc(size, 1);
    dom = REMOTE_DOMAIN(args, priv);
    n = vrDomainGetVcpus(dom, info, args->max_info, maps, maps ? args->map_len : 0);
    vrDomainFree(dom);
    if (n < 0) {
        free(maps);
        return -1;
    }
    ret->info.info_val = calloc((size_t)(n > 0 ? n : 1), sizeof(vrp_vcpu_info));
    ret->info.info_len = (u_int)n;
    for (i = 0; i < n; i++) {
        ret->info.info_val[i].number = info[i].number;
        ret->info.info_val[i].state = info[i].state;
        ret->info.info_val[i].cpu_time = info[i].cpuTime;
        ret->info.info_val[i].cpu = info[i].cpu;
    }
    ret->cpumaps.cpumaps_val = (char *)maps;
    ret->cpumaps.cpumaps_len = maps ? (u_int)size : 0;
    return 0;
}

int
remoteDispatchDomainMemoryStats(vrNetServerClient *client, vrRemoteClient *priv,
                                const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_memory_stats_args *args = argsv;
    vrp_domain_memory_stats_ret *ret = retv;
    g_autofree vrDomainMemoryStatStruct *stats = NULL;
    vrDomain *dom;
    int n, i;

    (void)client;
    (void)hdr;
    if (args->max_stats > VRP_DOMAIN_MEMORY_STATS_MAX) {
        vrReportError(VR_ERR_RPC, "%s", "maxStats > REMOTE_DOMAIN_MEMORY_STATS_MAX");
        return -1;
    }
    stats = g_new0(vrDomainMemoryStatStruct, args->max_stats ? args->max_stats : 1);
    dom = REMOTE_DOMAIN(args, priv);
    n = vrDomainMemoryStats(dom, args->max_stats ? stats : NULL, args->max_stats, args->flags);
    vrDomainFree(dom);
    if (n < 0)
        return -1;
    ret->stats.stats_val = calloc((size_t)(n > 0 ? n : 1), sizeof(vrp_domain_memory_stat));
    ret->stats.stats_len = (u_int)n;
    for (i = 0; i < n; i++) {
        ret->stats.stats_val[i].tag = stats[i].tag;
        ret->stats.stats_val[i].val = stats[i].val;
    }
    return 0;
}

int
remoteDispatchDomainBlockStats(vrNetServerClient *client, vrRemoteClient *priv,
                               const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_block_stats_args *args = argsv;
    vrp_domain_block_stats_ret *ret = retv;
    vrDomain *dom = REMOTE_DOMAIN(args, priv);
    vrDomainBlockStatsStruct st;
    int rc;

    (void)client;
    (void)hdr;
    rc = vrDomainBlockStats(dom, args->path, &st, sizeof(st));
    vrDomainFree(dom);
    if (rc < 0)
        return -1;
    ret->rd_req = st.rd_req;
    ret->rd_bytes = st.rd_bytes;
    ret->wr_req = st.wr_req;
    ret->wr_bytes = st.wr_bytes;
    ret->errs = st.errs;
    return 0;
}

/* remoteGetParams for the APIs that also name a disk or an interface. */
typedef int (*remoteGetTargetParamsFunc)(vrDomain *dom, const char *target,
                                         vrTypedParameter *params, int *nparams,
                                         unsigned int flags);

static int
remoteGetTargetParams(vrDomain *dom, const char *target, int nparams, unsigned int flags,
                      int limit, remoteGetTargetParamsFunc func, vrp_typed_param **val,
                      u_int *len, int *outN)
{
    g_autofree vrTypedParameter *params = NULL;
    int n = nparams, rc;

    if (nparams < 0 || nparams > limit) {
        vrReportError(VR_ERR_RPC, "%s", "nparams too large");
        return -1;
    }
    params = g_new0(vrTypedParameter, nparams ? nparams : 1);
    if (func(dom, target, nparams ? params : NULL, &n, flags) < 0)
        return -1;
    if (outN)
        *outN = n;
    if (nparams == 0)
        return 0;
    rc = vrRemoteSerializeTypedParams(params, n, (u_int)limit, val, len);
    vrTypedParamsClear(params, n);
    return rc;
}

int
remoteDispatchDomainBlockStatsFlags(vrNetServerClient *client, vrRemoteClient *priv,
                                    const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_block_stats_flags_args *args = argsv;
    vrp_domain_block_stats_flags_ret *ret = retv;
    vrDomain *dom = REMOTE_DOMAIN(args, priv);
    int rc;

    (void)client;
    (void)hdr;
    rc = remoteGetTargetParams(dom, args->path, args->nparams, args->flags,
                               VRP_DOMAIN_BLOCK_STATS_PARAMETERS_MAX, vrDomainBlockStatsFlags,
                               &ret->params.params_val, &ret->params.params_len,
                               &ret->nparams);
    vrDomainFree(dom);
    return rc;
}

int
remoteDispatchDomainInterfaceStats(vrNetServerClient *client, vrRemoteClient *priv,
                                   const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_interface_stats_args *args = argsv;
    vrp_domain_interface_stats_ret *ret = retv;
    vrDomain *dom = REMOTE_DOMAIN(args, priv);
    vrDomainInterfaceStatsStruct st;
    int rc;

    (void)client;
    (void)hdr;
    rc = vrDomainInterfaceStats(dom, args->device, &st, sizeof(st));
    vrDomainFree(dom);
    if (rc < 0)
        return -1;
    ret->rx_bytes = st.rx_bytes;
    ret->rx_packets = st.rx_packets;
    ret->rx_errs = st.rx_errs;
    ret->rx_drop = st.rx_drop;
    ret->tx_bytes = st.tx_bytes;
    ret->tx_packets = st.tx_packets;
    ret->tx_errs = st.tx_errs;
    ret->tx_drop = st.tx_drop;
    return 0;
}

/* ---- keyboard, jobs, block and interface tuning --------------------- */

int
remoteDispatchDomainSendKey(vrNetServerClient *client, vrRemoteClient *priv,
                            const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_send_key_args *args = argsv;
    vrDomain *dom = REMOTE_DOMAIN(args, priv);
    int rc;

    (void)client;
    (void)hdr;
    (void)retv;
    rc = vrDomainSendKey(dom, args->codeset, args->holdtime, args->keycodes.keycodes_val,
                         (int)args->keycodes.keycodes_len, args->flags);
    vrDomainFree(dom);
    return rc < 0 ? -1 : 0;
}

int
remoteDispatchDomainGetJobInfo(vrNetServerClient *client, vrRemoteClient *priv,
                               const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_get_job_info_args *args = argsv;
    vrp_domain_get_job_info_ret *ret = retv;
    vrDomain *dom = REMOTE_DOMAIN(args, priv);
    vrDomainJobInfo info;
    int rc;

    (void)client;
    (void)hdr;
    rc = vrDomainGetJobInfo(dom, &info);
    vrDomainFree(dom);
    if (rc < 0)
        return -1;
    ret->type = info.type;
    ret->time_elapsed = info.timeElapsed;
    ret->time_remaining = info.timeRemaining;
    ret->data_total = info.dataTotal;
    ret->data_processed = info.dataProcessed;
    ret->data_remaining = info.dataRemaining;
    ret->mem_total = info.memTotal;
    ret->mem_processed = info.memProcessed;
    ret->mem_remaining = info.memRemaining;
    ret->file_total = info.fileTotal;
    ret->file_processed = info.fileProcessed;
    ret->file_remaining = info.fileRemaining;
    return 0;
}

/* Puts an allocated parameter list on the wire and frees it. */
static int
remoteParamsToWire(vrTypedParameter *params, int n, u_int limit, vrp_typed_param **val,
                   u_int *len)
{
    int rc = vrRemoteSerializeTypedParams(params, n, limit, val, len);

    vrTypedParamsFree(params, n);
    return rc;
}

int
remoteDispatchDomainGetJobStats(vrNetServerClient *client, vrRemoteClient *priv,
                                const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_get_job_stats_args *args = argsv;
    vrp_domain_get_job_stats_ret *ret = retv;
    vrDomain *dom = REMOTE_DOMAIN(args, priv);
    vrTypedParameter *params = NULL;
    int n = 0, type = 0, rc;

    (void)client;
    (void)hdr;
    rc = vrDomainGetJobStats(dom, &type, &params, &n, args->flags);
    vrDomainFree(dom);
    if (rc < 0)
        return -1;
    ret->type = type;
    return remoteParamsToWire(params, n, VRP_DOMAIN_JOB_STATS_MAX, &ret->params.params_val,
                              &ret->params.params_len);
}

int
remoteDispatchDomainSetBlockIoTune(vrNetServerClient *client, vrRemoteClient *priv,
                                   const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_set_block_io_tune_args *args = argsv;
    vrDomain *dom = REMOTE_DOMAIN(args, priv);
    vrTypedParameter *params = NULL;
    int n = 0, rc = -1;

    (void)client;
    (void)hdr;
    (void)retv;
    if (vrRemoteDeserializeTypedParamsAlloc(args->params.params_val, args->params.params_len,
                                            VRP_DOMAIN_BLOCK_IO_TUNE_PARAMETERS_MAX, &params,
                                            &n) == 0)
        rc = vrDomainSetBlockIoTune(dom, args->disk, params, n, args->flags);
    vrTypedParamsFree(params, n);
    vrDomainFree(dom);
    return rc < 0 ? -1 : 0;
}

int
remoteDispatchDomainGetBlockIoTune(vrNetServerClient *client, vrRemoteClient *priv,
                                   const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_get_block_io_tune_args *args = argsv;
    vrp_domain_get_block_io_tune_ret *ret = retv;
    vrDomain *dom = REMOTE_DOMAIN(args, priv);
    int rc;

    (void)client;
    (void)hdr;
    rc = remoteGetTargetParams(dom, vrRemoteString(args->disk), args->nparams, args->flags,
                               VRP_DOMAIN_BLOCK_IO_TUNE_PARAMETERS_MAX, vrDomainGetBlockIoTune,
                               &ret->params.params_val, &ret->params.params_len,
                               &ret->nparams);
    vrDomainFree(dom);
    return rc;
}

int
remoteDispatchDomainSetInterfaceParameters(vrNetServerClient *client, vrRemoteClient *priv,
                                           const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_set_interface_parameters_args *args = argsv;
    vrDomain *dom = REMOTE_DOMAIN(args, priv);
    vrTypedParameter *params = NULL;
    int n = 0, rc = -1;

    (void)client;
    (void)hdr;
    (void)retv;
    if (vrRemoteDeserializeTypedParamsAlloc(args->params.params_val, args->params.params_len,
                                            VRP_DOMAIN_INTERFACE_PARAMETERS_MAX, &params,
                                            &n) == 0)
        rc = vrDomainSetInterfaceParameters(dom, args->device, params, n, args->flags);
    vrTypedParamsFree(params, n);
    vrDomainFree(dom);
    return rc < 0 ? -1 : 0;
}

int
remoteDispatchDomainGetInterfaceParameters(vrNetServerClient *client, vrRemoteClient *priv,
                                           const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_get_interface_parameters_args *args = argsv;
    vrp_domain_get_interface_parameters_ret *ret = retv;
    vrDomain *dom = REMOTE_DOMAIN(args, priv);
    int rc;

    (void)client;
    (void)hdr;
    rc = remoteGetTargetParams(dom, args->device, args->nparams, args->flags,
                               VRP_DOMAIN_INTERFACE_PARAMETERS_MAX,
                               vrDomainGetInterfaceParameters, &ret->params.params_val,
                               &ret->params.params_len, &ret->nparams);
    vrDomainFree(dom);
    return rc;
}

/* ---- guest agent ---------------------------------------------------- */

int
remoteDispatchDomainGetTime(vrNetServerClient *client, vrRemoteClient *priv,
                            const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_get_time_args *args = argsv;
    vrp_domain_get_time_ret *ret = retv;
    vrDomain *dom = REMOTE_DOMAIN(args, priv);
    long long seconds = 0;
    unsigned int nseconds = 0;
    int rc;

    (void)client;
    (void)hdr;
    rc = vrDomainGetTime(dom, &seconds, &nseconds, args->flags);
    vrDomainFree(dom);
    if (rc < 0)
        return -1;
    ret->seconds = seconds;
    ret->nseconds = nseconds;
    return 0;
}

typedef int (*remoteFSFunc)(vrDomain *dom, const char **mountpoints, unsigned int n,
                            unsigned int flags);

static int
remoteFreezeThaw(vrRemoteClient *priv, vrp_nonnull_domain *ref, char **mountpoints,
                 u_int nmountpoints, unsigned int flags, remoteFSFunc func, int *filesystems)
{
    vrDomain *dom;
    int n;

    if (nmountpoints > VRP_DOMAIN_FSFREEZE_MOUNTPOINTS_MAX) {
        vrReportError(VR_ERR_RPC, "%s", "nmountpoints > REMOTE_DOMAIN_FSFREEZE_MOUNTPOINTS_MAX");
        return -1;
    }
    dom = vrRemoteGetDomain(priv->conn, ref);
    n = func(dom, (const char **)mountpoints, nmountpoints, flags);
    vrDomainFree(dom);
    if (n < 0)
        return -1;
    *filesystems = n;
    return 0;
}

int
remoteDispatchDomainFsfreeze(vrNetServerClient *client, vrRemoteClient *priv,
                             const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_fsfreeze_args *args = argsv;
    vrp_domain_fsfreeze_ret *ret = retv;

    (void)client;
    (void)hdr;
    return remoteFreezeThaw(priv, &args->dom, args->mountpoints.mountpoints_val,
                            args->mountpoints.mountpoints_len, args->flags, vrDomainFSFreeze,
                            &ret->filesystems);
}

int
remoteDispatchDomainFsthaw(vrNetServerClient *client, vrRemoteClient *priv,
                           const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_fsthaw_args *args = argsv;
    vrp_domain_fsthaw_ret *ret = retv;

    (void)client;
    (void)hdr;
    return remoteFreezeThaw(priv, &args->dom, args->mountpoints.mountpoints_val,
                            args->mountpoints.mountpoints_len, args->flags, vrDomainFSThaw,
                            &ret->filesystems);
}

int
remoteDispatchDomainGetGuestInfo(vrNetServerClient *client, vrRemoteClient *priv,
                                 const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_get_guest_info_args *args = argsv;
    vrp_domain_get_guest_info_ret *ret = retv;
    vrDomain *dom = REMOTE_DOMAIN(args, priv);
    vrTypedParameter *params = NULL;
    int n = 0, rc;

    (void)client;
    (void)hdr;
    rc = vrDomainGetGuestInfo(dom, args->types, &params, &n, args->flags);
    vrDomainFree(dom);
    if (rc < 0)
        return -1;
    return remoteParamsToWire(params, n, VRP_DOMAIN_GUEST_INFO_PARAMS_MAX,
                              &ret->params.params_val, &ret->params.params_len);
}

int
remoteDispatchDomainRename(vrNetServerClient *client, vrRemoteClient *priv,
                           const vrNetHeader *hdr, void *argsv, void *retv)
{
    vrp_domain_rename_args *args = argsv;
    vrp_domain_rename_ret *ret = retv;
    vrDomain *dom = REMOTE_DOMAIN(args, priv);
    int rc;

    (void)client;
    (void)hdr;
    rc = vrDomainRename(dom, vrRemoteString(args->new_name), args->flags);
    vrDomainFree(dom);
    if (rc < 0)
        return -1;
    ret->retcode = rc;
    return 0;
}

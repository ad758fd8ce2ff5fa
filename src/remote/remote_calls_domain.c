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
    n = domains ? (int)ret.domains.domains_len : (int)ret.ret;
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

/* The console's bytes travel both ways on the stream the call opens. */
static int
remoteDomainOpenConsole(vrDomain *dom, const char *devname, vrStream *st, unsigned int flags)
{
    vrp_domain_open_console_args args = { .flags = flags };
    char *name = (char *)devname;

    args.dev_name = devname ? &name : NULL;
    vrRemoteBorrowDomain(&args.dom, dom);
    return remoteCallStream(dom->conn, st, VRP_PROC_DOMAIN_OPEN_CONSOLE,
                            (xdrproc_t)xdr_vrp_domain_open_console_args, &args,
                            NULL, NULL);
}

/* ---- devices, agent and control channel ----------------------------- */

static int
remoteDomainGetBlockInfo(vrDomain *dom, const char *disk, vrDomainBlockInfo *info,
                         unsigned int flags)
{
    vrp_domain_get_block_info_args args = { .path = (char *)disk, .flags = flags };
    vrp_domain_get_block_info_ret ret = { 0 };

    vrRemoteBorrowDomain(&args.dom, dom);
    if (remoteCall(dom->conn, VRP_PROC_DOMAIN_GET_BLOCK_INFO,
                   (xdrproc_t)xdr_vrp_domain_get_block_info_args, &args,
                   (xdrproc_t)xdr_vrp_domain_get_block_info_ret, &ret) < 0)
        return -1;
    info->capacity = ret.capacity;
    info->allocation = ret.allocation;
    info->physical = ret.physical;
    return 0;
}

static int
remoteDomainGetControlInfo(vrDomain *dom, vrDomainControlInfo *info, unsigned int flags)
{
    vrp_domain_get_control_info_args args = { .flags = flags };
    vrp_domain_get_control_info_ret ret = { 0 };

    vrRemoteBorrowDomain(&args.dom, dom);
    if (remoteCall(dom->conn, VRP_PROC_DOMAIN_GET_CONTROL_INFO,
                   (xdrproc_t)xdr_vrp_domain_get_control_info_args, &args,
                   (xdrproc_t)xdr_vrp_domain_get_control_info_ret, &ret) < 0)
        return -1;
    info->state = ret.state;
    info->details = ret.details;
    info->stateTime = ret.state_time;
    return 0;
}

static int
remoteDomainGetDiskErrors(vrDomain *dom, vrDomainDiskError *errors, unsigned int maxerrors,
                          unsigned int flags)
{
    vrp_domain_get_disk_errors_args args = { .max_errors = maxerrors, .flags = flags };
    vrp_domain_get_disk_errors_ret ret;
    u_int i;
    int n;

    if (maxerrors > VRP_DOMAIN_DISK_ERRORS_MAX) {
        vrReportError(VR_ERR_RPC, "too many disk errors requested: %u for limit %d",
                      maxerrors, VRP_DOMAIN_DISK_ERRORS_MAX);
        return -1;
    }
    memset(&ret, 0, sizeof(ret));
    vrRemoteBorrowDomain(&args.dom, dom);
    if (remoteCall(dom->conn, VRP_PROC_DOMAIN_GET_DISK_ERRORS,
                   (xdrproc_t)xdr_vrp_domain_get_disk_errors_args, &args,
                   (xdrproc_t)xdr_vrp_domain_get_disk_errors_ret, &ret) < 0)
        return -1;
    if (ret.errors.errors_len > maxerrors) {
        vrReportError(VR_ERR_RPC, "%s", "the server sent more disk errors than asked for");
        xdr_free((xdrproc_t)xdr_vrp_domain_get_disk_errors_ret, (char *)&ret);
        return -1;
    }
    for (i = 0; i < ret.errors.errors_len; i++) {
        errors[i].disk = g_strdup(ret.errors.errors_val[i].disk);
        errors[i].error = ret.errors.errors_val[i].error;
    }
    n = ret.nerrors;
    xdr_free((xdrproc_t)xdr_vrp_domain_get_disk_errors_ret, (char *)&ret);
    return n;
}

static int
remoteDomainInterfaceAddresses(vrDomain *dom, vrDomainInterface ***ifaces, unsigned int source,
                               unsigned int flags)
{
    vrp_domain_interface_addresses_args args = { .source = source, .flags = flags };
    vrp_domain_interface_addresses_ret ret;
    vrDomainInterface **list;
    u_int i, j;
    int n;

    memset(&ret, 0, sizeof(ret));
    vrRemoteBorrowDomain(&args.dom, dom);
    if (remoteCall(dom->conn, VRP_PROC_DOMAIN_INTERFACE_ADDRESSES,
                   (xdrproc_t)xdr_vrp_domain_interface_addresses_args, &args,
                   (xdrproc_t)xdr_vrp_domain_interface_addresses_ret, &ret) < 0)
        return -1;
    list = g_new0(vrDomainInterface *, ret.ifaces.ifaces_len + 1);
    for (i = 0; i < ret.ifaces.ifaces_len; i++) {
        const vrp_domain_interface *w = &ret.ifaces.ifaces_val[i];
        vrDomainInterface *iface = g_new0(vrDomainInterface, 1);

        list[i] = iface;
        iface->name = g_strdup(w->name);
        iface->hwaddr = g_strdup(vrRemoteString(w->hwaddr));
        iface->naddrs = w->addrs.addrs_len;
        iface->addrs = g_new0(vrDomainIPAddress, w->addrs.addrs_len ? w->addrs.addrs_len : 1);
        for (j = 0; j < w->addrs.addrs_len; j++) {
            iface->addrs[j].type = w->addrs.addrs_val[j].type;
            iface->addrs[j].addr = g_strdup(w->addrs.addrs_val[j].addr);
            iface->addrs[j].prefix = w->addrs.addrs_val[j].prefix;
        }
    }
    *ifaces = list;
    n = (int)ret.ifaces.ifaces_len;
    xdr_free((xdrproc_t)xdr_vrp_domain_interface_addresses_ret, (char *)&ret);
    return n;
}

static int
remoteDomainGetFSInfo(vrDomain *dom, vrDomainFSInfo ***info, unsigned int flags)
{
    vrp_domain_get_fsinfo_args args = { .flags = flags };
    vrp_domain_get_fsinfo_ret ret;
    u_int i, j;
    int n;

    memset(&ret, 0, sizeof(ret));
    vrRemoteBorrowDomain(&args.dom, dom);
    if (remoteCall(dom->conn, VRP_PROC_DOMAIN_GET_FSINFO,
                   (xdrproc_t)xdr_vrp_domain_get_fsinfo_args, &args,
                   (xdrproc_t)xdr_vrp_domain_get_fsinfo_ret, &ret) < 0)
        return -1;
    if (ret.info.info_len) {
        vrDomainFSInfo **list = g_new0(vrDomainFSInfo *, ret.info.info_len + 1);

        for (i = 0; i < ret.info.info_len; i++) {
            const vrp_domain_fsinfo *w = &ret.info.info_val[i];
            vrDomainFSInfo *fs = g_new0(vrDomainFSInfo, 1);

            list[i] = fs;
            fs->mountpoint = g_strdup(w->mountpoint);
            fs->name = g_strdup(w->name);
            fs->fstype = g_strdup(w->fstype);
            fs->ndevAlias = w->dev_aliases.dev_aliases_len;
            fs->devAlias = g_new0(char *, fs->ndevAlias + 1);
            for (j = 0; j < w->dev_aliases.dev_aliases_len; j++)
                fs->devAlias[j] = g_strdup(w->dev_aliases.dev_aliases_val[j]);
        }
        *info = list;
    }
    n = (int)ret.info.info_len;   /* what *info holds, whatever the server counted */
    xdr_free((xdrproc_t)xdr_vrp_domain_get_fsinfo_ret, (char *)&ret);
    return n;
}

/* ---- CPU placement and resource tuning ------------------------------ */

static int
remoteDomainGetVcpuPinInfo(vrDomain *dom, int ncpumaps, unsigned char *cpumaps, int maplen,
                           unsigned int flags)
{
    vrp_domain_get_vcpu_pin_info_args args = { .ncpumaps = ncpumaps, .map_len = maplen,
                                               .flags = flags };
    vrp_domain_get_vcpu_pin_info_ret ret;
    size_t size = (size_t)ncpumaps * (size_t)maplen;
    int n;

    if (ncpumaps > VRP_VCPUINFO_MAX) {
        vrReportError(VR_ERR_RPC, "vCPU count exceeds maximum: %d > %d", ncpumaps,
                      VRP_VCPUINFO_MAX);
        return -1;
    }
    if (size > VRP_CPUMAPS_MAX) {
        vrReportError(VR_ERR_RPC, "vCPU map buffer length exceeds maximum: %zu > %d", size,
                      VRP_CPUMAPS_MAX);
        return -1;
    }
    memset(&ret, 0, sizeof(ret));
    vrRemoteBorrowDomain(&args.dom, dom);
    if (remoteCall(dom->conn, VRP_PROC_DOMAIN_GET_VCPU_PIN_INFO,
                   (xdrproc_t)xdr_vrp_domain_get_vcpu_pin_info_args, &args,
                   (xdrproc_t)xdr_vrp_domain_get_vcpu_pin_info_ret, &ret) < 0)
        return -1;
    if (ret.num > ncpumaps || ret.cpumaps.cpumaps_len > size) {
        vrReportError(VR_ERR_RPC, "%s", "the server sent more vCPU maps than asked for");
        xdr_free((xdrproc_t)xdr_vrp_domain_get_vcpu_pin_info_ret, (char *)&ret);
        return -1;
    }
    memset(cpumaps, 0, size);
    memcpy(cpumaps, ret.cpumaps.cpumaps_val, ret.cpumaps.cpumaps_len);
    n = ret.num;
    xdr_free((xdrproc_t)xdr_vrp_domain_get_vcpu_pin_info_ret, (char *)&ret);
    return n;
}

static int
remoteDomainGetEmulatorPinInfo(vrDomain *dom, unsigned char *cpumap, int maplen,
                               unsigned int flags)
{
    vrp_domain_get_emulator_pin_info_args args = { .map_len = maplen, .flags = flags };
    vrp_domain_get_emulator_pin_info_ret ret;
    int n;

    if (maplen > VRP_CPUMAPS_MAX) {
        vrReportError(VR_ERR_RPC, "vCPU map buffer length exceeds maximum: %d > %d", maplen,
                      VRP_CPUMAPS_MAX);
        return -1;
    }
    memset(&ret, 0, sizeof(ret));
    vrRemoteBorrowDomain(&args.dom, dom);
    if (remoteCall(dom->conn, VRP_PROC_DOMAIN_GET_EMULATOR_PIN_INFO,
                   (xdrproc_t)xdr_vrp_domain_get_emulator_pin_info_args, &args,
                   (xdrproc_t)xdr_vrp_domain_get_emulator_pin_info_ret, &ret) < 0)
        return -1;
    if (ret.cpumaps.cpumaps_len > (u_int)maplen) {
        vrReportError(VR_ERR_RPC, "%s", "the server sent a larger CPU map than asked for");
        xdr_free((xdrproc_t)xdr_vrp_domain_get_emulator_pin_info_ret, (char *)&ret);
        return -1;
    }
    memset(cpumap, 0, (size_t)maplen);
    memcpy(cpumap, ret.cpumaps.cpumaps_val, ret.cpumaps.cpumaps_len);
    n = ret.ret;
    xdr_free((xdrproc_t)xdr_vrp_domain_get_emulator_pin_info_ret, (char *)&ret);
    return n;
}

static int
remoteCheckCpumapLen(int maplen)
{
    if (maplen > VRP_CPUMAP_MAX) {
        vrReportError(VR_ERR_RPC, "map length greater than maximum: %d > %d", maplen,
                      VRP_CPUMAP_MAX);
        return -1;
    }
    return 0;
}

static int
remoteDomainPinVcpu(vrDomain *dom, unsigned int vcpu, unsigned char *cpumap, int maplen)
{
    vrp_domain_pin_vcpu_args args = { .vcpu = vcpu };

    if (remoteCheckCpumapLen(maplen) < 0)
        return -1;
    vrRemoteBorrowDomain(&args.dom, dom);
    args.cpumap.cpumap_val = (char *)cpumap;
    args.cpumap.cpumap_len = (u_int)maplen;
    return remoteCall(dom->conn, VRP_PROC_DOMAIN_PIN_VCPU,
                      (xdrproc_t)xdr_vrp_domain_pin_vcpu_args, &args, NULL, NULL);
}

static int
remoteDomainPinVcpuFlags(vrDomain *dom, unsigned int vcpu, unsigned char *cpumap, int maplen,
                         unsigned int flags)
{
    vrp_domain_pin_vcpu_flags_args args = { .vcpu = vcpu, .flags = flags };

    if (remoteCheckCpumapLen(maplen) < 0)
        return -1;
    vrRemoteBorrowDomain(&args.dom, dom);
    args.cpumap.cpumap_val = (char *)cpumap;
    args.cpumap.cpumap_len = (u_int)maplen;
    return remoteCall(dom->conn, VRP_PROC_DOMAIN_PIN_VCPU_FLAGS,
                      (xdrproc_t)xdr_vrp_domain_pin_vcpu_flags_args, &args, NULL, NULL);
}

static int
remoteDomainPinEmulator(vrDomain *dom, unsigned char *cpumap, int maplen, unsigned int flags)
{
    vrp_domain_pin_emulator_args args = { .flags = flags };

    if (remoteCheckCpumapLen(maplen) < 0)
        return -1;
    vrRemoteBorrowDomain(&args.dom, dom);
    args.cpumap.cpumap_val = (char *)cpumap;
    args.cpumap.cpumap_len = (u_int)maplen;
    return remoteCall(dom->conn, VRP_PROC_DOMAIN_PIN_EMULATOR,
                      (xdrproc_t)xdr_vrp_domain_pin_emulator_args, &args, NULL, NULL);
}

static int
remoteDomainGetNumaParameters(vrDomain *dom, vrTypedParameter *params, int *nparams,
                              unsigned int flags)
{
    vrp_domain_get_numa_parameters_args args = { .nparams = *nparams, .flags = flags };
    vrp_domain_get_numa_parameters_ret ret;
    int rc = 0;

    memset(&ret, 0, sizeof(ret));
    vrRemoteBorrowDomain(&args.dom, dom);
    if (remoteCall(dom->conn, VRP_PROC_DOMAIN_GET_NUMA_PARAMETERS,
                   (xdrproc_t)xdr_vrp_domain_get_numa_parameters_args, &args,
                   (xdrproc_t)xdr_vrp_domain_get_numa_parameters_ret, &ret) < 0)
        return -1;
    if (*nparams == 0)
        *nparams = ret.nparams;
    else
        rc = vrRemoteDeserializeTypedParams(ret.params.params_val, ret.params.params_len,
                                            VRP_DOMAIN_NUMA_PARAMETERS_MAX, params, nparams);
    xdr_free((xdrproc_t)xdr_vrp_domain_get_numa_parameters_ret, (char *)&ret);
    return rc;
}

static int
remoteDomainSetNumaParameters(vrDomain *dom, vrTypedParameter *params, int nparams,
                              unsigned int flags)
{
    vrp_domain_set_numa_parameters_args args;
    int rc = -1;

    memset(&args, 0, sizeof(args));
    vrRemoteBorrowDomain(&args.dom, dom);
    args.flags = flags;
    if (vrRemoteSerializeTypedParams(params, nparams, VRP_DOMAIN_NUMA_PARAMETERS_MAX,
                                     &args.params.params_val, &args.params.params_len) == 0)
        rc = remoteCall(dom->conn, VRP_PROC_DOMAIN_SET_NUMA_PARAMETERS,
                        (xdrproc_t)xdr_vrp_domain_set_numa_parameters_args, &args, NULL, NULL);
    vrRemoteFreeWireParams(args.params.params_val, args.params.params_len);
    return rc;
}

static int
remoteDomainGetBlkioParameters(vrDomain *dom, vrTypedParameter *params, int *nparams,
                               unsigned int flags)
{
    vrp_domain_get_blkio_parameters_args args = { .nparams = *nparams, .flags = flags };
    vrp_domain_get_blkio_parameters_ret ret;
    int rc = 0;

    memset(&ret, 0, sizeof(ret));
    vrRemoteBorrowDomain(&args.dom, dom);
    if (remoteCall(dom->conn, VRP_PROC_DOMAIN_GET_BLKIO_PARAMETERS,
                   (xdrproc_t)xdr_vrp_domain_get_blkio_parameters_args, &args,
                   (xdrproc_t)xdr_vrp_domain_get_blkio_parameters_ret, &ret) < 0)
        return -1;
    if (*nparams == 0)
        *nparams = ret.nparams;
    else
        rc = vrRemoteDeserializeTypedParams(ret.params.params_val, ret.params.params_len,
                                            VRP_DOMAIN_BLKIO_PARAMETERS_MAX, params, nparams);
    xdr_free((xdrproc_t)xdr_vrp_domain_get_blkio_parameters_ret, (char *)&ret);
    return rc;
}

static int
remoteDomainSetBlkioParameters(vrDomain *dom, vrTypedParameter *params, int nparams,
                               unsigned int flags)
{
    vrp_domain_set_blkio_parameters_args args;
    int rc = -1;

    memset(&args, 0, sizeof(args));
    vrRemoteBorrowDomain(&args.dom, dom);
    args.flags = flags;
    if (vrRemoteSerializeTypedParams(params, nparams, VRP_DOMAIN_BLKIO_PARAMETERS_MAX,
                                     &args.params.params_val, &args.params.params_len) == 0)
        rc = remoteCall(dom->conn, VRP_PROC_DOMAIN_SET_BLKIO_PARAMETERS,
                        (xdrproc_t)xdr_vrp_domain_set_blkio_parameters_args, &args, NULL, NULL);
    vrRemoteFreeWireParams(args.params.params_val, args.params.params_len);
    return rc;
}

/* ---- statistics ------------------------------------------------------ */

static int
remoteConnectGetAllDomainStats(vrConnect *conn, vrDomain **doms, unsigned int ndoms,
                               unsigned int stats, vrDomainStatsRecord ***retStats,
                               unsigned int flags)
{
    vrp_connect_get_all_domain_stats_args args = { .stats = stats, .flags = flags };
    vrp_connect_get_all_domain_stats_ret ret;
    g_autofree vrp_nonnull_domain *refs = NULL;
    vrDomainStatsRecord **list;
    u_int i;

    if (ndoms > VRP_DOMAIN_LIST_MAX) {
        vrReportError(VR_ERR_RPC, "too many domains '%u' for limit '%d'", ndoms,
                      VRP_DOMAIN_LIST_MAX);
        return -1;
    }
    refs = g_new0(vrp_nonnull_domain, ndoms ? ndoms : 1);
    for (i = 0; i < ndoms; i++)
        vrRemoteBorrowDomain(&refs[i], doms[i]);
    args.doms.doms_val = refs;
    args.doms.doms_len = ndoms;
    memset(&ret, 0, sizeof(ret));
    if (remoteCall(conn, VRP_PROC_CONNECT_GET_ALL_DOMAIN_STATS,
                   (xdrproc_t)xdr_vrp_connect_get_all_domain_stats_args, &args,
                   (xdrproc_t)xdr_vrp_connect_get_all_domain_stats_ret, &ret) < 0)
        return -1;
    list = g_new0(vrDomainStatsRecord *, ret.ret_stats.ret_stats_len + 1);
    for (i = 0; i < ret.ret_stats.ret_stats_len; i++) {
        const vrp_domain_stats_record *w = &ret.ret_stats.ret_stats_val[i];
        vrDomainStatsRecord *record = g_new0(vrDomainStatsRecord, 1);

        list[i] = record;
        record->dom = vrRemoteGetDomain(conn, &w->dom);
        if (vrRemoteDeserializeTypedParamsAlloc(w->params.params_val, w->params.params_len,
                                                VRP_CONNECT_GET_ALL_DOMAIN_STATS_MAX,
                                                &record->params, &record->nparams) < 0) {
            vrDomainStatsRecordListFree(list);
            xdr_free((xdrproc_t)xdr_vrp_connect_get_all_domain_stats_ret, (char *)&ret);
            return -1;
        }
    }
    *retStats = list;
    xdr_free((xdrproc_t)xdr_vrp_connect_get_all_domain_stats_ret, (char *)&ret);
    return (int)i;
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

/* ---- statistics and run-time information ---------------------------- */

static int
remoteDomainMemoryStats(vrDomain *dom, vrDomainMemoryStatStruct *stats, unsigned int nr_stats,
                        unsigned int flags)
{
    vrp_domain_memory_stats_args args = { .max_stats = nr_stats, .flags = flags };
    vrp_domain_memory_stats_ret ret;
    u_int i;
    int n;

    if (nr_stats > VRP_DOMAIN_MEMORY_STATS_MAX) {
        vrReportError(VR_ERR_RPC, "too many memory stats requested: %u > %d", nr_stats,
                      VRP_DOMAIN_MEMORY_STATS_MAX);
        return -1;
    }
    memset(&ret, 0, sizeof(ret));
    vrRemoteBorrowDomain(&args.dom, dom);
    if (remoteCall(dom->conn, VRP_PROC_DOMAIN_MEMORY_STATS,
                   (xdrproc_t)xdr_vrp_domain_memory_stats_args, &args,
                   (xdrproc_t)xdr_vrp_domain_memory_stats_ret, &ret) < 0)
        return -1;
    for (i = 0; i < ret.stats.stats_len && i < nr_stats; i++) {
        stats[i].tag = ret.stats.stats_val[i].tag;
        stats[i].val = ret.stats.stats_val[i].val;
    }
    n = (int)i;
    xdr_free((xdrproc_t)xdr_vrp_domain_memory_stats_ret, (char *)&ret);
    return n;
}

static int
remoteDomainBlockStats(vrDomain *dom, const char *disk, vrDomainBlockStatsStruct *stats)
{
    vrp_domain_block_stats_args args = { .path = (char *)disk };
    vrp_domain_block_stats_ret ret = { 0 };

    vrRemoteBorrowDomain(&args.dom, dom);
    if (remoteCall(dom->conn, VRP_PROC_DOMAIN_BLOCK_STATS,
                   (xdrproc_t)xdr_vrp_domain_block_stats_args, &args,
                   (xdrproc_t)xdr_vrp_domain_block_stats_ret, &ret) < 0)
        return -1;
    stats->rd_req = ret.rd_req;
    stats->rd_bytes = ret.rd_bytes;
    stats->wr_req = ret.wr_req;
    stats->wr_bytes = ret.wr_bytes;
    stats->errs = ret.errs;
    return 0;
}

static int
remoteDomainBlockStatsFlags(vrDomain *dom, const char *disk, vrTypedParameter *params,
                            int *nparams, unsigned int flags)
{
    vrp_domain_block_stats_flags_args args = { .path = (char *)disk, .nparams = *nparams,
                                               .flags = flags };
    vrp_domain_block_stats_flags_ret ret;
    int rc = 0;

    if (*nparams > VRP_DOMAIN_BLOCK_STATS_PARAMETERS_MAX) {
        vrReportError(VR_ERR_RPC, "%s", "too many parameters");
        return -1;
    }
    memset(&ret, 0, sizeof(ret));
    vrRemoteBorrowDomain(&args.dom, dom);
    if (remoteCall(dom->conn, VRP_PROC_DOMAIN_BLOCK_STATS_FLAGS,
                   (xdrproc_t)xdr_vrp_domain_block_stats_flags_args, &args,
                   (xdrproc_t)xdr_vrp_domain_block_stats_flags_ret, &ret) < 0)
        return -1;
    if (*nparams == 0)
        *nparams = ret.nparams;
    else
        rc = vrRemoteDeserializeTypedParams(ret.params.params_val, ret.params.params_len,
                                            VRP_DOMAIN_BLOCK_STATS_PARAMETERS_MAX, params,
                                            nparams);
    xdr_free((xdrproc_t)xdr_vrp_domain_block_stats_flags_ret, (char *)&ret);
    return rc;
}

static int
remoteDomainInterfaceStats(vrDomain *dom, const char *device,
                           vrDomainInterfaceStatsStruct *stats)
{
    vrp_domain_interface_stats_args args = { .device = (char *)device };
    vrp_domain_interface_stats_ret ret = { 0 };

    vrRemoteBorrowDomain(&args.dom, dom);
    if (remoteCall(dom->conn, VRP_PROC_DOMAIN_INTERFACE_STATS,
                   (xdrproc_t)xdr_vrp_domain_interface_stats_args, &args,
                   (xdrproc_t)xdr_vrp_domain_interface_stats_ret, &ret) < 0)
        return -1;
    stats->rx_bytes = ret.rx_bytes;
    stats->rx_packets = ret.rx_packets;
    stats->rx_errs = ret.rx_errs;
    stats->rx_drop = ret.rx_drop;
    stats->tx_bytes = ret.tx_bytes;
    stats->tx_packets = ret.tx_packets;
    stats->tx_errs = ret.tx_errs;
    stats->tx_drop = ret.tx_drop;
    return 0;
}

static int
remoteDomainGetVcpus(vrDomain *dom, vrVcpuInfo *info, int maxinfo, unsigned char *cpumaps,
                     int maplen)
{
    vrp_domain_get_vcpus_args args = { .max_info = maxinfo, .map_len = maplen };
    vrp_domain_get_vcpus_ret ret;
    u_int i;
    int n;

    if (maxinfo > VRP_VCPUINFO_MAX) {
        vrReportError(VR_ERR_RPC, "vCPU count exceeds maximum: %d > %d", maxinfo,
                      VRP_VCPUINFO_MAX);
        return -1;
    }
    if ((long long)maxinfo * maplen > VRP_CPUMAPS_MAX) {
        vrReportError(VR_ERR_RPC, "vCPU map buffer length exceeds maximum: %lld > %d",
                      (long long)maxinfo * maplen, VRP_CPUMAPS_MAX);
        return -1;
    }
    memset(&ret, 0, sizeof(ret));
    vrRemoteBorrowDomain(&args.dom, dom);
    if (remoteCall(dom->conn, VRP_PROC_DOMAIN_GET_VCPUS,
                   (xdrproc_t)xdr_vrp_domain_get_vcpus_args, &args,
                   (xdrproc_t)xdr_vrp_domain_get_vcpus_ret, &ret) < 0)
        return -1;
    if (ret.info.info_len > (u_int)maxinfo) {
        vrReportError(VR_ERR_RPC, "host reports too many vCPUs: %u > %d", ret.info.info_len,
                      maxinfo);
        goto error;
    }
    if ((long long)ret.cpumaps.cpumaps_len > (long long)maxinfo * maplen) {
        vrReportError(VR_ERR_RPC, "host reports map buffer length exceeds maximum: %u > %lld",
                      ret.cpumaps.cpumaps_len, (long long)maxinfo * maplen);
        goto error;
    }
    memset(info, 0, sizeof(*info) * (size_t)maxinfo);
    for (i = 0; i < ret.info.info_len; i++) {
        info[i].number = ret.info.info_val[i].number;
        info[i].state = ret.info.info_val[i].state;
        info[i].cpuTime = ret.info.info_val[i].cpu_time;
        info[i].cpu = ret.info.info_val[i].cpu;
    }
    if (cpumaps) {
        memset(cpumaps, 0, (size_t)maxinfo * (size_t)maplen);
        if (ret.cpumaps.cpumaps_len)
            memcpy(cpumaps, ret.cpumaps.cpumaps_val, ret.cpumaps.cpumaps_len);
    }
    n = (int)ret.info.info_len;
    xdr_free((xdrproc_t)xdr_vrp_domain_get_vcpus_ret, (char *)&ret);
    return n;

 error:
    xdr_free((xdrproc_t)xdr_vrp_domain_get_vcpus_ret, (char *)&ret);
    return -1;
}

/* ---- keyboard, jobs ------------------------------------------------- */

static int
remoteDomainSendKey(vrDomain *dom, unsigned int codeset, unsigned int holdtime,
                    unsigned int *keycodes, int nkeycodes, unsigned int flags)
{
    vrp_domain_send_key_args args = { .codeset = codeset, .holdtime = holdtime,
                                      .flags = flags };

    if (nkeycodes > VRP_DOMAIN_SEND_KEY_MAX) {
        vrReportError(VR_ERR_RPC, "%s", "too many keycodes");
        return -1;
    }
    vrRemoteBorrowDomain(&args.dom, dom);
    args.keycodes.keycodes_val = keycodes;
    args.keycodes.keycodes_len = (u_int)nkeycodes;
    return remoteCall(dom->conn, VRP_PROC_DOMAIN_SEND_KEY,
                      (xdrproc_t)xdr_vrp_domain_send_key_args, &args, NULL, NULL);
}

static int
remoteDomainGetJobInfo(vrDomain *dom, vrDomainJobInfo *info)
{
    vrp_domain_get_job_info_args args;
    vrp_domain_get_job_info_ret ret = { 0 };

    vrRemoteBorrowDomain(&args.dom, dom);
    if (remoteCall(dom->conn, VRP_PROC_DOMAIN_GET_JOB_INFO,
                   (xdrproc_t)xdr_vrp_domain_get_job_info_args, &args,
                   (xdrproc_t)xdr_vrp_domain_get_job_info_ret, &ret) < 0)
        return -1;
    info->type = ret.type;
    info->timeElapsed = ret.time_elapsed;
    info->timeRemaining = ret.time_remaining;
    info->dataTotal = ret.data_total;
    info->dataProcessed = ret.data_processed;
    info->dataRemaining = ret.data_remaining;
    info->memTotal = ret.mem_total;
    info->memProcessed = ret.mem_processed;
    info->memRemaining = ret.mem_remaining;
    info->fileTotal = ret.file_total;
    info->fileProcessed = ret.file_processed;
    info->fileRemaining = ret.file_remaining;
    return 0;
}

static int
remoteDomainGetJobStats(vrDomain *dom, int *type, vrTypedParameter **params, int *nparams,
                        unsigned int flags)
{
    vrp_domain_get_job_stats_args args = { .flags = flags };
    vrp_domain_get_job_stats_ret ret;
    int rc;

    memset(&ret, 0, sizeof(ret));
    vrRemoteBorrowDomain(&args.dom, dom);
    if (remoteCall(dom->conn, VRP_PROC_DOMAIN_GET_JOB_STATS,
                   (xdrproc_t)xdr_vrp_domain_get_job_stats_args, &args,
                   (xdrproc_t)xdr_vrp_domain_get_job_stats_ret, &ret) < 0)
        return -1;
    *type = ret.type;
    rc = vrRemoteDeserializeTypedParamsAlloc(ret.params.params_val, ret.params.params_len,
                                             VRP_DOMAIN_JOB_STATS_MAX, params, nparams);
    xdr_free((xdrproc_t)xdr_vrp_domain_get_job_stats_ret, (char *)&ret);
    return rc;
}

/* ---- block devices and interfaces ----------------------------------- */

static int
remoteDomainSetBlockIoTune(vrDomain *dom, const char *disk, vrTypedParameter *params,
                           int nparams, unsigned int flags)
{
    vrp_domain_set_block_io_tune_args args;
    int rc = -1;

    memset(&args, 0, sizeof(args));
    vrRemoteBorrowDomain(&args.dom, dom);
    args.disk = (char *)disk;
    args.flags = flags;
    if (vrRemoteSerializeTypedParams(params, nparams, VRP_DOMAIN_BLOCK_IO_TUNE_PARAMETERS_MAX,
                                     &args.params.params_val, &args.params.params_len) == 0)
        rc = remoteCall(dom->conn, VRP_PROC_DOMAIN_SET_BLOCK_IO_TUNE,
                        (xdrproc_t)xdr_vrp_domain_set_block_io_tune_args, &args, NULL, NULL);
    vrRemoteFreeWireParams(args.params.params_val, args.params.params_len);
    return rc;
}

static int
remoteDomainGetBlockIoTune(vrDomain *dom, const char *disk, vrTypedParameter *params,
                           int *nparams, unsigned int flags)
{
    vrp_domain_get_block_io_tune_args args = { .nparams = *nparams, .flags = flags };
    vrp_domain_get_block_io_tune_ret ret;
    const char *diskSlot;
    int rc = 0;

    if (*nparams > VRP_DOMAIN_BLOCK_IO_TUNE_PARAMETERS_MAX) {
        vrReportError(VR_ERR_RPC, "%s", "too many parameters");
        return -1;
    }
    memset(&ret, 0, sizeof(ret));
    vrRemoteBorrowDomain(&args.dom, dom);
    args.disk = vrRemoteStringBorrow(&diskSlot, disk);
    if (remoteCall(dom->conn, VRP_PROC_DOMAIN_GET_BLOCK_IO_TUNE,
                   (xdrproc_t)xdr_vrp_domain_get_block_io_tune_args, &args,
                   (xdrproc_t)xdr_vrp_domain_get_block_io_tune_ret, &ret) < 0)
        return -1;
    if (*nparams == 0)
        *nparams = ret.nparams;
    else
        rc = vrRemoteDeserializeTypedParams(ret.params.params_val, ret.params.params_len,
                                            VRP_DOMAIN_BLOCK_IO_TUNE_PARAMETERS_MAX, params,
                                            nparams);
    xdr_free((xdrproc_t)xdr_vrp_domain_get_block_io_tune_ret, (char *)&ret);
    return rc;
}

static int
remoteDomainSetInterfaceParameters(vrDomain *dom, const char *device, vrTypedParameter *params,
                                   int nparams, unsigned int flags)
{
    vrp_domain_set_interface_parameters_args args;
    int rc = -1;

    memset(&args, 0, sizeof(args));
    vrRemoteBorrowDomain(&args.dom, dom);
    args.device = (char *)device;
    args.flags = flags;
    if (vrRemoteSerializeTypedParams(params, nparams, VRP_DOMAIN_INTERFACE_PARAMETERS_MAX,
                                     &args.params.params_val, &args.params.params_len) == 0)
        rc = remoteCall(dom->conn, VRP_PROC_DOMAIN_SET_INTERFACE_PARAMETERS,
                        (xdrproc_t)xdr_vrp_domain_set_interface_parameters_args, &args,
                        NULL, NULL);
    vrRemoteFreeWireParams(args.params.params_val, args.params.params_len);
    return rc;
}

static int
remoteDomainGetInterfaceParameters(vrDomain *dom, const char *device, vrTypedParameter *params,
                                   int *nparams, unsigned int flags)
{
    vrp_domain_get_interface_parameters_args args = { .device = (char *)device,
                                                      .nparams = *nparams, .flags = flags };
    vrp_domain_get_interface_parameters_ret ret;
    int rc = 0;

    if (*nparams > VRP_DOMAIN_INTERFACE_PARAMETERS_MAX) {
        vrReportError(VR_ERR_RPC, "%s", "too many parameters");
        return -1;
    }
    memset(&ret, 0, sizeof(ret));
    vrRemoteBorrowDomain(&args.dom, dom);
    if (remoteCall(dom->conn, VRP_PROC_DOMAIN_GET_INTERFACE_PARAMETERS,
                   (xdrproc_t)xdr_vrp_domain_get_interface_parameters_args, &args,
                   (xdrproc_t)xdr_vrp_domain_get_interface_parameters_ret, &ret) < 0)
        return -1;
    if (*nparams == 0)
        *nparams = ret.nparams;
    else
        rc = vrRemoteDeserializeTypedParams(ret.params.params_val, ret.params.params_len,
                                            VRP_DOMAIN_INTERFACE_PARAMETERS_MAX, params,
                                            nparams);
    xdr_free((xdrproc_t)xdr_vrp_domain_get_interface_parameters_ret, (char *)&ret);
    return rc;
}

/* ---- guest agent ---------------------------------------------------- */

static int
remoteDomainGetTime(vrDomain *dom, long long *seconds, unsigned int *nseconds,
                    unsigned int flags)
{
    vrp_domain_get_time_args args = { .flags = flags };
    vrp_domain_get_time_ret ret = { 0 };

    vrRemoteBorrowDomain(&args.dom, dom);
    if (remoteCall(dom->conn, VRP_PROC_DOMAIN_GET_TIME,
                   (xdrproc_t)xdr_vrp_domain_get_time_args, &args,
                   (xdrproc_t)xdr_vrp_domain_get_time_ret, &ret) < 0)
        return -1;
    *seconds = ret.seconds;
    *nseconds = ret.nseconds;
    return 0;
}

static int
remoteDomainFreezeThaw(vrDomain *dom, int proc, const char **mountpoints,
                       unsigned int nmountpoints, unsigned int flags)
{
    /* FSFREEZE and FSTHAW carry the same arguments and reply */
    vrp_domain_fsfreeze_args args = { .flags = flags };
    vrp_domain_fsfreeze_ret ret = { 0 };

    if (nmountpoints > VRP_DOMAIN_FSFREEZE_MOUNTPOINTS_MAX) {
        vrReportError(VR_ERR_RPC, "Too many mountpoints: %u > %d", nmountpoints,
                      VRP_DOMAIN_FSFREEZE_MOUNTPOINTS_MAX);
        return -1;
    }
    vrRemoteBorrowDomain(&args.dom, dom);
    args.mountpoints.mountpoints_val = (char **)mountpoints;
    args.mountpoints.mountpoints_len = nmountpoints;
    if (remoteCall(dom->conn, proc, (xdrproc_t)xdr_vrp_domain_fsfreeze_args, &args,
                   (xdrproc_t)xdr_vrp_domain_fsfreeze_ret, &ret) < 0)
        return -1;
    return ret.filesystems;
}

static int
remoteDomainFSFreeze(vrDomain *dom, const char **mountpoints, unsigned int nmountpoints,
                     unsigned int flags)
{
    return remoteDomainFreezeThaw(dom, VRP_PROC_DOMAIN_FSFREEZE, mountpoints, nmountpoints,
                                  flags);
}

static int
remoteDomainFSThaw(vrDomain *dom, const char **mountpoints, unsigned int nmountpoints,
                   unsigned int flags)
{
    return remoteDomainFreezeThaw(dom, VRP_PROC_DOMAIN_FSTHAW, mountpoints, nmountpoints,
                                  flags);
}

static int
remoteDomainGetGuestInfo(vrDomain *dom, unsigned int types, vrTypedParameter **params,
                         int *nparams, unsigned int flags)
{
    vrp_domain_get_guest_info_args args = { .types = types, .flags = flags };
    vrp_domain_get_guest_info_ret ret;
    int rc;

    memset(&ret, 0, sizeof(ret));
    vrRemoteBorrowDomain(&args.dom, dom);
    if (remoteCall(dom->conn, VRP_PROC_DOMAIN_GET_GUEST_INFO,
                   (xdrproc_t)xdr_vrp_domain_get_guest_info_args, &args,
                   (xdrproc_t)xdr_vrp_domain_get_guest_info_ret, &ret) < 0)
        return -1;
    rc = vrRemoteDeserializeTypedParamsAlloc(ret.params.params_val, ret.params.params_len,
                                             VRP_DOMAIN_GUEST_INFO_PARAMS_MAX, params, nparams);
    xdr_free((xdrproc_t)xdr_vrp_domain_get_guest_info_ret, (char *)&ret);
    return rc;
}

static int
remoteDomainRename(vrDomain *dom, const char *new_name, unsigned int flags)
{
    vrp_domain_rename_args args = { .flags = flags };
    vrp_domain_rename_ret ret = { 0 };
    const char *nameSlot;

    vrRemoteBorrowDomain(&args.dom, dom);
    args.new_name = vrRemoteStringBorrow(&nameSlot, new_name);
    if (remoteCall(dom->conn, VRP_PROC_DOMAIN_RENAME,
                   (xdrproc_t)xdr_vrp_domain_rename_args, &args,
                   (xdrproc_t)xdr_vrp_domain_rename_ret, &ret) < 0)
        return -1;
    return ret.retcode;
}

/* ---- the QEMU program ----------------------------------------------- */

static int
remoteQemuCall(vrConnect *conn, int proc, xdrproc_t argsFilter, void *args,
               xdrproc_t retFilter, void *ret)
{
    return vrNetClientCall(remotePriv(conn)->client, VRP_QEMU_PROGRAM,
                           VRP_QEMU_PROTOCOL_VERSION, proc, argsFilter, args, retFilter, ret);
}

static int
remoteDomainQemuMonitorCommand(vrDomain *dom, const char *cmd, char **result,
                               unsigned int flags)
{
    vrp_qemu_domain_monitor_command_args args = { .cmd = (char *)cmd, .flags = flags };
    vrp_qemu_domain_monitor_command_ret ret;

    memset(&ret, 0, sizeof(ret));
    vrRemoteBorrowDomain(&args.dom, dom);
    if (remoteQemuCall(dom->conn, VRP_QEMU_PROC_DOMAIN_MONITOR_COMMAND,
                       (xdrproc_t)xdr_vrp_qemu_domain_monitor_command_args, &args,
                       (xdrproc_t)xdr_vrp_qemu_domain_monitor_command_ret, &ret) < 0)
        return -1;
    /* the public API documents free() for the reply */
    *result = strdup(ret.result ? ret.result : "");
    xdr_free((xdrproc_t)xdr_vrp_qemu_domain_monitor_command_ret, (char *)&ret);
    return 0;
}

static char *
remoteDomainQemuAgentCommand(vrDomain *dom, const char *cmd, int timeout, unsigned int flags)
{
    vrp_qemu_domain_agent_command_args args = { .cmd = (char *)cmd, .timeout = timeout,
                                                .flags = flags };
    vrp_qemu_domain_agent_command_ret ret;
    char *result = NULL;

    memset(&ret, 0, sizeof(ret));
    vrRemoteBorrowDomain(&args.dom, dom);
    if (remoteQemuCall(dom->conn, VRP_QEMU_PROC_DOMAIN_AGENT_COMMAND,
                       (xdrproc_t)xdr_vrp_qemu_domain_agent_command_args, &args,
                       (xdrproc_t)xdr_vrp_qemu_domain_agent_command_ret, &ret) < 0)
        return NULL;
    if (ret.result)
        result = strdup(*ret.result);
    xdr_free((xdrproc_t)xdr_vrp_qemu_domain_agent_command_ret, (char *)&ret);
    return result;
}

void
remoteFillDomain(vrHypervisorDriver *hv)
{
    hv->domainMemoryStats = remoteDomainMemoryStats;
    hv->domainBlockStats = remoteDomainBlockStats;
    hv->domainBlockStatsFlags = remoteDomainBlockStatsFlags;
    hv->domainInterfaceStats = remoteDomainInterfaceStats;
    hv->domainGetVcpus = remoteDomainGetVcpus;
    hv->domainSendKey = remoteDomainSendKey;
    hv->domainGetJobInfo = remoteDomainGetJobInfo;
    hv->domainGetJobStats = remoteDomainGetJobStats;
    hv->domainSetBlockIoTune = remoteDomainSetBlockIoTune;
    hv->domainGetBlockIoTune = remoteDomainGetBlockIoTune;
    hv->domainSetInterfaceParameters = remoteDomainSetInterfaceParameters;
    hv->domainGetInterfaceParameters = remoteDomainGetInterfaceParameters;
    hv->domainGetTime = remoteDomainGetTime;
    hv->domainFSFreeze = remoteDomainFSFreeze;
    hv->domainFSThaw = remoteDomainFSThaw;
    hv->domainGetGuestInfo = remoteDomainGetGuestInfo;
    hv->domainRename = remoteDomainRename;
    hv->domainQemuMonitorCommand = remoteDomainQemuMonitorCommand;
    hv->domainQemuAgentCommand = remoteDomainQemuAgentCommand;
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
    hv->domainOpenConsole = remoteDomainOpenConsole;
    hv->domainGetBlockInfo = remoteDomainGetBlockInfo;
    hv->domainGetControlInfo = remoteDomainGetControlInfo;
    hv->domainGetDiskErrors = remoteDomainGetDiskErrors;
    hv->domainInterfaceAddresses = remoteDomainInterfaceAddresses;
    hv->domainGetFSInfo = remoteDomainGetFSInfo;
    hv->domainGetVcpuPinInfo = remoteDomainGetVcpuPinInfo;
    hv->domainGetEmulatorPinInfo = remoteDomainGetEmulatorPinInfo;
    hv->domainPinVcpu = remoteDomainPinVcpu;
    hv->domainPinVcpuFlags = remoteDomainPinVcpuFlags;
    hv->domainPinEmulator = remoteDomainPinEmulator;
    hv->domainGetNumaParameters = remoteDomainGetNumaParameters;
    hv->domainSetNumaParameters = remoteDomainSetNumaParameters;
    hv->domainGetBlkioParameters = remoteDomainGetBlkioParameters;
    hv->domainSetBlkioParameters = remoteDomainSetBlkioParameters;
    hv->connectGetAllDomainStats = remoteConnectGetAllDomainStats;
    hv->domainListAllSnapshots = remoteDomainListAllSnapshots;
    hv->domainSnapshotListAllChildren = remoteDomainSnapshotListAllChildren;
}

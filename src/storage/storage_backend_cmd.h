/*
 * storage_backend_cmd.h: the commands a pool operation runs, as pure
 * functions of the definitions (no I/O), so that golden files
 * (tests/storagepool2argv) can check them for the pool types this
 * machine cannot run (logical, netfs, iscsi, scsi) as well as the ones
 * it can.  Also the parsers of those commands' output.
 */
#ifndef VR_STORAGE_BACKEND_CMD_H
#define VR_STORAGE_BACKEND_CMD_H

#include <glib.h>

#include "conf/storage_conf.h"

typedef enum {
    VR_STORAGE_CMD_BUILD = 0,
    VR_STORAGE_CMD_BUILD_OVERWRITE,
    VR_STORAGE_CMD_START,
    VR_STORAGE_CMD_REFRESH,
    VR_STORAGE_CMD_STOP,
    VR_STORAGE_CMD_DELETE,
    VR_STORAGE_CMD_FIND_SOURCES,
    VR_STORAGE_CMD_VOL_CREATE,
    VR_STORAGE_CMD_VOL_DELETE,
    VR_STORAGE_CMD_LAST
} vrStorageCmdOp;

/* Golden file suffixes of the operations ("build", "start", ...). */
const char *vrStorageCmdOpName(int op);

/* The argv lists (GStrv each; the array frees them) @op runs for the
 * pool @def; @vol for the volume operations.  A write of a sysfs file is
 * the pseudo command {"#write", FILE, TEXT}.  Empty: nothing to run. */
GPtrArray *vrStoragePoolCommands(const vrStoragePoolDef *def, int op,
                                 const vrStorageVolDef *vol);

/* parted's command creating a partition of bytes [start, end]. */
char **vrStorageDiskMkpartArgv(const char *dev, const char *partType, unsigned long long start,
                               unsigned long long end);
char **vrStorageDiskRmArgv(const char *dev, unsigned int number);

/* One line per command, arguments quoted where needed (goldens, logs). */
char *vrStorageCommandsToString(GPtrArray *cmds);

/* <sources> documents from the output of discovery commands. */
char *vrStorageLogicalParsePVs(const char *output);
/* The volumes (vrStorageVolDef, the array frees them) of lvs output. */
GPtrArray *vrStorageLogicalParseLVs(const char *output);

/* A volume that is a whole device (partition, LV, LUN): sizes given,
 * no format or permissions.  Takes @name, @path and @key. */
vrStorageVolDef *vrStorageDeviceVolNew(char *name, char *path, char *key, int type,
                                       unsigned long long size);
char *vrStorageISCSIParseSendTargets(const char *output, const char *host, int port);
char *vrStorageFSParseBlkid(const char *output, const char *format);
char *vrStorageNetFSParseShowmount(const char *output, const char *host, int format);

/* What find-storage-pool-sources' <source> spec asks for. */
typedef struct {
    char *host;
    int port;                  /* 0: not given */
    char *format;              /* <format type=> */
    char *initiator;           /* <initiator><iqn name=> */
    char *device;              /* first <device path=> */
} vrStorageSourceSpec;

/* Parses @xml (may be NULL: an empty spec); NULL (reported) when bad. */
vrStorageSourceSpec *vrStorageSourceSpecParse(const char *xml);
void vrStorageSourceSpecFree(vrStorageSourceSpec *spec);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vrStorageSourceSpec, vrStorageSourceSpecFree)

/* The default port of a pool's first host (3260 for iSCSI). */
int vrStoragePoolHostPort(const vrStoragePoolDef *def);

#endif

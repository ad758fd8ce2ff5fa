/*
 * vrthreadpool.h: worker threads with a separate set reserved for
 * high-priority jobs, so a flood of slow calls never starves destroy or
 * keepalive-sensitive calls.
 */
#ifndef VR_THREAD_POOL_H
#define VR_THREAD_POOL_H

#include <stdbool.h>
#include <stddef.h>

typedef struct _vrThreadPool vrThreadPool;
typedef void (*vrThreadPoolJobFunc)(void *jobdata, void *opaque);

/* Normal workers grow on demand from @minWorkers to @maxWorkers; the
 * @prioWorkers extra threads only ever run priority jobs. */
vrThreadPool *vrThreadPoolNew(size_t minWorkers, size_t maxWorkers, size_t prioWorkers,
                              vrThreadPoolJobFunc func, void *opaque);
int vrThreadPoolSendJob(vrThreadPool *pool, bool priority, void *jobdata);
/* Adjusts the limits of a running pool (configuration reload). */
void vrThreadPoolSetLimits(vrThreadPool *pool, size_t minWorkers, size_t maxWorkers,
                           size_t prioWorkers);
size_t vrThreadPoolWorkerCount(vrThreadPool *pool);
/* Stops accepting jobs, lets queued ones finish, joins every thread. */
void vrThreadPoolFree(vrThreadPool *pool);

#endif

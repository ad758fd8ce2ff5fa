/*
 * vrthreadpool.c: worker pool with priority workers.
 */
#include <config.h>

#include <glib.h>

#include "vrthreadpool.h"

typedef struct {
    void *data;
    bool priority;
} vrThreadPoolJob;

struct _vrThreadPool {
    GMutex lock;
    GCond jobCond;      /* a job was queued, or quitting */
    GCond prioCond;     /* a priority job was queued, or quitting */
    GCond doneCond;     /* a worker exited */
    GQueue jobs;        /* vrThreadPoolJob, priority ones at the head */
    size_t queuedPrio;
    vrThreadPoolJobFunc func;
    void *opaque;
    size_t minWorkers, maxWorkers, prioWorkers;
    size_t nWorkers, nPrio, freeWorkers, freePrio;
    GPtrArray *threads;
    bool quit;
};

typedef struct {
    vrThreadPool *pool;
    bool priorityOnly;
} vrThreadPoolWorkerArg;

/* Takes the next job this worker may run, or NULL to exit. */
static vrThreadPoolJob *
vrThreadPoolTake(vrThreadPool *pool, bool priorityOnly)
{
    for (;;) {
        if (!priorityOnly && g_queue_get_length(&pool->jobs) > 0)
            break;
        if (priorityOnly && pool->queuedPrio > 0)
            break;
        if (pool->quit)
            return NULL;
        if (priorityOnly) {
            pool->freePrio++;
            g_cond_wait(&pool->prioCond, &pool->lock);
            pool->freePrio--;
        } else {
            pool->freeWorkers++;
            g_cond_wait(&pool->jobCond, &pool->lock);
            pool->freeWorkers--;
        }
    }
    {
        vrThreadPoolJob *job = g_queue_pop_head(&pool->jobs);
        if (job->priority)
            pool->queuedPrio--;
        return job;
    }
}

static gpointer
vrThreadPoolWorker(gpointer data)
{
    vrThreadPoolWorkerArg *arg = data;
    vrThreadPool *pool = arg->pool;
    bool priorityOnly = arg->priorityOnly;

    g_free(arg);
    g_mutex_lock(&pool->lock);
    for (;;) {
        vrThreadPoolJob *job = vrThreadPoolTake(pool, priorityOnly);
        if (!job)
            break;
        g_mutex_unlock(&pool->lock);
        pool->func(job->data, pool->opaque);
        g_free(job);
        g_mutex_lock(&pool->lock);
    }
    if (priorityOnly)
        pool->nPrio--;
    else
        pool->nWorkers--;
    g_cond_broadcast(&pool->doneCond);
    g_mutex_unlock(&pool->lock);
    return NULL;
}

/* Called with the lock held. */
static void
vrThreadPoolSpawn(vrThreadPool *pool, bool priorityOnly)
{
    vrThreadPoolWorkerArg *arg = g_new0(vrThreadPoolWorkerArg, 1);
    GThread *thread;

    arg->pool = pool;
    arg->priorityOnly = priorityOnly;
    thread = g_thread_new(priorityOnly ? "vireo-prio" : "vireo-worker",
                          vrThreadPoolWorker, arg);
    g_ptr_array_add(pool->threads, thread);
    if (priorityOnly)
        pool->nPrio++;
    else
        pool->nWorkers++;
}

vrThreadPool *
vrThreadPoolNew(size_t minWorkers, size_t maxWorkers, size_t prioWorkers,
                vrThreadPoolJobFunc func, void *opaque)
{
    vrThreadPool *pool = g_new0(vrThreadPool, 1);
    size_t i;

    g_mutex_init(&pool->lock);
    g_cond_init(&pool->jobCond);
    g_cond_init(&pool->prioCond);
    g_cond_init(&pool->doneCond);
    g_queue_init(&pool->jobs);
    pool->func = func;
    pool->opaque = opaque;
    pool->threads = g_ptr_array_new();
    pool->minWorkers = MAX(minWorkers, 1);
    pool->maxWorkers = MAX(maxWorkers, pool->minWorkers);
    pool->prioWorkers = prioWorkers;

    g_mutex_lock(&pool->lock);
    for (i = 0; i < pool->minWorkers; i++)
        vrThreadPoolSpawn(pool, false);
    for (i = 0; i < pool->prioWorkers; i++)
        vrThreadPoolSpawn(pool, true);
    g_mutex_unlock(&pool->lock);
    return pool;
}

int
vrThreadPoolSendJob(vrThreadPool *pool, bool priority, void *jobdata)
{
    vrThreadPoolJob *job = g_new0(vrThreadPoolJob, 1);

    job->data = jobdata;
    job->priority = priority;

    g_mutex_lock(&pool->lock);
    if (pool->quit) {
        g_mutex_unlock(&pool->lock);
        g_free(job);
        return -1;
    }
    if (priority) {
        /* after the other priority jobs, ahead of every normal one */
        g_queue_push_nth(&pool->jobs, job, (gint)pool->queuedPrio);
        pool->queuedPrio++;
        g_cond_signal(&pool->prioCond);
    } else {
        g_queue_push_tail(&pool->jobs, job);
    }
    if (pool->freeWorkers < g_queue_get_length(&pool->jobs) &&
        pool->nWorkers < pool->maxWorkers)
        vrThreadPoolSpawn(pool, false);
    g_cond_signal(&pool->jobCond);
    g_mutex_unlock(&pool->lock);
    return 0;
}

void
vrThreadPoolSetLimits(vrThreadPool *pool, size_t minWorkers, size_t maxWorkers,
                      size_t prioWorkers)
{
    g_mutex_lock(&pool->lock);
    pool->minWorkers = MAX(minWorkers, 1);
    pool->maxWorkers = MAX(maxWorkers, pool->minWorkers);
    while (pool->nWorkers < pool->minWorkers)
        vrThreadPoolSpawn(pool, false);
    while (pool->nPrio < prioWorkers)
        vrThreadPoolSpawn(pool, true);
    pool->prioWorkers = prioWorkers;
    g_mutex_unlock(&pool->lock);
}

size_t
vrThreadPoolWorkerCount(vrThreadPool *pool)
{
    size_t n;

    g_mutex_lock(&pool->lock);
    n = pool->nWorkers + pool->nPrio;
    g_mutex_unlock(&pool->lock);
    return n;
}

void
vrThreadPoolFree(vrThreadPool *pool)
{
    guint i;

    if (!pool)
        return;
    g_mutex_lock(&pool->lock);
    pool->quit = true;
    g_cond_broadcast(&pool->jobCond);
    g_cond_broadcast(&pool->prioCond);
    g_mutex_unlock(&pool->lock);

    for (i = 0; i < pool->threads->len; i++)
        g_thread_join(g_ptr_array_index(pool->threads, i));
    g_ptr_array_unref(pool->threads);
    g_queue_clear_full(&pool->jobs, g_free);
    g_mutex_clear(&pool->lock);
    g_cond_clear(&pool->jobCond);
    g_cond_clear(&pool->prioCond);
    g_cond_clear(&pool->doneCond);
    g_free(pool);
}

/*
 * kmem(9) and pool(9).
 *
 * Every allocation carries a small header: the size it was made with,
 * a magic number and the allocation site.  DIAGNOSTIC builds check the
 * size and the magic at kmem_free (a wrong size or a double free panics
 * naming both sites).  KMEM_LEAKCHECK builds also keep every allocation
 * made after boot on a list; halting the kernel prints what is left.
 * Memory the kernel allocated while booting (its own long-lived state)
 * is not reported.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kmem.h>
#include <sys/pool.h>
#include <sys/queue.h>

#include <rump/rumpuser.h>

#include "rump_private.h"

#undef kmem_alloc
#undef kmem_zalloc
#undef kmem_free
#undef kmem_intr_alloc
#undef kmem_intr_zalloc
#undef kmem_intr_free
#undef kmem_strdup
#undef kmem_strndup
#undef kmem_strfree

#define	KMEM_MAGIC	0x6b6d656dU	/* "kmem" */
#define	KMEM_FREED	0x66726565U	/* "free" */

#define	KH_NOLEAK	0x01		/* not in the leak report */
#define	KH_POOL		0x02		/* kh_site is a pool name */

struct kmem_header {
	LIST_ENTRY(kmem_header) kh_list;	/* KMEM_LEAKCHECK: live allocations */
	size_t		 kh_size;
	const char	*kh_site;
	uint32_t	 kh_magic;
	uint32_t	 kh_flags;
	uint64_t	 kh_pad;
};
CTASSERT(sizeof(struct kmem_header) % 16 == 0);

static volatile size_t kmem_bytes;
static size_t kmem_limit;		/* RUMP_MEMLIMIT; 0: none */

#ifdef KMEM_LEAKCHECK
static LIST_HEAD(, kmem_header) kmem_live = LIST_HEAD_INITIALIZER(kmem_live);
static volatile int kmem_listlock;

static void
kmem_lock(void)
{

	while (__atomic_test_and_set(&kmem_listlock, __ATOMIC_ACQUIRE))
		continue;
}

static void
kmem_unlock(void)
{

	__atomic_clear(&kmem_listlock, __ATOMIC_RELEASE);
}
#endif

static void *
kmem_get(size_t size, km_flag_t flags, const char *site, int khflags)
{
	struct kmem_header *kh;
	void *mem;

	if (kmem_limit != 0 && kmem_bytes + size > kmem_limit) {
		int tries;

		if (flags & KM_NOSLEEP)
			return NULL;
		/* Wait (a second at most) for others to free memory. */
		for (tries = 0; tries < 100 && kmem_bytes + size > kmem_limit;
		    tries++)
			rumpuser_clock_sleep(RUMPUSER_CLOCK_RELWALL, 0, 10000000);
		if (kmem_bytes + size > kmem_limit)
			panic("kmem_alloc: kernel memory limit of %zu bytes "
			    "(RUMP_MEMLIMIT) exhausted: %zu in use, %zu more "
			    "wanted at %s", kmem_limit, kmem_bytes, size, site);
	}
	if (rumpuser_malloc(sizeof(*kh) + size, 16, &mem) != 0) {
		if (flags & KM_NOSLEEP)
			return NULL;
		panic("kmem_alloc: out of memory allocating %zu bytes at %s",
		    size, site);
	}
	kh = mem;
	kh->kh_size = size;
	kh->kh_site = site;
	kh->kh_magic = KMEM_MAGIC;
	kh->kh_flags = khflags;
	if (cold)
		kh->kh_flags |= KH_NOLEAK;
	__atomic_add_fetch(&kmem_bytes, size, __ATOMIC_RELAXED);
#ifdef KMEM_LEAKCHECK
	kmem_lock();
	LIST_INSERT_HEAD(&kmem_live, kh, kh_list);
	kmem_unlock();
#endif
	return kh + 1;
}

static void
kmem_put(void *p, size_t size, const char *site)
{
	struct kmem_header *kh;

	if (p == NULL) {
#ifdef DIAGNOSTIC
		panic("kmem_free: NULL pointer freed at %s", site);
#endif
		return;
	}
	kh = (struct kmem_header *)p - 1;
#ifdef DIAGNOSTIC
	if (kh->kh_magic == KMEM_FREED)
		panic("kmem_free: %p freed twice: at %s, allocated at %s",
		    p, site, kh->kh_site);
	if (kh->kh_magic != KMEM_MAGIC)
		panic("kmem_free: %p was not allocated by kmem (freed at %s)",
		    p, site);
	if (kh->kh_size != size)
		panic("kmem_free: size mismatch for %p: freed with %zu bytes "
		    "at %s, allocated with %zu bytes at %s",
		    p, size, site, kh->kh_size, kh->kh_site);
#else
	(void)size;
#endif
#ifdef KMEM_LEAKCHECK
	kmem_lock();
	LIST_REMOVE(kh, kh_list);
	kmem_unlock();
#endif
	__atomic_sub_fetch(&kmem_bytes, kh->kh_size, __ATOMIC_RELAXED);
	kh->kh_magic = KMEM_FREED;
	kh->kh_site = site;
	rumpuser_free(kh, sizeof(*kh) + kh->kh_size);
}

void *
_kmem_alloc(size_t size, km_flag_t flags, const char *site)
{

	KASSERTMSG(size > 0, "kmem_alloc: zero-size allocation at %s", site);
	return kmem_get(size, flags, site, 0);
}

void *
_kmem_zalloc(size_t size, km_flag_t flags, const char *site)
{
	void *p;

	KASSERTMSG(size > 0, "kmem_zalloc: zero-size allocation at %s", site);
	if ((p = kmem_get(size, flags, site, 0)) != NULL)
		memset(p, 0, size);
	return p;
}

void
_kmem_free(void *p, size_t size, const char *site)
{

	kmem_put(p, size, site);
}

/* Kernel bookkeeping that outlives any one request: never a "leak". */
void *
kmem_alloc_noleak(size_t size, const char *site)
{
	void *p;

	p = kmem_get(size, KM_SLEEP, site, KH_NOLEAK);
	memset(p, 0, size);
	return p;
}

void
kmem_free_noleak(void *p, size_t size)
{

	kmem_put(p, size, "kmem_free_noleak");
}

char *
_kmem_strndup(const char *s, size_t n, km_flag_t flags, const char *site)
{
	size_t len = strnlen(s, n);
	char *p;

	if ((p = kmem_get(len + 1, flags, site, 0)) == NULL)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
_kmem_strdup(const char *s, km_flag_t flags, const char *site)
{

	return _kmem_strndup(s, SIZE_MAX, flags, site);
}

void
_kmem_strfree(char *s, const char *site)
{

	kmem_put(s, strlen(s) + 1, site);
}

char *
kmem_asprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	p = kmem_get((size_t)n + 1, KM_SLEEP, "kmem_asprintf", 0);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void *
kmem_alloc(size_t size, km_flag_t flags)
{

	return _kmem_alloc(size, flags, "?");
}

void *
kmem_zalloc(size_t size, km_flag_t flags)
{

	return _kmem_zalloc(size, flags, "?");
}

void
kmem_free(void *p, size_t size)
{

	_kmem_free(p, size, "?");
}

void *
kmem_intr_alloc(size_t size, km_flag_t flags)
{

	return _kmem_alloc(size, flags, "?");
}

void *
kmem_intr_zalloc(size_t size, km_flag_t flags)
{

	return _kmem_zalloc(size, flags, "?");
}

void
kmem_intr_free(void *p, size_t size)
{

	_kmem_free(p, size, "?");
}

char *
kmem_strdup(const char *s, km_flag_t flags)
{

	return _kmem_strdup(s, flags, "?");
}

char *
kmem_strndup(const char *s, size_t n, km_flag_t flags)
{

	return _kmem_strndup(s, n, flags, "?");
}

void
kmem_strfree(char *s)
{

	_kmem_strfree(s, "?");
}

size_t
kmem_inuse(void)
{

	return kmem_bytes;
}

/* Limit what kmem and pools may hold (bytes, 0: no limit). */
void
kmem_setlimit(size_t limit)
{

	kmem_limit = limit;
}

size_t
kmem_getlimit(void)
{

	return kmem_limit;
}

/*
 * The leak report printed at halt (KMEM_LEAKCHECK): one line per
 * allocation made after boot and never freed, then a total.
 */
void
kmem_leak_report(void)
{
#ifdef KMEM_LEAKCHECK
	struct kmem_header *kh;
	size_t n = 0, bytes = 0;

	kmem_lock();
	LIST_FOREACH(kh, &kmem_live, kh_list) {
		if (kh->kh_flags & KH_NOLEAK)
			continue;
		n++;
		bytes += kh->kh_size;
	}
	kmem_unlock();
	if (n == 0) {
		printf("kmem: no leaks\n");
		return;
	}
	printf("kmem: %zu allocation%s (%zu bytes) not freed:\n",
	    n, n == 1 ? "" : "s", bytes);
	kmem_lock();
	LIST_FOREACH(kh, &kmem_live, kh_list) {
		if (kh->kh_flags & KH_NOLEAK)
			continue;
		kmem_unlock();
		printf("kmem leak: %zu bytes at %p, allocated %s %s\n",
		    kh->kh_size, (void *)(kh + 1),
		    (kh->kh_flags & KH_POOL) ? "from pool" : "at",
		    kh->kh_site);
		kmem_lock();
	}
	kmem_unlock();
#endif
}

/*
 * Pools: kmem underneath, counted per pool.
 */
static LIST_HEAD(, pool) pool_head = LIST_HEAD_INITIALIZER(pool_head);
static volatile int pool_listlock;

void
pool_init(struct pool *pp, size_t size, u_int align, u_int ioff, int flags,
    const char *wchan, struct pool_allocator *palloc, int ipl)
{

	memset(pp, 0, sizeof(*pp));
	pp->pr_wchan = wchan;
	pp->pr_size = size;
	pp->pr_align = align;
	pp->pr_ipl = ipl;
	while (__atomic_test_and_set(&pool_listlock, __ATOMIC_ACQUIRE))
		continue;
	LIST_INSERT_HEAD(&pool_head, pp, pr_poollist);
	__atomic_clear(&pool_listlock, __ATOMIC_RELEASE);
}

void
pool_destroy(struct pool *pp)
{

	KASSERTMSG(pp->pr_nout == 0, "pool_destroy: pool %s has %u items out",
	    pp->pr_wchan, pp->pr_nout);
	while (__atomic_test_and_set(&pool_listlock, __ATOMIC_ACQUIRE))
		continue;
	LIST_REMOVE(pp, pr_poollist);
	__atomic_clear(&pool_listlock, __ATOMIC_RELEASE);
}

void *
pool_get(struct pool *pp, int flags)
{
	void *p;
	u_int n;

	p = kmem_get(pp->pr_size, (flags & PR_WAITOK) ? KM_SLEEP : KM_NOSLEEP,
	    pp->pr_wchan, KH_POOL);
	if (p == NULL)
		return NULL;
	if (flags & PR_ZERO)
		memset(p, 0, pp->pr_size);
	n = __atomic_add_fetch(&pp->pr_nout, 1, __ATOMIC_RELAXED);
	if (n > pp->pr_hiwat)
		pp->pr_hiwat = n;
	return p;
}

void
pool_put(struct pool *pp, void *p)
{

	__atomic_sub_fetch(&pp->pr_nout, 1, __ATOMIC_RELAXED);
	kmem_put(p, pp->pr_size, pp->pr_wchan);
}

void
pool_sethiwat(struct pool *pp, int n)
{

	(void)pp;
	(void)n;
}

void
pool_setlowat(struct pool *pp, int n)
{

	(void)pp;
	(void)n;
}

pool_cache_t
pool_cache_init(size_t size, u_int align, u_int align_offset, u_int flags,
    const char *wchan, struct pool_allocator *palloc, int ipl,
    int (*ctor)(void *, void *, int), void (*dtor)(void *, void *), void *arg)
{
	pool_cache_t pc;

	pc = kmem_zalloc(sizeof(*pc), KM_SLEEP);
	pool_init(&pc->pc_pool, size, align, align_offset, (int)flags, wchan,
	    palloc, ipl);
	pc->pc_ctor = ctor;
	pc->pc_dtor = dtor;
	pc->pc_arg = arg;
	return pc;
}

void
pool_cache_destroy(pool_cache_t pc)
{

	pool_destroy(&pc->pc_pool);
	kmem_free(pc, sizeof(*pc));
}

void *
pool_cache_get(pool_cache_t pc, int flags)
{
	void *p;

	if ((p = pool_get(&pc->pc_pool, flags)) == NULL)
		return NULL;
	if (pc->pc_ctor != NULL && pc->pc_ctor(pc->pc_arg, p, flags) != 0) {
		pool_put(&pc->pc_pool, p);
		return NULL;
	}
	return p;
}

void
pool_cache_put(pool_cache_t pc, void *p)
{

	if (pc->pc_dtor != NULL)
		pc->pc_dtor(pc->pc_arg, p);
	pool_put(&pc->pc_pool, p);
}

void *
pool_cache_get_paddr(pool_cache_t pc, int flags, paddr_t *pap)
{
	void *p = pool_cache_get(pc, flags);

	if (pap != NULL)
		*pap = (paddr_t)p;
	return p;
}

void
pool_cache_put_paddr(pool_cache_t pc, void *p, paddr_t pa)
{

	(void)pa;
	pool_cache_put(pc, p);
}

void
pool_cache_sethiwat(pool_cache_t pc, int n)
{

	(void)pc;
	(void)n;
}

void
pool_cache_setlowat(pool_cache_t pc, int n)
{

	(void)pc;
	(void)n;
}

/* Pools with objects still out at halt (KMEM_LEAKCHECK). */
void
pool_leak_report(void)
{
#ifdef KMEM_LEAKCHECK
	struct pool *pp;

	LIST_FOREACH(pp, &pool_head, pr_poollist)
		if (pp->pr_nout > 0)
			printf("pool %s: %u item%s of %zu bytes not returned\n",
			    pp->pr_wchan, pp->pr_nout,
			    pp->pr_nout == 1 ? "" : "s", pp->pr_size);
#endif
}

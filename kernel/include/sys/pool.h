/*
 * pool(9) and pool_cache(9): fixed-size object allocators, here a thin
 * layer over kmem that counts objects (a leak report names the pool).
 */
#ifndef _SYS_POOL_H_
#define _SYS_POOL_H_

#include <sys/types.h>
#include <sys/queue.h>

#define	PR_WAITOK	0x01	/* may sleep; never fails */
#define	PR_NOWAIT	0x00	/* may fail */
#define	PR_ZERO		0x100	/* zero the object */
#define	PR_NOTOUCH	0x00
#define	PR_PSERIALIZE	0x00

struct pool_allocator;

struct pool {
	LIST_ENTRY(pool) pr_poollist;
	const char	*pr_wchan;	/* name */
	size_t		 pr_size;	/* object size */
	u_int		 pr_align;
	volatile u_int	 pr_nout;	/* objects handed out */
	u_int		 pr_hiwat;	/* most objects ever out at once */
	int		 pr_ipl;
};

struct pool_cache {
	struct pool	 pc_pool;
	int		(*pc_ctor)(void *, void *, int);
	void		(*pc_dtor)(void *, void *);
	void		*pc_arg;
};
typedef struct pool_cache	*pool_cache_t;

void	pool_init(struct pool *, size_t, u_int, u_int, int, const char *,
	    struct pool_allocator *, int);
void	pool_destroy(struct pool *);
void	*pool_get(struct pool *, int);
void	pool_put(struct pool *, void *);
void	pool_sethiwat(struct pool *, int);
void	pool_setlowat(struct pool *, int);

pool_cache_t	pool_cache_init(size_t, u_int, u_int, u_int, const char *,
		    struct pool_allocator *, int, int (*)(void *, void *, int),
		    void (*)(void *, void *), void *);
void	pool_cache_destroy(pool_cache_t);
void	*pool_cache_get(pool_cache_t, int);
void	pool_cache_put(pool_cache_t, void *);
void	*pool_cache_get_paddr(pool_cache_t, int, paddr_t *);
void	pool_cache_put_paddr(pool_cache_t, void *, paddr_t);
void	pool_cache_sethiwat(pool_cache_t, int);
void	pool_cache_setlowat(pool_cache_t, int);

#endif /* !_SYS_POOL_H_ */

/*
 * kmem(9): the kernel memory allocator.
 *
 * kmem_free must be given the size the memory was allocated with; in
 * DIAGNOSTIC builds a wrong size or a double free panics naming both
 * sites.  In KMEM_LEAKCHECK (-DD) builds every allocation records the
 * file:line it was made at, and halting the kernel prints a report of
 * what is still allocated.  The macros pass the call site; the functions
 * of the same name exist too (site unknown).
 */
#ifndef _SYS_KMEM_H_
#define _SYS_KMEM_H_

#include <sys/types.h>
#include <sys/cdefs.h>

typedef unsigned int km_flag_t;

#define	KM_SLEEP	0x00000001	/* can sleep; never fails */
#define	KM_NOSLEEP	0x00000002	/* don't sleep; may return NULL */
#define	KM_PUSHPAGE	0x00000004

#define	__KMEM_SITE	__FILE__ ":" ___STRING(__LINE__)

void	*kmem_alloc(size_t, km_flag_t);
void	*kmem_zalloc(size_t, km_flag_t);
void	 kmem_free(void *, size_t);
void	*kmem_intr_alloc(size_t, km_flag_t);
void	*kmem_intr_zalloc(size_t, km_flag_t);
void	 kmem_intr_free(void *, size_t);
char	*kmem_strdup(const char *, km_flag_t);
char	*kmem_strndup(const char *, size_t, km_flag_t);
void	 kmem_strfree(char *);
char	*kmem_asprintf(const char *, ...) __printflike(1, 2);

void	*_kmem_alloc(size_t, km_flag_t, const char *site);
void	*_kmem_zalloc(size_t, km_flag_t, const char *site);
void	 _kmem_free(void *, size_t, const char *site);
char	*_kmem_strdup(const char *, km_flag_t, const char *site);
char	*_kmem_strndup(const char *, size_t, km_flag_t, const char *site);
void	 _kmem_strfree(char *, const char *site);

#define	kmem_alloc(s, f)	_kmem_alloc((s), (f), __KMEM_SITE)
#define	kmem_zalloc(s, f)	_kmem_zalloc((s), (f), __KMEM_SITE)
#define	kmem_free(p, s)		_kmem_free((p), (s), __KMEM_SITE)
#define	kmem_intr_alloc(s, f)	_kmem_alloc((s), (f), __KMEM_SITE)
#define	kmem_intr_zalloc(s, f)	_kmem_zalloc((s), (f), __KMEM_SITE)
#define	kmem_intr_free(p, s)	_kmem_free((p), (s), __KMEM_SITE)
#define	kmem_strdup(s, f)	_kmem_strdup((s), (f), __KMEM_SITE)
#define	kmem_strndup(s, n, f)	_kmem_strndup((s), (n), (f), __KMEM_SITE)
#define	kmem_strfree(s)		_kmem_strfree((s), __KMEM_SITE)

/* Bytes currently allocated through kmem (all builds). */
size_t	kmem_inuse(void);

#endif /* !_SYS_KMEM_H_ */

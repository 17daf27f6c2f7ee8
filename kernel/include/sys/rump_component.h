/*
 * Components: the kernel core and each driver library register with a
 * constructor, so the same objects work linked whole into a program and
 * dlopen'ed as .so.  rump_init() initialises the registered components in
 * dependency order: by level (RUMP_COMPONENT_*), then by the components
 * each names as required; one loaded after boot is initialised at once.
 *
 *	RUMP_COMPONENT(RUMP_COMPONENT_VFS, rumpvfs)
 *	{
 *		return vfs_init();	(0 or an errno)
 *	}
 *
 *	RUMP_COMPONENT_REQUIRES(RUMP_COMPONENT_FS, rumpfs_tmpfs, "rumpvfs")
 *	{
 *		return vfs_attach(&tmpfs_vfsops);
 *	}
 *
 * An init that fails is reported by name ("component rumpfs_tmpfs:
 * init failed: error 22") and the kernel boots without it; with
 * RUMP_COMPONENT_ESSENTIAL, rump_init() fails instead.
 */
#ifndef _SYS_RUMP_COMPONENT_H_
#define _SYS_RUMP_COMPONENT_H_

#include <sys/types.h>

/* Levels, in init order. */
#define	RUMP_COMPONENT_KERN	0	/* kernel core services */
#define	RUMP_COMPONENT_VFS	1	/* the VFS */
#define	RUMP_COMPONENT_FS	2	/* file systems */
#define	RUMP_COMPONENT_DEV	3	/* devices */
#define	RUMP_COMPONENT_NET	4	/* networking */
#define	RUMP_COMPONENT_SYSCALL	5	/* system call providers */
#define	RUMP_COMPONENT_POSTINIT	6	/* after everything else */
#define	RUMP_COMPONENT_MAX	7

#define	RUMP_COMPONENT_ESSENTIAL	0x01	/* boot fails if init fails */

struct rump_component {
	const char	*rc_name;	/* e.g. "rumpfs_tmpfs" */
	int		 rc_level;	/* RUMP_COMPONENT_* */
	const char	*rc_requires;	/* names it needs, space separated */
	int		(*rc_init)(void);	/* 0 or an errno */
	void		(*rc_fini)(void);	/* at halt or unload; may be NULL */
	int		 rc_flags;	/* RUMP_COMPONENT_ESSENTIAL */
	int		 rc_state;	/* kernel private */
	struct rump_component *rc_next;	/* kernel private */
};

/* Called by the constructors; not for direct use. */
void	rump_component_register(struct rump_component *);
void	rump_component_unregister(struct rump_component *);

#define	__RUMP_COMPONENT(level, name, reqs, flags, fini)		\
static int __rumpcomp_init_##name(void);				\
static struct rump_component __rumpcomp_##name = {			\
	.rc_name = #name, .rc_level = (level), .rc_requires = (reqs),	\
	.rc_init = __rumpcomp_init_##name, .rc_fini = (fini),		\
	.rc_flags = (flags),						\
};									\
static void __attribute__((__constructor__, __used__))			\
__rumpcomp_ctor_##name(void)						\
{									\
	rump_component_register(&__rumpcomp_##name);			\
}									\
static void __attribute__((__destructor__, __used__))			\
__rumpcomp_dtor_##name(void)						\
{									\
	rump_component_unregister(&__rumpcomp_##name);			\
}									\
static int								\
__rumpcomp_init_##name(void)

#define	RUMP_COMPONENT(level, name)					\
	__RUMP_COMPONENT(level, name, NULL, 0, NULL)
#define	RUMP_COMPONENT_REQUIRES(level, name, reqs)			\
	__RUMP_COMPONENT(level, name, reqs, 0, NULL)
#define	RUMP_COMPONENT_FULL(level, name, reqs, flags, fini)		\
	__RUMP_COMPONENT(level, name, reqs, flags, fini)

#endif /* !_SYS_RUMP_COMPONENT_H_ */

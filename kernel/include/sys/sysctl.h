/*
 * sysctl(9): the kernel's tree of named values, read and written with
 * the __sysctl system call.  Nodes are numbered (a "MIB" path of ints)
 * and named; CTL_QUERY lists a node's children (struct sysctlnode
 * records), which is how names are resolved to numbers.
 *
 * Components add nodes with sysctl_createv(), NetBSD's interface:
 *
 *	sysctl_createv(&clog, 0, NULL, NULL,
 *	    CTLFLAG_PERMANENT|CTLFLAG_READWRITE, CTLTYPE_INT, "maxfoo",
 *	    SYSCTL_DESCR("Largest foo"), NULL, 0, &maxfoo, 0,
 *	    CTL_VFS, CTL_CREATE, CTL_EOL);
 */
#ifndef _SYS_SYSCTL_H_
#define _SYS_SYSCTL_H_

#include <sys/types.h>

#define	CTL_MAXNAME	24	/* largest number of components supported */
#define	SYSCTL_NAMELEN	32	/* longest name allowed for a node */

/* Node types (the low four bits of sysctl_flags). */
#define	CTLTYPE_NODE	1	/* name is a node */
#define	CTLTYPE_INT	2	/* name describes an integer */
#define	CTLTYPE_STRING	3	/* name describes a string */
#define	CTLTYPE_QUAD	4	/* name describes a 64-bit number */
#define	CTLTYPE_STRUCT	5	/* name describes a structure */
#define	CTLTYPE_BOOL	6	/* name describes a bool */
#define	SYSCTL_TYPEMASK	0x0000000f
#define	SYSCTL_TYPE(x)	((x) & SYSCTL_TYPEMASK)

/* Flags. */
#define	CTLFLAG_READONLY	0x00000000
#define	CTLFLAG_READWRITE	0x00000070
#define	CTLFLAG_ANYWRITE	0x00000080	/* anyone may write */
#define	CTLFLAG_PRIVATE		0x00000100	/* only root may read */
#define	CTLFLAG_PERMANENT	0x00000200	/* cannot be removed */
#define	CTLFLAG_OWNDATA		0x00000400	/* data is owned by the node */
#define	CTLFLAG_IMMEDIATE	0x00000800	/* value kept in the node */
#define	CTLFLAG_HEX		0x00001000	/* show as hex */
#define	CTLFLAG_ROOT		0x00002000	/* the root of a tree */
#define	CTLFLAG_ANYNUMBER	0x00004000
#define	CTLFLAG_HIDDEN		0x00008000	/* not listed */
#define	CTLFLAG_ALIAS		0x00010000
#define	CTLFLAG_MMAP		0x00020000
#define	CTLFLAG_OWNDESC		0x00040000
#define	CTLFLAG_UNSIGNED	0x00080000
#define	SYSCTL_FLAGMASK		0xfffffff0
#define	SYSCTL_FLAGS(x)		((x) & SYSCTL_FLAGMASK)

#define	SYSCTL_VERS_1	0x1000
#define	SYSCTL_VERSION	SYSCTL_VERS_1

/* Meta-identifiers in a MIB path. */
#define	CTL_EOL		(-1)	/* end of a path given to sysctl_createv */
#define	CTL_QUERY	(-2)	/* list the children of the node */
#define	CTL_CREATE	(-3)	/* sysctl_createv: pick a number */
#define	CTL_CREATESYM	(-4)
#define	CTL_DESTROY	(-5)
#define	CTL_MMAP	(-6)
#define	CTL_DESCRIBE	(-7)

/* Top-level identifiers. */
#define	CTL_UNSPEC	0
#define	CTL_KERN	1	/* "high kernel": proc, limits */
#define	CTL_VM		2	/* virtual memory */
#define	CTL_VFS		3	/* file system */
#define	CTL_NET		4	/* network */
#define	CTL_DEBUG	5	/* debugging parameters */
#define	CTL_HW		6	/* generic CPU/io */
#define	CTL_MACHDEP	7	/* machine dependent */
#define	CTL_USER	8	/* user-level */
#define	CTL_DDB		9	/* in-kernel debugger */
#define	CTL_PROC	10	/* per-proc attr */
#define	CTL_VENDOR	11	/* vendor-specific data */
#define	CTL_EMUL	12	/* emulation-specific data */
#define	CTL_SECURITY	13	/* security */

/* kern. */
#define	KERN_OSTYPE		1	/* string: system version */
#define	KERN_OSRELEASE		2	/* string: system release */
#define	KERN_OSREV		3	/* int: system revision */
#define	KERN_VERSION		4	/* string: compile time info */
#define	KERN_MAXPROC		6	/* int: max processes */
#define	KERN_MAXFILES		7	/* int: max open files */
#define	KERN_HOSTNAME		10	/* string: hostname */
#define	KERN_CLOCKRATE		12	/* struct: struct clockinfo */
#define	KERN_MSGBUFSIZE		31	/* int: max # of chars in msg buffer */
#define	KERN_PROC2		47	/* struct: process entries */
#define	KERN_BOOTTIME		83	/* struct: time kernel was booted */
#define	KERN_MSGBUF		84	/* string: the message buffer (dmesg) */
#define	KERN_PID		85	/* int: pid of the caller */

/* kern.proc2 selectors (name: KERN_PROC2, op, arg, elemsize, elemcount). */
#define	KERN_PROC_ALL		0	/* everything */
#define	KERN_PROC_PID		1	/* by process id */

/* hw. */
#define	HW_MACHINE		1	/* string: machine class */
#define	HW_MODEL		2	/* string: specific machine model */
#define	HW_NCPU			3	/* int: number of cpus */
#define	HW_BYTEORDER		4	/* int: machine byte order */
#define	HW_PAGESIZE		7	/* int: software page size */
#define	HW_MACHINE_ARCH		10	/* string: machine architecture */
#define	HW_NCPUONLINE		16	/* number CPUs online */

/* vfs. */
#define	VFS_GENERIC		0	/* generic filesystem information */
#define	VFS_MAXTYPENUM		1	/* int: highest defined fs type */

/* debug. */
#define	DEBUG_CRASHME		100	/* debug.crashme (kern_crashme) */

/*
 * One process as kern.proc2 reports it: a small, fixed layout (not
 * NetBSD's kinfo_proc2).
 */
#define	KI_MAXCOMLEN	24
#define	KI_WMESGLEN	8
struct kinfo_proc2 {
	int32_t		p_pid;		/* process id */
	int32_t		p_ppid;		/* parent's */
	uint32_t	p_uid;		/* effective uid */
	uint32_t	p_gid;		/* effective gid */
	int32_t		p_nlwps;	/* lwps */
	int32_t		p_nfiles;	/* open descriptors */
	int32_t		p_stat;		/* SACTIVE, ... */
	int32_t		p_flag;		/* PK_SYSTEM, PK_LOCAL */
	int64_t		p_ustart_sec;	/* start, seconds since boot */
	char		p_comm[KI_MAXCOMLEN];
	char		p_wmesg[KI_WMESGLEN];
};

#ifdef _KERNEL
struct lwp;
struct sysctlnode;
struct sysctllog;

#define	SYSCTL_DESCR(s)	s

#define	SYSCTLFN_PROTO	const int *, u_int, void *, size_t *,		\
			const void *, size_t, const int *, struct lwp *,	\
			const struct sysctlnode *
#define	SYSCTLFN_ARGS	const int *name, u_int namelen, void *oldp,	\
			size_t *oldlenp, const void *newp, size_t newlen,	\
			const int *oldname, struct lwp *l,		\
			const struct sysctlnode *rnode
#define	SYSCTLFN_CALL(node)	name, namelen, oldp, oldlenp, newp,	\
				newlen, oldname, l, node

typedef int (*sysctlfn)(SYSCTLFN_PROTO);
#endif

/*
 * A node.  CTL_QUERY copies these out with the kernel pointers cleared:
 * flags (type | flags) at 0, num at 4, name at 8, ver at 40, size at 48,
 * and for INT/BOOL/QUAD nodes with CTLFLAG_IMMEDIATE the value at 56.
 */
struct sysctlnode {
	uint32_t	sysctl_flags;		/* flags and type */
	int32_t		sysctl_num;		/* mib number */
	char		sysctl_name[SYSCTL_NAMELEN];	/* node name */
	uint32_t	sysctl_ver;		/* node's version vs. rest of tree */
	uint32_t	__rsvd;
	uint64_t	sysctl_size;		/* size of data (or of one child) */
	union {
		struct {
			uint32_t	suc_csize;	/* size of child array */
			uint32_t	suc_clen;	/* number of valid children */
			struct sysctlnode *suc_child;	/* children */
		} scu_child;
		struct {
			void		*sud_data;	/* pointer to external data */
			uint64_t	 sud_offset;
		} scu_data;
		int32_t		scu_alias;
		int32_t		scu_idata;	/* immediate int value */
		uint64_t	scu_qdata;	/* immediate u_quad_t value */
		bool		scu_bdata;	/* immediate bool value */
	} sysctl_un;
#ifdef _KERNEL
	sysctlfn	sysctl_func;		/* access helper */
#else
	void		*sysctl_func;
#endif
	struct sysctlnode *sysctl_parent;	/* parent of this node */
	const char	*sysctl_desc;		/* description */
};
#define	sysctl_csize	sysctl_un.scu_child.suc_csize
#define	sysctl_clen	sysctl_un.scu_child.suc_clen
#define	sysctl_child	sysctl_un.scu_child.suc_child
#define	sysctl_data	sysctl_un.scu_data.sud_data
#define	sysctl_offset	sysctl_un.scu_data.sud_offset
#define	sysctl_alias	sysctl_un.scu_alias
#define	sysctl_idata	sysctl_un.scu_idata
#define	sysctl_qdata	sysctl_un.scu_qdata
#define	sysctl_bdata	sysctl_un.scu_bdata

#ifdef _KERNEL
/*
 * Create a node; the path (varargs, ints ending in CTL_EOL) is relative
 * to *rnode (or the root) and its last element is the new node's number
 * or CTL_CREATE.  Creating an existing CTLTYPE_NODE of the same name
 * returns it.  Returns 0 or EEXIST, EINVAL, ENOENT, ENOMEM.
 */
int	sysctl_createv(struct sysctllog **, int cflags,
	    const struct sysctlnode **rnode, const struct sysctlnode **cnode,
	    int flags, int type, const char *namep, const char *desc,
	    sysctlfn func, u_quad_t qv, void *newp, size_t newlen, ...);
/* Remove the node at the path (ints ending in CTL_EOL). */
int	sysctl_destroyv(struct sysctlnode *, ...);
/* Remove every node created with this log (newest first). */
void	sysctl_teardown(struct sysctllog **);

/* The standard read/write of a node's value, for sysctl functions. */
int	sysctl_lookup(SYSCTLFN_PROTO);
int	sysctl_needfunc(SYSCTLFN_PROTO);
int	sysctl_notavail(SYSCTLFN_PROTO);

/* Run a sysctl request in the kernel (all buffers in kernel space). */
int	sysctl_dispatch(const int *name, u_int namelen, void *oldp,
	    size_t *oldlenp, const void *newp, size_t newlen);
/* Resolve "kern.hostname" to its MIB; *lenp in: room, out: length. */
int	sysctl_nametomib(const char *, int *mib, u_int *lenp);

/*
 * vfs.generic.fstypes: the names of the attached file system types,
 * separated by spaces.  The VFS calls these from vfs_attach/vfs_detach.
 */
void	sysctl_fstypes_add(const char *);
void	sysctl_fstypes_remove(const char *);
#endif /* _KERNEL */

#endif /* !_SYS_SYSCTL_H_ */

/*
 * Machine-independent constants, NetBSD's values.
 */
#ifndef _SYS_PARAM_H_
#define _SYS_PARAM_H_

#include <sys/cdefs.h>
#include <sys/types.h>

#define	__NetBSD_Version__	1000000000	/* the NetBSD release we mimic */

#define	MAXCOMLEN	16		/* max command name remembered */
#define	MAXINTERP	1024		/* max interpreter file name length */
#define	MAXLOGNAME	16		/* max login name length */
#define	NCARGS		262144		/* max bytes for an exec function */
#define	NGROUPS		16		/* max number groups */
#define	NOFILE		1024		/* default max open files per process */
#define	MAXHOSTNAMELEN	256		/* max hostname size */
#define	MAXPATHLEN	1024		/* max bytes in pathname */
#define	PATH_MAX	1024		/* same, POSIX name */
#define	MAXSYMLINKS	32		/* max symlinks per path (ELOOP) */
#define	NAME_MAX	511		/* max bytes in a file name */
#define	MAXNAMLEN	511

#define	NBBY		8		/* number of bits in a byte */
#define	DEV_BSHIFT	9		/* log2(DEV_BSIZE) */
#define	DEV_BSIZE	(1 << DEV_BSHIFT)
#define	PAGE_SHIFT	12
#define	PAGE_SIZE	(1 << PAGE_SHIFT)
#define	PAGE_MASK	(PAGE_SIZE - 1)
#define	MAXBSIZE	65536		/* largest file system block */
#define	MAXPHYS		65536		/* largest single transfer */

#define	ALIGNBYTES	(sizeof(long) - 1)
#define	ALIGN(p)	(((unsigned long)(p) + ALIGNBYTES) & ~ALIGNBYTES)
#define	ALIGNED_POINTER(p, t)	((((unsigned long)(p)) & (sizeof(t) - 1)) == 0)

/* Sleep priorities for tsleep(9): values only order, PCATCH is a flag. */
#define	PSWP		0
#define	PVM		4
#define	PINOD		8
#define	PRIBIO		16
#define	PVFS		20
#define	PZERO		22
#define	PSOCK		24
#define	PWAIT		32
#define	PLOCK		36
#define	PPAUSE		40
#define	PUSER		50
#define	PRI_NONE	-1
#define	PRI_KERNEL	43
#define	PRI_BIO		PRI_KERNEL
#define	PRI_KTHREAD	PRI_KERNEL
#define	PCATCH		0x100		/* sleep is interruptible */
#define	PNORELOCK	0x200		/* don't relock the interlock */

/* Clock ticks per second of the kernel's clock (hz). */
#define	HZ		100

/* Bit maps and arithmetic. */
#define	setbit(a, i)	((a)[(i)/NBBY] |= 1 << ((i)%NBBY))
#define	clrbit(a, i)	((a)[(i)/NBBY] &= ~(1 << ((i)%NBBY)))
#define	isset(a, i)	((a)[(i)/NBBY] & (1 << ((i)%NBBY)))
#define	isclr(a, i)	(((a)[(i)/NBBY] & (1 << ((i)%NBBY))) == 0)
#define	howmany(x, y)	(((x) + ((y) - 1)) / (y))
#define	roundup(x, y)	((((x) + ((y) - 1)) / (y)) * (y))
#define	rounddown(x, y)	(((x) / (y)) * (y))
#define	roundup2(x, m)	(((x) + ((m) - 1)) & ~((m) - 1))
#define	rounddown2(x, m)	((x) & ~((__typeof__(x))(m) - 1))
#define	powerof2(x)	((((x) - 1) & (x)) == 0)
#ifndef MIN
#define	MIN(a, b)	((a) < (b) ? (a) : (b))
#endif
#ifndef MAX
#define	MAX(a, b)	((a) > (b) ? (a) : (b))
#endif

/* Milliseconds to clock ticks, at least one tick for a nonzero time. */
#define	mstohz(ms)	((ms) == 0 ? 0 : \
	(((ms) * (long)HZ + 999) / 1000 == 0 ? 1 : ((ms) * (long)HZ + 999) / 1000))
#define	hztoms(t)	((t) * 1000 / HZ)

#ifdef _KERNEL
#include <sys/errno.h>
#include <sys/time.h>
#include <sys/uio.h>
#endif

#endif /* !_SYS_PARAM_H_ */

/*
 * Basic kernel types.  Sizes follow NetBSD on LP64 (amd64), and the
 * fixed-width integer types match the host's exactly (int64_t is long)
 * so the public rump headers read the same on both sides.
 */
#ifndef _SYS_TYPES_H_
#define _SYS_TYPES_H_

#include <sys/cdefs.h>

typedef signed char		int8_t;
typedef unsigned char		uint8_t;
typedef short			int16_t;
typedef unsigned short		uint16_t;
typedef int			int32_t;
typedef unsigned int		uint32_t;
typedef long			int64_t;
typedef unsigned long		uint64_t;
typedef long			intptr_t;
typedef unsigned long		uintptr_t;
typedef long			intmax_t;
typedef unsigned long		uintmax_t;

typedef uint8_t			u_int8_t;
typedef uint16_t		u_int16_t;
typedef uint32_t		u_int32_t;
typedef uint64_t		u_int64_t;

typedef unsigned char		u_char;
typedef unsigned short		u_short;
typedef unsigned int		u_int;
typedef unsigned long		u_long;
typedef unsigned char		uchar_t;
typedef unsigned short		ushort_t;
typedef unsigned int		uint_t;
typedef unsigned long		ulong_t;

typedef int64_t			quad_t;
typedef uint64_t		u_quad_t;
typedef int64_t			longlong_t;
typedef uint64_t		u_longlong_t;

typedef unsigned long		size_t;
typedef long			ssize_t;
typedef long			register_t;
typedef unsigned long		vaddr_t;
typedef unsigned long		paddr_t;
typedef unsigned long		vsize_t;
typedef unsigned long		psize_t;
typedef char			*caddr_t;

typedef int64_t			off_t;
typedef int32_t			pid_t;
typedef int32_t			lwpid_t;
typedef uint32_t		uid_t;
typedef uint32_t		gid_t;
typedef uint32_t		id_t;
typedef uint32_t		mode_t;
typedef uint64_t		dev_t;
typedef uint64_t		ino_t;
typedef uint32_t		nlink_t;
typedef int64_t			time_t;
typedef int			suseconds_t;
typedef unsigned int		useconds_t;
typedef int			clockid_t;
typedef int64_t			blkcnt_t;
typedef int32_t			blksize_t;
typedef uint64_t		fsblkcnt_t;
typedef uint64_t		fsfilcnt_t;
typedef int64_t			daddr_t;
typedef uint32_t		fixpt_t;
typedef uint32_t		socklen_t;
typedef int			cpuid_t;

#ifndef __cplusplus
typedef _Bool			bool;
#define	true	1
#define	false	0
#define	__bool_true_false_are_defined	1
#endif

#ifndef NULL
#define	NULL	((void *)0)
#endif

#define	INT8_MIN	(-0x7f - 1)
#define	INT8_MAX	0x7f
#define	UINT8_MAX	0xff
#define	INT16_MIN	(-0x7fff - 1)
#define	INT16_MAX	0x7fff
#define	UINT16_MAX	0xffff
#define	INT32_MIN	(-0x7fffffff - 1)
#define	INT32_MAX	0x7fffffff
#define	UINT32_MAX	0xffffffffU
#define	INT64_MIN	(-0x7fffffffffffffffL - 1)
#define	INT64_MAX	0x7fffffffffffffffL
#define	UINT64_MAX	0xffffffffffffffffUL
#define	SIZE_MAX	UINT64_MAX
#define	SSIZE_MAX	INT64_MAX
#define	INTPTR_MAX	INT64_MAX
#define	UINTPTR_MAX	UINT64_MAX
#define	INT_MAX		0x7fffffff
#define	INT_MIN		(-0x7fffffff - 1)
#define	UINT_MAX	0xffffffffU
#define	LONG_MAX	0x7fffffffffffffffL
#define	LONG_MIN	(-0x7fffffffffffffffL - 1)
#define	ULONG_MAX	0xffffffffffffffffUL
#define	SHRT_MAX	0x7fff
#define	USHRT_MAX	0xffff
#define	CHAR_BIT	8
#define	QUAD_MAX	INT64_MAX
#define	QUAD_MIN	INT64_MIN
#define	UQUAD_MAX	UINT64_MAX

/* Opaque kernel objects many headers refer to. */
struct lwp;
struct proc;
struct vnode;
struct file;
struct uio;
struct kauth_cred;
struct cpu_info;

typedef struct lwp	lwp_t;
typedef struct proc	proc_t;
typedef struct vnode	vnode_t;
typedef struct file	file_t;
typedef struct cpu_info	cpu_info_t;

#define	NODEV	((dev_t)-1)

#endif /* !_SYS_TYPES_H_ */

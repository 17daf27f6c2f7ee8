/*
 * Compiler helpers, NetBSD names.
 */
#ifndef _SYS_CDEFS_H_
#define _SYS_CDEFS_H_

#ifdef __cplusplus
#define	__BEGIN_DECLS	extern "C" {
#define	__END_DECLS	}
#else
#define	__BEGIN_DECLS
#define	__END_DECLS
#endif

#define	__CONCAT1(x, y)	x ## y
#define	__CONCAT(x, y)	__CONCAT1(x, y)
#define	__STRING(x)	#x
#define	___STRING(x)	__STRING(x)

#define	__dead		__attribute__((__noreturn__))
#define	__noreturn	__attribute__((__noreturn__))
#define	__unused	__attribute__((__unused__))
#define	__used		__attribute__((__used__))
#define	__diagused	__attribute__((__unused__))
#define	__debugused	__attribute__((__unused__))
#define	__packed	__attribute__((__packed__))
#define	__aligned(x)	__attribute__((__aligned__(x)))
#define	__section(x)	__attribute__((__section__(x)))
#define	__noinline	__attribute__((__noinline__))
#define	__always_inline	__attribute__((__always_inline__))
#define	__weak		__attribute__((__weak__))
#define	__constructor	__attribute__((__constructor__))
#define	__destructor	__attribute__((__destructor__))
#define	__printflike(fmtarg, firstvararg) \
	__attribute__((__format__(__printf__, fmtarg, firstvararg)))
#define	__predict_true(exp)	__builtin_expect((exp) != 0, 1)
#define	__predict_false(exp)	__builtin_expect((exp) != 0, 0)
#define	__UNCONST(a)	((void *)(unsigned long)(const void *)(a))
#define	__UNVOLATILE(a)	((void *)(unsigned long)(volatile void *)(a))
#define	__arraycount(x)	(sizeof(x) / sizeof((x)[0]))
#define	__KERNEL_RCSID(n, s)
#define	__RCSID(s)
#define	__COPYRIGHT(s)
#define	__insn_barrier()	__asm __volatile("" ::: "memory")
#define	__CTASSERT(x)	_Static_assert((x), "CTASSERT " #x)
#define	CTASSERT(x)	__CTASSERT(x)
#define	__return_address()	__builtin_return_address(0)

#endif /* !_SYS_CDEFS_H_ */

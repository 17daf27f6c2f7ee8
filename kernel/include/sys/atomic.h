/*
 * atomic_ops(3) on the compiler's builtins.
 */
#ifndef _SYS_ATOMIC_H_
#define _SYS_ATOMIC_H_

#include <sys/types.h>

#define	__ATOMIC_OPS(name, type)					\
static __inline void atomic_inc_##name(volatile type *p)		\
{ __atomic_add_fetch(p, 1, __ATOMIC_SEQ_CST); }				\
static __inline type atomic_inc_##name##_nv(volatile type *p)		\
{ return __atomic_add_fetch(p, 1, __ATOMIC_SEQ_CST); }			\
static __inline void atomic_dec_##name(volatile type *p)		\
{ __atomic_sub_fetch(p, 1, __ATOMIC_SEQ_CST); }				\
static __inline type atomic_dec_##name##_nv(volatile type *p)		\
{ return __atomic_sub_fetch(p, 1, __ATOMIC_SEQ_CST); }			\
static __inline void atomic_add_##name(volatile type *p, type v)	\
{ __atomic_add_fetch(p, v, __ATOMIC_SEQ_CST); }				\
static __inline type atomic_add_##name##_nv(volatile type *p, type v)	\
{ return __atomic_add_fetch(p, v, __ATOMIC_SEQ_CST); }			\
static __inline void atomic_or_##name(volatile type *p, type v)		\
{ __atomic_or_fetch(p, v, __ATOMIC_SEQ_CST); }				\
static __inline void atomic_and_##name(volatile type *p, type v)	\
{ __atomic_and_fetch(p, v, __ATOMIC_SEQ_CST); }				\
static __inline type atomic_cas_##name(volatile type *p, type o, type n) \
{ __atomic_compare_exchange_n(p, &o, n, 0, __ATOMIC_SEQ_CST,		\
    __ATOMIC_SEQ_CST); return o; }					\
static __inline type atomic_swap_##name(volatile type *p, type v)	\
{ return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST); }

__ATOMIC_OPS(32, uint32_t)
__ATOMIC_OPS(64, uint64_t)
__ATOMIC_OPS(uint, unsigned int)
__ATOMIC_OPS(ulong, unsigned long)

static __inline void *
atomic_cas_ptr(volatile void *p, void *o, void *n)
{
	__atomic_compare_exchange_n((void *volatile *)p, &o, n, 0,
	    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
	return o;
}

static __inline void *
atomic_swap_ptr(volatile void *p, void *n)
{
	return __atomic_exchange_n((void *volatile *)p, n, __ATOMIC_SEQ_CST);
}

#define	membar_enter()		__atomic_thread_fence(__ATOMIC_SEQ_CST)
#define	membar_exit()		__atomic_thread_fence(__ATOMIC_SEQ_CST)
#define	membar_sync()		__atomic_thread_fence(__ATOMIC_SEQ_CST)
#define	membar_producer()	__atomic_thread_fence(__ATOMIC_RELEASE)
#define	membar_consumer()	__atomic_thread_fence(__ATOMIC_ACQUIRE)
#define	membar_acquire()	__atomic_thread_fence(__ATOMIC_ACQUIRE)
#define	membar_release()	__atomic_thread_fence(__ATOMIC_RELEASE)
#define	atomic_load_relaxed(p)	__atomic_load_n((p), __ATOMIC_RELAXED)
#define	atomic_load_acquire(p)	__atomic_load_n((p), __ATOMIC_ACQUIRE)
#define	atomic_store_relaxed(p, v)	__atomic_store_n((p), (v), __ATOMIC_RELAXED)
#define	atomic_store_release(p, v)	__atomic_store_n((p), (v), __ATOMIC_RELEASE)

#endif /* !_SYS_ATOMIC_H_ */

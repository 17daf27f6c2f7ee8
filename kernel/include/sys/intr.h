/*
 * Interrupt priority levels, for mutex_init(9) and friends.  A rump
 * kernel has no interrupts: a mutex above IPL_NONE is a spin mutex.
 */
#ifndef _SYS_INTR_H_
#define _SYS_INTR_H_

#define	IPL_NONE	0
#define	IPL_SOFTCLOCK	1
#define	IPL_SOFTBIO	2
#define	IPL_SOFTNET	3
#define	IPL_SOFTSERIAL	4
#define	IPL_VM		5
#define	IPL_SCHED	6
#define	IPL_HIGH	7

#endif /* !_SYS_INTR_H_ */

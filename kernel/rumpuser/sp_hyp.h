/*
 * The kernel's upcalls as seen by the sysproxy server: the table
 * rumpuser_init() keeps in rumpuser__hyp (<rump/rumpuser.h>).  The
 * reference is weak so the server also links with a stand-in kernel.
 */
#ifndef _SP_HYP_H_
#define _SP_HYP_H_

#include <sys/types.h>

#include <rump/rumpuser.h>

#ifndef RUMP_RFCFDG
#define	RUMP_RFCFDG	0x1000	/* new process with a clean fd table */
#endif

#pragma weak rumpuser__hyp

static inline const struct rumpuser_hyperup *
sp_gethyp(void)
{

	return &rumpuser__hyp;
}


#endif /* !_SP_HYP_H_ */

/*
 * Virtual CPUs.  Kernel code runs directly on host threads; there is one
 * cpu_info per hw.ncpu for code that wants to count CPUs.
 */
#ifndef _SYS_CPU_H_
#define _SYS_CPU_H_

#include <sys/types.h>

struct cpu_info {
	u_int	ci_index;
	char	ci_name[8];
};

extern struct cpu_info	*cpu_infos;
struct cpu_info	*curcpu(void);
#define	cpu_index(ci)	((ci)->ci_index)
#define	cpu_number()	(cpu_index(curcpu()))
#define	cpu_name(ci)	((ci)->ci_name)
struct cpu_info	*cpu_lookup(u_int);

#endif /* !_SYS_CPU_H_ */

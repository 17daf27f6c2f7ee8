/*
 * Time: struct timeval/timespec and the kernel's clocks.
 */
#ifndef _SYS_TIME_H_
#define _SYS_TIME_H_

#include <sys/types.h>

struct timeval {
	time_t		tv_sec;		/* seconds */
	suseconds_t	tv_usec;	/* and microseconds */
};

struct timespec {
	time_t		tv_sec;		/* seconds */
	long		tv_nsec;	/* and nanoseconds */
};

#define	TIMEVAL_TO_TIMESPEC(tv, ts) do {				\
	(ts)->tv_sec = (tv)->tv_sec;					\
	(ts)->tv_nsec = (tv)->tv_usec * 1000;				\
} while (/*CONSTCOND*/0)
#define	TIMESPEC_TO_TIMEVAL(tv, ts) do {				\
	(tv)->tv_sec = (ts)->tv_sec;					\
	(tv)->tv_usec = (suseconds_t)(ts)->tv_nsec / 1000;		\
} while (/*CONSTCOND*/0)

#define	timespeccmp(tsp, usp, cmp)					\
	(((tsp)->tv_sec == (usp)->tv_sec) ?				\
	    ((tsp)->tv_nsec cmp (usp)->tv_nsec) :			\
	    ((tsp)->tv_sec cmp (usp)->tv_sec))
#define	timespecadd(tsp, usp, vsp) do {					\
	(vsp)->tv_sec = (tsp)->tv_sec + (usp)->tv_sec;			\
	(vsp)->tv_nsec = (tsp)->tv_nsec + (usp)->tv_nsec;		\
	if ((vsp)->tv_nsec >= 1000000000L) {				\
		(vsp)->tv_sec++;					\
		(vsp)->tv_nsec -= 1000000000L;				\
	}								\
} while (/*CONSTCOND*/0)
#define	timespecsub(tsp, usp, vsp) do {					\
	(vsp)->tv_sec = (tsp)->tv_sec - (usp)->tv_sec;			\
	(vsp)->tv_nsec = (tsp)->tv_nsec - (usp)->tv_nsec;		\
	if ((vsp)->tv_nsec < 0) {					\
		(vsp)->tv_sec--;					\
		(vsp)->tv_nsec += 1000000000L;				\
	}								\
} while (/*CONSTCOND*/0)

/* Clocks of clock_gettime(2), NetBSD's values. */
#define	CLOCK_REALTIME	0
#define	CLOCK_VIRTUAL	1
#define	CLOCK_PROF	2
#define	CLOCK_MONOTONIC	3

#define	UTIME_NOW	((1 << 30) - 1)
#define	UTIME_OMIT	((1 << 30) - 2)

#ifdef _KERNEL
extern volatile time_t	time_second;	/* wall clock seconds, updated on read */
extern volatile time_t	time_uptime;	/* seconds since boot, updated on read */
extern struct timespec	boottime;	/* wall clock time of rump_init() */

/* Wall clock (the host's realtime clock) and uptime (its monotonic clock). */
void	nanotime(struct timespec *);
void	microtime(struct timeval *);
void	getnanotime(struct timespec *);
void	getmicrotime(struct timeval *);
void	nanouptime(struct timespec *);
void	getnanouptime(struct timespec *);
void	getmicrouptime(struct timeval *);
/* Ticks (hz) for a relative timespec, rounded up; 0 for a zero time. */
int	tstohz(const struct timespec *);
int	tvtohz(const struct timeval *);
#endif

#endif /* !_SYS_TIME_H_ */

/*
 * Time: the host's clocks read on demand, and tick conversions.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/time.h>

#include <rump/rumpuser.h>

#include "rump_private.h"

int		hz = HZ;
volatile time_t	time_second;
volatile time_t	time_uptime;
struct timespec	boottime;
static struct timespec bootuptime;

void
nanotime(struct timespec *ts)
{
	int64_t sec;
	long nsec;

	rumpuser_clock_gettime(RUMPUSER_CLOCK_RELWALL, &sec, &nsec);
	ts->tv_sec = sec;
	ts->tv_nsec = nsec;
	time_second = sec;
}

void
microtime(struct timeval *tv)
{
	struct timespec ts;

	nanotime(&ts);
	TIMESPEC_TO_TIMEVAL(tv, &ts);
}

void
getnanotime(struct timespec *ts)
{

	nanotime(ts);
}

void
getmicrotime(struct timeval *tv)
{

	microtime(tv);
}

void
nanouptime(struct timespec *ts)
{
	int64_t sec;
	long nsec;

	rumpuser_clock_gettime(RUMPUSER_CLOCK_ABSMONO, &sec, &nsec);
	ts->tv_sec = sec;
	ts->tv_nsec = nsec;
	timespecsub(ts, &bootuptime, ts);
	time_uptime = ts->tv_sec;
}

void
getnanouptime(struct timespec *ts)
{

	nanouptime(ts);
}

void
getmicrouptime(struct timeval *tv)
{
	struct timespec ts;

	nanouptime(&ts);
	TIMESPEC_TO_TIMEVAL(tv, &ts);
}

int
getticks(void)
{
	struct timespec ts;

	nanouptime(&ts);
	return (int)(ts.tv_sec * hz + ts.tv_nsec / (1000000000L / hz));
}

int
tstohz(const struct timespec *ts)
{
	int64_t t;

	t = ts->tv_sec * hz + (ts->tv_nsec + (1000000000L / hz) - 1) /
	    (1000000000L / hz);
	if (t > INT_MAX)
		return INT_MAX;
	return (int)t;
}

int
tvtohz(const struct timeval *tv)
{
	struct timespec ts;

	TIMEVAL_TO_TIMESPEC(tv, &ts);
	return tstohz(&ts);
}

void
kern_time_init(void)
{
	int64_t sec;
	long nsec;

	rumpuser_clock_gettime(RUMPUSER_CLOCK_ABSMONO, &sec, &nsec);
	bootuptime.tv_sec = sec;
	bootuptime.tv_nsec = nsec;
	nanotime(&boottime);
}

/*
 * The elevator's status under sysctl: elevator.state, floor, load,
 * riding, waiting, issued, serviced, peakload, stopping, maxload
 * (read-only) and elevator.delay, the ticks a move takes (read-write).
 * Values are read under el_lock, so one read is never torn by the thread.
 */
#include <sys/param.h>
#include <sys/types.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/sysctl.h>

#include "elevator.h"

static struct sysctllog *elevator_clog;

/* Read an int field of struct elevator (sysctl_data points at it). */
static int
elevator_sysctl_int(SYSCTLFN_ARGS)
{
	struct sysctlnode node = *rnode;
	const int *field = rnode->sysctl_data;
	int v;

	mutex_enter(&elevator.el_lock);
	v = *field;
	mutex_exit(&elevator.el_lock);
	node.sysctl_data = &v;
	return sysctl_lookup(SYSCTLFN_CALL(&node));
}

/* elevator.state: offline, idle, loading, up or down. */
static int
elevator_sysctl_state(SYSCTLFN_ARGS)
{
	struct sysctlnode node = *rnode;
	char buf[16];

	mutex_enter(&elevator.el_lock);
	strlcpy(buf, elevator_statename(elevator.el_state), sizeof(buf));
	mutex_exit(&elevator.el_lock);
	node.sysctl_data = buf;
	node.sysctl_size = sizeof(buf);
	return sysctl_lookup(SYSCTLFN_CALL(&node));
}

/* elevator.delay: ticks per floor and per stop, 1 to 10 seconds' worth. */
static int
elevator_sysctl_delay(SYSCTLFN_ARGS)
{
	struct sysctlnode node = *rnode;
	int v, error;

	mutex_enter(&elevator.el_lock);
	v = elevator.el_delay;
	mutex_exit(&elevator.el_lock);
	node.sysctl_data = &v;
	error = sysctl_lookup(SYSCTLFN_CALL(&node));
	if (error != 0 || newp == NULL)
		return error;
	if (v < 1 || v > 10 * hz)
		return EINVAL;
	mutex_enter(&elevator.el_lock);
	elevator.el_delay = v;
	mutex_exit(&elevator.el_lock);
	return 0;
}

static const struct {
	const char	*name;
	const char	*desc;
	int		*field;
} elevator_intnodes[] = {
	{ "floor",	"Floor the car is at",		&elevator.el_floor },
	{ "load",	"Weight in the car",		&elevator.el_load },
	{ "riding",	"Passengers in the car",	&elevator.el_nriding },
	{ "waiting",	"Passengers waiting on floors",	&elevator.el_nwaiting },
	{ "issued",	"Requests accepted",		&elevator.el_issued },
	{ "serviced",	"Passengers delivered",		&elevator.el_serviced },
	{ "peakload",	"Highest weight ever in the car", &elevator.el_peakload },
	{ "stopping",	"1 while stop_elevator() delivers the last ones", &elevator.el_stopping },
};

static int elevator_maxload = ELEVATOR_MAXLOAD;

/*
 * Create the nodes.  Returns 0 or the errno of sysctl_createv (EEXIST
 * if another elevator is there).
 */
int
elevator_sysctl_init(void)
{
	const struct sysctlnode *rnode = NULL;
	size_t i;
	int error;

	error = sysctl_createv(&elevator_clog, 0, NULL, &rnode,
	    CTLFLAG_READONLY, CTLTYPE_NODE, "elevator",
	    SYSCTL_DESCR("The elevator example"),
	    NULL, 0, NULL, 0, CTL_CREATE, CTL_EOL);
	if (error != 0)
		goto fail;
	error = sysctl_createv(&elevator_clog, 0, &rnode, NULL,
	    CTLFLAG_READONLY, CTLTYPE_STRING, "state",
	    SYSCTL_DESCR("What the car does"),
	    elevator_sysctl_state, 0, NULL, 16, CTL_CREATE, CTL_EOL);
	if (error != 0)
		goto fail;
	for (i = 0; i < __arraycount(elevator_intnodes); i++) {
		error = sysctl_createv(&elevator_clog, 0, &rnode, NULL,
		    CTLFLAG_READONLY, CTLTYPE_INT, elevator_intnodes[i].name,
		    SYSCTL_DESCR(elevator_intnodes[i].desc),
		    elevator_sysctl_int, 0, elevator_intnodes[i].field, 0,
		    CTL_CREATE, CTL_EOL);
		if (error != 0)
			goto fail;
	}
	error = sysctl_createv(&elevator_clog, 0, &rnode, NULL,
	    CTLFLAG_READONLY, CTLTYPE_INT, "maxload",
	    SYSCTL_DESCR("Most weight the car carries"),
	    NULL, 0, &elevator_maxload, 0, CTL_CREATE, CTL_EOL);
	if (error != 0)
		goto fail;
	error = sysctl_createv(&elevator_clog, 0, &rnode, NULL,
	    CTLFLAG_READWRITE, CTLTYPE_INT, "delay",
	    SYSCTL_DESCR("Ticks per floor and per stop"),
	    elevator_sysctl_delay, 0, &elevator.el_delay, 0,
	    CTL_CREATE, CTL_EOL);
	if (error != 0)
		goto fail;
	return 0;

 fail:
	sysctl_teardown(&elevator_clog);
	return error;
}

void
elevator_sysctl_fini(void)
{

	sysctl_teardown(&elevator_clog);
}

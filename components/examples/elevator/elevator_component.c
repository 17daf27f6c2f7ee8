/*
 * The elevator component: its state, and registration with the kernel.
 *
 * Initialising the component makes its system calls and sysctl nodes
 * exist; until then (or in a kernel without this library) the three
 * calls return ENOSYS.  At halt, a running elevator is stopped at once,
 * whoever is still waiting or riding is dropped, and nothing it
 * allocated is left behind.
 */
#include <sys/param.h>
#include <sys/types.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/kmem.h>
#include <sys/kthread.h>
#include <sys/syscallvar.h>
#include <sys/rump_component.h>

#include "elevator.h"

struct elevator elevator;
static bool elevator_attached;	/* init succeeded: fini has work */

/* Ticks the car takes per floor, and per stop, unless elevator.delay says otherwise. */
#define	ELEVATOR_DEFAULT_DELAY_MS	100

static void
elevator_fini(void)
{
	struct elevator *el = &elevator;
	struct lwp *l;
	int error = 0, tries;

	if (!elevator_attached)
		return;
	elevator_attached = false;

	/*
	 * Stop the thread at once.  If a stop_elevator() call is already
	 * joining it, let that call finish the join and wait for it.
	 */
	mutex_enter(&el->el_lock);
	el->el_halting = true;
	cv_broadcast(&el->el_workcv);
	if (el->el_lwp != NULL && !el->el_stopping) {
		el->el_stopping = 1;
		l = el->el_lwp;
		mutex_exit(&el->el_lock);
		(void)kthread_join(l);
		mutex_enter(&el->el_lock);
		el->el_lwp = NULL;
		el->el_stopping = 0;
		el->el_state = ELEVATOR_OFFLINE;
		cv_broadcast(&el->el_donecv);
	}
	while (el->el_lwp != NULL)
		cv_wait(&el->el_donecv, &el->el_lock);
	mutex_exit(&el->el_lock);

	/*
	 * Calls that are still on their way out (a stop that just joined,
	 * a request refused because of the halt) finish within a tick or two.
	 */
	for (tries = 0; tries < 5 * hz; tries++) {
		error = syscall_disestablish(NULL, rumpdev_elevator_syscalls);
		if (error != EBUSY)
			break;
		kpause("elevfin", false, 1, NULL);
	}
	elevator_sysctl_fini();
	if (error != 0) {
		/* XXX Someone is still inside: leave the lock for them. */
		printf("elevator: system calls still busy at halt (error %d)\n",
		    error);
		return;
	}

	mutex_enter(&el->el_lock);
	if (el->el_nriding + el->el_nwaiting != 0)
		printf("elevator: halted with %d riding and %d waiting\n",
		    el->el_nriding, el->el_nwaiting);
	elevator_free_all(el);
	mutex_exit(&el->el_lock);
	cv_destroy(&el->el_donecv);
	cv_destroy(&el->el_workcv);
	mutex_destroy(&el->el_lock);
}

/*
 * The component: an idle elevator on floor 1, its sysctl nodes and its
 * system calls.
 */
RUMP_COMPONENT_FULL(RUMP_COMPONENT_DEV, rumpdev_elevator, NULL, 0,
    elevator_fini)
{
	struct elevator *el = &elevator;
	int error, i;

	memset(el, 0, sizeof(*el));
	mutex_init(&el->el_lock, MUTEX_DEFAULT, IPL_NONE);
	cv_init(&el->el_workcv, "elevwork");
	cv_init(&el->el_donecv, "elevdone");
	el->el_state = ELEVATOR_OFFLINE;
	el->el_floor = 1;
	el->el_delay = mstohz(ELEVATOR_DEFAULT_DELAY_MS);
	TAILQ_INIT(&el->el_car);
	for (i = 0; i <= ELEVATOR_NFLOORS; i++)
		TAILQ_INIT(&el->el_floors[i]);

	error = elevator_sysctl_init();
	if (error != 0)
		goto fail;
	error = syscall_establish(NULL, rumpdev_elevator_syscalls);
	if (error != 0) {
		elevator_sysctl_fini();
		goto fail;
	}
	elevator_attached = true;
	return 0;

 fail:
	cv_destroy(&el->el_donecv);
	cv_destroy(&el->el_workcv);
	mutex_destroy(&el->el_lock);
	return error;
}

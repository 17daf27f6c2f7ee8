/*
 * The elevator's system calls: start_elevator(), issue_request() and
 * stop_elevator().  The build generates the syscall package
 * rumpdev_elevator_syscalls from kernel/syscalls.master; the component
 * establishes it at init.
 */
#include <sys/param.h>
#include <sys/types.h>
#include <sys/systm.h>
#include <sys/errno.h>
#include <sys/kmem.h>
#include <sys/kthread.h>
#include <sys/syscallargs.h>

#include "elevator.h"

/*
 * start_elevator(): create the kernel thread that runs the car.
 * Returns EBUSY if it is running (or still stopping), ENXIO while the
 * kernel halts, EAGAIN if no thread could be created.
 */
int
sys_start_elevator(struct lwp *l, const void *v, register_t *retval)
{
	struct elevator *el = &elevator;
	int error;

	retval[0] = 0;
	mutex_enter(&el->el_lock);
	if (el->el_halting) {
		error = ENXIO;
		goto out;
	}
	if (el->el_lwp != NULL) {
		error = EBUSY;
		goto out;
	}
	el->el_state = ELEVATOR_IDLE;
	el->el_dir = 0;
	/*
	 * The thread starts by taking el_lock, so it cannot run before
	 * el_lwp is set here.
	 */
	error = kthread_create(PRI_NONE, KTHREAD_MPSAFE | KTHREAD_MUSTJOIN,
	    NULL, elevator_thread, el, &el->el_lwp, "elevator");
	if (error != 0) {
		el->el_lwp = NULL;
		el->el_state = ELEVATOR_OFFLINE;
	}
 out:
	mutex_exit(&el->el_lock);
	return error;
}

/*
 * issue_request(type, start, destination): a passenger of the type
 * waits on floor start to go to floor destination.  Accepted whether
 * the elevator runs or not; it is served once it runs.  Returns EINVAL
 * for an unknown type or a floor outside 1..ELEVATOR_NFLOORS, ENXIO while
 * the kernel halts.
 */
int
sys_issue_request(struct lwp *l, const struct sys_issue_request_args *uap,
    register_t *retval)
{
	struct elevator *el = &elevator;
	struct elevator_passenger *ep;
	int type = SCARG(uap, passenger_type);
	int start = SCARG(uap, start_floor);
	int dest = SCARG(uap, destination_floor);

	retval[0] = 0;
	if (type < 0 || type >= ELEVATOR_NTYPES ||
	    start < 1 || start > ELEVATOR_NFLOORS ||
	    dest < 1 || dest > ELEVATOR_NFLOORS)
		return EINVAL;

	ep = kmem_zalloc(sizeof(*ep), KM_SLEEP);
	ep->ep_type = type;
	ep->ep_start = start;
	ep->ep_dest = dest;

	mutex_enter(&el->el_lock);
	if (el->el_halting) {
		mutex_exit(&el->el_lock);
		kmem_free(ep, sizeof(*ep));
		return ENXIO;
	}
	ep->ep_seq = el->el_nextseq++;
	TAILQ_INSERT_TAIL(&el->el_floors[start], ep, ep_entries);
	el->el_nwaiting++;
	el->el_issued++;
	cv_signal(&el->el_workcv);
	mutex_exit(&el->el_lock);
	return 0;
}

/*
 * stop_elevator(): serve every passenger issued before this call (riding
 * or waiting), then end the thread and wait for it (kthread_join).
 * Requests issued meanwhile wait for the next start.  Returns 0 (also
 * when the elevator is not running), EALREADY if another stop is under
 * way, EINTR if the kernel halted before everyone was delivered.
 */
int
sys_stop_elevator(struct lwp *l, const void *v, register_t *retval)
{
	struct elevator *el = &elevator;
	struct lwp *t;
	int error, serviced;

	retval[0] = 0;
	mutex_enter(&el->el_lock);
	if (el->el_lwp == NULL) {
		mutex_exit(&el->el_lock);
		return 0;
	}
	if (el->el_stopping) {
		mutex_exit(&el->el_lock);
		return EALREADY;
	}
	el->el_stopping = 1;
	el->el_stopseq = el->el_nextseq;
	t = el->el_lwp;
	cv_broadcast(&el->el_workcv);
	mutex_exit(&el->el_lock);

	(void)kthread_join(t);

	mutex_enter(&el->el_lock);
	KASSERT(el->el_lwp == t);
	el->el_lwp = NULL;
	el->el_stopping = 0;
	el->el_state = ELEVATOR_OFFLINE;
	el->el_dir = 0;
	serviced = el->el_serviced;
	/* The halt cut the deliveries short. */
	error = el->el_halting ? EINTR : 0;
	cv_broadcast(&el->el_donecv);
	mutex_exit(&el->el_lock);
	if (error == 0)
		aprint_verbose("elevator: stopped, %d passengers serviced\n",
		    serviced);
	return error;
}

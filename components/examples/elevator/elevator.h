/*
 * The elevator example: a car serving floors 1 to ELEVATOR_NFLOORS,
 * driven by a kernel thread, fed by the issue_request() system call.
 *
 * Everything in struct elevator is protected by el_lock.  The kernel
 * thread sleeps on el_workcv while there is nothing to do; whoever waits
 * for the thread to go away (a second stop, the halt) sleeps on el_donecv.
 */
#ifndef _ELEVATOR_H_
#define _ELEVATOR_H_

#include <sys/types.h>
#include <sys/queue.h>
#include <sys/mutex.h>
#include <sys/condvar.h>

#include "elevator_defs.h"

/* What the car is doing (elevator.state). */
enum elevator_state {
	ELEVATOR_OFFLINE,	/* no kernel thread */
	ELEVATOR_IDLE,		/* the thread waits for requests */
	ELEVATOR_LOADING,	/* passengers get on and off */
	ELEVATOR_UP,		/* moving up one floor */
	ELEVATOR_DOWN		/* moving down one floor */
};

/* The weight and space of one passenger type. */
struct elevator_ptype {
	const char	*pt_name;
	int		 pt_weight;
	int		 pt_space;
};
extern const struct elevator_ptype elevator_ptypes[ELEVATOR_NTYPES];

/* A request: a passenger waiting on ep_start or riding to ep_dest. */
struct elevator_passenger {
	TAILQ_ENTRY(elevator_passenger) ep_entries;	/* on a floor or in the car */
	int		 ep_type;	/* ELEVATOR_ADULT, ... */
	int		 ep_start;	/* floor it waits on */
	int		 ep_dest;	/* floor it rides to */
	uint64_t	 ep_seq;	/* order of issue; stop serves those before it */
};
TAILQ_HEAD(elevator_queue, elevator_passenger);

struct elevator {
	kmutex_t	 el_lock;
	kcondvar_t	 el_workcv;	/* the thread waits for work */
	kcondvar_t	 el_donecv;	/* waiters for the thread's exit */
	struct lwp	*el_lwp;	/* the thread, until it is joined */
	enum elevator_state el_state;
	int		 el_stopping;	/* stop: deliver those issued before it, exit */
	bool		 el_halting;	/* halt: exit at once */
	uint64_t	 el_nextseq;	/* ep_seq of the next request */
	uint64_t	 el_stopseq;	/* while stopping: serve ep_seq below this */
	int		 el_floor;	/* where the car is, 1..ELEVATOR_NFLOORS */
	int		 el_dir;	/* 1 up, -1 down, 0 none */
	int		 el_load;	/* weight on board */
	int		 el_space;	/* space taken on board */
	int		 el_peakload;	/* highest el_load ever */
	int		 el_nriding;	/* passengers in the car */
	int		 el_nwaiting;	/* passengers on the floors */
	int		 el_issued;	/* requests accepted */
	int		 el_serviced;	/* passengers delivered */
	int		 el_delay;	/* ticks per floor and per stop */
	struct elevator_queue el_car;
	struct elevator_queue el_floors[ELEVATOR_NFLOORS + 1];	/* [0] unused */
};

extern struct elevator elevator;

/* elevator_thread.c */
void	elevator_thread(void *);
const char *elevator_statename(enum elevator_state);
void	elevator_free_all(struct elevator *);

/* elevator_sysctl.c */
int	elevator_sysctl_init(void);
void	elevator_sysctl_fini(void);

#endif /* !_ELEVATOR_H_ */

/*
 * The kernel thread that runs the car.
 *
 * At each floor it lets off those who arrived, then lets on those
 * waiting there, first come first served, as long as the next one fits
 * under ELEVATOR_MAXLOAD and ELEVATOR_MAXSPACE.  It keeps going the way
 * it goes while anyone in the car or waiting ahead needs it there, turns
 * around when nobody does, and sleeps when nobody needs it anywhere
 * (LOOK scheduling).  A move takes el_delay ticks (kpause), and so does
 * a stop where someone gets on or off.
 *
 * With el_stopping set it serves only the passengers issued before the
 * stop and exits when they are all delivered; with el_halting set it
 * exits at once.
 */
#include <sys/param.h>
#include <sys/types.h>
#include <sys/systm.h>
#include <sys/kmem.h>
#include <sys/kthread.h>

#include "elevator.h"

const struct elevator_ptype elevator_ptypes[ELEVATOR_NTYPES] = {
	[ELEVATOR_ADULT] =		{ "adult",		2, 1 },
	[ELEVATOR_CHILD] =		{ "child",		1, 1 },
	[ELEVATOR_ROOM_SERVICE] =	{ "room service",	4, 2 },
	[ELEVATOR_BELLHOP] =		{ "bellhop",		8, 2 },
};

const char *
elevator_statename(enum elevator_state state)
{

	switch (state) {
	case ELEVATOR_OFFLINE:
		return "offline";
	case ELEVATOR_IDLE:
		return "idle";
	case ELEVATOR_LOADING:
		return "loading";
	case ELEVATOR_UP:
		return "up";
	case ELEVATOR_DOWN:
		return "down";
	}
	return "unknown";
}

/* May this passenger be served now?  Not if it came after a stop. */
static bool
elevator_eligible(const struct elevator *el,
    const struct elevator_passenger *ep)
{

	return !el->el_stopping || ep->ep_seq < el->el_stopseq;
}

/*
 * Does anyone need the car at floor f: a rider going there, or someone
 * eligible waiting there?  Floors queue in order of issue, so the head
 * decides eligibility.
 */
static bool
elevator_needed_at(const struct elevator *el, int f)
{
	const struct elevator_passenger *ep;

	ep = TAILQ_FIRST(&el->el_floors[f]);
	if (ep != NULL && elevator_eligible(el, ep))
		return true;
	TAILQ_FOREACH(ep, &el->el_car, ep_entries)
		if (ep->ep_dest == f)
			return true;
	return false;
}

static bool
elevator_needed_beyond(const struct elevator *el, int dir)
{
	int f;

	for (f = el->el_floor + dir; f >= 1 && f <= ELEVATOR_NFLOORS; f += dir)
		if (elevator_needed_at(el, f))
			return true;
	return false;
}

/* Let off the riders whose floor this is; returns how many. */
static int
elevator_unload(struct elevator *el)
{
	struct elevator_passenger *ep, *next;
	const struct elevator_ptype *pt;
	int n = 0;

	TAILQ_FOREACH_SAFE(ep, &el->el_car, ep_entries, next) {
		if (ep->ep_dest != el->el_floor)
			continue;
		pt = &elevator_ptypes[ep->ep_type];
		TAILQ_REMOVE(&el->el_car, ep, ep_entries);
		el->el_load -= pt->pt_weight;
		el->el_space -= pt->pt_space;
		el->el_nriding--;
		el->el_serviced++;
		kmem_free(ep, sizeof(*ep));
		n++;
	}
	KASSERT(el->el_load >= 0 && el->el_space >= 0 && el->el_nriding >= 0);
	return n;
}

/* Let on who waits here, in order, while the next one fits; returns how many. */
static int
elevator_load(struct elevator *el)
{
	struct elevator_queue *q = &el->el_floors[el->el_floor];
	struct elevator_passenger *ep;
	const struct elevator_ptype *pt;
	int n = 0;

	while ((ep = TAILQ_FIRST(q)) != NULL && elevator_eligible(el, ep)) {
		pt = &elevator_ptypes[ep->ep_type];
		if (el->el_load + pt->pt_weight > ELEVATOR_MAXLOAD ||
		    el->el_space + pt->pt_space > ELEVATOR_MAXSPACE)
			break;
		TAILQ_REMOVE(q, ep, ep_entries);
		el->el_nwaiting--;
		TAILQ_INSERT_TAIL(&el->el_car, ep, ep_entries);
		el->el_nriding++;
		el->el_load += pt->pt_weight;
		el->el_space += pt->pt_space;
		if (el->el_load > el->el_peakload)
			el->el_peakload = el->el_load;
		n++;
	}
	KASSERT(el->el_load <= ELEVATOR_MAXLOAD);
	KASSERT(el->el_space <= ELEVATOR_MAXSPACE);
	return n;
}

/* Which way now: on while needed ahead, else back, else 0. */
static int
elevator_direction(const struct elevator *el)
{

	if (el->el_dir != 0 && elevator_needed_beyond(el, el->el_dir))
		return el->el_dir;
	if (elevator_needed_beyond(el, 1))
		return 1;
	if (elevator_needed_beyond(el, -1))
		return -1;
	return 0;
}

/*
 * The thread's body.  Holds el_lock except while it pauses or sleeps.
 */
void
elevator_thread(void *arg)
{
	struct elevator *el = arg;
	int moved;

	mutex_enter(&el->el_lock);
	while (!el->el_halting) {
		/*
		 * Someone who boards for this very floor gets off after
		 * the pause, on the next round.
		 */
		moved = elevator_unload(el) + elevator_load(el);
		if (moved != 0) {
			el->el_state = ELEVATOR_LOADING;
			kpause("elevload", false, el->el_delay, &el->el_lock);
			continue;
		}
		el->el_dir = elevator_direction(el);
		if (el->el_dir == 0) {
			if (el->el_stopping)
				break;
			el->el_state = ELEVATOR_IDLE;
			cv_wait(&el->el_workcv, &el->el_lock);
			continue;
		}
		el->el_state = el->el_dir > 0 ? ELEVATOR_UP : ELEVATOR_DOWN;
		kpause("elevmove", false, el->el_delay, &el->el_lock);
		if (el->el_halting)
			break;
		el->el_floor += el->el_dir;
		KASSERT(el->el_floor >= 1 && el->el_floor <= ELEVATOR_NFLOORS);
	}
	el->el_state = ELEVATOR_OFFLINE;
	el->el_dir = 0;
	mutex_exit(&el->el_lock);
	kthread_exit(0);
}

/* Drop every passenger, riding or waiting.  Caller holds el_lock; no thread runs. */
void
elevator_free_all(struct elevator *el)
{
	struct elevator_passenger *ep;
	int f;

	KASSERT(mutex_owned(&el->el_lock));
	while ((ep = TAILQ_FIRST(&el->el_car)) != NULL) {
		TAILQ_REMOVE(&el->el_car, ep, ep_entries);
		kmem_free(ep, sizeof(*ep));
	}
	for (f = 1; f <= ELEVATOR_NFLOORS; f++)
		while ((ep = TAILQ_FIRST(&el->el_floors[f])) != NULL) {
			TAILQ_REMOVE(&el->el_floors[f], ep, ep_entries);
			kmem_free(ep, sizeof(*ep));
		}
	el->el_nriding = el->el_nwaiting = 0;
	el->el_load = el->el_space = 0;
}

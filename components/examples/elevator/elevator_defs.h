/*
 * The elevator's interface constants, shared by the kernel and (as
 * RUMP_ELEVATOR_* in <rump/rumpdefs.h>) by host programs.
 */
#ifndef _ELEVATOR_DEFS_H_
#define _ELEVATOR_DEFS_H_

/* Passenger types: the first argument of issue_request(). */
#define	ELEVATOR_ADULT		0	/* weight 2, space 1 */
#define	ELEVATOR_CHILD		1	/* weight 1, space 1 */
#define	ELEVATOR_ROOM_SERVICE	2	/* weight 4, space 2 (with a cart) */
#define	ELEVATOR_BELLHOP	3	/* weight 8, space 2 (with luggage) */
#define	ELEVATOR_NTYPES		4

/* Floors are numbered 1 to ELEVATOR_NFLOORS. */
#define	ELEVATOR_NFLOORS	10

/* What the car may carry, in the units above. */
#define	ELEVATOR_MAXLOAD	16	/* weight */
#define	ELEVATOR_MAXSPACE	8	/* space */

#endif /* !_ELEVATOR_DEFS_H_ */

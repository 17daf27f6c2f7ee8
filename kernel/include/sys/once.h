/*
 * once(9): run an init function exactly once.
 */
#ifndef _SYS_ONCE_H_
#define _SYS_ONCE_H_

typedef struct {
	int	o_status;
	int	o_error;
} once_t;

#define	ONCE_DECL(o)	once_t (o) = { 0, 0 };
#define	RUN_ONCE(o, fn)	\
	(__predict_true((o)->o_status == 2) ? (o)->o_error : _init_once((o), (fn)))

int	_init_once(once_t *, int (*)(void));

#endif /* !_SYS_ONCE_H_ */

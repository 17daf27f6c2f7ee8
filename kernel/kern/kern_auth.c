/*
 * kauth(9): credentials.  The superuser may do anything; everyone else
 * gets the answer the caller computed (or EPERM where there is none).
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kauth.h>
#include <sys/kmem.h>
#include <sys/proc.h>
#include <sys/lwp.h>

#include "rump_private.h"

struct kauth_cred {
	volatile u_int	cr_refcnt;
	uid_t		cr_uid;
	uid_t		cr_euid;
	uid_t		cr_svuid;
	gid_t		cr_gid;
	gid_t		cr_egid;
	gid_t		cr_svgid;
	u_int		cr_ngroups;
	gid_t		cr_groups[NGROUPS];
};

kauth_cred_t
kauth_cred_alloc(void)
{
	kauth_cred_t cred;

	cred = kmem_alloc_noleak(sizeof(*cred), "kauth_cred_alloc");
	cred->cr_refcnt = 1;
	return cred;
}

/* Root, for proc0. */
kauth_cred_t
kauth_cred_boot(void)
{

	return kauth_cred_alloc();
}

kauth_cred_t
kauth_cred_dup(kauth_cred_t src)
{
	kauth_cred_t cred = kauth_cred_alloc();

	*cred = *src;
	cred->cr_refcnt = 1;
	return cred;
}

void
kauth_cred_hold(kauth_cred_t cred)
{

	KASSERT(cred != NULL && cred != NOCRED && cred != FSCRED);
	__atomic_add_fetch(&cred->cr_refcnt, 1, __ATOMIC_SEQ_CST);
}

void
kauth_cred_free(kauth_cred_t cred)
{

	if (cred == NULL || cred == NOCRED || cred == FSCRED)
		return;
	if (__atomic_sub_fetch(&cred->cr_refcnt, 1, __ATOMIC_SEQ_CST) == 0)
		kmem_free_noleak(cred, sizeof(*cred));
}

kauth_cred_t
kauth_cred_get(void)
{
	struct lwp *l = curlwp;

	return l != NULL ? l->l_cred : proc0.p_cred;
}

#define	CRED_GET(name, field, type)					\
type									\
kauth_cred_get##name(kauth_cred_t cred)					\
{									\
	if (cred == NOCRED || cred == FSCRED)				\
		return 0;						\
	return cred->field;						\
}
#define	CRED_SET(name, field, type)					\
void									\
kauth_cred_set##name(kauth_cred_t cred, type v)				\
{									\
	cred->field = v;						\
}

CRED_GET(uid, cr_uid, uid_t)
CRED_GET(euid, cr_euid, uid_t)
CRED_GET(svuid, cr_svuid, uid_t)
CRED_GET(gid, cr_gid, gid_t)
CRED_GET(egid, cr_egid, gid_t)
CRED_GET(svgid, cr_svgid, gid_t)
CRED_SET(uid, cr_uid, uid_t)
CRED_SET(euid, cr_euid, uid_t)
CRED_SET(svuid, cr_svuid, uid_t)
CRED_SET(gid, cr_gid, gid_t)
CRED_SET(egid, cr_egid, gid_t)
CRED_SET(svgid, cr_svgid, gid_t)

u_int
kauth_cred_ngroups(kauth_cred_t cred)
{

	return cred->cr_ngroups;
}

int
kauth_cred_setgroups(kauth_cred_t cred, const gid_t *groups, u_int n)
{
	u_int i;

	if (n > NGROUPS)
		return EINVAL;
	for (i = 0; i < n; i++)
		cred->cr_groups[i] = groups[i];
	cred->cr_ngroups = n;
	return 0;
}

gid_t
kauth_cred_group(kauth_cred_t cred, u_int idx)
{

	KASSERT(idx < cred->cr_ngroups);
	return cred->cr_groups[idx];
}

int
kauth_cred_ismember_gid(kauth_cred_t cred, gid_t gid, int *resultp)
{
	u_int i;

	*resultp = 0;
	if (cred == NOCRED || cred == FSCRED)
		return 0;
	if (cred->cr_egid == gid) {
		*resultp = 1;
		return 0;
	}
	for (i = 0; i < cred->cr_ngroups; i++)
		if (cred->cr_groups[i] == gid)
			*resultp = 1;
	return 0;
}

int
kauth_cred_uidmatch(kauth_cred_t a, kauth_cred_t b)
{

	return a->cr_uid == b->cr_uid || a->cr_euid == b->cr_uid ||
	    a->cr_uid == b->cr_euid || a->cr_euid == b->cr_euid;
}

static bool
cred_issuser(kauth_cred_t cred)
{

	return cred == NOCRED || cred == FSCRED || cred->cr_euid == 0;
}

int
kauth_authorize_generic(kauth_cred_t cred, kauth_action_t action, void *arg)
{

	if (action == KAUTH_GENERIC_ISSUSER)
		return cred_issuser(cred) ? 0 : EPERM;
	return EPERM;
}

int
kauth_authorize_system(kauth_cred_t cred, kauth_action_t action, int req,
    void *a1, void *a2, void *a3)
{

	return cred_issuser(cred) ? 0 : EPERM;
}

int
kauth_authorize_process(kauth_cred_t cred, kauth_action_t action,
    struct proc *p, void *a1, void *a2, void *a3)
{

	if (action == KAUTH_PROCESS_CANSEE)
		return 0;
	return cred_issuser(cred) ? 0 : EPERM;
}

int
kauth_authorize_vnode(kauth_cred_t cred, kauth_action_t action,
    struct vnode *vp, struct vnode *dvp, int fs_decision)
{

	if (cred_issuser(cred))
		return 0;
	return fs_decision;
}

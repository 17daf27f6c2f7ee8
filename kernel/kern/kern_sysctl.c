/*
 * sysctl(9): the tree of named kernel values and the __sysctl system call.
 *
 * Each node lives in its own allocation (struct snode), so the pointers
 * sysctl_createv() hands out stay valid while siblings come and go.
 * Handlers (sysctl_func) see kernel buffers: __sysctl copies the request
 * in before and the answer out after.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/sysctl.h>
#include <sys/kmem.h>
#include <sys/mutex.h>
#include <sys/proc.h>
#include <sys/lwp.h>
#include <sys/kauth.h>
#include <sys/filedesc.h>
#include <sys/syscallargs.h>

#include <rump/rump.h>

#include "rump_private.h"

#define	SYSCTL_CREATE_BASE	1024	/* first number CTL_CREATE hands out */
#define	SYSCTL_MAXREQ		(1024 * 1024)	/* largest answer __sysctl copies */

struct snode {
	struct sysctlnode	 sn_node;	/* what callers see */
	struct snode		*sn_parent;
	struct snode		**sn_kids;
	u_int			 sn_nkids;
	u_int			 sn_cap;
	void			*sn_owndata;	/* CTLFLAG_OWNDATA copy */
	size_t			 sn_owndatalen;
};
#define	SNODE(n)	((struct snode *)__UNCONST(n))

struct sysctllog {
	struct snode	**sl_nodes;
	u_int		  sl_n;
	u_int		  sl_cap;
};

static struct snode	sysctl_root;
static krwlock_t	sysctl_treelock;

static struct snode *
snode_child(struct snode *sn, int num)
{
	u_int i;

	for (i = 0; i < sn->sn_nkids; i++)
		if (sn->sn_kids[i]->sn_node.sysctl_num == num)
			return sn->sn_kids[i];
	return NULL;
}

static struct snode *
snode_child_byname(struct snode *sn, const char *name, size_t len)
{
	u_int i;

	for (i = 0; i < sn->sn_nkids; i++) {
		const char *n = sn->sn_kids[i]->sn_node.sysctl_name;

		if (strncmp(n, name, len) == 0 && n[len] == '\0')
			return sn->sn_kids[i];
	}
	return NULL;
}

static void
snode_addchild(struct snode *parent, struct snode *sn)
{
	struct snode **nk;
	u_int ncap;

	if (parent->sn_nkids == parent->sn_cap) {
		ncap = parent->sn_cap == 0 ? 8 : parent->sn_cap * 2;
		nk = kmem_alloc_noleak(ncap * sizeof(*nk), "sysctl");
		if (parent->sn_nkids > 0)
			memcpy(nk, parent->sn_kids,
			    parent->sn_nkids * sizeof(*nk));
		if (parent->sn_cap > 0)
			kmem_free_noleak(parent->sn_kids,
			    parent->sn_cap * sizeof(*nk));
		parent->sn_kids = nk;
		parent->sn_cap = ncap;
	}
	parent->sn_kids[parent->sn_nkids++] = sn;
	parent->sn_node.sysctl_clen = parent->sn_nkids;
	parent->sn_node.sysctl_csize = parent->sn_cap;
	sn->sn_parent = parent;
	sn->sn_node.sysctl_parent = &parent->sn_node;
}

static void
snode_free(struct snode *sn)
{
	struct snode *parent = sn->sn_parent;
	u_int i;

	if (parent != NULL) {
		for (i = 0; i < parent->sn_nkids; i++) {
			if (parent->sn_kids[i] != sn)
				continue;
			memmove(&parent->sn_kids[i], &parent->sn_kids[i + 1],
			    (parent->sn_nkids - i - 1) * sizeof(sn));
			parent->sn_nkids--;
			parent->sn_node.sysctl_clen = parent->sn_nkids;
			break;
		}
	}
	while (sn->sn_nkids > 0)
		snode_free(sn->sn_kids[sn->sn_nkids - 1]);
	if (sn->sn_cap > 0)
		kmem_free_noleak(sn->sn_kids, sn->sn_cap * sizeof(sn));
	if (sn->sn_owndata != NULL)
		kmem_free_noleak(sn->sn_owndata, sn->sn_owndatalen);
	kmem_free_noleak(sn, sizeof(*sn));
}

int
sysctl_createv(struct sysctllog **log, int cflags,
    const struct sysctlnode **rnode, const struct sysctlnode **cnode,
    int flags, int type, const char *namep, const char *desc,
    sysctlfn func, u_quad_t qv, void *newp, size_t newlen, ...)
{
	int mib[CTL_MAXNAME], n = 0, i, num;
	struct snode *parent, *sn, *old;
	struct sysctllog *sl;
	va_list ap;
	u_int k;

	va_start(ap, newlen);
	while (n < CTL_MAXNAME && (mib[n] = va_arg(ap, int)) != CTL_EOL)
		n++;
	va_end(ap);
	if (n == 0 || n == CTL_MAXNAME || namep == NULL ||
	    strlen(namep) >= SYSCTL_NAMELEN)
		return EINVAL;

	rw_enter(&sysctl_treelock, RW_WRITER);
	parent = (rnode != NULL && *rnode != NULL) ? SNODE(*rnode) :
	    &sysctl_root;
	for (i = 0; i < n - 1; i++) {
		if ((parent = snode_child(parent, mib[i])) == NULL ||
		    SYSCTL_TYPE(parent->sn_node.sysctl_flags) != CTLTYPE_NODE) {
			rw_exit(&sysctl_treelock);
			return ENOENT;
		}
	}
	num = mib[n - 1];
	old = snode_child_byname(parent, namep, strlen(namep));
	if (old != NULL) {
		rw_exit(&sysctl_treelock);
		if (type == CTLTYPE_NODE &&
		    SYSCTL_TYPE(old->sn_node.sysctl_flags) == CTLTYPE_NODE &&
		    (num == CTL_CREATE || num == old->sn_node.sysctl_num)) {
			if (cnode != NULL)
				*cnode = &old->sn_node;
			return 0;
		}
		return EEXIST;
	}
	if (num == CTL_CREATE) {
		num = SYSCTL_CREATE_BASE;
		for (k = 0; k < parent->sn_nkids; k++)
			if (parent->sn_kids[k]->sn_node.sysctl_num >= num)
				num = parent->sn_kids[k]->sn_node.sysctl_num + 1;
	} else if (num < 0 || snode_child(parent, num) != NULL) {
		rw_exit(&sysctl_treelock);
		return num < 0 ? EINVAL : EEXIST;
	}

	sn = kmem_alloc_noleak(sizeof(*sn), "sysctl_createv");
	sn->sn_node.sysctl_flags = (uint32_t)(SYSCTL_TYPE(type) |
	    SYSCTL_FLAGS(flags));
	sn->sn_node.sysctl_num = num;
	strlcpy(sn->sn_node.sysctl_name, namep, SYSCTL_NAMELEN);
	sn->sn_node.sysctl_ver = SYSCTL_VERSION;
	sn->sn_node.sysctl_func = func;
	sn->sn_node.sysctl_desc = desc;
	switch (type) {
	case CTLTYPE_NODE:
		break;
	case CTLTYPE_INT:
		sn->sn_node.sysctl_size = sizeof(int);
		if (flags & CTLFLAG_IMMEDIATE)
			sn->sn_node.sysctl_idata = (int32_t)qv;
		else
			sn->sn_node.sysctl_data = newp;
		break;
	case CTLTYPE_QUAD:
		sn->sn_node.sysctl_size = sizeof(u_quad_t);
		if (flags & CTLFLAG_IMMEDIATE)
			sn->sn_node.sysctl_qdata = qv;
		else
			sn->sn_node.sysctl_data = newp;
		break;
	case CTLTYPE_BOOL:
		sn->sn_node.sysctl_size = sizeof(bool);
		if (flags & CTLFLAG_IMMEDIATE)
			sn->sn_node.sysctl_bdata = qv != 0;
		else
			sn->sn_node.sysctl_data = newp;
		break;
	case CTLTYPE_STRING:
		sn->sn_node.sysctl_size = newlen != 0 ? newlen :
		    (newp != NULL ? strlen(newp) + 1 : 0);
		sn->sn_node.sysctl_data = newp;
		break;
	case CTLTYPE_STRUCT:
		sn->sn_node.sysctl_size = newlen;
		sn->sn_node.sysctl_data = newp;
		break;
	default:
		rw_exit(&sysctl_treelock);
		kmem_free_noleak(sn, sizeof(*sn));
		return EINVAL;
	}
	if ((flags & CTLFLAG_OWNDATA) && newp != NULL &&
	    sn->sn_node.sysctl_size > 0) {
		sn->sn_owndatalen = sn->sn_node.sysctl_size;
		sn->sn_owndata = kmem_alloc_noleak(sn->sn_owndatalen,
		    "sysctl_createv");
		memcpy(sn->sn_owndata, newp, sn->sn_owndatalen);
		sn->sn_node.sysctl_data = sn->sn_owndata;
	}
	snode_addchild(parent, sn);
	rw_exit(&sysctl_treelock);

	if (log != NULL) {
		if (*log == NULL)
			*log = kmem_alloc_noleak(sizeof(**log), "sysctllog");
		sl = *log;
		if (sl->sl_n == sl->sl_cap) {
			struct snode **nn;
			u_int ncap = sl->sl_cap == 0 ? 8 : sl->sl_cap * 2;

			nn = kmem_alloc_noleak(ncap * sizeof(*nn), "sysctllog");
			if (sl->sl_n > 0)
				memcpy(nn, sl->sl_nodes, sl->sl_n * sizeof(*nn));
			if (sl->sl_cap > 0)
				kmem_free_noleak(sl->sl_nodes,
				    sl->sl_cap * sizeof(*nn));
			sl->sl_nodes = nn;
			sl->sl_cap = ncap;
		}
		sl->sl_nodes[sl->sl_n++] = sn;
	}
	if (cnode != NULL)
		*cnode = &sn->sn_node;
	return 0;
}

int
sysctl_destroyv(struct sysctlnode *rnode, ...)
{
	struct snode *sn = rnode != NULL ? SNODE(rnode) : &sysctl_root;
	va_list ap;
	int num;

	rw_enter(&sysctl_treelock, RW_WRITER);
	va_start(ap, rnode);
	while ((num = va_arg(ap, int)) != CTL_EOL) {
		if ((sn = snode_child(sn, num)) == NULL)
			break;
	}
	va_end(ap);
	if (sn == NULL || sn == &sysctl_root) {
		rw_exit(&sysctl_treelock);
		return ENOENT;
	}
	snode_free(sn);
	rw_exit(&sysctl_treelock);
	return 0;
}

static bool
snode_alive(struct snode *sn, struct snode *in)
{
	u_int i;

	if (sn == in)
		return true;
	for (i = 0; i < in->sn_nkids; i++)
		if (snode_alive(sn, in->sn_kids[i]))
			return true;
	return false;
}

void
sysctl_teardown(struct sysctllog **log)
{
	struct sysctllog *sl;

	if (log == NULL || (sl = *log) == NULL)
		return;
	rw_enter(&sysctl_treelock, RW_WRITER);
	while (sl->sl_n > 0) {
		struct snode *sn = sl->sl_nodes[--sl->sl_n];

		if (snode_alive(sn, &sysctl_root))
			snode_free(sn);
	}
	rw_exit(&sysctl_treelock);
	if (sl->sl_cap > 0)
		kmem_free_noleak(sl->sl_nodes, sl->sl_cap * sizeof(struct snode *));
	kmem_free_noleak(sl, sizeof(*sl));
	*log = NULL;
}

/*
 * The standard read and write of a leaf node.
 */
int
sysctl_lookup(SYSCTLFN_ARGS)
{
	const struct sysctlnode *node = rnode;
	int type = SYSCTL_TYPE(node->sysctl_flags);
	void *data;
	size_t sz;
	int error = 0;

	switch (type) {
	case CTLTYPE_INT:
		data = (node->sysctl_flags & CTLFLAG_IMMEDIATE) ?
		    __UNCONST(&node->sysctl_idata) : node->sysctl_data;
		sz = sizeof(int);
		break;
	case CTLTYPE_QUAD:
		data = (node->sysctl_flags & CTLFLAG_IMMEDIATE) ?
		    __UNCONST(&node->sysctl_qdata) : node->sysctl_data;
		sz = sizeof(u_quad_t);
		break;
	case CTLTYPE_BOOL:
		data = (node->sysctl_flags & CTLFLAG_IMMEDIATE) ?
		    __UNCONST(&node->sysctl_bdata) : node->sysctl_data;
		sz = sizeof(bool);
		break;
	case CTLTYPE_STRING:
		data = node->sysctl_data;
		sz = data != NULL ? strnlen(data, node->sysctl_size) + 1 : 1;
		break;
	case CTLTYPE_STRUCT:
		data = node->sysctl_data;
		sz = node->sysctl_size;
		break;
	default:
		return EISDIR;
	}
	if (data == NULL)
		return EOPNOTSUPP;

	if (oldlenp != NULL) {
		if (oldp != NULL) {
			if (*oldlenp < sz) {
				if (type == CTLTYPE_STRING && *oldlenp > 0) {
					memcpy(oldp, data, *oldlenp - 1);
					((char *)oldp)[*oldlenp - 1] = '\0';
				}
				error = ENOMEM;
			} else {
				memcpy(oldp, data, sz);
			}
		}
		*oldlenp = sz;
	}
	if (error != 0 || newp == NULL)
		return error;

	if ((node->sysctl_flags & CTLFLAG_READWRITE) == 0)
		return EPERM;
	if ((node->sysctl_flags & CTLFLAG_ANYWRITE) == 0 &&
	    kauth_authorize_system(l != NULL ? l->l_cred : NOCRED,
	    KAUTH_SYSTEM_SYSCTL, 0, NULL, NULL, NULL) != 0)
		return EPERM;
	switch (type) {
	case CTLTYPE_STRING:
		if (newlen == 0 || newlen > node->sysctl_size)
			return newlen == 0 ? EINVAL : ENAMETOOLONG;
		memcpy(data, newp, newlen);
		((char *)data)[MIN(newlen, node->sysctl_size - 1)] = '\0';
		if (newlen == node->sysctl_size)
			((char *)data)[newlen - 1] = '\0';
		break;
	default:
		if (newlen != sz)
			return EINVAL;
		memcpy(data, newp, sz);
		break;
	}
	return 0;
}

int
sysctl_needfunc(SYSCTLFN_ARGS)
{

	return EOPNOTSUPP;
}

int
sysctl_notavail(SYSCTLFN_ARGS)
{

	return EOPNOTSUPP;
}

/* CTL_QUERY: the children of sn as struct sysctlnode records. */
static int
sysctl_query(struct snode *sn, void *oldp, size_t *oldlenp)
{
	struct sysctlnode rec;
	size_t need, have, off = 0;
	u_int i, n = 0;

	for (i = 0; i < sn->sn_nkids; i++)
		if ((sn->sn_kids[i]->sn_node.sysctl_flags & CTLFLAG_HIDDEN) == 0)
			n++;
	need = n * sizeof(rec);
	if (oldlenp == NULL)
		return 0;
	have = *oldlenp;
	*oldlenp = need;
	if (oldp == NULL)
		return 0;
	for (i = 0; i < sn->sn_nkids && off + sizeof(rec) <= have; i++) {
		const struct sysctlnode *kn = &sn->sn_kids[i]->sn_node;

		if (kn->sysctl_flags & CTLFLAG_HIDDEN)
			continue;
		memset(&rec, 0, sizeof(rec));
		rec.sysctl_flags = kn->sysctl_flags;
		rec.sysctl_num = kn->sysctl_num;
		memcpy(rec.sysctl_name, kn->sysctl_name, SYSCTL_NAMELEN);
		rec.sysctl_ver = kn->sysctl_ver;
		rec.sysctl_size = kn->sysctl_size;
		if (SYSCTL_TYPE(kn->sysctl_flags) == CTLTYPE_NODE) {
			rec.sysctl_csize = kn->sysctl_csize;
			rec.sysctl_clen = kn->sysctl_clen;
		} else if (kn->sysctl_flags & CTLFLAG_IMMEDIATE) {
			rec.sysctl_qdata = kn->sysctl_qdata;
		}
		memcpy((char *)oldp + off, &rec, sizeof(rec));
		off += sizeof(rec);
	}
	return off < need ? ENOMEM : 0;
}

/*
 * Run a request against the tree, every buffer in kernel space.
 */
int
sysctl_dispatch(const int *name, u_int namelen, void *oldp, size_t *oldlenp,
    const void *newp, size_t newlen)
{
	struct snode *sn = &sysctl_root, *kid;
	struct lwp *l = curlwp;
	sysctlfn fn;
	u_int i;
	int error;

	if (namelen == 0 || namelen > CTL_MAXNAME)
		return EINVAL;
	rw_enter(&sysctl_treelock, RW_READER);
	for (i = 0; i < namelen; i++) {
		if (name[i] == CTL_QUERY) {
			error = i + 1 == namelen ?
			    sysctl_query(sn, oldp, oldlenp) : EINVAL;
			rw_exit(&sysctl_treelock);
			return error;
		}
		if ((kid = snode_child(sn, name[i])) == NULL) {
			rw_exit(&sysctl_treelock);
			return ENOENT;
		}
		sn = kid;
		/* A node with a handler still lists its children itself. */
		if (i + 2 == namelen && name[i + 1] == CTL_QUERY) {
			error = sysctl_query(sn, oldp, oldlenp);
			rw_exit(&sysctl_treelock);
			return error;
		}
		if ((fn = sn->sn_node.sysctl_func) != NULL) {
			/* Handlers may sleep and create nodes: no tree lock. */
			rw_exit(&sysctl_treelock);
			return fn(name + i + 1, namelen - i - 1, oldp, oldlenp,
			    newp, newlen, name, l, &sn->sn_node);
		}
		if (SYSCTL_TYPE(sn->sn_node.sysctl_flags) != CTLTYPE_NODE)
			break;
	}
	if (i + 1 < namelen) {
		rw_exit(&sysctl_treelock);
		return ENOTDIR;
	}
	if (SYSCTL_TYPE(sn->sn_node.sysctl_flags) == CTLTYPE_NODE) {
		rw_exit(&sysctl_treelock);
		return EISDIR;
	}
	error = sysctl_lookup(name + namelen, 0, oldp, oldlenp, newp, newlen,
	    name, l, &sn->sn_node);
	rw_exit(&sysctl_treelock);
	return error;
}

int
sysctl_nametomib(const char *name, int *mib, u_int *lenp)
{
	struct snode *sn = &sysctl_root;
	const char *p = name, *dot;
	u_int n = 0;
	size_t len;

	rw_enter(&sysctl_treelock, RW_READER);
	while (*p != '\0') {
		dot = strchr(p, '.');
		len = dot != NULL ? (size_t)(dot - p) : strlen(p);
		if (n >= *lenp) {
			rw_exit(&sysctl_treelock);
			return ENAMETOOLONG;
		}
		if ((sn = snode_child_byname(sn, p, len)) == NULL) {
			rw_exit(&sysctl_treelock);
			return ENOENT;
		}
		mib[n++] = sn->sn_node.sysctl_num;
		p += len;
		if (*p == '.')
			p++;
	}
	rw_exit(&sysctl_treelock);
	*lenp = n;
	return n == 0 ? EINVAL : 0;
}

int
rump_pub_sysctl_nametomib(const char *name, int *mib, unsigned int *lenp)
{

	return sysctl_nametomib(name, mib, lenp);
}

/*
 * __sysctl(2): copy the name and the new value in, run the request on
 * kernel buffers, copy the answer and its length out.
 */
int
sys___sysctl(struct lwp *l, const struct sys___sysctl_args *uap,
    register_t *retval)
{
	int name[CTL_MAXNAME];
	u_int namelen = SCARG(uap, namelen);
	size_t oldlen = 0, savelen = 0, newlen = SCARG(uap, newlen);
	void *kold = NULL, *knew = NULL;
	int error, error2;

	if (namelen == 0 || namelen > CTL_MAXNAME)
		return EINVAL;
	if ((error = copyin(SCARG(uap, name), name, namelen * sizeof(int))) != 0)
		return error;
	if (SCARG(uap, oldlenp) != NULL &&
	    (error = copyin(SCARG(uap, oldlenp), &oldlen, sizeof(oldlen))) != 0)
		return error;
	if (oldlen > SYSCTL_MAXREQ)
		oldlen = SYSCTL_MAXREQ;
	savelen = oldlen;
	if (SCARG(uap, newv) != NULL) {
		if (newlen > SYSCTL_MAXREQ)
			return E2BIG;
		knew = kmem_alloc(newlen + 1, KM_SLEEP);
		if ((error = copyin(SCARG(uap, newv), knew, newlen)) != 0)
			goto out;
	}
	if (SCARG(uap, oldv) != NULL && oldlen > 0)
		kold = kmem_zalloc(oldlen, KM_SLEEP);
	error = sysctl_dispatch(name, namelen,
	    SCARG(uap, oldv) != NULL ? (kold != NULL ? kold : (void *)"") : NULL,
	    SCARG(uap, oldlenp) != NULL ? &oldlen : NULL, knew, newlen);
	if (kold != NULL && (error == 0 || error == ENOMEM)) {
		error2 = copyout(kold, SCARG(uap, oldv), MIN(oldlen, savelen));
		if (error2 != 0)
			error = error2;
	}
	if (SCARG(uap, oldlenp) != NULL && (error == 0 || error == ENOMEM)) {
		error2 = copyout(&oldlen, SCARG(uap, oldlenp), sizeof(oldlen));
		if (error2 != 0)
			error = error2;
	}
 out:
	if (knew != NULL)
		kmem_free(knew, newlen + 1);
	if (kold != NULL)
		kmem_free(kold, savelen);
	return error;
}

/*
 * The standard nodes.
 */
const char ostype[] = "NetBSD";
const char osrelease[] = "10.0";
const char machine[] = "amd64";
const char machine_arch[] = "x86_64";
const char version[] = "NetBSD 10.0 (RUMP-ROAST) #0: rumpkit rump kernel";
char hostname[MAXHOSTNAMELEN];
int hostnamelen;
u_int ncpu = 1;

static char fstypes[256];
static kmutex_t fstypes_lock;

void
sysctl_fstypes_add(const char *name)
{

	mutex_enter(&fstypes_lock);
	if (fstypes[0] != '\0')
		strlcat(fstypes, " ", sizeof(fstypes));
	strlcat(fstypes, name, sizeof(fstypes));
	mutex_exit(&fstypes_lock);
}

void
sysctl_fstypes_remove(const char *name)
{
	char buf[sizeof(fstypes)], *p, *w;
	size_t len = strlen(name);

	mutex_enter(&fstypes_lock);
	buf[0] = '\0';
	for (p = fstypes; *p != '\0'; p = *w == ' ' ? w + 1 : w) {
		for (w = p; *w != '\0' && *w != ' '; w++)
			continue;
		if ((size_t)(w - p) == len && strncmp(p, name, len) == 0)
			continue;
		if (buf[0] != '\0')
			strlcat(buf, " ", sizeof(buf));
		strncat(buf, p, (size_t)(w - p));
	}
	strlcpy(fstypes, buf, sizeof(fstypes));
	mutex_exit(&fstypes_lock);
}

static int
sysctl_kern_fstypes(SYSCTLFN_ARGS)
{
	char buf[sizeof(fstypes)];
	struct sysctlnode node = *rnode;

	if (newp != NULL)
		return EPERM;
	mutex_enter(&fstypes_lock);
	strlcpy(buf, fstypes, sizeof(buf));
	mutex_exit(&fstypes_lock);
	node.sysctl_data = buf;
	node.sysctl_size = sizeof(buf);
	return sysctl_lookup(SYSCTLFN_CALL(&node));
}

static int
sysctl_kern_hostname(SYSCTLFN_ARGS)
{
	struct sysctlnode node = *rnode;
	int error;

	node.sysctl_data = hostname;
	node.sysctl_size = MAXHOSTNAMELEN;
	error = sysctl_lookup(SYSCTLFN_CALL(&node));
	if (error == 0 && newp != NULL)
		hostnamelen = (int)strlen(hostname);
	return error;
}

static int
sysctl_kern_msgbuf(SYSCTLFN_ARGS)
{
	struct sysctlnode node = *rnode;
	size_t len = msgbuf_length() + 1;
	char *buf;
	int error;

	if (newp != NULL)
		return EPERM;
	buf = kmem_alloc(len, KM_SLEEP);
	msgbuf_read(buf, len);
	node.sysctl_data = buf;
	node.sysctl_size = len;
	node.sysctl_flags = (node.sysctl_flags & ~SYSCTL_TYPEMASK) |
	    CTLTYPE_STRING;
	error = sysctl_lookup(SYSCTLFN_CALL(&node));
	kmem_free(buf, len);
	return error;
}

static int
sysctl_kern_pid(SYSCTLFN_ARGS)
{
	struct sysctlnode node = *rnode;
	int pid = l != NULL ? l->l_proc->p_pid : 0;

	node.sysctl_data = &pid;
	node.sysctl_flags &= ~CTLFLAG_IMMEDIATE;
	if (newp != NULL)
		return EPERM;
	return sysctl_lookup(SYSCTLFN_CALL(&node));
}

/* kern.proc2.<op>.<arg>: every process (KERN_PROC_ALL) or one pid. */
static int
sysctl_kern_proc2(SYSCTLFN_ARGS)
{
	struct kinfo_proc2 *kp;
	size_t need = 0, have, n = 0, max;
	struct proc *p;
	int op, arg, error = 0;

	if (newp != NULL)
		return EPERM;
	op = namelen > 0 ? name[0] : KERN_PROC_ALL;
	arg = namelen > 1 ? name[1] : 0;
	have = oldlenp != NULL ? *oldlenp : 0;
	max = have / sizeof(*kp);
	kp = max > 0 ? kmem_zalloc(max * sizeof(*kp), KM_SLEEP) : NULL;
	mutex_enter(&proc_lock);
	PROCLIST_FOREACH(p, &allproc) {
		struct lwp *pl;
		int nfiles = 0, i;

		if (p->p_stat != SACTIVE)
			continue;
		if (op == KERN_PROC_PID && p->p_pid != arg)
			continue;
		need += sizeof(*kp);
		if (n >= max)
			continue;
		kp[n].p_pid = p->p_pid;
		kp[n].p_ppid = p->p_pptr != NULL ? p->p_pptr->p_pid : 0;
		kp[n].p_uid = kauth_cred_geteuid(p->p_cred);
		kp[n].p_gid = kauth_cred_getegid(p->p_cred);
		kp[n].p_nlwps = p->p_nlwps;
		if (p->p_fd != NULL)
			for (i = 0; i <= p->p_fd->fd_lastfile; i++)
				if (p->p_fd->fd_ofiles[i].ff_file != NULL)
					nfiles++;
		kp[n].p_nfiles = nfiles;
		kp[n].p_stat = p->p_stat;
		kp[n].p_flag = p->p_flag;
		kp[n].p_ustart_sec = p->p_start.tv_sec;
		strlcpy(kp[n].p_comm, p->p_comm, sizeof(kp[n].p_comm));
		pl = LIST_FIRST(&p->p_lwps);
		if (pl != NULL && pl->l_wmesg != NULL)
			strlcpy(kp[n].p_wmesg, pl->l_wmesg,
			    sizeof(kp[n].p_wmesg));
		n++;
	}
	mutex_exit(&proc_lock);
	if (oldp != NULL && kp != NULL)
		memcpy(oldp, kp, n * sizeof(*kp));
	if (oldp != NULL && need > n * sizeof(*kp))
		error = ENOMEM;
	if (oldlenp != NULL)
		*oldlenp = oldp != NULL ? n * sizeof(*kp) : need;
	if (kp != NULL)
		kmem_free(kp, max * sizeof(*kp));
	return error;
}

void
sysctl_bootstrap(void)
{
	const struct sysctlnode *vfsgen = NULL;

	rw_init(&sysctl_treelock);
	mutex_init(&fstypes_lock, MUTEX_DEFAULT, IPL_NONE);
	sysctl_root.sn_node.sysctl_flags = CTLTYPE_NODE | CTLFLAG_ROOT;
	strlcpy(sysctl_root.sn_node.sysctl_name, "(root)", SYSCTL_NAMELEN);

#define	NODE(name, num)							\
	sysctl_createv(NULL, 0, NULL, NULL, CTLFLAG_PERMANENT,		\
	    CTLTYPE_NODE, name, NULL, NULL, 0, NULL, 0, num, CTL_EOL)
	NODE("kern", CTL_KERN);
	NODE("vm", CTL_VM);
	NODE("vfs", CTL_VFS);
	NODE("net", CTL_NET);
	NODE("debug", CTL_DEBUG);
	NODE("hw", CTL_HW);
	NODE("machdep", CTL_MACHDEP);
#undef NODE

	sysctl_createv(NULL, 0, NULL, NULL, CTLFLAG_PERMANENT,
	    CTLTYPE_STRING, "ostype", SYSCTL_DESCR("Operating system type"),
	    NULL, 0, __UNCONST(ostype), 0, CTL_KERN, KERN_OSTYPE, CTL_EOL);
	sysctl_createv(NULL, 0, NULL, NULL, CTLFLAG_PERMANENT,
	    CTLTYPE_STRING, "osrelease",
	    SYSCTL_DESCR("Operating system release"),
	    NULL, 0, __UNCONST(osrelease), 0, CTL_KERN, KERN_OSRELEASE, CTL_EOL);
	sysctl_createv(NULL, 0, NULL, NULL,
	    CTLFLAG_PERMANENT | CTLFLAG_IMMEDIATE, CTLTYPE_INT, "osrevision",
	    SYSCTL_DESCR("Operating system revision"),
	    NULL, __NetBSD_Version__, NULL, 0, CTL_KERN, KERN_OSREV, CTL_EOL);
	sysctl_createv(NULL, 0, NULL, NULL, CTLFLAG_PERMANENT,
	    CTLTYPE_STRING, "version", SYSCTL_DESCR("Kernel version"),
	    NULL, 0, __UNCONST(version), 0, CTL_KERN, KERN_VERSION, CTL_EOL);
	sysctl_createv(NULL, 0, NULL, NULL,
	    CTLFLAG_PERMANENT | CTLFLAG_READWRITE, CTLTYPE_STRING, "hostname",
	    SYSCTL_DESCR("System hostname"), sysctl_kern_hostname, 0,
	    hostname, MAXHOSTNAMELEN, CTL_KERN, KERN_HOSTNAME, CTL_EOL);
	sysctl_createv(NULL, 0, NULL, NULL,
	    CTLFLAG_PERMANENT | CTLFLAG_IMMEDIATE, CTLTYPE_INT, "msgbufsize",
	    SYSCTL_DESCR("Size of the kernel message buffer"),
	    NULL, 64 * 1024, NULL, 0, CTL_KERN, KERN_MSGBUFSIZE, CTL_EOL);
	sysctl_createv(NULL, 0, NULL, NULL, CTLFLAG_PERMANENT,
	    CTLTYPE_STRING, "msgbuf",
	    SYSCTL_DESCR("Kernel message buffer (dmesg)"),
	    sysctl_kern_msgbuf, 0, NULL, 0, CTL_KERN, KERN_MSGBUF, CTL_EOL);
	sysctl_createv(NULL, 0, NULL, NULL, CTLFLAG_PERMANENT,
	    CTLTYPE_STRUCT, "boottime",
	    SYSCTL_DESCR("System boot time"),
	    NULL, 0, &boottime, sizeof(boottime), CTL_KERN, KERN_BOOTTIME,
	    CTL_EOL);
	sysctl_createv(NULL, 0, NULL, NULL, CTLFLAG_PERMANENT,
	    CTLTYPE_INT, "pid", SYSCTL_DESCR("Process id of the caller"),
	    sysctl_kern_pid, 0, NULL, 0, CTL_KERN, KERN_PID, CTL_EOL);
	sysctl_createv(NULL, 0, NULL, NULL, CTLFLAG_PERMANENT,
	    CTLTYPE_NODE, "proc2",
	    SYSCTL_DESCR("Processes (struct kinfo_proc2)"),
	    sysctl_kern_proc2, 0, NULL, 0, CTL_KERN, KERN_PROC2, CTL_EOL);

	sysctl_createv(NULL, 0, NULL, NULL,
	    CTLFLAG_PERMANENT | CTLFLAG_IMMEDIATE, CTLTYPE_INT, "ncpu",
	    SYSCTL_DESCR("Number of CPUs configured"),
	    NULL, ncpu, NULL, 0, CTL_HW, HW_NCPU, CTL_EOL);
	sysctl_createv(NULL, 0, NULL, NULL,
	    CTLFLAG_PERMANENT | CTLFLAG_IMMEDIATE, CTLTYPE_INT, "ncpuonline",
	    SYSCTL_DESCR("Number of CPUs online"),
	    NULL, ncpu, NULL, 0, CTL_HW, HW_NCPUONLINE, CTL_EOL);
	sysctl_createv(NULL, 0, NULL, NULL, CTLFLAG_PERMANENT,
	    CTLTYPE_STRING, "machine", SYSCTL_DESCR("Machine class"),
	    NULL, 0, __UNCONST(machine), 0, CTL_HW, HW_MACHINE, CTL_EOL);
	sysctl_createv(NULL, 0, NULL, NULL, CTLFLAG_PERMANENT,
	    CTLTYPE_STRING, "machine_arch",
	    SYSCTL_DESCR("Machine CPU class"),
	    NULL, 0, __UNCONST(machine_arch), 0, CTL_HW, HW_MACHINE_ARCH,
	    CTL_EOL);
	sysctl_createv(NULL, 0, NULL, NULL,
	    CTLFLAG_PERMANENT | CTLFLAG_IMMEDIATE, CTLTYPE_INT, "pagesize",
	    SYSCTL_DESCR("Software page size"),
	    NULL, PAGE_SIZE, NULL, 0, CTL_HW, HW_PAGESIZE, CTL_EOL);

	sysctl_createv(NULL, 0, NULL, &vfsgen, CTLFLAG_PERMANENT,
	    CTLTYPE_NODE, "generic", SYSCTL_DESCR("Non-specific vfs related "
	    "information"), NULL, 0, NULL, 0, CTL_VFS, VFS_GENERIC, CTL_EOL);
	sysctl_createv(NULL, 0, &vfsgen, NULL, CTLFLAG_PERMANENT,
	    CTLTYPE_STRING, "fstypes",
	    SYSCTL_DESCR("List of file systems present"),
	    sysctl_kern_fstypes, 0, NULL, 0, CTL_CREATE, CTL_EOL);
}

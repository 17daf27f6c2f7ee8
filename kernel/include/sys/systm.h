/*
 * The kernel's basic services: console output and panic, assertions,
 * string and memory functions, copying to and from processes, sleeping,
 * and the identity of the system.
 */
#ifndef _SYS_SYSTM_H_
#define _SYS_SYSTM_H_

#include <sys/cdefs.h>
#include <sys/types.h>
#include <sys/errno.h>
#include <stdarg.h>

struct kmutex;

/* Identity (kern.ostype, kern.osrelease, hw.machine, kern.hostname). */
extern const char	ostype[];
extern const char	osrelease[];
extern const char	machine[];
extern const char	machine_arch[];
extern const char	version[];
extern char		hostname[];	/* MAXHOSTNAMELEN bytes */
extern int		hostnamelen;
extern u_int		ncpu;		/* hw.ncpu */
extern int		hz;		/* clock ticks per second */
extern int		rump_threads;	/* nonzero: kernel threads may be created */
extern int		cold;		/* nonzero until the kernel has booted */

/*
 * Console and message buffer.  Every call writes its whole output to the
 * host console immediately (no host stdio buffering) and appends it to
 * the message buffer read by dmesg (kern.msgbuf).
 */
void	printf(const char *, ...) __printflike(1, 2);
void	vprintf(const char *, va_list) __printflike(1, 0);
int	snprintf(char *, size_t, const char *, ...) __printflike(3, 4);
int	vsnprintf(char *, size_t, const char *, va_list) __printflike(3, 0);
int	sprintf(char *, const char *, ...) __printflike(2, 3);
void	printf_nolog(const char *, ...) __printflike(1, 2);
void	uprintf(const char *, ...) __printflike(1, 2);
void	aprint_normal(const char *, ...) __printflike(1, 2);
void	aprint_verbose(const char *, ...) __printflike(1, 2);
void	aprint_debug(const char *, ...) __printflike(1, 2);
void	aprint_error(const char *, ...) __printflike(1, 2);
void	aprint_naive(const char *, ...) __printflike(1, 2);
/* log(9): priority from <sys/syslog.h>, goes to the console and msgbuf. */
void	log(int, const char *, ...) __printflike(2, 3);
void	vlog(int, const char *, va_list) __printflike(2, 0);
/* Copy at most len-1 bytes of the message buffer to buf; returns the length. */
size_t	msgbuf_read(char *buf, size_t len);

/*
 * panic(9): prints "panic: <message>" and "rump kernel halting...",
 * raises the host's core size limit to its hard limit and aborts, so the
 * host writes a core.  Never returns.
 */
void	panic(const char *, ...) __dead __printflike(1, 2);
void	vpanic(const char *, va_list) __dead __printflike(1, 0);
extern const char *panicstr;		/* the message once panicking */

/* Called by the KASSERT macros; panics naming the expression and site. */
void	kern_assert(const char *, ...) __dead __printflike(1, 2);

#ifdef DIAGNOSTIC
#define	KASSERTMSG(e, msg, ...)						\
	(__predict_true((e)) ? (void)0 :				\
	    kern_assert("kernel diagnostic assertion \"%s\" failed: "	\
	    "file \"%s\", line %d " msg, #e, __FILE__, __LINE__,	\
	    ## __VA_ARGS__))
#define	KASSERT(e)	KASSERTMSG(e, "")
#else
#define	KASSERTMSG(e, msg, ...)	((void)0)
#define	KASSERT(e)		((void)0)
#endif

/* KDASSERT: the expensive checks, in DEBUG and -DD (LOCKDEBUG) builds. */
#if defined(DEBUG) || defined(LOCKDEBUG)
#define	KDASSERTMSG(e, msg, ...)					\
	(__predict_true((e)) ? (void)0 :				\
	    kern_assert("kernel debugging assertion \"%s\" failed: "	\
	    "file \"%s\", line %d " msg, #e, __FILE__, __LINE__,	\
	    ## __VA_ARGS__))
#define	KDASSERT(e)	KDASSERTMSG(e, "")
#else
#define	KDASSERTMSG(e, msg, ...)	((void)0)
#define	KDASSERT(e)		((void)0)
#endif

/* Memory and strings (libkern).  The compiler may expand these inline. */
void	*memcpy(void *, const void *, size_t);
void	*memmove(void *, const void *, size_t);
void	*memset(void *, int, size_t);
int	 memcmp(const void *, const void *, size_t);
void	*memchr(const void *, int, size_t);
void	 bcopy(const void *, void *, size_t);
void	 bzero(void *, size_t);
int	 bcmp(const void *, const void *, size_t);
size_t	 strlen(const char *);
size_t	 strnlen(const char *, size_t);
int	 strcmp(const char *, const char *);
int	 strncmp(const char *, const char *, size_t);
int	 strcasecmp(const char *, const char *);
int	 strncasecmp(const char *, const char *, size_t);
char	*strcpy(char *, const char *);
char	*strncpy(char *, const char *, size_t);
char	*strcat(char *, const char *);
char	*strncat(char *, const char *, size_t);
size_t	 strlcpy(char *, const char *, size_t);
size_t	 strlcat(char *, const char *, size_t);
char	*strchr(const char *, int);
char	*strrchr(const char *, int);
char	*strstr(const char *, const char *);
char	*strsep(char **, const char *);
unsigned long	strtoul(const char *, char **, int);
long	 strtol(const char *, char **, int);
long long	strtoll(const char *, char **, int);
unsigned long long	strtoull(const char *, char **, int);
int	 ffs(int);
int	 fls(int);
unsigned	popcount(unsigned);
int	 isspace(int);
int	 isdigit(int);
int	 isalpha(int);
int	 isprint(int);
int	 toupper(int);
int	 tolower(int);
uint32_t	cprng_fast32(void);
uint64_t	cprng_fast64(void);
uint32_t	cprng_strong32(void);
void	 cprng_fast(void *, size_t);

#define	memcpy(d, s, n)		__builtin_memcpy((d), (s), (n))
#define	memmove(d, s, n)	__builtin_memmove((d), (s), (n))
#define	memset(d, c, n)		__builtin_memset((d), (c), (n))
#define	memcmp(a, b, n)		__builtin_memcmp((a), (b), (n))
#define	strlen(s)		__builtin_strlen((s))

static __inline u_int uimin(u_int a, u_int b) { return a < b ? a : b; }
static __inline u_int uimax(u_int a, u_int b) { return a > b ? a : b; }
static __inline int imin(int a, int b) { return a < b ? a : b; }
static __inline int imax(int a, int b) { return a > b ? a : b; }
static __inline long lmin(long a, long b) { return a < b ? a : b; }
static __inline long lmax(long a, long b) { return a > b ? a : b; }
static __inline u_long ulmin(u_long a, u_long b) { return a < b ? a : b; }
static __inline u_long ulmax(u_long a, u_long b) { return a > b ? a : b; }

/*
 * Copying between the kernel and the current process.  For a local
 * process (pid 1 or one made with rump_pub_lwproc_rfork) user memory is
 * host memory; for a remote client it is fetched through sysproxy.
 * Return 0, EFAULT, or ENAMETOOLONG (the *str variants: len exceeded).
 */
int	copyin(const void *uaddr, void *kaddr, size_t len);
int	copyout(const void *kaddr, void *uaddr, size_t len);
int	copyinstr(const void *uaddr, void *kaddr, size_t len, size_t *done);
int	copyoutstr(const void *kaddr, void *uaddr, size_t len, size_t *done);
int	copystr(const void *kfaddr, void *kdaddr, size_t len, size_t *done);
int	kcopy(const void *src, void *dst, size_t len);
/* Fetch a path argument from user (UIO_USERSPACE) or kernel space. */
int	copyinpath(const char *upath, char *kpath, size_t len, size_t *done);

/*
 * Sleeping.  tsleep/mtsleep sleep on a wait channel until wakeup(chan),
 * timo ticks (0: forever, then EWOULDBLOCK) or, with PCATCH, never a
 * signal here.  kpause sleeps timo ticks, dropping mtx meanwhile if given.
 * Sleeping while holding a spin mutex panics in LOCKDEBUG builds.
 */
int	tsleep(const volatile void *chan, int pri, const char *wmesg, int timo);
int	mtsleep(const volatile void *chan, int pri, const char *wmesg, int timo,
	    struct kmutex *mtx);
void	wakeup(const volatile void *chan);
void	wakeup_one(const volatile void *chan);
int	kpause(const char *wmesg, bool intr, int timo, struct kmutex *mtx);
void	yield(void);
void	preempt(void);
void	delay(unsigned int us);
#define	DELAY(us)	delay(us)
int	getticks(void);			/* ticks since boot */

/* Shutdown hooks run by reboot(2) before the kernel halts (newest first). */
void	*shutdownhook_establish(void (*)(void *), void *);
void	 shutdownhook_disestablish(void *);

/* Interrupt priority levels are meaningless here; these keep code compiling. */
typedef int	ipl_cookie_t;
static __inline int splhigh(void) { return 0; }
static __inline int splvm(void) { return 0; }
static __inline int splbio(void) { return 0; }
static __inline int splnet(void) { return 0; }
static __inline int splsched(void) { return 0; }
static __inline int splsoftclock(void) { return 0; }
static __inline int spl0(void) { return 0; }
static __inline void splx(int s) { (void)s; }

/*
 * The system call entry of a rump kernel: run system call num with the
 * packed argument block data in the current process.  Returns 0 or an
 * errno; results in retval.  A call whose component is not loaded is ENOSYS.
 */
int	rump_syscall(int num, void *data, size_t dlen, register_t *retval);

/* Host errno for the rump_sys_* stubs; kernel errno values are passed through. */
void	rumpuser_seterrno(int);

#include <sys/syslog.h>

#endif /* !_SYS_SYSTM_H_ */

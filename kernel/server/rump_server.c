/*
 * rump_server: boot a rump kernel with the given components and serve
 * its system calls to remote clients (sysproxy, docs/sysproxy.md).
 *
 *	rump_server [-Dsv] [-l lib]... [-r memlimit] url
 *
 * -D: a panic or fatal trap stops at the kernel's db> prompt; only with -s
 * and a terminal on stdin and stdout (otherwise it dumps core as usual).
 *
 * Built as rump_allserver with RUMP_ALLSERVER defined: every component is
 * linked in and -l is not needed.
 */

#include <sys/types.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include <dirent.h>
#include <dlfcn.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <semaphore.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rump/rump.h>
#include <rump/rump_syscalls.h>
#include <rump/rumpuser.h>

#include "sp_errno.h"
#include "sp_subr.h"

#ifdef RUMP_ALLSERVER
#define	PROGNAME	"rump_allserver"
#else
#define	PROGNAME	"rump_server"
#endif

#define	MAXLIBS		128
#define	MAXDIRS		32

struct lib {
	char		*l_name;	/* as given: rumpvfs or a path */
	char		l_path[PATH_MAX];
	char		l_err[512];	/* last dlerror() */
	int		l_loaded;
};

static struct lib libs[MAXLIBS];
static int nlibs;
static char *dirs[MAXDIRS];
static int ndirs;
static int verbose;
static sem_t sigsem;

static void
usage(void)
{

	fprintf(stderr, "usage: %s [-Dsv] [-l lib]... [-r memlimit] url\n",
	    PROGNAME);
	exit(1);
}

static void
die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void
die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", PROGNAME);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

/* The library search path: $LD_LIBRARY_PATH, then our ../lib. */
static void
initdirs(void)
{
	char exe[PATH_MAX], *p, *s, *tok, *save;
	ssize_t n;

	if ((s = getenv("LD_LIBRARY_PATH")) != NULL && (s = strdup(s)) != NULL)
		for (tok = strtok_r(s, ":", &save); tok != NULL &&
		    ndirs < MAXDIRS - 1; tok = strtok_r(NULL, ":", &save))
			if (*tok != '\0')
				dirs[ndirs++] = tok;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 8);
	if (n > 0) {
		exe[n] = '\0';
		if ((p = strrchr(exe, '/')) != NULL) {
			strcpy(p, "/../lib");
			if ((p = realpath(exe, NULL)) != NULL)
				dirs[ndirs++] = p;
		}
	}
}

/* Find lib<name>.so on the search path. */
static int
findlib(struct lib *l)
{
	struct stat sb;
	int i;

	if (strchr(l->l_name, '/') != NULL) {
		snprintf(l->l_path, sizeof(l->l_path), "%s", l->l_name);
		return stat(l->l_path, &sb) == 0 ? 0 : -1;
	}
	for (i = 0; i < ndirs; i++) {
		snprintf(l->l_path, sizeof(l->l_path), "%s/lib%s.so",
		    dirs[i], l->l_name);
		if (stat(l->l_path, &sb) == 0)
			return 0;
	}
	return -1;
}

/*
 * Does the shared object at path define sym in its dynamic symbol table?
 * A small ELF64 reader: enough for the libraries this tree builds.
 */
static int
definessym(const char *path, const char *sym)
{
	const Elf64_Ehdr *eh;
	const Elf64_Shdr *sh, *strsh;
	const Elf64_Sym *st;
	const char *strtab;
	struct stat sb;
	uint8_t *map;
	size_t i, j, nsym;
	int fd, found = 0;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return 0;
	if (fstat(fd, &sb) == -1 || (size_t)sb.st_size < sizeof(*eh)) {
		close(fd);
		return 0;
	}
	map = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return 0;
	eh = (const Elf64_Ehdr *)map;
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_shoff + (uint64_t)eh->e_shnum * sizeof(*sh) >
	    (uint64_t)sb.st_size)
		goto out;
	sh = (const Elf64_Shdr *)(map + eh->e_shoff);
	for (i = 0; i < eh->e_shnum && !found; i++) {
		if (sh[i].sh_type != SHT_DYNSYM || sh[i].sh_link >= eh->e_shnum)
			continue;
		strsh = &sh[sh[i].sh_link];
		if (sh[i].sh_offset + sh[i].sh_size > (uint64_t)sb.st_size ||
		    strsh->sh_offset + strsh->sh_size > (uint64_t)sb.st_size)
			continue;
		st = (const Elf64_Sym *)(map + sh[i].sh_offset);
		strtab = (const char *)(map + strsh->sh_offset);
		nsym = sh[i].sh_size / sizeof(*st);
		for (j = 0; j < nsym; j++)
			if (st[j].st_shndx != SHN_UNDEF &&
			    st[j].st_name < strsh->sh_size &&
			    strnlen(strtab + st[j].st_name,
			    strsh->sh_size - st[j].st_name) <
			    strsh->sh_size - st[j].st_name &&
			    strcmp(strtab + st[j].st_name, sym) == 0) {
				found = 1;
				break;
			}
	}
 out:
	munmap(map, (size_t)sb.st_size);
	return found;
}

/*
 * Explain why l did not load: the missing symbol by its source name and
 * the installed library that defines it.
 */
static void __attribute__((noreturn))
loadfailed(const struct lib *l)
{
	char sym[256], *p, *q, provider[PATH_MAX];
	const char *src;
	struct dirent *de;
	DIR *d;
	size_t len;
	int i;

	p = strstr(l->l_err, "undefined symbol: ");
	if (p == NULL)
		die("cannot load lib%s.so: %s", l->l_name, l->l_err);
	snprintf(sym, sizeof(sym), "%s", p + strlen("undefined symbol: "));
	if ((q = strpbrk(sym, " \t(,")) != NULL)
		*q = '\0';
	src = strncmp(sym, "rumpns_", 7) == 0 ? sym + 7 : sym;

	provider[0] = '\0';
	for (i = 0; i < ndirs && provider[0] == '\0'; i++) {
		if ((d = opendir(dirs[i])) == NULL)
			continue;
		while ((de = readdir(d)) != NULL) {
			len = strlen(de->d_name);
			if (strncmp(de->d_name, "lib", 3) != 0 || len < 7 ||
			    strcmp(de->d_name + len - 3, ".so") != 0)
				continue;
			snprintf(provider, sizeof(provider), "%s/%s", dirs[i],
			    de->d_name);
			if (definessym(provider, sym)) {
				snprintf(provider, sizeof(provider), "%s",
				    de->d_name);
				break;
			}
			provider[0] = '\0';
		}
		closedir(d);
	}
	if (provider[0] != '\0') {
		provider[strlen(provider) - 3] = '\0';
		die("cannot load lib%s.so: undefined symbol %s, "
		    "defined by %s.so: add -l%s", l->l_name, src, provider,
		    provider + 3);
	}
	die("cannot load lib%s.so: undefined symbol %s, "
	    "defined by no installed library", l->l_name, src);
}

/*
 * Load every library in whatever order the user gave them: retry the
 * ones that fail until a round makes no progress.  RTLD_GLOBAL so each
 * library sees the symbols of those loaded before it.
 */
static void
loadlibs(void)
{
	int i, progress, left;
	void *h;

	for (i = 0; i < nlibs; i++)
		if (findlib(&libs[i]) == -1)
			die("lib%s.so: not found (searched %s%s)",
			    libs[i].l_name, ndirs > 0 ? dirs[ndirs - 1] : "",
			    ndirs > 1 ? " and $LD_LIBRARY_PATH" : "");
	do {
		progress = 0;
		left = 0;
		for (i = 0; i < nlibs; i++) {
			if (libs[i].l_loaded)
				continue;
			h = dlopen(libs[i].l_path, RTLD_NOW | RTLD_GLOBAL);
			if (h != NULL) {
				libs[i].l_loaded = 1;
				progress = 1;
				if (verbose)
					fprintf(stderr, "%s: loaded %s\n",
					    PROGNAME, libs[i].l_path);
			} else {
				snprintf(libs[i].l_err, sizeof(libs[i].l_err),
				    "%s", dlerror());
				left++;
			}
		}
	} while (left > 0 && progress);
	for (i = 0; i < nlibs; i++)
		if (!libs[i].l_loaded)
			loadfailed(&libs[i]);
}

/* Parse a memory limit such as 64m; sets RUMP_MEMLIMIT for the kernel. */
static void
setmemlimit(const char *arg)
{
	unsigned long long v;
	char *end, buf[32];

	errno = 0;
	v = strtoull(arg, &end, 10);
	if (errno != 0 || end == arg)
		die("invalid memory limit: %s", arg);
	switch (*end) {
	case 'k': case 'K': v <<= 10; end++; break;
	case 'm': case 'M': v <<= 20; end++; break;
	case 'g': case 'G': v <<= 30; end++; break;
	}
	if (*end != '\0' || v == 0)
		die("invalid memory limit: %s", arg);
	snprintf(buf, sizeof(buf), "%llu", v);
	setenv("RUMP_MEMLIMIT", buf, 1);
}

static void
sighandler(int sig)
{

	(void)sig;
	sem_post(&sigsem);
}

/*
 * Does a server accept connections at url?  A bare connect: without a
 * handshake the server makes no process for it.
 */
static int
accepts(const char *url)
{
	struct sp_addr sa;
	int fd, ok;

	if (sp_parseurl(url, &sa) != 0 ||
	    (fd = socket(sa.sa_family, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		return 0;
	ok = connect(fd, (const struct sockaddr *)&sa.sa_u, sa.sa_len) == 0;
	close(fd);
	return ok;
}

/*
 * Without -s: fork, and let the parent exit 0 only once the child
 * serves and the socket accepts, or 1 if it fails (the child has printed
 * why).  Returns the pipe to report readiness on.
 */
static int
detach(const char *url)
{
	int fds[2];
	char c;
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC) == -1)
		die("pipe: %s", strerror(errno));
	switch ((pid = fork())) {
	case -1:
		die("fork: %s", strerror(errno));
	case 0:
		close(fds[0]);
		setsid();
		return fds[1];
	default:
		close(fds[1]);
		if (read(fds[0], &c, 1) == 1 && c == 0) {
			if (accepts(url))
				_exit(0);
			fprintf(stderr, "%s: %s does not accept connections\n",
			    PROGNAME, url);
		}
		_exit(1);
	}
}

/* The child is serving: tell the parent, drop the terminal. */
static void
detached(int fd)
{
	char c = 0;
	int null;

	if ((null = open("/dev/null", O_RDWR)) != -1) {
		dup2(null, 0);
		dup2(null, 1);
		dup2(null, 2);
		if (null > 2)
			close(null);
	}
	(void)write(fd, &c, 1);
	close(fd);
}

int
main(int argc, char *argv[])
{
	struct sigaction sa;
	const char *url;
	int ch, sflag = 0, Dflag = 0, readyfd = -1, error;

	while ((ch = getopt(argc, argv, "Dl:r:sv")) != -1) {
		switch (ch) {
		case 'D':
			Dflag = 1;
			break;
		case 'l':
			if (nlibs == MAXLIBS)
				die("too many -l options");
			libs[nlibs++].l_name = optarg;
			break;
		case 'r':
			setmemlimit(optarg);
			break;
		case 's':
			sflag = 1;
			break;
		case 'v':
			verbose = 1;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 1)
		usage();
	url = argv[0];
	if (verbose)
		setenv("RUMP_VERBOSE", "1", 1);
	/* The db> prompt needs someone at a terminal to answer it. */
	if (Dflag && sflag && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
		rump_pub_debugger(1);
	else if (Dflag)
		fprintf(stderr, "%s: -D needs -s and a terminal; a panic dumps "
		    "core as usual\n", PROGNAME);

	if (!sflag)
		readyfd = detach(url);

#ifdef RUMP_ALLSERVER
	if (nlibs > 0)
		fprintf(stderr, "%s: every component is linked in, "
		    "ignoring -l\n", PROGNAME);
	nlibs = 0;
#endif
	initdirs();
	loadlibs();

	sem_init(&sigsem, 0, 0);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = sighandler;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	/* The kernel answers with its own (NetBSD) errno values. */
	if ((error = rump_init()) != 0)
		die("rump kernel failed to boot: %s",
		    strerror(sp_errno_tohost(error)));
	if ((error = sp_errno_tohost(rump_init_server(url))) != 0) {
		if (error == EADDRINUSE)
			die("%s: another server is listening there", url);
		if (error == EINVAL)
			die("%s: not a server URL (unix://path or "
			    "tcp://127.0.0.1:port)", url);
		die("cannot serve %s: %s", url, strerror(error));
	}
	if (verbose)
		fprintf(stderr, "%s: serving %s\n", PROGNAME, url);
	if (readyfd != -1)
		detached(readyfd);

	while (sem_wait(&sigsem) == -1 && errno == EINTR)
		continue;
	/* Stop accepting and remove the socket before the kernel halts. */
	rumpuser_sp_fini(NULL);
	rump_sys_reboot(0, NULL);
	return 0;
}

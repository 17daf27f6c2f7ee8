/*
 * Host-side helpers shared by the sysproxy server and the C client:
 * URL parsing and whole-buffer socket I/O.  Host code only.
 */
#ifndef _SP_SUBR_H_
#define _SP_SUBR_H_

#include <sys/types.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/*
 * A parsed server URL: unix://path (relative or absolute) or
 * tcp://address:port.
 */
struct sp_addr {
	int			sa_family;
	socklen_t		sa_len;
	union {
		struct sockaddr_un	un;
		struct sockaddr_in	in;
	} sa_u;
};

/*
 * Parse url into sa.  Returns 0, or EINVAL for an unknown scheme or a
 * malformed address, ENAMETOOLONG for a socket path that does not fit.
 */
static inline int
sp_parseurl(const char *url, struct sp_addr *sa)
{
	const char *p, *colon;
	char host[64];
	char *end;
	unsigned long port;

	memset(sa, 0, sizeof(*sa));
	if (strncmp(url, "unix://", 7) == 0) {
		p = url + 7;
		if (*p == '\0')
			return EINVAL;
		if (strlen(p) >= sizeof(sa->sa_u.un.sun_path))
			return ENAMETOOLONG;
		sa->sa_family = AF_UNIX;
		sa->sa_u.un.sun_family = AF_UNIX;
		strcpy(sa->sa_u.un.sun_path, p);
		sa->sa_len = sizeof(sa->sa_u.un);
		return 0;
	}
	if (strncmp(url, "tcp://", 6) == 0) {
		p = url + 6;
		colon = strrchr(p, ':');
		if (colon == NULL || colon == p ||
		    (size_t)(colon - p) >= sizeof(host))
			return EINVAL;
		memcpy(host, p, (size_t)(colon - p));
		host[colon - p] = '\0';
		errno = 0;
		port = strtoul(colon + 1, &end, 10);
		if (colon[1] == '\0' || *end != '\0' || port > 65535 ||
		    errno != 0)
			return EINVAL;
		sa->sa_family = AF_INET;
		sa->sa_u.in.sin_family = AF_INET;
		sa->sa_u.in.sin_port = htons((uint16_t)port);
		if (inet_pton(AF_INET, host, &sa->sa_u.in.sin_addr) != 1)
			return EINVAL;
		sa->sa_len = sizeof(sa->sa_u.in);
		return 0;
	}
	return EINVAL;
}

/* Write all of buf; 0 or errno.  Never raises SIGPIPE. */
static inline int
sp_writeall(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t n;

	while (len > 0) {
		n = send(fd, p, len, MSG_NOSIGNAL);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Read exactly len bytes; 0, errno, or ECONNRESET at end of file. */
static inline int
sp_readall(int fd, void *buf, size_t len)
{
	char *p = buf;
	ssize_t n;

	while (len > 0) {
		n = read(fd, p, len);
		if (n == 0)
			return ECONNRESET;
		if (n == -1) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Disable Nagle on TCP sockets: frames are small and latency matters. */
static inline void
sp_nodelay(int fd, const struct sp_addr *sa)
{
	int one = 1;

	if (sa->sa_family == AF_INET)
		(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one,
		    sizeof(one));
}

#endif /* !_SP_SUBR_H_ */

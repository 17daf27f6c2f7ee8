/*
 * libkern: memory and string functions for kernel code.  The compiler
 * emits calls to memcpy, memset, memmove and memcmp by itself; like
 * everything here they are renamed to rumpns_* and never meet the host's.
 */
#include <sys/param.h>
#include <sys/systm.h>

/* Keep gcc from turning these loops back into calls to themselves. */
#pragma GCC optimize("no-tree-loop-distribute-patterns")

#undef memcpy
#undef memmove
#undef memset
#undef memcmp
#undef strlen

void *
memcpy(void *dst, const void *src, size_t len)
{
	char *d = dst;
	const char *s = src;

	if ((((uintptr_t)d | (uintptr_t)s | len) & 7) == 0) {
		uint64_t *d8 = dst;
		const uint64_t *s8 = src;

		for (; len > 0; len -= 8)
			*d8++ = *s8++;
		return dst;
	}
	while (len-- > 0)
		*d++ = *s++;
	return dst;
}

void *
memmove(void *dst, const void *src, size_t len)
{
	char *d = dst;
	const char *s = src;

	if (d == s || len == 0)
		return dst;
	if (d < s || d >= s + len) {
		while (len-- > 0)
			*d++ = *s++;
	} else {
		d += len;
		s += len;
		while (len-- > 0)
			*--d = *--s;
	}
	return dst;
}

void *
memset(void *dst, int c, size_t len)
{
	unsigned char *d = dst;

	if ((((uintptr_t)d | len) & 7) == 0) {
		uint64_t v = (unsigned char)c;
		uint64_t *d8 = dst;

		v |= v << 8;
		v |= v << 16;
		v |= v << 32;
		for (; len > 0; len -= 8)
			*d8++ = v;
		return dst;
	}
	while (len-- > 0)
		*d++ = (unsigned char)c;
	return dst;
}

int
memcmp(const void *a, const void *b, size_t len)
{
	const unsigned char *p = a, *q = b;

	for (; len > 0; len--, p++, q++)
		if (*p != *q)
			return *p - *q;
	return 0;
}

void *
memchr(const void *s, int c, size_t len)
{
	const unsigned char *p = s;

	for (; len > 0; len--, p++)
		if (*p == (unsigned char)c)
			return __UNCONST(p);
	return NULL;
}

void
bcopy(const void *src, void *dst, size_t len)
{

	memmove(dst, src, len);
}

void
bzero(void *dst, size_t len)
{

	memset(dst, 0, len);
}

int
bcmp(const void *a, const void *b, size_t len)
{

	return memcmp(a, b, len) != 0;
}

size_t
strlen(const char *s)
{
	const char *p;

	for (p = s; *p != '\0'; p++)
		continue;
	return (size_t)(p - s);
}

size_t
strnlen(const char *s, size_t max)
{
	size_t n;

	for (n = 0; n < max && s[n] != '\0'; n++)
		continue;
	return n;
}

int
strcmp(const char *a, const char *b)
{

	for (; *a == *b; a++, b++)
		if (*a == '\0')
			return 0;
	return (unsigned char)*a - (unsigned char)*b;
}

int
strncmp(const char *a, const char *b, size_t n)
{

	for (; n > 0; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (*a == '\0')
			return 0;
	}
	return 0;
}

int
tolower(int c)
{

	return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
}

int
toupper(int c)
{

	return (c >= 'a' && c <= 'z') ? c - 'a' + 'A' : c;
}

int
isspace(int c)
{

	return c == ' ' || (c >= '\t' && c <= '\r');
}

int
isdigit(int c)
{

	return c >= '0' && c <= '9';
}

int
isalpha(int c)
{

	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int
isprint(int c)
{

	return c >= 0x20 && c < 0x7f;
}

int
strcasecmp(const char *a, const char *b)
{

	return strncasecmp(a, b, SIZE_MAX);
}

int
strncasecmp(const char *a, const char *b, size_t n)
{
	int ca, cb;

	for (; n > 0; n--, a++, b++) {
		ca = tolower((unsigned char)*a);
		cb = tolower((unsigned char)*b);
		if (ca != cb)
			return ca - cb;
		if (ca == '\0')
			return 0;
	}
	return 0;
}

char *
strcpy(char *dst, const char *src)
{
	char *d = dst;

	while ((*d++ = *src++) != '\0')
		continue;
	return dst;
}

char *
strncpy(char *dst, const char *src, size_t n)
{
	size_t i;

	for (i = 0; i < n && src[i] != '\0'; i++)
		dst[i] = src[i];
	for (; i < n; i++)
		dst[i] = '\0';
	return dst;
}

char *
strncat(char *dst, const char *src, size_t n)
{
	char *d = dst + strlen(dst);

	while (n-- > 0 && *src != '\0')
		*d++ = *src++;
	*d = '\0';
	return dst;
}

char *
strcat(char *dst, const char *src)
{

	strcpy(dst + strlen(dst), src);
	return dst;
}

size_t
strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size > 0) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

size_t
strlcat(char *dst, const char *src, size_t size)
{
	size_t dlen = strnlen(dst, size);

	if (dlen == size)
		return size + strlen(src);
	return dlen + strlcpy(dst + dlen, src, size - dlen);
}

char *
strchr(const char *s, int c)
{

	for (;; s++) {
		if (*s == (char)c)
			return __UNCONST(s);
		if (*s == '\0')
			return NULL;
	}
}

char *
strrchr(const char *s, int c)
{
	const char *r = NULL;

	for (;; s++) {
		if (*s == (char)c)
			r = s;
		if (*s == '\0')
			return __UNCONST(r);
	}
}

char *
strstr(const char *h, const char *n)
{
	size_t nl = strlen(n);

	if (nl == 0)
		return __UNCONST(h);
	for (; *h != '\0'; h++)
		if (*h == *n && strncmp(h, n, nl) == 0)
			return __UNCONST(h);
	return NULL;
}

char *
strsep(char **sp, const char *delim)
{
	char *s = *sp, *p;

	if (s == NULL)
		return NULL;
	for (p = s; *p != '\0'; p++) {
		if (strchr(delim, *p) != NULL) {
			*p = '\0';
			*sp = p + 1;
			return s;
		}
	}
	*sp = NULL;
	return s;
}

unsigned long long
strtoull(const char *s, char **end, int base)
{
	unsigned long long v = 0;
	int d;

	while (isspace((unsigned char)*s))
		s++;
	if (*s == '+')
		s++;
	if ((base == 0 || base == 16) && s[0] == '0' &&
	    (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
		base = 16;
	} else if (base == 0 && s[0] == '0') {
		base = 8;
	} else if (base == 0) {
		base = 10;
	}
	for (;; s++) {
		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (*s >= 'a' && *s <= 'z')
			d = *s - 'a' + 10;
		else if (*s >= 'A' && *s <= 'Z')
			d = *s - 'A' + 10;
		else
			break;
		if (d >= base)
			break;
		v = v * (unsigned)base + (unsigned)d;
	}
	if (end != NULL)
		*end = __UNCONST(s);
	return v;
}

long long
strtoll(const char *s, char **end, int base)
{

	while (isspace((unsigned char)*s))
		s++;
	if (*s == '-')
		return -(long long)strtoull(s + 1, end, base);
	return (long long)strtoull(s, end, base);
}

unsigned long
strtoul(const char *s, char **end, int base)
{

	return (unsigned long)strtoull(s, end, base);
}

long
strtol(const char *s, char **end, int base)
{

	return (long)strtoll(s, end, base);
}

int
ffs(int v)
{

	return __builtin_ffs(v);
}

int
fls(int v)
{

	return v == 0 ? 0 : 32 - __builtin_clz((unsigned)v);
}

unsigned
popcount(unsigned v)
{

	unsigned n;

	for (n = 0; v != 0; v &= v - 1)
		n++;
	return n;
}

/* Messages of the errno values (generated with sys/errno.h). */
static const char *const errmsgs[] = {
	[0] = "Undefined error: 0",
	[EPERM] = "Operation not permitted",
	[ENOENT] = "No such file or directory",
	[ESRCH] = "No such process",
	[EINTR] = "Interrupted system call",
	[EIO] = "Input/output error",
	[ENXIO] = "Device not configured",
	[E2BIG] = "Argument list too long",
	[ENOEXEC] = "Exec format error",
	[EBADF] = "Bad file descriptor",
	[ECHILD] = "No child processes",
	[EDEADLK] = "Resource deadlock avoided",
	[ENOMEM] = "Cannot allocate memory",
	[EACCES] = "Permission denied",
	[EFAULT] = "Bad address",
	[ENOTBLK] = "Block device required",
	[EBUSY] = "Device busy",
	[EEXIST] = "File exists",
	[EXDEV] = "Cross-device link",
	[ENODEV] = "Operation not supported by device",
	[ENOTDIR] = "Not a directory",
	[EISDIR] = "Is a directory",
	[EINVAL] = "Invalid argument",
	[ENFILE] = "Too many open files in system",
	[EMFILE] = "Too many open files",
	[ENOTTY] = "Inappropriate ioctl for device",
	[ETXTBSY] = "Text file busy",
	[EFBIG] = "File too large",
	[ENOSPC] = "No space left on device",
	[ESPIPE] = "Illegal seek",
	[EROFS] = "Read-only file system",
	[EMLINK] = "Too many links",
	[EPIPE] = "Broken pipe",
	[EDOM] = "Numerical argument out of domain",
	[ERANGE] = "Result too large or too small",
	[EAGAIN] = "Resource temporarily unavailable",
	[EINPROGRESS] = "Operation now in progress",
	[EALREADY] = "Operation already in progress",
	[ENOTSOCK] = "Socket operation on non-socket",
	[EDESTADDRREQ] = "Destination address required",
	[EMSGSIZE] = "Message too long",
	[EPROTOTYPE] = "Protocol wrong type for socket",
	[ENOPROTOOPT] = "Protocol option not available",
	[EPROTONOSUPPORT] = "Protocol not supported",
	[ESOCKTNOSUPPORT] = "Socket type not supported",
	[EOPNOTSUPP] = "Operation not supported",
	[EPFNOSUPPORT] = "Protocol family not supported",
	[EAFNOSUPPORT] = "Address family not supported by protocol family",
	[EADDRINUSE] = "Address already in use",
	[EADDRNOTAVAIL] = "Can't assign requested address",
	[ENETDOWN] = "Network is down",
	[ENETUNREACH] = "Network is unreachable",
	[ENETRESET] = "Network dropped connection on reset",
	[ECONNABORTED] = "Software caused connection abort",
	[ECONNRESET] = "Connection reset by peer",
	[ENOBUFS] = "No buffer space available",
	[EISCONN] = "Socket is already connected",
	[ENOTCONN] = "Socket is not connected",
	[ESHUTDOWN] = "Can't send after socket shutdown",
	[ETOOMANYREFS] = "Too many references: can't splice",
	[ETIMEDOUT] = "Operation timed out",
	[ECONNREFUSED] = "Connection refused",
	[ELOOP] = "Too many levels of symbolic links",
	[ENAMETOOLONG] = "File name too long",
	[EHOSTDOWN] = "Host is down",
	[EHOSTUNREACH] = "No route to host",
	[ENOTEMPTY] = "Directory not empty",
	[EPROCLIM] = "Too many processes",
	[EUSERS] = "Too many users",
	[EDQUOT] = "Disc quota exceeded",
	[ESTALE] = "Stale NFS file handle",
	[EREMOTE] = "Too many levels of remote in path",
	[EBADRPC] = "RPC struct is bad",
	[ERPCMISMATCH] = "RPC version wrong",
	[EPROGUNAVAIL] = "RPC prog. not avail",
	[EPROGMISMATCH] = "Program version wrong",
	[EPROCUNAVAIL] = "Bad procedure for program",
	[ENOLCK] = "No locks available",
	[ENOSYS] = "Function not implemented",
	[EFTYPE] = "Inappropriate file type or format",
	[EAUTH] = "Authentication error",
	[ENEEDAUTH] = "Need authenticator",
	[EIDRM] = "Identifier removed",
	[ENOMSG] = "No message of desired type",
	[EOVERFLOW] = "Value too large to be stored in data type",
	[EILSEQ] = "Illegal byte sequence",
	[ENOTSUP] = "Not supported",
	[ECANCELED] = "Operation canceled",
	[EBADMSG] = "Bad or Corrupt message",
	[ENODATA] = "No message available",
	[ENOSR] = "No STREAM resources",
	[ENOSTR] = "Not a STREAM",
	[ETIME] = "STREAM ioctl timeout",
	[ENOATTR] = "Attribute not found",
	[EMULTIHOP] = "Multihop attempted",
	[ENOLINK] = "Link has been severed",
	[EPROTO] = "Protocol error",
};

const char *
strerror(int error)
{

	if (error < 0 || error >= (int)__arraycount(errmsgs) ||
	    errmsgs[error] == NULL)
		return "Unknown error";
	return errmsgs[error];
}

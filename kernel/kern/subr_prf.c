/*
 * Console output, the message buffer, log(9) and panic(9).
 *
 * Every printf formats into a buffer on the caller's stack and hands the
 * finished text to cons_output(), which appends it to the message buffer
 * and writes it to the host console with one write(2): output is never
 * held back in a host stdio buffer, so the lines before a crash always
 * reach the terminal, pipe or file.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/proc.h>
#include <sys/lwp.h>

#include <rump/rumpuser.h>

#include "rump_private.h"

#define	MSGBUFSIZE	(64 * 1024)

static char		msgbuf[MSGBUFSIZE];
static size_t		msgbuf_head;	/* next byte to write */
static bool		msgbuf_wrapped;
static struct rumpuser_mtx *cons_mtx;	/* a host mutex: writers may block */

const char *panicstr;
int rump_console_quiet;		/* boot messages only go to the msgbuf */

static struct rumpuser_mtx *
cons_mutex(void)
{
	struct rumpuser_mtx *m, *expect = NULL;

	if (__predict_true(cons_mtx != NULL))
		return cons_mtx;
	if (rumpuser_mutex_init(&m, 0) != 0)
		return NULL;
	if (!__atomic_compare_exchange_n(&cons_mtx, &expect, m, 0,
	    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
		rumpuser_mutex_destroy(m);
	return cons_mtx;
}

/*
 * The console lock keeps lines whole.  A panicking kernel writes without
 * it (the lock may be held by the very thread that panicked).
 */
static bool
cons_enter(void)
{
	struct rumpuser_mtx *m;

	if (panicstr != NULL || (m = cons_mutex()) == NULL)
		return false;
	rumpuser_mutex_enter(m);
	return true;
}

static void
cons_exit(bool locked)
{

	if (locked)
		rumpuser_mutex_exit(cons_mtx);
}

static void
msgbuf_append(const char *s, size_t len)
{
	size_t n;

	while (len > 0) {
		n = MIN(len, MSGBUFSIZE - msgbuf_head);
		memcpy(msgbuf + msgbuf_head, s, n);
		msgbuf_head += n;
		if (msgbuf_head == MSGBUFSIZE) {
			msgbuf_head = 0;
			msgbuf_wrapped = true;
		}
		s += n;
		len -= n;
	}
}

/* Append to the message buffer and, unless quiet, write to the console. */
static void
cons_output(const char *s, size_t len, bool tocons)
{
	bool locked = cons_enter();

	msgbuf_append(s, len);
	if (tocons)
		rumpuser_cons_write(s, len);
	cons_exit(locked);
}

size_t
msgbuf_read(char *buf, size_t len)
{
	size_t n = 0, first;
	bool locked;

	if (len == 0)
		return 0;
	locked = cons_enter();
	if (msgbuf_wrapped) {
		first = MIN(len - 1, MSGBUFSIZE - msgbuf_head);
		memcpy(buf, msgbuf + msgbuf_head, first);
		n = first;
	}
	first = MIN(len - 1 - n, msgbuf_head);
	memcpy(buf + n, msgbuf, first);
	n += first;
	buf[n] = '\0';
	cons_exit(locked);
	return n;
}

size_t
msgbuf_length(void)
{

	return msgbuf_wrapped ? MSGBUFSIZE : msgbuf_head;
}

/*
 * The formatter.  Supports the conversions kernel code uses: d i u o x X
 * c s p %, flags "-+ #0", width and precision (also "*"), and the length
 * modifiers hh h l ll j z t q.
 */
struct prf_out {
	void	(*po_put)(struct prf_out *, char);
	char	*po_buf;
	size_t	 po_len;	/* room in po_buf */
	size_t	 po_pos;	/* bytes stored */
	size_t	 po_total;	/* bytes produced */
	bool	 po_tocons;
};

static void
prf_putbuf(struct prf_out *po, char c)
{

	if (po->po_pos + 1 < po->po_len)
		po->po_buf[po->po_pos++] = c;
	po->po_total++;
}

static void
prf_putcons(struct prf_out *po, char c)
{

	po->po_buf[po->po_pos++] = c;
	po->po_total++;
	if (po->po_pos == po->po_len) {
		cons_output(po->po_buf, po->po_pos, po->po_tocons);
		po->po_pos = 0;
	}
}

static void
prf_number(struct prf_out *po, unsigned long long v, bool neg, int base,
    bool upper, int width, int prec, bool left, bool zero, char sign,
    bool alt)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[32];
	int n = 0, len, pad, i;
	const char *prefix = "";

	if (v == 0 && prec == 0) {
		n = 0;
	} else {
		do {
			tmp[n++] = digits[v % (unsigned)base];
			v /= (unsigned)base;
		} while (v != 0);
	}
	if (alt && base == 16 && n > 0)
		prefix = upper ? "0X" : "0x";
	else if (alt && base == 8 && (n == 0 || tmp[n - 1] != '0'))
		prefix = "0";
	if (neg)
		sign = '-';
	len = MAX(n, prec) + (sign ? 1 : 0) + (int)__builtin_strlen(prefix);
	pad = width > len ? width - len : 0;
	if (prec >= 0)
		zero = false;
	if (!left && !zero)
		for (i = 0; i < pad; i++)
			po->po_put(po, ' ');
	if (sign)
		po->po_put(po, sign);
	for (i = 0; prefix[i] != '\0'; i++)
		po->po_put(po, prefix[i]);
	if (!left && zero)
		for (i = 0; i < pad; i++)
			po->po_put(po, '0');
	for (i = n; i < prec; i++)
		po->po_put(po, '0');
	while (n > 0)
		po->po_put(po, tmp[--n]);
	if (left)
		for (i = 0; i < pad; i++)
			po->po_put(po, ' ');
}

static void
kvprintf(struct prf_out *po, const char *fmt, va_list ap)
{
	const char *s;
	char c, sign;
	int width, prec, lmod, base, i, slen;
	bool left, zero, alt, upper, issigned;
	unsigned long long uv;
	long long sv;

	for (; (c = *fmt) != '\0'; fmt++) {
		if (c != '%') {
			po->po_put(po, c);
			continue;
		}
		left = zero = alt = false;
		sign = 0;
		width = 0;
		prec = -1;
		lmod = 0;
		for (;;) {
			c = *++fmt;
			if (c == '-')
				left = true;
			else if (c == '0')
				zero = true;
			else if (c == '+')
				sign = '+';
			else if (c == ' ') {
				if (sign == 0)
					sign = ' ';
			} else if (c == '#')
				alt = true;
			else
				break;
		}
		if (c == '*') {
			width = va_arg(ap, int);
			if (width < 0) {
				left = true;
				width = -width;
			}
			c = *++fmt;
		} else {
			while (c >= '0' && c <= '9') {
				width = width * 10 + (c - '0');
				c = *++fmt;
			}
		}
		if (c == '.') {
			prec = 0;
			c = *++fmt;
			if (c == '*') {
				prec = va_arg(ap, int);
				c = *++fmt;
			} else {
				while (c >= '0' && c <= '9') {
					prec = prec * 10 + (c - '0');
					c = *++fmt;
				}
			}
		}
		for (;;) {
			if (c == 'h')
				lmod = lmod == -1 ? -2 : -1;
			else if (c == 'l')
				lmod = lmod == 1 ? 2 : 1;
			else if (c == 'q' || c == 'j')
				lmod = 2;
			else if (c == 'z' || c == 't')
				lmod = 1;
			else
				break;
			c = *++fmt;
		}
		base = 10;
		upper = false;
		issigned = false;
		switch (c) {
		case 'd':
		case 'i':
			issigned = true;
			break;
		case 'u':
			break;
		case 'o':
			base = 8;
			break;
		case 'X':
			upper = true;
			/* FALLTHROUGH */
		case 'x':
			base = 16;
			break;
		case 'p':
			uv = (unsigned long)va_arg(ap, void *);
			prf_number(po, uv, false, 16, false, width, prec, left,
			    zero, 0, true);
			continue;
		case 'c':
			po->po_put(po, (char)va_arg(ap, int));
			continue;
		case 's':
			s = va_arg(ap, const char *);
			if (s == NULL)
				s = "(null)";
			for (slen = 0; s[slen] != '\0' &&
			    (prec < 0 || slen < prec); slen++)
				continue;
			if (!left)
				for (i = slen; i < width; i++)
					po->po_put(po, ' ');
			for (i = 0; i < slen; i++)
				po->po_put(po, s[i]);
			if (left)
				for (i = slen; i < width; i++)
					po->po_put(po, ' ');
			continue;
		case '%':
			po->po_put(po, '%');
			continue;
		case '\0':
			return;
		default:
			po->po_put(po, '%');
			po->po_put(po, c);
			continue;
		}
		if (issigned) {
			if (lmod >= 2)
				sv = va_arg(ap, long long);
			else if (lmod == 1)
				sv = va_arg(ap, long);
			else
				sv = va_arg(ap, int);
			if (lmod == -1)
				sv = (short)sv;
			else if (lmod == -2)
				sv = (signed char)sv;
			uv = sv < 0 ? -(unsigned long long)sv : (unsigned long long)sv;
			prf_number(po, uv, sv < 0, base, upper, width, prec,
			    left, zero, sign, alt);
		} else {
			if (lmod >= 2)
				uv = va_arg(ap, unsigned long long);
			else if (lmod == 1)
				uv = va_arg(ap, unsigned long);
			else
				uv = va_arg(ap, unsigned int);
			if (lmod == -1)
				uv = (unsigned short)uv;
			else if (lmod == -2)
				uv = (unsigned char)uv;
			prf_number(po, uv, false, base, upper, width, prec,
			    left, zero, 0, alt);
		}
	}
}

int
vsnprintf(char *buf, size_t len, const char *fmt, va_list ap)
{
	struct prf_out po;

	po.po_put = prf_putbuf;
	po.po_buf = buf;
	po.po_len = len;
	po.po_pos = 0;
	po.po_total = 0;
	kvprintf(&po, fmt, ap);
	if (len > 0)
		buf[po.po_pos] = '\0';
	return (int)po.po_total;
}

int
snprintf(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	return n;
}

int
sprintf(char *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, 1024, fmt, ap);
	va_end(ap);
	return n;
}

static void
vprintf_flags(const char *fmt, va_list ap, bool tocons)
{
	char buf[512];
	struct prf_out po;

	po.po_put = prf_putcons;
	po.po_buf = buf;
	po.po_len = sizeof(buf);
	po.po_pos = 0;
	po.po_total = 0;
	po.po_tocons = tocons;
	kvprintf(&po, fmt, ap);
	if (po.po_pos > 0)
		cons_output(buf, po.po_pos, tocons);
}

void
vprintf(const char *fmt, va_list ap)
{

	vprintf_flags(fmt, ap, !rump_console_quiet);
}

void
printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

/* Console only: not kept in the message buffer. */
void
printf_nolog(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	rumpuser_cons_write(buf, MIN((size_t)n, sizeof(buf) - 1));
}

/* Boot chatter: to the message buffer, and to the console when verbose. */
void
aprint_verbose(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf_flags(fmt, ap, rump_verbose);
	va_end(ap);
}

void
aprint_debug(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf_flags(fmt, ap, rump_verbose);
	va_end(ap);
}

void
aprint_naive(const char *fmt, ...)
{

	(void)fmt;
}

void
aprint_normal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

void
aprint_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf_flags(fmt, ap, true);
	va_end(ap);
}

void
uprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

/* log(9): LOG_DEBUG goes to the message buffer only; the rest also to the console. */
void
vlog(int level, const char *fmt, va_list ap)
{

	vprintf_flags(fmt, ap, level != LOG_DEBUG && !rump_console_quiet);
}

void
log(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(level, fmt, ap);
	va_end(ap);
}

/*
 * panic(9).  Prints "panic: <message>" and "rump kernel halting...",
 * then the host aborts with the core limit raised (or, with
 * RUMP_DEBUGGER=1, waits for gdb).  A panic while panicking skips
 * straight to the abort.
 */
void
vpanic(const char *fmt, va_list ap)
{
	static char panicbuf[512];
	const char *prev;

	prev = __atomic_exchange_n(&panicstr, panicbuf, __ATOMIC_SEQ_CST);
	if (prev != NULL) {
		printf_nolog("panic: (nested) ");
		vprintf_flags(fmt, ap, true);
		printf_nolog("\n");
		rumpuser_exit(RUMPUSER_PANIC);
	}
	vsnprintf(panicbuf, sizeof(panicbuf), fmt, ap);
	rump_console_quiet = 0;
	printf("panic: %s\n", panicbuf);
	printf("rump kernel halting...\n");
	ddb_enter(NULL);
	rumpuser_exit(RUMPUSER_PANIC);
}

void
panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vpanic(fmt, ap);
	va_end(ap);
}

void
kern_assert(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vpanic(fmt, ap);
	va_end(ap);
}

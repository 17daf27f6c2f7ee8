/*
 * The sysproxy wire protocol, shared by the server (rumpuser_sp.c) and the
 * C client (librumpclient).  The format is described in docs/sysproxy.md;
 * the TypeScript client in rumpctrl/ mirrors these definitions.
 *
 * Every message is one frame: a fixed 16-byte header followed by a payload.
 * All integers are little-endian.
 */
#ifndef _SP_PROTO_H_
#define _SP_PROTO_H_

#include <stdint.h>

#define	SP_VERSION	1

struct sp_hdr {
	uint32_t	sph_len;	/* Frame length, header included. */
	uint32_t	sph_reqno;	/* A reply carries its request's number. */
	uint8_t		sph_class;	/* SP_REQ, SP_RESP or SP_ERROR. */
	uint8_t		sph_type;	/* SP_HANDSHAKE, SP_SYSCALL, ... */
	uint16_t	sph_flags;	/* Reserved, zero. */
	uint32_t	sph_arg;	/* Per type: sysnum, errno, syscall reqno. */
};
#define	SP_HDRLEN	16

/* Frame classes. */
#define	SP_REQ		0
#define	SP_RESP		1
#define	SP_ERROR	2

/* Frame types. */
#define	SP_HANDSHAKE	1	/* client -> server, first frame */
#define	SP_SYSCALL	2	/* client -> server */
#define	SP_COPYIN	3	/* server -> client, answered */
#define	SP_COPYINSTR	4	/* server -> client, answered */
#define	SP_COPYOUT	5	/* server -> client, not answered */

/*
 * Limits.  A frame above SP_MAXFRAME is hostile: the connection is closed.
 * The server moves user memory in chunks of at most SP_COPYCHUNK bytes.
 */
#define	SP_COPYCHUNK	(1024 * 1024)
#define	SP_MAXFRAME	(SP_HDRLEN + 16 + SP_COPYCHUNK)
#define	SP_MAXARGS	8
#define	SP_MAXCOMM	64	/* program name sent in the handshake */
#define	SP_MAXINFO	256	/* os type, release and machine in the reply */

/*
 * Payloads:
 *
 * HANDSHAKE REQ	u32 version, then the program name (no NUL)
 * HANDSHAKE RESP	u32 version, u32 pid, then "ostype\0release\0machine\0"
 * HANDSHAKE ERROR	arg = errno (EPROGMISMATCH for a version mismatch)
 * SYSCALL REQ		arg = syscall number; n * 8 bytes of argument slots
 * SYSCALL RESP		arg = errno (0 on success); i64 retval[0], i64 retval[1]
 * COPYIN REQ		arg = syscall reqno; u64 address, u64 length
 * COPYIN RESP		exactly length bytes
 * COPYINSTR REQ	arg = syscall reqno; u64 address, u64 maximum length
 * COPYINSTR RESP	the string with its NUL, at most maximum length bytes
 * COPYIN* ERROR	arg = errno (EFAULT, ENAMETOOLONG)
 * COPYOUT REQ		arg = syscall reqno; u64 address, then the bytes
 */

/* NetBSD errno values used by the protocol itself. */
#define	SP_EFAULT	14
#define	SP_EINVAL	22
#define	SP_ENAMETOOLONG	63
#define	SP_EPROGMISMATCH 75
#define	SP_ENOSYS	78

static inline void
sp_put32(uint8_t *p, uint32_t v)
{

	p[0] = v; p[1] = v >> 8; p[2] = v >> 16; p[3] = v >> 24;
}

static inline void
sp_put64(uint8_t *p, uint64_t v)
{

	sp_put32(p, (uint32_t)v);
	sp_put32(p + 4, (uint32_t)(v >> 32));
}

static inline uint32_t
sp_get32(const uint8_t *p)
{

	return (uint32_t)p[0] | (uint32_t)p[1] << 8 |
	    (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline uint64_t
sp_get64(const uint8_t *p)
{

	return (uint64_t)sp_get32(p) | (uint64_t)sp_get32(p + 4) << 32;
}

/* Encode a header into its 16 wire bytes. */
static inline void
sp_hdr_encode(uint8_t *p, uint32_t len, uint32_t reqno, int class, int type,
    uint32_t arg)
{

	sp_put32(p, len);
	sp_put32(p + 4, reqno);
	p[8] = (uint8_t)class;
	p[9] = (uint8_t)type;
	p[10] = p[11] = 0;
	sp_put32(p + 12, arg);
}

static inline void
sp_hdr_decode(const uint8_t *p, struct sp_hdr *h)
{

	h->sph_len = sp_get32(p);
	h->sph_reqno = sp_get32(p + 4);
	h->sph_class = p[8];
	h->sph_type = p[9];
	h->sph_flags = (uint16_t)(p[10] | p[11] << 8);
	h->sph_arg = sp_get32(p + 12);
}

#endif /* !_SP_PROTO_H_ */

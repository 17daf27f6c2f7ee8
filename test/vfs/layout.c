/*
 * The host's side of the layout check: <rump/rumptypes.h> against the
 * kernel's structures (layout_kern.c).  Prints each mismatch and
 * "fields N mismatches M".
 */
#include <stddef.h>
#include <stdio.h>

#include <rump/rumptypes.h>

#define	S(s)	{ #s, "sizeof", sizeof(struct rump_##s) },
#define	F(s, f)	{ #s, #f, offsetof(struct rump_##s, f) },

static const struct {
	const char *s, *f;
	unsigned long v;
} host[] = {
#include "layout_fields.h"
};

extern const unsigned long vfs_layout_kernel[];
extern const unsigned long vfs_layout_kernel_count;

int
main(void)
{
	size_t i, n = sizeof(host) / sizeof(host[0]), bad = 0;

	if (n != vfs_layout_kernel_count) {
		printf("field lists differ: %zu vs %lu\n", n,
		    vfs_layout_kernel_count);
		return 1;
	}
	for (i = 0; i < n; i++) {
		if (host[i].v == vfs_layout_kernel[i])
			continue;
		bad++;
		printf("MISMATCH %s %s: rump_%s has %lu, the kernel %lu\n",
		    host[i].s, host[i].f, host[i].s, host[i].v,
		    vfs_layout_kernel[i]);
	}
	printf("fields %zu mismatches %zu\n", n, bad);
	return bad == 0 ? 0 : 1;
}

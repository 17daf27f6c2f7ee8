/*
 * Arguments of mount(2) for tmpfs, NetBSD's struct tmpfs_args.  Installed
 * as <rump/tmpfs_args.h> for host programs; the kernel uses it too.
 */
#ifndef _TMPFS_TMPFS_ARGS_H_
#define _TMPFS_TMPFS_ARGS_H_

#include <stdint.h>

#define	TMPFS_ARGS_VERSION	1

struct tmpfs_args {
	int		ta_version;	/* TMPFS_ARGS_VERSION */

	/* Size counters: 0 means the default. */
	uint64_t	ta_nodes_max;	/* most files (ino_t) */
	int64_t		ta_size_max;	/* most bytes of data (off_t) */

	/* Root node attributes. */
	uint32_t	ta_root_uid;	/* uid_t */
	uint32_t	ta_root_gid;	/* gid_t */
	uint32_t	ta_root_mode;	/* mode_t */
};

#endif /* !_TMPFS_TMPFS_ARGS_H_ */

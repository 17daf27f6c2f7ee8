/*
 * The kernel's side of the layout check, compiled like kernel code
 * (-ffreestanding -nostdinc against kernel/include): offsets and sizes
 * in the order of layout_fields.h.
 */
#include <sys/types.h>
#include <sys/dirent.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/time.h>
#include <sys/uio.h>

#define	S(s)	sizeof(struct s),
#define	F(s, f)	__builtin_offsetof(struct s, f),

const unsigned long vfs_layout_kernel[] = {
#include "layout_fields.h"
};
const unsigned long vfs_layout_kernel_count =
    sizeof(vfs_layout_kernel) / sizeof(vfs_layout_kernel[0]);

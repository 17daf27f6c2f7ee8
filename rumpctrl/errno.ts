/**
 * NetBSD errno values (the kernel's ABI) with their names and the
 * messages NetBSD's strerror() prints.
 */
const TABLE: [number, string, string][] = [
	[1, 'EPERM', 'Operation not permitted'],
	[2, 'ENOENT', 'No such file or directory'],
	[3, 'ESRCH', 'No such process'],
	[4, 'EINTR', 'Interrupted system call'],
	[5, 'EIO', 'Input/output error'],
	[6, 'ENXIO', 'Device not configured'],
	[7, 'E2BIG', 'Argument list too long'],
	[8, 'ENOEXEC', 'Exec format error'],
	[9, 'EBADF', 'Bad file descriptor'],
	[10, 'ECHILD', 'No child processes'],
	[11, 'EDEADLK', 'Resource deadlock avoided'],
	[12, 'ENOMEM', 'Cannot allocate memory'],
	[13, 'EACCES', 'Permission denied'],
	[14, 'EFAULT', 'Bad address'],
	[15, 'ENOTBLK', 'Block device required'],
	[16, 'EBUSY', 'Device busy'],
	[17, 'EEXIST', 'File exists'],
	[18, 'EXDEV', 'Cross-device link'],
	[19, 'ENODEV', 'Operation not supported by device'],
	[20, 'ENOTDIR', 'Not a directory'],
	[21, 'EISDIR', 'Is a directory'],
	[22, 'EINVAL', 'Invalid argument'],
	[23, 'ENFILE', 'Too many open files in system'],
	[24, 'EMFILE', 'Too many open files'],
	[25, 'ENOTTY', 'Inappropriate ioctl for device'],
	[26, 'ETXTBSY', 'Text file busy'],
	[27, 'EFBIG', 'File too large'],
	[28, 'ENOSPC', 'No space left on device'],
	[29, 'ESPIPE', 'Illegal seek'],
	[30, 'EROFS', 'Read-only file system'],
	[31, 'EMLINK', 'Too many links'],
	[32, 'EPIPE', 'Broken pipe'],
	[33, 'EDOM', 'Numerical argument out of domain'],
	[34, 'ERANGE', 'Result too large or too small'],
	[35, 'EAGAIN', 'Resource temporarily unavailable'],
	[36, 'EINPROGRESS', 'Operation now in progress'],
	[37, 'EALREADY', 'Operation already in progress'],
	[38, 'ENOTSOCK', 'Socket operation on non-socket'],
	[45, 'EOPNOTSUPP', 'Operation not supported'],
	[48, 'EADDRINUSE', 'Address already in use'],
	[54, 'ECONNRESET', 'Connection reset by peer'],
	[57, 'ENOTCONN', 'Socket is not connected'],
	[60, 'ETIMEDOUT', 'Connection timed out'],
	[61, 'ECONNREFUSED', 'Connection refused'],
	[62, 'ELOOP', 'Too many levels of symbolic links'],
	[63, 'ENAMETOOLONG', 'File name too long'],
	[66, 'ENOTEMPTY', 'Directory not empty'],
	[69, 'EDQUOT', 'Disc quota exceeded'],
	[70, 'ESTALE', 'Stale NFS file handle'],
	[75, 'EPROGMISMATCH', 'Program version wrong'],
	[78, 'ENOSYS', 'Function not implemented'],
	[79, 'EFTYPE', 'Inappropriate file type or format'],
	[84, 'EOVERFLOW', 'Value too large to be stored in data type'],
	[86, 'ENOTSUP', 'Not supported'],
];

const BY_NUMBER = new Map(TABLE.map(([n, name, msg]) => [n, { name, msg }]));

export const Errno = Object.fromEntries(TABLE.map(([n, name]) => [name, n])) as Record<string, number>;

/** NetBSD strerror(): the message for a kernel errno value. */
export function strerror(errno: number): string {
	return BY_NUMBER.get(errno)?.msg ?? `Unknown error: ${errno}`;
}

export function errnoName(errno: number): string {
	return BY_NUMBER.get(errno)?.name ?? `E${errno}`;
}

/** Messages for host (Node) socket error codes, as the host's strerror says them. */
const HOST: Record<string, string> = {
	ENOENT: 'No such file or directory',
	ECONNREFUSED: 'Connection refused',
	EACCES: 'Permission denied',
	ENOTSOCK: 'Socket operation on non-socket',
	ETIMEDOUT: 'Connection timed out',
	ECONNRESET: 'Connection reset by peer',
	EPIPE: 'Broken pipe',
	ENOTDIR: 'Not a directory',
	ENAMETOOLONG: 'File name too long',
	EADDRNOTAVAIL: 'Cannot assign requested address',
	EHOSTUNREACH: 'No route to host',
	ENETUNREACH: 'Network is unreachable',
};

export function hostErrorMessage(err: NodeJS.ErrnoException): string {
	return (err.code !== undefined ? HOST[err.code] : undefined) ?? err.message;
}

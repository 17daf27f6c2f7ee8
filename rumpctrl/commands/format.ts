/** NetBSD's ways of printing modes, owners and dates. Pure. */
import { S_IFBLK, S_IFCHR, S_IFDIR, S_IFIFO, S_IFLNK, S_IFMT, S_IFSOCK } from '../structs.js';

/** strmode(3): "drwxr-xr-x". */
export function strmode(mode: number): string {
	const type: Record<number, string> = { [S_IFDIR]: 'd', [S_IFLNK]: 'l', [S_IFCHR]: 'c', [S_IFBLK]: 'b', [S_IFIFO]: 'p', [S_IFSOCK]: 's' };
	let s = type[mode & S_IFMT] ?? '-';
	const rwx = (bits: number, special: boolean, sc: string): string =>
		(bits & 4 ? 'r' : '-') + (bits & 2 ? 'w' : '-') +
		(special ? (bits & 1 ? sc : sc.toUpperCase()) : (bits & 1 ? 'x' : '-'));
	s += rwx((mode >> 6) & 7, (mode & 0o4000) !== 0, 's');
	s += rwx((mode >> 3) & 7, (mode & 0o2000) !== 0, 's');
	s += rwx(mode & 7, (mode & 0o1000) !== 0, 't');
	return s;
}

/** No password database in a rump kernel: 0 is root/wheel, others by number. */
export function userName(uid: number): string {
	return uid === 0 ? 'root' : String(uid);
}

export function groupName(gid: number): string {
	return gid === 0 ? 'wheel' : String(gid);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number): string => String(n).padStart(2, '0');

/** ls -l: "Nov 25 17:20", or "Nov 25  2025" for dates over six months away. */
export function lsDate(d: Date, now = new Date()): string {
	const sixMonths = 182 * 24 * 3600 * 1000;
	const head = `${MONTHS[d.getMonth()]} ${String(d.getDate()).padStart(2, ' ')}`;
	if (Math.abs(now.getTime() - d.getTime()) < sixMonths)
		return `${head} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
	return `${head}  ${d.getFullYear()}`;
}

/** stat(1): "Nov 25 17:20:18 2026". */
export function statDate(d: Date): string {
	return `${MONTHS[d.getMonth()]} ${String(d.getDate()).padStart(2, ' ')} ${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())} ${d.getFullYear()}`;
}

/** df -h / humanize_number(3): "1.0K", "12M", "512B". */
export function humanize(bytes: number): string {
	const units = ['B', 'K', 'M', 'G', 'T', 'P'];
	let v = bytes;
	let u = 0;
	while (v >= 1000 && u < units.length - 1) {
		v /= 1024;
		u++;
	}
	if (u === 0)
		return `${v}B`;
	return v < 10 ? `${v.toFixed(1)}${units[u]}` : `${Math.round(v)}${units[u]}`;
}

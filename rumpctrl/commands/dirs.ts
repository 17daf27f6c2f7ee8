/** Reading directories with getdents. */
import { O_DIRECTORY, O_RDONLY, type Sys } from '../sys.js';
import { decodeDirents, type Dirent } from '../structs.js';

export async function listDir(sys: Sys, path: string): Promise<Dirent[]> {
	const fd = await sys.open(path, O_RDONLY | O_DIRECTORY);
	const out: Dirent[] = [];
	try {
		for (;;) {
			const b = await sys.getdents(fd);
			if (b.length === 0)
				break;
			out.push(...decodeDirents(b));
		}
	} finally {
		await sys.close(fd).catch(() => undefined);
	}
	return out;
}

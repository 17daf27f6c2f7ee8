/**
 * Renaming symbols of a relocatable ELF64 little-endian object in process:
 * the renamed names are appended as a new string table at the end of the
 * file and the symbols point into it; relocations refer to symbols by index
 * and are untouched. One objcopy process less for every object compiled,
 * on the path from a save to a running driver. Other objects (ELF32, big
 * endian) return null and are renamed by objcopy.
 */
export type RenameRule = (name: string, sym: { bind: number; type: number }) => string | null;

const SHT_SYMTAB = 2;
const STT_SECTION = 3;
const STT_FILE = 4;

function cstr(buf: Buffer, at: number, end: number): string {
	let e = at;
	while (e < end && buf[e] !== 0)
		e++;
	return buf.toString('latin1', at, e);
}

/** The renamed object, or null when it is not an ELF64 LE relocatable object or nothing changes. */
export function renameElfSymbols(buf: Buffer, rule: RenameRule): Buffer | null {
	if (buf.length < 64 || buf.readUInt32BE(0) !== 0x7f454c46 || buf[4] !== 2 || buf[5] !== 1 || buf.readUInt16LE(16) !== 1)
		return null;
	const shoff = Number(buf.readBigUInt64LE(0x28));
	const shentsize = buf.readUInt16LE(0x3a);
	const shnum = buf.readUInt16LE(0x3c);
	if (shentsize !== 64 || shoff + shnum * 64 > buf.length)
		return null;
	const sh = (i: number): number => shoff + i * 64;
	let symtab = -1;
	for (let i = 0; i < shnum; i++)
		if (buf.readUInt32LE(sh(i) + 4) === SHT_SYMTAB)
			symtab = i;
	if (symtab < 0)
		return null;
	const symOff = Number(buf.readBigUInt64LE(sh(symtab) + 0x18));
	const symSize = Number(buf.readBigUInt64LE(sh(symtab) + 0x20));
	const strIdx = buf.readUInt32LE(sh(symtab) + 0x28);
	if (strIdx >= shnum || symOff + symSize > buf.length)
		return null;
	const strOff = Number(buf.readBigUInt64LE(sh(strIdx) + 0x18));
	const strSize = Number(buf.readBigUInt64LE(sh(strIdx) + 0x20));
	if (strOff + strSize > buf.length)
		return null;

	const added: Buffer[] = [];
	const offsets = new Map<string, number>();
	let next = strSize;
	const renames: [number, number][] = [];
	for (let at = symOff; at + 24 <= symOff + symSize; at += 24) {
		const nameOff = buf.readUInt32LE(at);
		if (nameOff === 0 || nameOff >= strSize)
			continue;
		const info = buf[at + 4];
		const type = info & 0xf;
		if (type === STT_SECTION || type === STT_FILE)
			continue;
		const name = cstr(buf, strOff + nameOff, strOff + strSize);
		const to = rule(name, { bind: info >> 4, type });
		if (to === null || to === name)
			continue;
		let off = offsets.get(to);
		if (off === undefined) {
			off = next;
			offsets.set(to, off);
			const b = Buffer.from(to + '\0', 'latin1');
			added.push(b);
			next += b.length;
		}
		renames.push([at, off]);
	}
	if (renames.length === 0)
		return null;
	const out = Buffer.concat([buf, buf.subarray(strOff, strOff + strSize), ...added]);
	for (const [at, off] of renames)
		out.writeUInt32LE(off, at);
	out.writeBigUInt64LE(BigInt(buf.length), sh(strIdx) + 0x18);
	out.writeBigUInt64LE(BigInt(next), sh(strIdx) + 0x20);
	return out;
}

/**
 * A tiny ELF writer for tests: any class and byte order, a symbol table and
 * its string table, and for shared objects a .dynamic with DT_SONAME and
 * DT_NEEDED. The host compiler only makes little-endian x86 objects; this
 * covers big endian and the 32/64 layouts the same way.
 */
export interface RawSymbol {
	name: string;
	bind: number;
	type: number;
	shndx: number;
	other?: number;
}

export interface RawElf {
	class: 32 | 64;
	endian: 'le' | 'be';
	type: number;
	machine?: number;
	symbols: RawSymbol[];
	soname?: string;
	needed?: string[];
}

export function writeElf(e: RawElf): Uint8Array {
	const is64 = e.class === 64;
	const le = e.endian === 'le';
	const dyn = e.type === 3;
	const strs: number[] = [0];
	const str = (s: string): number => {
		const off = strs.length;
		for (const b of Buffer.from(s))
			strs.push(b);
		strs.push(0);
		return off;
	};
	const symEnt = is64 ? 24 : 16;
	const syms = new Uint8Array(symEnt * (e.symbols.length + 1));
	const sv = new DataView(syms.buffer);
	e.symbols.forEach((s, i) => {
		const o = (i + 1) * symEnt;
		sv.setUint32(o, str(s.name), le);
		const info = (s.bind << 4) | s.type;
		if (is64) {
			sv.setUint8(o + 4, info);
			sv.setUint8(o + 5, s.other ?? 0);
			sv.setUint16(o + 6, s.shndx, le);
		} else {
			sv.setUint8(o + 12, info);
			sv.setUint8(o + 13, s.other ?? 0);
			sv.setUint16(o + 14, s.shndx, le);
		}
	});
	const dynEnt = is64 ? 16 : 8;
	const tags: [number, number][] = [];
	if (e.soname !== undefined)
		tags.push([14, str(e.soname)]);
	for (const n of e.needed ?? [])
		tags.push([1, str(n)]);
	tags.push([0, 0]);
	const dynamic = new Uint8Array(dyn ? dynEnt * tags.length : 0);
	const dv = new DataView(dynamic.buffer);
	if (dyn)
		tags.forEach(([t, v], i) => {
			if (is64) {
				dv.setBigUint64(i * 16, BigInt(t), le);
				dv.setBigUint64(i * 16 + 8, BigInt(v), le);
			} else {
				dv.setUint32(i * 8, t, le);
				dv.setUint32(i * 8 + 4, v, le);
			}
		});
	const strtab = Uint8Array.from(strs);
	const shstr = Uint8Array.from(Buffer.from('\0.symtab\0.strtab\0.shstrtab\0.dynamic\0'));
	// Sections: 0 null, 1 symtab (or dynsym), 2 strtab, 3 shstrtab, 4 dynamic.
	const ehsize = is64 ? 64 : 52;
	const shentsize = is64 ? 64 : 40;
	const bodies = [syms, strtab, shstr, dynamic];
	const offs: number[] = [];
	let off = ehsize;
	for (const b of bodies) {
		offs.push(off);
		off += b.length;
		off = (off + 7) & ~7;
	}
	const shoff = off;
	const shnum = dyn ? 5 : 4;
	const out = new Uint8Array(shoff + shnum * shentsize);
	const v = new DataView(out.buffer);
	out.set([0x7f, 0x45, 0x4c, 0x46, is64 ? 2 : 1, le ? 1 : 2, 1], 0);
	v.setUint16(16, e.type, le);
	v.setUint16(18, e.machine ?? 62, le);
	v.setUint32(20, 1, le);
	if (is64) {
		v.setBigUint64(40, BigInt(shoff), le);
		v.setUint16(52, ehsize, le);
		v.setUint16(58, shentsize, le);
		v.setUint16(60, shnum, le);
		v.setUint16(62, 3, le);
	} else {
		v.setUint32(32, shoff, le);
		v.setUint16(40, ehsize, le);
		v.setUint16(46, shentsize, le);
		v.setUint16(48, shnum, le);
		v.setUint16(50, 3, le);
	}
	bodies.forEach((b, i) => out.set(b, offs[i]!));
	const sec = (i: number, name: number, type: number, o: number, size: number, link: number, entsize: number): void => {
		const h = shoff + i * shentsize;
		v.setUint32(h, name, le);
		v.setUint32(h + 4, type, le);
		if (is64) {
			v.setBigUint64(h + 24, BigInt(o), le);
			v.setBigUint64(h + 32, BigInt(size), le);
			v.setUint32(h + 40, link, le);
			v.setBigUint64(h + 56, BigInt(entsize), le);
		} else {
			v.setUint32(h + 16, o, le);
			v.setUint32(h + 20, size, le);
			v.setUint32(h + 24, link, le);
			v.setUint32(h + 36, entsize, le);
		}
	};
	sec(1, 1, dyn ? 11 : 2, offs[0]!, syms.length, 2, symEnt);
	sec(2, 9, 3, offs[1]!, strtab.length, 0, 0);
	sec(3, 17, 3, offs[2]!, shstr.length, 0, 0);
	if (dyn)
		sec(4, 27, 6, offs[3]!, dynamic.length, 2, dynEnt);
	return out;
}

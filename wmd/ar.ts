/**
 * A pure `ar` archive parser: bytes in, members out, no file system.
 *
 * Understands the GNU/SysV variant (`/` symbol index, `/SYM64/`, `//` long
 * name table, `name/` and `/offset` names) and the BSD variant (`#1/len`
 * names stored before the data, `__.SYMDEF` symbol index). Member data are
 * views into the input, not copies. Corrupt input throws ArFormatError.
 */
import { RumpkitError } from '../buildrump/errors.js';

export interface ArMember {
	name: string;
	/** Offset of the member's data in the archive. */
	offset: number;
	size: number;
	data: Uint8Array;
}

export interface Archive {
	members: ArMember[];
	/** The symbol index (`/`, `/SYM64/` or `__.SYMDEF`) if present: symbol name -> member name. */
	symbolIndex?: Map<string, string>;
}

export class ArFormatError extends RumpkitError {
	readonly source: string;

	constructor(source: string, what: string) {
		super('WMD_AR_FORMAT', `${source}: ${what}`);
		this.source = source;
	}
}

const MAGIC = '!<arch>\n';
const THIN = '!<thin>\n';
const HDR = 60;

export function isArchive(bytes: Uint8Array): boolean {
	return ascii(bytes, 0, 8) === MAGIC || ascii(bytes, 0, 8) === THIN;
}

function ascii(bytes: Uint8Array, off: number, len: number): string {
	let s = '';
	const end = Math.min(bytes.length, off + len);
	for (let i = off; i < end; i++)
		s += String.fromCharCode(bytes[i]!);
	return s;
}

function cstr(bytes: Uint8Array, off: number, end: number): string {
	let e = off;
	while (e < end && bytes[e] !== 0)
		e++;
	return new TextDecoder('utf-8').decode(bytes.subarray(off, e));
}

export function parseArchive(bytes: Uint8Array, source: string): Archive {
	const magic = ascii(bytes, 0, 8);
	if (magic === THIN)
		throw new ArFormatError(source, 'thin archives are not supported (their members live in other files)');
	if (magic !== MAGIC)
		throw new ArFormatError(source, 'not an ar archive');
	const members: ArMember[] = [];
	let longNames: Uint8Array | undefined;
	let gnuIndex: { data: Uint8Array; wide: boolean } | undefined;
	let bsdIndex: Uint8Array | undefined;
	const byHeader = new Map<number, string>();
	let off = 8;
	while (off < bytes.length) {
		if (off + HDR > bytes.length) {
			// A lone trailing newline is padding some tools leave behind.
			if (bytes.subarray(off).every((b) => b === 0x0a))
				break;
			throw new ArFormatError(source, `truncated member header at offset ${off}`);
		}
		if (bytes[off + 58] !== 0x60 || bytes[off + 59] !== 0x0a)
			throw new ArFormatError(source, `bad member header at offset ${off}`);
		const rawName = ascii(bytes, off, 16).replace(/ +$/, '');
		const sizeText = ascii(bytes, off + 48, 10).trim();
		if (!/^\d+$/.test(sizeText))
			throw new ArFormatError(source, `bad member size '${sizeText}' at offset ${off}`);
		let size = Number(sizeText);
		let start = off + HDR;
		if (start + size > bytes.length)
			throw new ArFormatError(source, `truncated member at offset ${off}`);
		let name: string;
		if (rawName.startsWith('#1/')) {
			// BSD: the name's length follows; the name precedes the data.
			const nlen = Number(rawName.slice(3));
			if (!Number.isInteger(nlen) || nlen < 0 || nlen > size)
				throw new ArFormatError(source, `bad BSD name length at offset ${off}`);
			name = cstr(bytes, start, start + nlen);
			start += nlen;
			size -= nlen;
		} else if (rawName === '/' || rawName === '/SYM64/') {
			gnuIndex = { data: bytes.subarray(start, start + size), wide: rawName === '/SYM64/' };
			name = '';
		} else if (rawName === '//') {
			longNames = bytes.subarray(start, start + size);
			name = '';
		} else if (/^\/\d+$/.test(rawName)) {
			const at = Number(rawName.slice(1));
			if (longNames === undefined || at >= longNames.length)
				throw new ArFormatError(source, `long name ${rawName} at offset ${off} has no entry in the name table`);
			let e = at;
			while (e < longNames.length && longNames[e] !== 0x0a && longNames[e] !== 0)
				e++;
			name = new TextDecoder('utf-8').decode(longNames.subarray(at, e)).replace(/\/$/, '');
		} else {
			name = rawName.endsWith('/') ? rawName.slice(0, -1) : rawName;
		}
		const data = bytes.subarray(start, start + size);
		if (name === '__.SYMDEF' || name === '__.SYMDEF SORTED' || name === '__.SYMDEF_64' || name === '__.SYMDEF_64 SORTED')
			bsdIndex = data;
		else if (name !== '') {
			members.push({ name, offset: start, size, data });
			byHeader.set(off, name);
		}
		off = off + HDR + Number(sizeText);
		off += off & 1;
	}
	const archive: Archive = { members };
	if (gnuIndex !== undefined)
		archive.symbolIndex = parseGnuIndex(gnuIndex.data, gnuIndex.wide, byHeader, source);
	else if (bsdIndex !== undefined)
		archive.symbolIndex = parseBsdIndex(bsdIndex, byHeader, source);
	return archive;
}

function parseGnuIndex(d: Uint8Array, wide: boolean, byHeader: Map<number, string>, source: string): Map<string, string> {
	const view = new DataView(d.buffer, d.byteOffset, d.byteLength);
	const w = wide ? 8 : 4;
	const read = (o: number): number => wide ? view.getUint32(o, false) * 0x100000000 + view.getUint32(o + 4, false) : view.getUint32(o, false);
	if (d.length < w)
		throw new ArFormatError(source, 'truncated symbol index');
	const n = read(0);
	if (n > (d.length - w) / w)
		throw new ArFormatError(source, 'truncated symbol index');
	const index = new Map<string, string>();
	let s = w + n * w;
	for (let i = 0; i < n; i++) {
		if (s >= d.length)
			throw new ArFormatError(source, 'truncated symbol index names');
		let e = s;
		while (e < d.length && d[e] !== 0)
			e++;
		const sym = new TextDecoder('utf-8').decode(d.subarray(s, e));
		const member = byHeader.get(read(w + i * w));
		if (member !== undefined && !index.has(sym))
			index.set(sym, member);
		s = e + 1;
	}
	return index;
}

function parseBsdIndex(d: Uint8Array, byHeader: Map<number, string>, source: string): Map<string, string> {
	// ranlib structs are { strx, offset } in the host's byte order; try little endian, then big.
	for (const le of [true, false]) {
		const index = tryBsdIndex(d, byHeader, le);
		if (index !== undefined)
			return index;
	}
	throw new ArFormatError(source, 'unreadable __.SYMDEF symbol index');
}

function tryBsdIndex(d: Uint8Array, byHeader: Map<number, string>, le: boolean): Map<string, string> | undefined {
	if (d.length < 4)
		return undefined;
	const view = new DataView(d.buffer, d.byteOffset, d.byteLength);
	const rlen = view.getUint32(0, le);
	if (rlen % 8 !== 0 || 4 + rlen + 4 > d.length)
		return undefined;
	const slen = view.getUint32(4 + rlen, le);
	const strs = 8 + rlen;
	if (strs + slen > d.length)
		return undefined;
	const index = new Map<string, string>();
	for (let o = 4; o < 4 + rlen; o += 8) {
		const strx = view.getUint32(o, le);
		const hdr = view.getUint32(o + 4, le);
		if (strx >= slen)
			return undefined;
		const sym = cstr(d, strs + strx, strs + slen);
		const member = byHeader.get(hdr);
		if (member !== undefined && !index.has(sym))
			index.set(sym, member);
	}
	return index;
}

/**
 * Bounds-checked reading of ELF bytes, shared by the symbol-table parser
 * (elf.ts) and the dynamic-section and version readers (elfdyn.ts). Every
 * read outside the input throws ElfFormatError naming the source.
 */
import { RumpkitError } from '../buildrump/errors.js';

export class ElfFormatError extends RumpkitError {
	readonly source: string;

	constructor(source: string, what: string) {
		super('WMD_ELF_FORMAT', `${source}: ${what}`);
		this.source = source;
	}
}

/** Largest count of symbols or sections we accept; more means corruption, not a real file. */
export const MAX_ENTRIES = 1 << 24;

export const SHT_STRTAB = 3;

export interface Section {
	type: number;
	offset: number;
	size: number;
	link: number;
	info: number;
	entsize: number;
}

/** Bounds-checked reads of one endianness and class. */
export class Reader {
	readonly view: DataView;
	readonly le: boolean;
	readonly is64: boolean;

	constructor(readonly bytes: Uint8Array, readonly source: string, le: boolean, is64: boolean) {
		this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
		this.le = le;
		this.is64 = is64;
	}

	fail(what: string): never {
		throw new ElfFormatError(this.source, what);
	}

	check(off: number, len: number, what: string): void {
		if (!(off >= 0 && len >= 0 && off + len <= this.bytes.length))
			this.fail(what);
	}

	u8(off: number): number {
		return this.bytes[off]!;
	}

	u16(off: number): number {
		return this.view.getUint16(off, this.le);
	}

	u32(off: number): number {
		return this.view.getUint32(off, this.le);
	}

	/** A 64-bit value as a number; values beyond 2^53 become Infinity so bounds checks fail. */
	u64(off: number): number {
		const lo = this.view.getUint32(off + (this.le ? 0 : 4), this.le);
		const hi = this.view.getUint32(off + (this.le ? 4 : 0), this.le);
		return hi >= 0x200000 ? Infinity : hi * 0x100000000 + lo;
	}

	/** An address-sized word: u32 for ELF32, u64 for ELF64. */
	word(off: number): number {
		return this.is64 ? this.u64(off) : this.u32(off);
	}
}

/** A string table decoded once; names are sliced out by offset. */
export class StringTable {
	private text: string | undefined;
	private ascii = true;

	constructor(private readonly r: Reader, private readonly sec: Section | undefined, private readonly what: string) {}

	get(off: number): string {
		const sec = this.sec;
		if (sec === undefined)
			return off === 0 ? '' : this.r.fail(`${this.what} has no string table`);
		if (this.text === undefined) {
			this.r.check(sec.offset, sec.size, `${this.what} string table outside the file`);
			// latin1 maps each byte to one char, so offsets stay byte offsets.
			const raw = this.r.bytes.subarray(sec.offset, sec.offset + sec.size);
			this.text = new TextDecoder('latin1').decode(raw);
			this.ascii = raw.every((b) => b < 0x80);
		}
		const text = this.text;
		if (off >= text.length)
			return off === 0 ? '' : this.r.fail(`${this.what} name offset ${off} outside its string table`);
		let end = text.indexOf('\0', off);
		if (end < 0)
			end = text.length;
		const s = text.slice(off, end);
		// Rare non-ASCII names are UTF-8: decode those bytes properly.
		if (!this.ascii && /[^\x00-\x7f]/.test(s))
			return new TextDecoder('utf-8').decode(this.r.bytes.subarray(sec.offset + off, sec.offset + end));
		return s;
	}
}

/** Resolve a section's sh_link to its string table. */
export type Linked = (sec: Section, what: string) => Section | undefined;

/**
 * Fixture trees for build tests: a tiny kernel (librump + librumpuser) and
 * components, in a temp folder, laid out like the real tree.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type Files = Record<string, string>;

export function writeTree(files: Files, base?: string): string {
	const root = base ?? mkdtempSync(path.join(tmpdir(), 'rumpkit-fx-'));
	for (const [rel, text] of Object.entries(files)) {
		const f = path.join(root, rel);
		mkdirSync(path.dirname(f), { recursive: true });
		writeFileSync(f, text);
	}
	return root;
}

/** A minimal kernel: rump_init() prints through a hypercall; a component uses kernel symbols. */
export const MINI_KERNEL: Files = {
	'kernel/include/sys/types.h': 'typedef unsigned long size_t;\ntypedef long register_t;\n',
	'kernel/include/sys/shared.h': '#define SHARED_MAGIC 42\n',
	'kernel/kern/rump.h': 'int rump_init(void);\nint rump_boot_count(void);\n',
	'kernel/kern/kern.c': `#include <sys/types.h>
#include <sys/shared.h>
int rumpuser_putchar(int);
int boot_count;
void *
memcpy(void *d, const void *s, size_t n)
{
	char *dd = d;
	const char *ss = s;

	while (n-- > 0)
		*dd++ = *ss++;
	return d;
}
int
printf(const char *s)
{
	while (*s != '\\0')
		rumpuser_putchar(*s++);
	return 0;
}
int
rump_init(void)
{
	boot_count += SHARED_MAGIC / SHARED_MAGIC;
	printf("kernel booted\\n");
	return 0;
}
int
rump_boot_count(void)
{
	return boot_count;
}
`,
	'kernel/kern/component.json': JSON.stringify({ lib: 'rump', srcs: ['kern.c'], headers: ['rump.h'] }),
	'kernel/rumpuser/user.c': '#include <unistd.h>\nint rumpuser_putchar(int c) { char ch = c; return write(1, &ch, 1); }\n',
	'kernel/rumpuser/component.json': JSON.stringify({ lib: 'rumpuser', host: true, srcs: ['*.c'] }),
	'components/fs/demo/demo.c': `#include <sys/shared.h>
int printf(const char *);
extern int boot_count;
int
demo_hello(void)
{
	printf("demo says hello\\n");
	return boot_count + SHARED_MAGIC;
}
`,
	'components/fs/demo/component.json': JSON.stringify({ lib: 'rumpfs_demo', srcs: ['demo.c'] }),
	'components/dev/other/other.c': 'int printf(const char *);\nint other_thing(void) { return printf("other\\n"); }\n',
	'components/dev/other/component.json': JSON.stringify({ lib: 'rumpdev_other', srcs: ['other.c'] }),
};

/** The rumpctrl commands by name. */
import { cat, cp } from './cat.js';
import type { Command } from './context.js';
import { ln, mkdir, mv, rm, rmdir, touch } from './files.js';
import { ls, stat } from './ls.js';
import { df, mount, mount_tmpfs, umount } from './mount.js';
import { elevator } from './elevator.js';
import { dmesg, halt, ps, sysctl } from './sysctl.js';

export const COMMANDS: Readonly<Record<string, Command>> = {
	sysctl, mount, mount_tmpfs, umount, df, ls, mkdir, rmdir, cat, cp, mv, rm, touch, stat, ln, dmesg, ps, halt,
	// The elevator example's calls (components/examples/elevator).
	elevator,
};

/**
 * `eval "$(rumpctrl env)"`: the commands as functions of the user's own
 * shell (sh, bash, zsh), and a prompt naming the server; `rumpctrl env -u`
 * takes them away again. Pure: returns the script text.
 */
import { COMMANDS } from './commands/index.js';

function shQuote(s: string): string {
	return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** invoke: how to run rumpctrl from the shell (absolute, so PATH does not matter). */
export function envScript(invoke: string[]): string {
	const run = invoke.map(shQuote).join(' ');
	const names = Object.keys(COMMANDS);
	let s = `# rumpctrl: commands go to the rump kernel at $RUMP_SERVER; undo with: eval "$(rumpctrl env -u)"\n`;
	s += `if [ -z "\${RUMPCTRL_ENV+x}" ]; then RUMPCTRL_OLDPS1="\${PS1-}"; fi\n`;
	s += `RUMPCTRL_ENV=${shQuote(names.join(' '))}\n`;
	for (const n of names)
		s += `${n}() { ${run} ${n} "$@"; }\n`;
	s += `PS1='rumpctrl (\${RUMP_SERVER:-NULL})$ '\n`;
	s += 'if [ -n "${ZSH_VERSION-}" ]; then setopt PROMPT_SUBST; fi\n';
	return s;
}

export function unenvScript(): string {
	const names = Object.keys(COMMANDS);
	return `unset -f ${names.join(' ')} 2>/dev/null\n` +
		`if [ -n "\${RUMPCTRL_ENV+x}" ]; then PS1="\${RUMPCTRL_OLDPS1-}"; fi\n` +
		'unset RUMPCTRL_ENV RUMPCTRL_OLDPS1\n';
}

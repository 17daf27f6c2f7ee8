#!/usr/bin/env node
// Launcher for rumpmake. CommonJS on purpose: a plain `rumpmake` whose
// no-op memo (dist/rumpmake/memo.cjs) shows nothing changed exits here,
// before node's ES module loader starts; everything else goes on to the
// compiled CLI (dist/rumpmake/cli.js), as the other launchers do.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const memo = path.join(__dirname, '..', 'dist', 'rumpmake', 'memo.cjs');
if (fs.existsSync(memo)) {
	const { memoKeyOf, memoSaysNoop } = require(memo);
	const key = memoKeyOf(process.argv.slice(2), process.cwd());
	if (key !== null && memoSaysNoop(key))
		process.exit(0);
}
import(pathToFileURL(path.join(__dirname, 'launch.js')).href)
    .then(({ runLauncher }) => runLauncher('rumpmake', '../dist/rumpmake/cli.js', pathToFileURL(__filename).href));

#!/usr/bin/env node
// Launcher: the CLI is compiled from TypeScript by `npm install` (the prepare script).
import { runLauncher } from './launch.js';
await runLauncher('buildrump', '../dist/buildrump/cli.js', import.meta.url);

/** Process entry of the `parindex` command (bin/parindex.js loads the compiled form of this file). */
import { run } from './main.js';

const code = await run(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
});
process.exitCode = code;

// Runs the Kubernetes manifest validator on each file of a folder of
// deliberately broken manifests, one file at a time, and requires each to be
// rejected for its own reason only: exit status 1, exactly one problem, and
// that problem's line containing the text of the file's "# expect: TEXT"
// line. So the test cannot pass because the validator rejects everything,
// crashes, or catches a different mistake than the one the file is about.
//
//   node check_broken.mjs VALIDATE_MJS BROKEN_FOLDER
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

const [validate, folder] = process.argv.slice(2);
if (!validate || !folder) {
  console.error("usage: node check_broken.mjs VALIDATE_MJS BROKEN_FOLDER");
  process.exit(2);
}
const files = readdirSync(folder).filter((name) => name.endsWith(".yaml")).sort();
const MIN_FILES = 4;
if (files.length < MIN_FILES) {
  console.error(`check_broken.mjs: ${folder} has ${files.length} *.yaml files, expected at least ${MIN_FILES}`);
  process.exit(1);
}

let failures = 0;
for (const name of files) {
  const file = join(folder, name);
  const expect = readFileSync(file, "utf8").match(/^# expect: (.+)$/m)?.[1].trim();
  const fail = (why, output = "") => {
    failures++;
    console.error(`FAIL ${name}: ${why}`);
    if (output) console.error(output.replace(/^/gm, "    "));
  };
  if (!expect) {
    fail('no "# expect: TEXT" line');
    continue;
  }
  const run = spawnSync(process.execPath, [validate, file], { encoding: "utf8" });
  const output = `${run.stdout}${run.stderr}`.trimEnd();
  const lines = run.stderr.split("\n").filter((line) => line.startsWith(`${file}:`));
  if (run.status !== 1) fail(`validate.mjs exited with ${run.status ?? run.signal}, not 1 (manifests rejected)`, output);
  else if (!/: 1 problem found in 1 file/.test(run.stderr)) fail(`not exactly one problem (expected: ${expect})`, output);
  else if (lines.length !== 1 || !lines[0].includes(expect)) fail(`the problem is not the expected one: ${expect}`, output);
  else console.log(`ok ${name}: rejected: ${lines[0].slice(file.length + 1)}`);
}
if (failures > 0) {
  console.error(`check_broken.mjs: ${failures} of ${files.length} broken manifests not rejected as expected`);
  process.exit(1);
}
console.log(`check_broken.mjs: all ${files.length} broken manifests rejected, each for its expected reason`);

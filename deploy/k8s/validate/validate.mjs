// Validates Kubernetes manifests without a cluster:
//
//   node validate.mjs [PATH...]
//
// PATH is a folder (its *.yaml files) or a file; without one, the folder
// above this script (deploy/k8s). All the files given are one set: a Job's
// volumes may refer to a PersistentVolumeClaim or ConfigMap in another file.
// Every document is checked against the JSON schema of its kind in
// kubernetes-models (Kubernetes' OpenAPI schemas), unknown fields included,
// and then for what a schema cannot say (see README.md). Exit status: 0 all
// valid, 1 problems found (one line each: FILE:LINE: document N (KIND NAME):
// FIELD: message), 2 no manifests or a usage error.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigMap, PersistentVolumeClaim } from "kubernetes-models/v1";
import { Job } from "kubernetes-models/batch/v1";
import { LineCounter, parseAllDocuments, isAlias, isMap, isSeq, isScalar } from "yaml";

// apiVersion/kind -> model class. Any other kind is an error: the checks
// below know these.
const KINDS = new Map([
  ["v1/PersistentVolumeClaim", PersistentVolumeClaim],
  ["v1/ConfigMap", ConfigMap],
  ["batch/v1/Job", Job],
]);

function usage(message) {
  console.error(`validate.mjs: ${message}`);
  console.error("usage: node validate.mjs [FOLDER_OR_FILE.yaml...]");
  process.exit(2);
}

function modelsVersion() {
  try {
    const index = fileURLToPath(import.meta.resolve("kubernetes-models"));
    return JSON.parse(readFileSync(join(dirname(index), "package.json"), "utf8")).version;
  } catch {
    return "?";
  }
}

// ---- Files and documents -------------------------------------------------

function manifestFiles(args) {
  const here = dirname(fileURLToPath(import.meta.url));
  const paths = args.length > 0 ? args : [resolve(here, "..")];
  const files = [];
  for (const path of paths) {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      usage(`${path}: no such file or folder`);
    }
    if (stat.isDirectory()) {
      const found = readdirSync(path).filter((name) => name.endsWith(".yaml")).sort();
      if (found.length === 0) usage(`${path}: no *.yaml files`);
      files.push(...found.map((name) => join(path, name)));
    } else {
      files.push(path);
    }
  }
  return files;
}

// A field path as an array of keys (strings) and indices (numbers), printed
// as spec.template.spec.containers[0].env[1].value.
function formatPath(path) {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out || "(document)";
}

// The line of the YAML node at path (of its key, for a map entry), or of the
// deepest part of path that exists.
function lineOf(entry, path) {
  const { yamlDoc, lineCounter } = entry;
  let node = yamlDoc.contents;
  let offset = node?.range?.[0] ?? 0;
  for (const key of path) {
    if (isAlias(node)) node = node.resolve(yamlDoc);
    let next;
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : p.key) === String(key));
      if (!pair) break;
      offset = pair.key?.range?.[0] ?? offset;
      next = pair.value;
    } else if (isSeq(node) && typeof key === "number" && key < node.items.length) {
      next = node.items[key];
      offset = next?.range?.[0] ?? offset;
    } else {
      break;
    }
    node = next;
  }
  return lineCounter.linePos(offset).line;
}

const problems = [];

// Problems, printed sorted by file, document and line.
function problem(file, index, line, text) {
  problems.push({ file, index, line, text });
}

function report(entry, path, message) {
  const line = lineOf(entry, path);
  const what = entry.kind ? ` (${entry.kind} ${entry.name ?? "<no name>"})` : "";
  problem(entry.file, entry.index, line,
          `${entry.file}:${line}: document ${entry.index}${what}: ${formatPath(path)}: ${message}`);
}

function readDocuments(files) {
  const entries = [];
  for (const file of files) {
    let text;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      usage(`${file}: ${error.message}`);
    }
    const lineCounter = new LineCounter();
    // YAML 1.1, as kubectl reads it (yes/no/on/off are booleans there).
    const docs = parseAllDocuments(text, { version: "1.1", lineCounter, prettyErrors: false });
    let objects = 0;
    docs.forEach((yamlDoc, i) => {
      const entry = { file, index: i + 1, yamlDoc, lineCounter };
      if (yamlDoc.errors.length > 0) {
        for (const error of yamlDoc.errors) {
          const line = lineCounter.linePos(error.pos?.[0] ?? 0).line;
          problem(file, i + 1, line, `${file}:${line}: document ${i + 1}: YAML: ${error.message.split("\n")[0]}`);
        }
        return;
      }
      const obj = yamlDoc.toJS({ maxAliasCount: 100 });
      if (obj === null || obj === undefined) return;  // an empty document
      objects++;
      entry.obj = obj;
      if (typeof obj !== "object" || Array.isArray(obj)) {
        report(entry, [], "a Kubernetes object must be a mapping");
        return;
      }
      entry.kind = typeof obj.kind === "string" ? obj.kind : undefined;
      entry.name = typeof obj.metadata?.name === "string" ? obj.metadata.name : undefined;
      entries.push(entry);
    });
    if (objects === 0 && !docs.some((d) => d.errors.length > 0))
      problem(file, 0, 0, `${file}: no Kubernetes objects in this file`);
  }
  return entries;
}

// ---- Schema validation ---------------------------------------------------

// Wraps value in proxies that record which keys of each object the schema's
// validator looks at. The validators (compiled by Ajv from Kubernetes'
// OpenAPI schemas) look up every property their schema defines, and list
// the keys of maps (additionalProperties: labels, resources.limits); the
// schemas do not say additionalProperties: false, so a key the validator
// never looked up in an object it did not list is a field the schema does
// not know.
function track(value, path, nodes) {
  if (value === null || typeof value !== "object") return value;
  const node = { path, value, read: new Set(), listed: false };
  nodes.push(node);
  const children = new Map();
  return new Proxy(value, {
    get(target, key, receiver) {
      const child = Reflect.get(target, key, receiver);
      if (typeof key !== "string") return child;
      node.read.add(key);
      if (child === null || typeof child !== "object" || !Object.hasOwn(target, key)) return child;
      if (!children.has(key)) {
        const childPath = [...path, Array.isArray(target) ? Number(key) : key];
        children.set(key, track(child, childPath, nodes));
      }
      return children.get(key);
    },
    has(target, key) {
      if (typeof key === "string") node.read.add(key);
      return Reflect.has(target, key);
    },
    getOwnPropertyDescriptor(target, key) {
      if (typeof key === "string") node.read.add(key);
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
    ownKeys(target) {
      node.listed = true;
      return Reflect.ownKeys(target);
    },
  });
}

// "/spec/template/0" -> ["spec", "template", 0], numbers where obj has an array.
function pointerToPath(obj, pointer) {
  const path = [];
  let value = obj;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    const step = Array.isArray(value) ? Number(key) : key;
    path.push(step);
    value = value?.[step];
  }
  return path;
}

function schemaMessage(error) {
  const params = error.params ?? {};
  if (error.keyword === "enum" && params.allowedValues)
    return `${error.message}: ${params.allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
  if (error.keyword === "additionalProperties" && params.additionalProperty)
    return `unknown field "${params.additionalProperty}"`;
  return error.message;
}

function validateSchema(entry, model) {
  const nodes = [];
  try {
    model.prototype.validate.call(track(entry.obj, [], nodes));
  } catch (error) {
    if (!Array.isArray(error.errors)) throw error;
    // One line per field; where a value matches none of a oneOf's schemas
    // (int-or-string, quantities), the reasons of each schema on it.
    const byField = new Map();
    for (const e of error.errors) {
      if (!byField.has(e.instancePath)) byField.set(e.instancePath, []);
      byField.get(e.instancePath).push(e);
    }
    for (const [pointer, errors] of byField) {
      const path = pointerToPath(entry.obj, pointer);
      const messages = [...new Set(errors.filter((e) => e.keyword !== "oneOf").map(schemaMessage))];
      if (errors.some((e) => e.keyword === "oneOf"))
        report(entry, path, `${messages.length > 0 ? messages.join(" or ") : "matches none of its schemas"} (schema)`);
      else
        for (const message of messages) report(entry, path, `${message} (schema)`);
    }
  }
  for (const node of nodes) {
    // Arrays; maps, whose keys the validator listed; free-form objects, of
    // which it looked up nothing (an object where the schema wants a string
    // has already failed above).
    if (Array.isArray(node.value) || node.listed || node.read.size === 0) continue;
    for (const key of Object.keys(node.value)) {
      if (!node.read.has(key)) report(entry, [...node.path, key], `unknown field (not in the ${entry.kind} schema)`);
    }
  }
}

// ---- What a schema cannot say ------------------------------------------

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function checkName(entry, names) {
  const name = entry.obj.metadata?.name;
  if (typeof name !== "string" || name === "") {
    report(entry, ["metadata", "name"], "required (kubectl apply needs a name)");
    return;
  }
  const limit = entry.kind === "Job" ? 63 : 253;  // a Job's name is also a label value
  if (!DNS_SUBDOMAIN.test(name) || name.length > limit)
    report(entry, ["metadata", "name"],
           `"${name}" is not a valid name (lower-case letters, digits, '-' and '.', at most ${limit})`);
  const key = `${entry.kind}/${entry.obj.metadata?.namespace ?? ""}/${name}`;
  const first = names.get(key);
  if (first) report(entry, ["metadata", "name"], `a second ${entry.kind} "${name}" (the first is in ${first.file}, document ${first.index})`);
  else names.set(key, entry);
}

function checkClaim(entry) {
  const modes = entry.obj.spec?.accessModes;
  if (!Array.isArray(modes) || !modes.includes("ReadWriteMany"))
    report(entry, ["spec", "accessModes"],
           `must include ReadWriteMany (the run folder is mounted by pods on many nodes), not ${JSON.stringify(modes ?? [])}`);
  if (entry.obj.spec?.resources?.requests?.storage === undefined)
    report(entry, ["spec", "resources", "requests", "storage"], "required (the size of the volume)");
}

function checkConfigMap(entry) {
  for (const [key, text] of Object.entries(entry.obj.data ?? {})) {
    if (!key.endsWith(".json") || typeof text !== "string") continue;
    try {
      JSON.parse(text);
    } catch (error) {
      report(entry, ["data", key], `not valid JSON: ${error.message}`);
    }
  }
}

function containerText(container) {
  return [...(container.command ?? []), ...(container.args ?? [])].join(" ");
}

function checkJob(entry, byKind) {
  const spec = entry.obj.spec;
  const podPath = ["spec", "template", "spec"];
  // The schema requires spec.template but neither spec nor template.spec.
  if (spec === undefined || spec === null) {
    report(entry, ["spec"], "required (a Job needs spec.template)");
    return;
  }
  if (spec.template === null || typeof spec.template !== "object") return;  // the schema has said so
  const pod = spec.template.spec;
  if (pod === undefined || pod === null) {
    report(entry, podPath, "required (the pod of the Job)");
    return;
  }
  if (typeof pod !== "object") return;

  if (pod.restartPolicy !== "OnFailure" && pod.restartPolicy !== "Never")
    report(entry, [...podPath, "restartPolicy"],
           pod.restartPolicy === undefined
             ? "must be set to OnFailure or Never (a pod's default, Always, is not allowed in a Job)"
             : `must be OnFailure or Never in a Job, not ${JSON.stringify(pod.restartPolicy)}`);

  const indexed = spec.completionMode === "Indexed";
  for (const field of ["backoffLimitPerIndex", "maxFailedIndexes"])
    if (spec[field] !== undefined && !indexed)
      report(entry, ["spec", field], "needs completionMode: Indexed");
  if (indexed && spec.completions === undefined)
    report(entry, ["spec", "completions"], "required with completionMode: Indexed");

  const containers = Array.isArray(pod.containers) ? pod.containers : [];
  if (Array.isArray(pod.containers) && containers.length === 0)
    report(entry, [...podPath, "containers"], "needs at least one container");
  const text = containers.map(containerText).join(" ");
  // Self-play workers (tengen-worker.sh, tengen selfplay, --follow) take
  // their worker name and seed from the completion index.
  const worker = /tengen-worker\.sh|\bselfplay\b/.test(text);
  const usesIndex = /JOB_COMPLETION_INDEX/.test(text);
  if ((worker || usesIndex) && !indexed)
    report(entry, ["spec", "completionMode"],
           `must be Indexed: ${worker ? "a self-play worker Job" : "this Job"} names its workers by JOB_COMPLETION_INDEX, ` +
           `which only an Indexed Job sets (got ${JSON.stringify(spec.completionMode ?? "NonIndexed")})`);
  if (worker && !usesIndex)
    report(entry, [...podPath, "containers"],
           "a self-play worker must take its worker name from $JOB_COMPLETION_INDEX (stable across pod restarts, unique per pod)");

  const volumes = new Map();
  (Array.isArray(pod.volumes) ? pod.volumes : []).forEach((volume, i) => {
    if (volume?.name !== undefined) volumes.set(volume.name, volume);
    const path = [...podPath, "volumes", i];
    const claim = volume?.persistentVolumeClaim?.claimName;
    if (claim !== undefined && !byKind("PersistentVolumeClaim").has(claim))
      report(entry, [...path, "persistentVolumeClaim", "claimName"],
             `no PersistentVolumeClaim "${claim}" among the validated manifests ` +
             `(defined: ${[...byKind("PersistentVolumeClaim").keys()].join(", ") || "none"})`);
    const map = volume?.configMap;
    if (map?.name !== undefined && !map.optional && !byKind("ConfigMap").has(map.name))
      report(entry, [...path, "configMap", "name"], `no ConfigMap "${map.name}" among the validated manifests`);
  });

  const lists = [["containers", containers], ["initContainers", Array.isArray(pod.initContainers) ? pod.initContainers : []]];
  for (const [list, items] of lists) {
    items.forEach((container, i) => {
      const path = [...podPath, list, i];
      if (typeof container?.image !== "string" || container.image === "")
        report(entry, [...path, "image"], "required (a pod's containers need an image)");
      if (worker && list === "containers") {
        const omp = (container.env ?? []).find((e) => e?.name === "OMP_NUM_THREADS");
        if (omp?.value !== "1")
          report(entry, [...path, "env"], `a self-play worker must set OMP_NUM_THREADS to "1" (one thread per worker)`);
      }
      (container?.volumeMounts ?? []).forEach((mount, j) => {
        const volume = volumes.get(mount?.name);
        if (!volume) {
          report(entry, [...path, "volumeMounts", j, "name"], `no volume "${mount?.name}" in ${formatPath([...podPath, "volumes"])}`);
          return;
        }
        // A file named under a ConfigMap's mount must be one of its keys.
        const map = byKind("ConfigMap").get(volume.configMap?.name);
        if (!map || typeof mount.mountPath !== "string" || mount.subPath) return;
        const prefix = mount.mountPath.replace(/\/*$/, "/");
        const args = [...(container.command ?? []), ...(container.args ?? [])];
        for (const arg of args) {
          if (typeof arg !== "string" || !arg.startsWith(prefix)) continue;
          const key = arg.slice(prefix.length);
          if (!Object.hasOwn(map.obj.data ?? {}, key) && !Object.hasOwn(map.obj.binaryData ?? {}, key))
            report(entry, [...path, args.indexOf(arg) < (container.command ?? []).length ? "command" : "args"],
                   `${arg}: ConfigMap "${map.name}" (mounted at ${mount.mountPath}) has no key "${key}"`);
        }
      });
    });
  }
}

// ---- Main ------------------------------------------------------------------

const files = manifestFiles(process.argv.slice(2));
const entries = readDocuments(files);
const valid = [];
for (const entry of entries) {
  const { apiVersion, kind } = entry.obj;
  const model = KINDS.get(`${apiVersion}/${kind}`);
  if (!model) {
    const known = [...KINDS.keys()].join(", ");
    const other = [...KINDS.keys()].find((k) => k.endsWith(`/${kind}`));
    if (other)
      report(entry, ["apiVersion"], `${kind} is ${other.slice(0, -kind.length - 1)}, not ${JSON.stringify(apiVersion)}`);
    else
      report(entry, ["kind"], `unknown kind ${JSON.stringify(kind)} (apiVersion ${JSON.stringify(apiVersion)}); this validator knows ${known}`);
    continue;
  }
  validateSchema(entry, model);
  valid.push(entry);
}

const names = new Map();
for (const entry of valid) checkName(entry, names);
const byKind = (kind) => new Map(valid.filter((e) => e.kind === kind && e.name !== undefined).map((e) => [e.name, e]));
for (const entry of valid) {
  if (entry.kind === "PersistentVolumeClaim") checkClaim(entry);
  else if (entry.kind === "ConfigMap") checkConfigMap(entry);
  else if (entry.kind === "Job") checkJob(entry, byKind);
}

const schemas = `kubernetes-models ${modelsVersion()}`;
if (problems.length > 0) {
  const order = new Map(files.map((file, i) => [file, i]));
  problems.sort((a, b) => order.get(a.file) - order.get(b.file) || a.index - b.index || a.line - b.line);
  for (const { text } of problems) console.error(text);
  console.error(`validate.mjs: ${problems.length} problem${problems.length === 1 ? "" : "s"} found ` +
                `in ${files.length} file${files.length === 1 ? "" : "s"} (${schemas})`);
  process.exit(1);
}
for (const entry of valid) console.log(`ok ${entry.file}: document ${entry.index}: ${entry.obj.apiVersion} ${entry.kind} ${entry.name}`);
console.log(`validate.mjs: ${valid.length} objects in ${files.length} files valid (${schemas})`);

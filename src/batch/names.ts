import { basename } from "node:path";

/** a student id as a file name: nothing that could leave the folder or hide as a dot file */
export function safeFileName(id: string): string {
  const cleaned = basename(id).replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\.+/, "_");
  return cleaned.slice(0, 100) || "submission";
}

/** case-insensitive, because two students whose ids differ in case would share a file on macOS and Windows */
export function uniqueName(name: string, used: Set<string>): string {
  let candidate = name;
  for (let k = 2; used.has(candidate.toLowerCase()); k++) candidate = `${name}-${k}`;
  used.add(candidate.toLowerCase());
  return candidate;
}

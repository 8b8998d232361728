/**
 * The two scripts Gradescope's autograder format asks for at the zip root.
 * setup.sh runs once, as root, when Gradescope builds the image; run_autograder
 * runs once per submission. Both honour AUTOGRADER_ROOT (default /autograder)
 * so that they can be run outside Gradescope, as the tests do.
 *
 * They are bash inside JavaScript template literals: `\${` is a bash
 * expansion, `${` a value filled in here. Every other backslash is doubled
 * (`\\n`, `\\0`, `\\u0000`): it is meant for the JavaScript that
 * run_autograder hands to node, or for printf.
 */
import { NngradeError } from "../errors.ts";
import { ASSIGNMENT_ID } from "../rubric/types.ts";

/** only an id goes into a script: it is pasted into bash, single-quoted */
function checkedId(assignmentId: string): string {
  if (!ASSIGNMENT_ID.test(assignmentId)) throw new NngradeError("usage", `"${assignmentId.slice(0, 60)}" is not an assignment id`);
  return assignmentId;
}

/** a course's own assignment: its folder is course/ in the zip, its rubric at this path inside it ("/"-separated, checked by course-files.ts) */
export interface CourseScriptOptions {
  rubric: string;
  /** the reference is Python: setup.sh installs python3 and numpy where the image lacks them */
  python: boolean;
}

/** where setup.sh keeps the course folder in the image, beside nngrade itself */
const COURSE_DIR = "nngrade-course";

function checkedRubric(rubric: string): string {
  if (!/^[A-Za-z0-9_][A-Za-z0-9._-]*(\/[A-Za-z0-9_][A-Za-z0-9._-]*)*$/.test(rubric)) throw new NngradeError("usage", `"${rubric.slice(0, 60)}" cannot be quoted in a script`);
  return rubric;
}

/** bash that sets ASSIGNMENT: a built-in's id, or the course rubric's path under $ROOT */
function assignmentLine(id: string, course: CourseScriptOptions | undefined): string {
  return course === undefined ? `ASSIGNMENT='${id}'` : `ASSIGNMENT="$ROOT/${COURSE_DIR}/"'${checkedRubric(course.rubric)}'`;
}

/** the Node.js releases nngrade runs on: package.json "engines" says the same (a test holds them together) */
export const NODE_ENGINES = "^20.19.0 || ^22.12.0 || >=24";
/** the Node.js major version setup.sh installs where the image has no usable one */
export const NODE_MAJOR = 22;

export function setupScript(assignmentId: string, course?: CourseScriptOptions): string {
  const id = checkedId(assignmentId);
  return `#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image. It
# installs Node.js ${NODE_MAJOR} where the image has none that nngrade runs on
# (${NODE_ENGINES}), then nngrade from nngrade.tgz beside this script,
# with the dependency versions of package-lock.json,${course ? ` copies the
# course's folder (course/ beside this script) next to it,${course.python ? " installs python3\n# and numpy for its reference," : ""}` : ""} and grades the
# reference answers once so that a broken install fails here, not on every
# student's submission.
set -euo pipefail

ROOT="\${AUTOGRADER_ROOT:-/autograder}"
${assignmentLine(id, course)}
SOURCE="$(cd "$(dirname "\${BASH_SOURCE[0]}")" && pwd)"
INSTALL="$ROOT/nngrade"
BIN_DIR="\${NNGRADE_BIN_DIR:-/usr/local/bin}"
NODE_DIR=/opt/node

# the releases nngrade runs on: ${NODE_ENGINES}
node_version_is_usable() {
  local major minor
  IFS=. read -r major minor _ <<< "\${1#v}"
  [[ "$major" =~ ^[0-9]+$ && "$minor" =~ ^[0-9]+$ ]] || return 1
  case "$major" in
    20) [ "$minor" -ge 19 ] ;;
    22) [ "$minor" -ge 12 ] ;;
    *) [ "$major" -ge 24 ] ;;
  esac
}

node_is_usable() {
  command -v node >/dev/null 2>&1 && node_version_is_usable "$(node --version 2>/dev/null)"
}

if ! node_is_usable; then
  if ! command -v curl >/dev/null 2>&1; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl ca-certificates
  fi
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "setup.sh: no Node.js build for $(uname -m)" >&2; exit 1 ;;
  esac
  # the newest ${NODE_MAJOR}.x release from nodejs.org, checked against the release's checksums
  release="https://nodejs.org/dist/latest-v${NODE_MAJOR}.x"
  download="$(mktemp -d)"
  curl -fsSL --retry 3 "$release/SHASUMS256.txt" -o "$download/SHASUMS256.txt"
  tarball="$(grep -oE "node-v${NODE_MAJOR}[.][0-9]+[.][0-9]+-linux-$arch[.]tar[.]gz" "$download/SHASUMS256.txt" | head -n 1)"
  if [ -z "$tarball" ]; then echo "setup.sh: no linux-$arch tarball in $release/SHASUMS256.txt" >&2; exit 1; fi
  curl -fsSL --retry 3 "$release/$tarball" -o "$download/$tarball"
  (cd "$download" && awk -v name="$tarball" '$2 == name' SHASUMS256.txt | sha256sum -c -)
  rm -rf "$NODE_DIR"
  mkdir -p "$NODE_DIR" "$BIN_DIR"
  tar -xzf "$download/$tarball" -C "$NODE_DIR" --strip-components=1 --no-same-owner
  rm -rf "$download"
  for tool in node npm npx; do ln -sf "$NODE_DIR/bin/$tool" "$BIN_DIR/$tool"; done
  export PATH="$NODE_DIR/bin:$PATH"
fi
echo "setup.sh: node $(node --version), npm $(npm --version)"

# nngrade without its development tools; npm ci installs exactly the locked versions
rm -rf "$INSTALL"
mkdir -p "$INSTALL" "$BIN_DIR"
tar -xzf "$SOURCE/nngrade.tgz" -C "$INSTALL" --strip-components=1 --no-same-owner
if [ -f "$SOURCE/package-lock.json" ]; then
  cp "$SOURCE/package-lock.json" "$INSTALL/package-lock.json"
  (cd "$INSTALL" && npm ci --omit=dev --no-audit --no-fund)
else
  (cd "$INSTALL" && npm install --omit=dev --no-audit --no-fund)
fi
chmod 755 "$INSTALL/bin/nngrade.js"
ln -sf "$INSTALL/bin/nngrade.js" "$BIN_DIR/nngrade"
${course === undefined ? "" : courseSetup(course)}
check="$(mktemp -d)"
"$BIN_DIR/nngrade" reference "$ASSIGNMENT" --json > "$check/reference.json"
"$BIN_DIR/nngrade" check "$check/reference.json" --assignment "$ASSIGNMENT" --all --format gradescope > "$check/results.json"
rm -rf "$check"
echo "setup.sh: nngrade installed in $INSTALL and grades $ASSIGNMENT"
`;
}

/** the course's folder beside nngrade, and for a Python reference python3 with numpy (Debian's, as Gradescope's Ubuntu image takes it) */
function courseSetup(course: CourseScriptOptions): string {
  const python = course.python
    ? `
# the reference is plain numpy: nngrade runs it with python3 (NNGRADE_PYTHON names another)
if ! "\${NNGRADE_PYTHON:-python3}" -c 'import numpy' >/dev/null 2>&1; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3 python3-numpy
fi
echo "setup.sh: $("\${NNGRADE_PYTHON:-python3}" -c 'import sys, numpy; print("python", sys.version.split()[0], "numpy", numpy.__version__)')"
`
    : "";
  return `
# the course's own assignment: its rubric, reference, shipped answers and data
rm -rf "$ROOT/${COURSE_DIR}"
cp -R "$SOURCE/course" "$ROOT/${COURSE_DIR}"
${python}`;
}

/** what a student sees when stderr of nngrade is quoted: at most this many bytes of it */
const MESSAGE_BYTES = 4000;

export function runAutograderScript(assignmentId: string, course?: CourseScriptOptions): string {
  const id = checkedId(assignmentId);
  return `#!/usr/bin/env bash
# Gradescope runs this once per submission. It grades the one .json file in
# submission/ with nngrade and always leaves a valid results.json: a
# submission that cannot be graded gets 0 points and an output that says why,
# which Gradescope shows to the student.
set -uo pipefail

ROOT="\${AUTOGRADER_ROOT:-/autograder}"
${assignmentLine(id, course)}
NNGRADE="\${NNGRADE:-nngrade}"
SUBMISSION_DIR="$ROOT/submission"
RESULTS_DIR="$ROOT/results"
RESULTS="$RESULTS_DIR/results.json"

mkdir -p "$RESULTS_DIR"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# moves a finished file into place: Gradescope never reads half a results.json
publish() {
  local temporary="$RESULTS_DIR/.results.json.$$.tmp"
  cp "$1" "$temporary" && mv -f "$temporary" "$RESULTS"
}

# 0 points, and $1 as the output the student sees; node quotes the text as JSON
give_zero() {
  echo "run_autograder: $1" >&2
  if ! NNGRADE_OUTPUT="$1" node -e 'process.stdout.write(JSON.stringify({ score: 0, output: process.env.NNGRADE_OUTPUT, output_format: "text", visibility: "visible", stdout_visibility: "hidden", tests: [] }, null, 2) + "\\n")' > "$WORK/zero.json"; then
    echo '{"score": 0, "output": "the autograder could not run node: this is not your fault, tell your instructor", "output_format": "text", "visibility": "visible", "stdout_visibility": "hidden", "tests": []}' > "$WORK/zero.json"
  fi
  publish "$WORK/zero.json"
  exit 0
}

# "a.json, b.json" from the arguments, at most ten of them
name_list() {
  local names=("$@")
  local shown
  shown="$(printf '%s, ' "\${names[@]:0:10}")"
  shown="\${shown%, }"
  if [ "$#" -gt 10 ]; then shown="$shown and $(($# - 10)) more"; fi
  printf '%s' "$shown"
}

cd "$SUBMISSION_DIR" 2>/dev/null || give_zero "no submission found: upload one .json file with your answers"

# hidden files and folders, macOS zip metadata and node_modules are not answers
files=()
while IFS= read -r -d '' file; do files+=("\${file#./}"); done < <(
  find . -type f -iname '*.json' -not -path '*/.*' -not -path '*/__MACOSX/*' -not -path '*/node_modules/*' -print0 | LC_ALL=C sort -z
)

if [ "\${#files[@]}" -eq 0 ]; then
  others=()
  while IFS= read -r -d '' file; do others+=("\${file#./}"); done < <(find . -type f -not -path '*/.*' -print0 | LC_ALL=C sort -z)
  found="nothing"
  if [ "\${#others[@]}" -gt 0 ]; then found="$(name_list "\${others[@]}")"; fi
  give_zero "no .json file in your submission (found: $found): upload one .json file with your answers, in the layout that nngrade template ${id} prints"
fi
if [ "\${#files[@]}" -gt 1 ]; then
  give_zero "\${#files[@]} .json files in your submission ($(name_list "\${files[@]}")): upload exactly one, the file with your answers"
fi

file="\${files[0]}"
# a name starting with - would read as an option
case "$file" in -*) file="./$file" ;; esac

# who submitted, as Gradescope knows it: a file cannot claim to be someone else, which matters where each
# student has inputs of their own (per-student variants). submission_metadata.json documents users[] with
# email, id (Gradescope's own number) and name; a course with student ids gives sid too. The id is the sid
# where there is one (what a roster and the handouts use), else the e-mail, else Gradescope's number; a
# group is graded as its first member. Node prints id NUL name NUL, control characters made spaces.
student=()
who=""
who_name=""
who_count=0
if [ -f "$ROOT/submission_metadata.json" ]; then
  { IFS= read -r -d '' who && IFS= read -r -d '' who_name && IFS= read -r -d '' who_count; } < <(node -e '
    const users = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).users;
    const list = Array.isArray(users) ? users : [];
    const user = list[0] !== null && typeof list[0] === "object" ? list[0] : {};
    const text = (value) => (typeof value === "string" || typeof value === "number" ? String(value).replace(/[\\u0000-\\u001f\\u007f-\\u009f]/g, " ").trim() : "");
    const id = text(user.sid) || text(user.email) || text(user.id);
    process.stdout.write(id + "\\0" + text(user.name) + "\\0" + list.length + "\\0");
  ' "$ROOT/submission_metadata.json" 2>/dev/null) || true
  # one argument, --student-id=ID: an id starting with - would otherwise read as an option
  if [ -n "$who" ]; then
    student=("--student-id=$who")
    # the instructors' output (stdout) says whom the submission was graded as
    group=""
    if [ "$who_count" -gt 1 ] 2>/dev/null; then group=", the first of a group of $who_count"; fi
    printf 'run_autograder: grading %s as %s%s%s\\n' "$file" "$who" "\${who_name:+ ($who_name)}" "$group"
  fi
fi

"$NNGRADE" check "$file" --assignment "$ASSIGNMENT" --all --format gradescope \${student[@]+"\${student[@]}"} > "$WORK/results.json" 2> "$WORK/stderr"
status=$?
message="$(head -c ${MESSAGE_BYTES} "$WORK/stderr" | sed 's/^nngrade: //')"

case "$status" in
  0)
    if node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' "$WORK/results.json" 2>/dev/null; then
      publish "$WORK/results.json"
      exit 0
    fi
    give_zero "the autograder printed no results for $file: this is not your fault, tell your instructor"
    ;;
  2)
    give_zero "your submission could not be graded: $message"
    ;;
  *)
    # the assignment's fault (its rubric, its reference) or nngrade's: what nngrade said may quote the reference's
    # code, so it goes to the autograder's own output, which Gradescope shows instructors only (stdout_visibility hidden)
    echo "run_autograder: nngrade exit $status on $file:"
    printf '%s\n' "$message"
    give_zero "the autograder failed on $file (nngrade exit $status): this is not your fault, tell your instructor"
    ;;
esac
`;
}

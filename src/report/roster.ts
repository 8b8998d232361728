/**
 * A class roster, as Canvas's own gradebook export names its students
 * (Student, ID, SIS User ID, SIS Login ID, Section), and how a graded
 * student is found on it: the id nngrade graded them as (a Gradescope sid
 * or e-mail, a folder's name, the file's student.id) is looked for in SIS
 * User ID, then SIS Login ID, then Canvas's ID, then an e-mail column, and
 * the first column that holds it names the student. Logins and e-mails are
 * compared without regard to case (Ada@Uni.edu is ada@uni.edu), ids exactly.
 */

/** one student of the roster; a column the roster does not have is "" */
export interface RosterStudent {
  /** the name as Canvas shows it ("Lovelace, Ada") */
  student: string;
  /** Canvas's own user id */
  id: string;
  sis_user_id: string;
  sis_login_id: string;
  section: string;
  /** an e-mail column beside the login (a Gradescope or form roster): matched, never written to Canvas */
  email: string;
}

/** the columns a graded id is looked for in, in this order */
export const ROSTER_KEYS = ["sis_user_id", "sis_login_id", "id", "email"] as const;
export type RosterKey = (typeof ROSTER_KEYS)[number];

/** each key as a TA reads it: Canvas's column names */
export const ROSTER_KEY_NAMES: Readonly<Record<RosterKey, string>> = { sis_user_id: "SIS User ID", sis_login_id: "SIS Login ID", id: "ID", email: "email" };

/** where a graded id was found: the roster's row (0-based, in roster order) and the column */
export interface RosterMatch {
  index: number;
  by: RosterKey;
}

function comparable(key: RosterKey, value: string): string {
  return key === "sis_login_id" || key === "email" ? value.trim().toLowerCase() : value.trim();
}

/** finds graded ids on a roster; a value two rows share names the first of them (a roster read from a file refuses that) */
export class RosterIndex {
  private readonly byKey = new Map<RosterKey, Map<string, number>>();

  constructor(readonly roster: readonly RosterStudent[]) {
    for (const key of ROSTER_KEYS) {
      const values = new Map<string, number>();
      roster.forEach((entry, index) => {
        const value = comparable(key, entry[key]);
        if (value !== "" && !values.has(value)) values.set(value, index);
      });
      this.byKey.set(key, values);
    }
  }

  /** the roster row a graded id names, or undefined: not on the roster */
  find(id: string): RosterMatch | undefined {
    for (const key of ROSTER_KEYS) {
      const index = this.byKey.get(key)?.get(comparable(key, id));
      if (index !== undefined) return { index, by: key };
    }
    return undefined;
  }
}

/** the id a roster row goes by where nngrade names it: the first of its ids it has */
export function rosterStudentId(entry: RosterStudent): string {
  for (const key of ROSTER_KEYS) if (entry[key] !== "") return entry[key];
  return entry.student;
}

/**
 * Exit codes: 0 done, 1 below --min-score or an invalid rubric, 2 input
 * that cannot be read or an unknown assignment. Only the cli maps outcomes
 * to them; the library reports outcomes and never exits.
 */
export const EXIT = { ok: 0, failed: 1, input: 2 } as const;

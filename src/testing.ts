/**
 * nngrade/testing: test one's own comparators (a table of cases that pass
 * and fail, in the manner of ESLint's RuleTester) and pin an assignment's
 * verdicts on its fixture submissions. Works under any test framework:
 * failures are thrown Errors, and runComparatorTests takes the framework's
 * describe and it.
 *
 * @packageDocumentation
 */

export {
  type ComparatorCases,
  type ComparatorTest,
  comparatorTests,
  type FailCase,
  type PassCase,
  runComparatorTests,
  show,
  type TestFramework,
} from "./testing/comparator-tester.ts";
export { type ExpectedVerdict, type ExpectedVerdicts, expectVerdicts, verdictProblems } from "./testing/verdicts.ts";

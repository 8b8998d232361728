/**
 * nngrade/testing: test one's own comparators (a table of cases that pass
 * and fail, in the manner of ESLint's RuleTester), pin an assignment's
 * verdicts on its fixture submissions, and test an assignment as a whole
 * (testAssignment, what `nngrade test` runs). Works under any test framework:
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
export {
  MAX_DECDIG_DIGITS,
  MAX_SIGFIG_DIGITS,
  SELF_TEST_CHECKS,
  type SelfTestCheck,
  type SelfTestFinding,
  type SelfTestOptions,
  type SelfTestReport,
  testAssignment,
  toleranceProblems,
  VARIANT_TEST_STUDENT,
} from "./testing/self-test.ts";
export { EXPECT_SUFFIX, readExpectations } from "./testing/self-test-fixtures.ts";

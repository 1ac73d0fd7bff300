/**
 * The grading reporter. It runs in the vitest process — never in the worker that runs exercise
 * code — and sends each event to the grader over the IPC channel the grader opened, so exercise
 * code has no way to forge a result. Run without a grader (plain `npx vitest`), it is silent.
 */
import type { Reporter, TestCase, TestModule, TestSuite } from 'vitest/node';
import { exerciseOfSuite, type GradingMessage, type SerializedError } from './messages.ts';

const send = (message: GradingMessage): void => {
  process.send?.(message);
};

const serialize = (errors: ReadonlyArray<{ name?: string; message?: string; stack?: string }> | undefined): SerializedError[] =>
  (errors ?? []).map((e) => ({ name: e.name ?? 'Error', message: e.message ?? String(e), stack: e.stack }));

const exerciseOf = (test: TestCase): string => (test.parent.type === 'suite' ? exerciseOfSuite(test.parent.name) : '');

export default class GradingReporter implements Reporter {
  onTestCaseResult(test: TestCase): void {
    const result = test.result();
    send({
      type: 'result',
      exercise: exerciseOf(test),
      check: test.name,
      state: result.state,
      errors: serialize(result.errors),
      durationMs: test.diagnostic()?.duration ?? 0,
    });
  }

  onTestSuiteResult(suite: TestSuite): void {
    const errors = suite.errors();
    if (errors.length > 0) send({ type: 'errors', exercise: exerciseOfSuite(suite.name), errors: serialize(errors) });
  }

  onTestModuleEnd(module: TestModule): void {
    const errors = module.errors();
    if (errors.length > 0) send({ type: 'errors', exercise: '', errors: serialize(errors) });
  }

  onUserConsoleLog(log: { content: string }): void {
    send({ type: 'log', content: log.content });
  }

  onTestRunEnd(_modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<{ name?: string; message?: string; stack?: string }>): void {
    send({ type: 'end', errors: serialize(unhandled) });
  }
}

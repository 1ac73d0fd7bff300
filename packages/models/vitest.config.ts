import { defineConfig } from 'vitest/config';

// @fast-check/vitest 0.5 spends seconds building its `it`/`test` wrappers on import (it walks
// every chain of vitest 4's test modifiers); sharing modules between test files pays that once
// per worker instead of once per file. A test file that changes the backend restores it in afterAll.
// A timeout here only catches a hang: `npm test` runs a dozen vitest and Deno processes at once on
// two cores, where a 2 s training test can take 10 s. Speed is measured by the benchmarks.
export default defineConfig({ test: { isolate: false, testTimeout: 60_000 } });

// Loaded before Scalar's bundle on the API reference (Hosting/ApiReference.cs). The bundle carries Zod, which
// probes whether it may compile validators with Function(); our Content-Security-Policy has no 'unsafe-eval',
// so the probe is refused and reported as a violation. Zod's own switch skips the probe: it validates without
// compiling, exactly as it does after a refusal.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig ?? {}, { jitless: true });

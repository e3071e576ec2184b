// app.config.ts calls Taro's compile-time globals; give them their identity so the config can be read.
const g = globalThis as Record<string, unknown>;
g.defineAppConfig = (c: unknown) => c;
g.definePageConfig = (c: unknown) => c;

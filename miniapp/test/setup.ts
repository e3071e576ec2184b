// Build-time constants Taro's defineConstants provides.
(globalThis as Record<string, unknown>).API_BASE = '';

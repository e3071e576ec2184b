/** Contracts of 常见问题 entries and the consultation form's suggestions (issue 11). */
export {};

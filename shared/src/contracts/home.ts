/** Contracts of the home feed: `GET /home` (issue 11). */
export {};

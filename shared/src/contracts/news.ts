/** Contracts of 营商动态 news articles (issue 11). */
export {};

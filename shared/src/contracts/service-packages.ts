/** Contracts of 惠企服务 service packages, their applications, and 一键申报 from a matched policy (issue 11). */
export {};

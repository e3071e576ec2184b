import type { RouteEntry } from './kit';

/** The routes of 惠企服务 (/service-packages, /admin/service-packages) and 一键申报 from a matched policy in the access matrix. */
export const SERVICE_PACKAGE_ROUTES: Record<string, RouteEntry> = {};

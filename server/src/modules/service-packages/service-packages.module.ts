import { Module } from '@nestjs/common';

/** 惠企服务 (/service-packages, /admin/service-packages) and 一键申报 from a matched policy (issue 11). */
@Module({})
export class ServicePackagesModule {}

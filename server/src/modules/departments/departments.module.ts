import { Module } from '@nestjs/common';
import { DepartmentsRepository } from './departments.repository';

@Module({ providers: [DepartmentsRepository], exports: [DepartmentsRepository] })
export class DepartmentsModule {}

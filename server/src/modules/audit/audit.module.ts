import { Global, Module } from '@nestjs/common';
import { AdminAuditController } from './admin-audit.controller';
import { AuditLogRepository } from './audit-log.repository';
import { AuditService } from './audit.service';
import { Changes } from './changes';

/**
 * The audit log: every domain writes to it (AuditService, or a Change of `Changes`), so it is global like
 * the other infrastructure; admins read it (GET /api/v1/admin/audit).
 */
@Global()
@Module({
  controllers: [AdminAuditController],
  providers: [AuditLogRepository, AuditService, Changes],
  exports: [AuditService, Changes],
})
export class AuditModule {}

import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import {
  PolicyImportDto,
  type PolicyImportQueryDto,
  type PolicyImportReport,
  PolicyInputDto,
} from '@qsgj/shared/contracts';
import { AuditAction, type DictionaryKind } from '@qsgj/shared/enums';
import type { ErrorDetail } from '@qsgj/shared/errors';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { AppException, fieldError } from '../../common/errors/app-exception';
import { createValidationPipe } from '../../common/validation';
import { Changes } from '../audit/changes';
import { DictionariesService, notInDictionaryMessage } from '../dictionaries/dictionaries.service';
import {
  auditFields,
  AdminPoliciesService,
  newDictionaryValues,
  POLICY_TARGET,
  publishRefusal,
} from './admin-policies.service';
import { PoliciesRepository } from './policies.repository';
import { changedFields, DICTIONARY_FIELDS, fieldsOf, periodProblems, toPolicyFields } from './policy-input';
import { policyToday } from './policy-viewers';
import {
  type KnownValues,
  looksLikeXlsx,
  readPolicyWorkbook,
  type WorkbookRow,
  XLSX_TYPE_MESSAGE,
} from './policy-xlsx';

/** The largest workbook accepted, in bytes. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const IMPORT_TOO_LARGE_MESSAGE = '导入文件不能超过 5 MB，请分多个文件导入';
export const IMPORT_NO_FILE_MESSAGE = '请在 file 字段上传一个 .xlsx 文件';
export const IMPORT_BROKEN_MESSAGE = '文件上传不完整，请重新上传';
const IMPORT_LIMITS = { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 5, fieldSize: 1024, parts: 6, headerPairs: 100 };

/** The same checks as any JSON body of the API (storable text, the DTO's rules, Chinese messages), row by row. */
const rowPipe = createValidationPipe();

function docNumberOf(value: unknown): string | null {
  const d = (value as { docNumber?: unknown } | null)?.docNumber;
  return typeof d === 'string' && d.trim() !== '' ? d.trim() : null;
}

/**
 * Bulk import (`POST /admin/policies/import`): JSON rows or an .xlsx, each row checked on its own — a refused
 * row is reported with why and the others import — and the whole import in one transaction, so an unexpected
 * failure leaves nothing half-imported. A known 文号 updates its policy; `createMissing` adds dictionary values
 * the rows use; `publish` publishes each imported row (each pushing like any publish).
 */
@Injectable()
export class PolicyImportService {
  constructor(
    private readonly policies: PoliciesRepository,
    private readonly admin: AdminPoliciesService,
    private readonly dictionaries: DictionariesService,
    private readonly changes: Changes,
  ) {}

  /** A JSON body `{ rows: [...] }` or a multipart upload (`file`, .xlsx). */
  async import(
    actor: Actor,
    req: FastifyRequest,
    body: unknown,
    query: PolicyImportQueryDto,
    meta: RequestMeta,
  ): Promise<PolicyImportReport> {
    let rows: WorkbookRow[] | Array<{ row: number; value: unknown }>;
    if (req.isMultipart()) {
      const known: KnownValues = {};
      for (const { field, kind } of DICTIONARY_FIELDS) {
        known[field as keyof KnownValues] = new Set((await this.dictionaries.list(kind)).map((e) => e.value));
      }
      rows = await readPolicyWorkbook(await this.receiveFile(req), known);
    } else {
      const dto = (await rowPipe.transform(body, { type: 'body', metatype: PolicyImportDto })) as PolicyImportDto;
      rows = dto.rows.map((value, i) => ({ row: i + 1, value }));
    }
    return this.importRows(actor, rows, query, meta);
  }

  private async receiveFile(req: FastifyRequest): Promise<Buffer> {
    let bytes: Buffer;
    try {
      const part = await req.file({ limits: IMPORT_LIMITS, throwFileSizeLimit: true });
      if (!part || part.fieldname !== 'file') throw fieldError('file', IMPORT_NO_FILE_MESSAGE);
      bytes = await part.toBuffer();
    } catch (e) {
      if (e instanceof AppException) throw e;
      if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
        throw new AppException(
          'PAYLOAD_TOO_LARGE',
          [{ field: 'file', message: IMPORT_TOO_LARGE_MESSAGE }],
          undefined,
          IMPORT_TOO_LARGE_MESSAGE,
        );
      }
      throw fieldError('file', IMPORT_BROKEN_MESSAGE);
    }
    if (!looksLikeXlsx(bytes)) {
      throw new AppException(
        'UNSUPPORTED_MEDIA_TYPE',
        [{ field: 'file', message: XLSX_TYPE_MESSAGE }],
        undefined,
        XLSX_TYPE_MESSAGE,
      );
    }
    return bytes;
  }

  private importRows(
    actor: Actor,
    rows: Array<{ row: number; value: unknown }>,
    query: PolicyImportQueryDto,
    meta: RequestMeta,
  ): Promise<PolicyImportReport> {
    const today = policyToday();
    const report: PolicyImportReport = {
      created: 0,
      updated: 0,
      published: 0,
      dictionaryAdded: [],
      refused: [],
      rows: [],
    };
    const refuse = (row: number, docNumber: string | null, errors: ErrorDetail[]) => {
      report.refused.push({ row, docNumber, errors });
      report.rows.push({ row, docNumber, outcome: 'refused', policyId: null });
    };
    return this.changes.run({ actor, meta }, async (change) => {
      const m = change.manager;
      for (const { row, value } of rows) {
        let dto: PolicyInputDto;
        try {
          dto = (await rowPipe.transform(value, { type: 'body', metatype: PolicyInputDto })) as PolicyInputDto;
        } catch (e) {
          if (!(e instanceof AppException)) throw e;
          refuse(row, docNumberOf(value), Array.isArray(e.details) ? e.details : [{ field: '', message: e.message }]);
          continue;
        }
        const fields = toPolicyFields(dto);
        const errors: ErrorDetail[] = periodProblems(fields);
        if (errors.length === 0 && query.publish) {
          const refusal = publishRefusal(fields, today);
          if (refusal) errors.push(refusal);
        }
        const existing = await this.policies.findByDocNumber(fields.docNumber, m);
        const missing: Array<{ field: string; kind: DictionaryKind; values: string[] }> = [];
        for (const check of newDictionaryValues(fields, existing)) {
          const values = await this.dictionaries.missing(check.kind, check.values, m);
          if (values.length > 0) missing.push({ ...check, values });
        }
        if (!query.createMissing) {
          for (const { field, kind, values } of missing) {
            for (const v of values) errors.push({ field, message: notInDictionaryMessage(kind, v) });
          }
        }
        if (errors.length > 0) {
          refuse(row, fields.docNumber, errors);
          continue;
        }
        for (const { kind, values } of missing) {
          const added = await this.dictionaries.addMissing(kind, values, m, { actor, meta });
          report.dictionaryAdded.push(...added.map((v) => ({ kind, value: v })));
        }

        let id: string;
        if (existing) {
          id = existing.id;
          const changed = changedFields(fieldsOf(existing), fields);
          if (Object.keys(changed).length > 0) {
            await this.policies.update(id, fields, m);
            await change.audit(
              AuditAction.POLICY_UPDATED,
              { type: POLICY_TARGET, id },
              { status: existing.status, changed, via: 'import', row },
            );
          }
          report.updated += 1;
          report.rows.push({ row, docNumber: fields.docNumber, outcome: 'updated', policyId: id });
        } else {
          id = await this.policies.insert(fields, actor.id, m);
          await change.audit(
            AuditAction.POLICY_CREATED,
            { type: POLICY_TARGET, id },
            { fields: auditFields(fields), via: 'import', row },
          );
          report.created += 1;
          report.rows.push({ row, docNumber: fields.docNumber, outcome: 'created', policyId: id });
        }
        if (query.publish) {
          const current = await this.policies.findForUpdate(id, m);
          if (current && current.status !== 'published') {
            await this.admin.publishIn(change, current, actor.id);
            report.published += 1;
          }
        }
      }
      if (report.created + report.updated > 0) {
        await change.audit(AuditAction.POLICIES_IMPORTED, null, {
          created: report.created,
          updated: report.updated,
          published: report.published,
          refused: report.refused.map((r) => ({ row: r.row, docNumber: r.docNumber })),
          dictionaryAdded: report.dictionaryAdded,
          options: { createMissing: query.createMissing ?? false, publish: query.publish ?? false },
        });
      }
      return report;
    });
  }
}

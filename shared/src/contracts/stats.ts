import { IsIn, IsOptional, IsUUID, Matches, registerDecorator } from 'class-validator';
import { CaseSource, CaseType } from '../enums';
import { isCalendarDay } from '../rules/cases/working-days';

export { LEDGER_MAX_DAYS } from '../rules/cases/dictionary';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day the working-day rules can count (year 1000 and later): 0001-01-01 is refused, not a 500. */
function IsCalendarDay(message: string): PropertyDecorator {
  return (target: object, property: string | symbol) =>
    registerDecorator({
      name: 'isCalendarDay',
      target: target.constructor,
      propertyName: property as string,
      options: { message },
      // Text of another shape is `Matches`' to refuse (one message per problem).
      validator: { validate: (v: unknown) => (typeof v === 'string' && !DAY.test(v)) || isCalendarDay(v) },
    });
}

/**
 * `GET /api/v1/stats/ledger` (and its `.xlsx` / `.csv` exports): the cases **received** (submitted or recorded)
 * from `from` 00:00:00 to `to` 23:59:59.999, Asia/Shanghai days; filters only narrow the caller's scope.
 */
export class LedgerQueryDto {
  @Matches(DAY, { message: '开始日期格式错误（YYYY-MM-DD）' })
  @IsCalendarDay('开始日期不是有效的日期')
  from!: string;

  @Matches(DAY, { message: '结束日期格式错误（YYYY-MM-DD）' })
  @IsCalendarDay('结束日期不是有效的日期')
  to!: string;

  @IsOptional()
  @IsUUID('4', { message: '部门编号格式错误' })
  department?: string;

  @IsOptional()
  @IsUUID('4', { message: '管家编号格式错误' })
  butler?: string;

  @IsOptional()
  @IsIn(Object.values(CaseType), { message: '诉求类型无效' })
  type?: CaseType;

  @IsOptional()
  @IsIn(Object.values(CaseSource), { message: '诉求来源无效' })
  source?: CaseSource;
}

/** One row of the ledger: a group's figures (docs/cases.md "Ledger" defines each). Rates are 0..1, null when the denominator is 0. */
export interface LedgerFigures {
  received: number;
  accepted: number;
  resolved: number;
  closed: number;
  rejected: number;
  longTerm: number;
  /** overdueOpen + resolvedLate. */
  overdue: number;
  overdueOpen: number;
  resolvedLate: number;
  acceptedOnTime: number;
  rated: number;
  satisfied: number;
  /** Average working days from receipt to acceptance, over accepted cases; null when none. */
  avgAcceptDays: number | null;
  /** Average working days from receipt to 办结, over resolved cases; null when none. */
  avgResolveDays: number | null;
  /** 响应率 = acceptedOnTime / accepted. */
  responseRate: number | null;
  /** 解决率 = resolved / (received − rejected). */
  resolutionRate: number | null;
  /** 满意率 = satisfied (levels 5, 4, 3) / rated (voided ratings excluded; unrated cases in neither). */
  satisfactionRate: number | null;
}

export interface LedgerRow extends LedgerFigures {
  /** The group's key: a department / butler id, a type, a source, a week's Monday (YYYY-MM-DD); null = none. */
  key: string | null;
  /** Its Chinese label (未分配 for none). */
  label: string;
}

export interface LedgerResponse {
  from: string;
  to: string;
  filters: { department: string | null; butler: string | null; type: string | null; source: string | null };
  total: LedgerFigures;
  byDepartment: LedgerRow[];
  byButler: LedgerRow[];
  byType: LedgerRow[];
  bySource: LedgerRow[];
  byWeek: LedgerRow[];
  /** When the figures were computed (overdue is as of this instant). */
  generatedAt: string;
}

export interface PublicStatsFigures {
  received: number;
  resolved: number;
  longTerm: number;
  rated: number;
  satisfied: number;
  satisfactionRate: number | null;
}

/** `GET /api/v1/stats/public`: no names, phones or enterprises — counts only. */
export interface PublicStatsResponse {
  city: PublicStatsFigures;
  departments: Array<PublicStatsFigures & { name: string }>;
  generatedAt: string;
}

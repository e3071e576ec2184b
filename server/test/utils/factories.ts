import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { TokenResponse } from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import { completeCreditCode, CREDIT_CODE_ALPHABET } from '@qsgj/shared/rules';
import { PasswordHasher } from '../../src/modules/users/password-hasher';
import { DepartmentEntity } from '../../src/modules/departments/department.entity';
import { UserEntity } from '../../src/modules/users/user.entity';
import type { TestApp } from './test-app';

const ALPHABET = CREDIT_CODE_ALPHABET;

/**
 * A random 统一社会信用代码, valid in every part the rule checks (authority 9, category 1, a 湘潭
 * division, an organisation code with its own check character, the check character).
 */
export function makeCreditCode(): string {
  const organization = [...randomBytes(8)].map((b) => ALPHABET[b % 31]).join('');
  return completeCreditCode('91430300', organization);
}

/** The same code with its check character changed, so it is wrong. */
export function withWrongCheckChar(code: string): string {
  const last = code[17];
  const other = ALPHABET[(ALPHABET.indexOf(last) + 1) % 31];
  return code.slice(0, 17) + other;
}

export const STAFF_PASSWORD = 'Staff#2026x';

export interface SignedIn extends TokenResponse {
  auth: { Authorization: string };
}

function signedIn(body: TokenResponse): SignedIn {
  return { ...body, auth: { Authorization: `Bearer ${body.accessToken}` } };
}

/**
 * Signs a WeChat user in through the fake WeChat (creating them on first sign-in). Unless told
 * `{ consent: false }`, the user has agreed to the current privacy notice, as the mini-program makes
 * everyone do before any write (the server refuses writes without it: 403 CONSENT_REQUIRED). The
 * consent is written to the row directly: no request, no audit row.
 */
export async function signInWechat(
  t: TestApp,
  name = `u${randomBytes(4).toString('hex')}`,
  opts: { consent?: boolean } = {},
): Promise<SignedIn> {
  const res = await t.http.post('/api/v1/auth/wechat').send({ code: `mock:${name}` });
  if (res.status !== 200) throw new Error(`wechat sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  const body = res.body as TokenResponse;
  if (opts.consent !== false && body.consentRequired) {
    await t.ds.query(`UPDATE users SET consent_version = $1, consent_at = now() WHERE id = $2`, [
      t.config.CONSENT_VERSION,
      body.user.id,
    ]);
    return signedIn({ ...body, consentRequired: false });
  }
  return signedIn(body);
}

export async function createDepartment(
  ds: DataSource,
  name = `部门${randomBytes(3).toString('hex')}`,
): Promise<DepartmentEntity> {
  return ds.getRepository(DepartmentEntity).save({ name, shortName: null });
}

let cachedHash: Promise<string> | null = null;

/** Inserts a staff account directly (password STAFF_PASSWORD unless given). */
export async function createStaff(
  ds: DataSource,
  opts: {
    role?: Role;
    username?: string;
    departmentId?: string | null;
    mustChangePassword?: boolean;
    password?: string;
    phone?: string;
  } = {},
): Promise<UserEntity> {
  const passwordHash = opts.password
    ? await new PasswordHasher().hash(opts.password)
    : await (cachedHash ??= new PasswordHasher().hash(STAFF_PASSWORD));
  return ds.getRepository(UserEntity).save({
    role: opts.role ?? Role.BUTLER,
    username: (opts.username ?? `staff${randomBytes(4).toString('hex')}`).toLowerCase(),
    name: '测试人员',
    passwordHash,
    departmentId: opts.departmentId ?? null,
    mustChangePassword: opts.mustChangePassword ?? false,
    phone: opts.phone ?? null,
    specialties: [],
  });
}

export async function signInStaff(t: TestApp, username: string, password = STAFF_PASSWORD): Promise<SignedIn> {
  const res = await t.http.post('/api/v1/auth/staff').send({ username, password });
  if (res.status !== 200) throw new Error(`staff sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  return signedIn(res.body as TokenResponse);
}

/** A signed-in staff member of the given role, in a department of their own unless given. */
export async function staffSession(
  t: TestApp,
  role: Role,
  departmentId?: string,
): Promise<SignedIn & { user: UserEntity['id'] extends string ? SignedIn['user'] : never; entity: UserEntity }> {
  const dept = departmentId ?? (await createDepartment(t.ds)).id;
  const entity = await createStaff(t.ds, { role, departmentId: role === Role.ADMIN ? null : dept });
  const session = await signInStaff(t, entity.username!);
  return { ...session, entity };
}

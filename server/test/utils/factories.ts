import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { TokenResponse } from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import { CREDIT_CODE_ALPHABET, creditCodeCheckChar } from '@qsgj/shared/rules';
import { PasswordHasher } from '../../src/modules/users/password-hasher';
import { DepartmentEntity } from '../../src/modules/departments/department.entity';
import { UserEntity } from '../../src/modules/users/user.entity';
import type { TestApp } from './test-app';

const ALPHABET = CREDIT_CODE_ALPHABET;

/** A random 统一社会信用代码 with a correct check character. */
export function makeCreditCode(): string {
  let body = '914303';
  const bytes = randomBytes(11);
  body += '00';
  for (const b of bytes) body += ALPHABET[b % 31];
  body = body.slice(0, 17);
  return body + creditCodeCheckChar(body);
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

/** Signs a WeChat user in through the fake WeChat (creating them on first sign-in). */
export async function signInWechat(t: TestApp, name = `u${randomBytes(4).toString('hex')}`): Promise<SignedIn> {
  const res = await t.http.post('/api/v1/auth/wechat').send({ code: `mock:${name}` });
  if (res.status !== 200) throw new Error(`wechat sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  return signedIn(res.body as TokenResponse);
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

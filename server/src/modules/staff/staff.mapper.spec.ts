import { Role } from '@qsgj/shared/enums';
import type { UserEntity } from '../users/user.entity';
import { toStaffItem } from './staff.mapper';

function staff(overrides: Partial<UserEntity> = {}): UserEntity {
  return Object.assign(
    {
      id: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
      role: Role.BUTLER,
      openid: null,
      unionid: null,
      nickname: null,
      phone: '13812345678',
      username: 'guanjia',
      name: '李管家',
      passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$secret',
      mustChangePassword: false,
      failedAttempts: 0,
      lockedUntil: null,
      active: true,
      departmentId: 'd1',
      department: { id: 'd1', name: '营商中心', shortName: null, createdAt: new Date(), updatedAt: new Date() },
      specialties: ['政策咨询'],
      introduction: '十年园区服务经验',
      largeFont: false,
      consentVersion: null,
      consentAt: null,
      deletedAt: null,
      createdAt: new Date('2026-01-02T03:04:05Z'),
      updatedAt: new Date('2026-01-02T03:04:05Z'),
    },
    overrides,
  );
}

describe('staff mapper', () => {
  it('maps a staff account without its hash and with the phone masked', () => {
    const item = toStaffItem(staff());
    expect(item).toEqual({
      id: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
      username: 'guanjia',
      name: '李管家',
      role: 'butler',
      department: { id: 'd1', name: '营商中心' },
      specialties: ['政策咨询'],
      introduction: '十年园区服务经验',
      phone: '138****5678',
      active: true,
      locked: false,
      mustChangePassword: false,
      createdAt: '2026-01-02T03:04:05.000Z',
    });
    expect(JSON.stringify(item)).not.toContain('argon2');
  });

  it('shows a lock only while it lasts', () => {
    const now = Date.parse('2026-01-02T10:00:00Z');
    expect(toStaffItem(staff({ lockedUntil: new Date(now + 60_000) }), now).locked).toBe(true);
    expect(toStaffItem(staff({ lockedUntil: new Date(now - 60_000) }), now).locked).toBe(false);
  });
});

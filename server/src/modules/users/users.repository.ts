import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, IsNull } from 'typeorm';
import { Role } from '@qsgj/shared/enums';
import { UserEntity } from './user.entity';

@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(UserEntity);
  }

  findById(id: string, manager?: EntityManager): Promise<UserEntity | null> {
    return this.repo(manager).findOne({ where: { id }, relations: { department: true } });
  }

  findActiveById(id: string): Promise<UserEntity | null> {
    return this.repo().findOne({ where: { id, deletedAt: IsNull() } });
  }

  findStaffByUsername(username: string): Promise<UserEntity | null> {
    return this.repo().findOne({ where: { username: username.toLowerCase() } });
  }

  /** Finds the WeChat user or creates it; safe when two sign-ins race for the same openid. */
  async findOrCreateByOpenid(openid: string, unionid: string | undefined): Promise<{ user: UserEntity; created: boolean }> {
    const inserted = await this.repo()
      .createQueryBuilder()
      .insert()
      .values({ role: Role.ENTERPRISE, openid, unionid: unionid ?? null })
      .orIgnore()
      .returning('id')
      .execute();
    const created = inserted.identifiers.length > 0 && Boolean(inserted.identifiers[0]?.id);
    const user = await this.repo().findOneOrFail({ where: { openid } });
    return { user, created };
  }

  async save(user: UserEntity, manager?: EntityManager): Promise<UserEntity> {
    return this.repo(manager).save(user);
  }

  async update(id: string, patch: Partial<UserEntity>, manager?: EntityManager): Promise<void> {
    await this.repo(manager).update({ id }, patch);
  }

  /** Counts a failed password; returns the new count. */
  async recordFailedAttempt(id: string): Promise<number> {
    const result = await this.repo()
      .createQueryBuilder()
      .update()
      .set({ failedAttempts: () => 'failed_attempts + 1' })
      .where('id = :id', { id })
      .returning('failed_attempts')
      .execute();
    return Number((result.raw as Array<{ failed_attempts: number }>)[0].failed_attempts);
  }
}

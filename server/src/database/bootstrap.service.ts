import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Role } from '@qsgj/shared/enums';
import { passwordProblems } from '@qsgj/shared/rules';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DictionariesService } from '../modules/dictionaries/dictionaries.service';
import { PasswordHasher } from '../modules/users/password-hasher';
import { UserEntity } from '../modules/users/user.entity';
import { seedDemo } from './seeds/demo';

/**
 * At start: the dictionaries' default values where a dictionary is empty, the first admin from ADMIN_USERNAME /
 * ADMIN_PASSWORD, and the demo city when SEED_DEMO is on.
 */
@Injectable()
export class BootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Bootstrap');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly passwords: PasswordHasher,
    private readonly dictionaries: DictionariesService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Every deployment: a dictionary with no entry gets the demo city's values (another city edits them after).
    await this.dictionaries.seedDefaults();
    if (this.config.ADMIN_USERNAME && this.config.ADMIN_PASSWORD) {
      await this.ensureAdmin(this.config.ADMIN_USERNAME.toLowerCase(), this.config.ADMIN_PASSWORD);
    }
    if (this.config.SEED_DEMO) {
      await this.dataSource.transaction((m) => seedDemo(m, (p) => this.passwords.hash(p)));
      this.logger.log('Demo data is in place');
    }
  }

  /** Creates the admin, or resets its password, unlocks and reactivates it. */
  private async ensureAdmin(username: string, password: string): Promise<void> {
    const problems = passwordProblems(password, username);
    if (problems.length) throw new Error(`ADMIN_PASSWORD is too weak: ${problems.join('；')}`);
    const users = this.dataSource.getRepository(UserEntity);
    const passwordHash = await this.passwords.hash(password);
    const existing = await users.findOne({ where: { username } });
    if (existing) {
      await users.update(
        { id: existing.id },
        {
          role: Role.ADMIN,
          passwordHash,
          active: true,
          lockedUntil: null,
          failedAttempts: 0,
          mustChangePassword: false,
        },
      );
    } else {
      await users.insert({ username, name: '管理员', role: Role.ADMIN, passwordHash, mustChangePassword: false });
    }
    this.logger.log({ username }, 'Admin account from ADMIN_USERNAME is ready');
  }
}

import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { AuditModule } from './modules/audit/audit.module';
import { IdempotencyModule } from './common/idempotency/idempotency.module';
import { MemoryThrottlerStorage, RedisThrottlerStorage } from './common/redis/redis-throttler.storage';
import { rateLimits } from './common/throttle/rate-limits';
import { RedisHandle, RedisModule } from './common/redis/redis.module';
import { dataSourceOptions, type DatabaseSettings } from './database/data-source';
import { BootstrapService } from './database/bootstrap.service';
import { AccountModule } from './modules/account/account.module';
import { AuthGuard } from './modules/auth/auth.guard';
import { AuthModule } from './modules/auth/auth.module';
import { CasesModule } from './modules/cases/cases.module';
import { ButlersModule } from './modules/butlers/butlers.module';
import { MarketModule } from './modules/market/market.module';
import { EventsModule } from './modules/events/events.module';
import { ServicePackagesModule } from './modules/service-packages/service-packages.module';
import { NewsModule } from './modules/news/news.module';
import { FaqModule } from './modules/faq/faq.module';
import { HomeModule } from './modules/home/home.module';
import { ButlerAdminModule } from './modules/butler-admin/butler-admin.module';
import { StatsModule } from './modules/stats/stats.module';
import { HealthController } from './modules/health/health.controller';
import { HealthService } from './modules/health/health.service';
import { DepartmentsModule } from './modules/departments/departments.module';
import { DictionariesModule } from './modules/dictionaries/dictionaries.module';
import { PoliciesModule } from './modules/policies/policies.module';
import { EnterprisesModule } from './modules/enterprises/enterprises.module';
import { FilesModule } from './modules/files/files.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { StaffModule } from './modules/staff/staff.module';
import { UsersModule } from './modules/users/users.module';
import { WechatModule } from './modules/wechat/wechat.module';

export interface AppModuleOptions {
  config: AppConfig;
  database: DatabaseSettings;
}

@Module({})
export class AppModule {
  static register(options: AppModuleOptions): DynamicModule {
    const { config } = options;
    return {
      module: AppModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: async () => ({
            ...(await dataSourceOptions(options.database)),
            migrationsRun: true,
            migrationsTransactionMode: 'each',
          }),
        }),
        RedisModule,
        ThrottlerModule.forRootAsync({
          inject: [RedisHandle],
          useFactory: (redis: RedisHandle) => ({
            throttlers: rateLimits(config),
            // Counted in Redis when there is one (shared by every process; in memory while it is down),
            // else a fixed window in memory.
            storage: redis.client
              ? new RedisThrottlerStorage(redis.client, config.REDIS_KEY_PREFIX, new Logger('RateLimit'))
              : new MemoryThrottlerStorage(),
          }),
        }),
        AuditModule,
        IdempotencyModule,
        WechatModule,
        // Domains, one module each (docs/architecture.md): each owns all its routes.
        UsersModule,
        AuthModule,
        DepartmentsModule,
        StaffModule,
        EnterprisesModule,
        DictionariesModule,
        PoliciesModule,
        AccountModule,
        NotificationsModule,
        FilesModule,
        CasesModule,
        StatsModule,
        ButlersModule,
        MarketModule,
        EventsModule,
        ServicePackagesModule,
        NewsModule,
        FaqModule,
        HomeModule,
        ButlerAdminModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        BootstrapService,
        HealthService,
        // Order matters: rate limits first, then identity and roles.
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_GUARD, useExisting: AuthGuard },
      ],
      exports: [APP_CONFIG],
    };
  }
}

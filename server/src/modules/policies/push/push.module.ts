import { Module } from '@nestjs/common';
import { PolicyPushService } from './policy-push.service';

/** Policy push (fan-out, progress, workers). The push helper fills it; exports PolicyPushService. */
@Module({ providers: [PolicyPushService], exports: [PolicyPushService] })
export class PolicyPushModule {}

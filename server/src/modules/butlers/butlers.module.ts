import { Module } from '@nestjs/common';
import { ButlersController } from './butlers.controller';
import { ButlersRepository } from './butlers.repository';
import { ButlersService } from './butlers.service';

/** 管家团队 (/butlers): the public butler directory. */
@Module({
  controllers: [ButlersController],
  providers: [ButlersRepository, ButlersService],
})
export class ButlersModule {}

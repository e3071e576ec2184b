import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CalendarYearDto, type CalendarYearResponse } from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { CurrentActor, ReqMeta, Roles } from '../../common/auth/decorators';
import { CaseCalendarService } from './case-calendar.service';

/** The admin's working calendar editor: next year's holidays are published late. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles(Role.ADMIN)
@Controller('api/v1/admin/calendar')
export class AdminCalendarController {
  constructor(private readonly calendar: CaseCalendarService) {}

  @Get(':year')
  @ApiOperation({ summary: '查看某年的法定节假日与调休上班日' })
  get(@Param('year') year: string): Promise<CalendarYearResponse> {
    return this.calendar.getYear(year);
  }

  @Put(':year')
  @ApiOperation({ summary: '录入某年的法定节假日与调休上班日（所有未结诉求的期限随之重算）' })
  put(
    @CurrentActor() actor: Actor,
    @Param('year') year: string,
    @Body() dto: CalendarYearDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<CalendarYearResponse> {
    return this.calendar.putYear(actor, year, dto, meta);
  }
}

import { Module } from '@nestjs/common';

/** 常见问题 (/faq, staff review) and the consultation form's suggestions (issue 11). */
@Module({})
export class FaqModule {}

import { Controller, Get, HttpCode, Post, Req, type StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../common/auth/actor';
import { CurrentActor } from '../../common/auth/decorators';
import { UuidParam } from '../../common/uuid.pipe';
import { fileResponse, ServesFile } from './file-response';
import type { FileSummary } from './files.service';
import { ImageUploadsService } from './image-uploads.service';

/**
 * Uploads, one image per request (wx.uploadFile sends one at a time, with progress); the uploader may
 * look at an upload until it is attached. Attached files are served by their owner's routes
 * (`FilesService.openForOwner`), to whoever may see the owner.
 */
@ApiTags('files')
@ApiBearerAuth()
@Controller('api/v1/files')
export class FilesController {
  constructor(private readonly uploads: ImageUploadsService) {}

  @Post('images')
  @HttpCode(201)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] },
  })
  @ApiOperation({
    summary: '上传一张图片（JPEG、PNG 或 WebP，按文件内容识别，不超过 10 MB），24 小时内未使用将被清除',
  })
  upload(@Req() req: FastifyRequest, @CurrentActor() actor: Actor): Promise<FileSummary> {
    return this.uploads.upload(req, actor);
  }

  @Get(':id')
  @ServesFile('自己上传、尚未提交的图片（预览）')
  @ApiOperation({ summary: '查看自己刚上传、尚未提交的图片' })
  async get(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<StreamableFile> {
    return fileResponse(await this.uploads.openOwn(actor, id));
  }
}

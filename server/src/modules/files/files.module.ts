import { Module } from '@nestjs/common';
import { EnterprisesModule } from '../enterprises/enterprises.module';
import { FileSweeper } from './file-sweeper';
import { FilesController } from './files.controller';
import { FilesRepository } from './files.repository';
import { FilesService } from './files.service';
import { ImageUploadsService } from './image-uploads.service';
import { MultipartSetup } from './multipart.setup';
import { objectStorageProvider } from './storage.provider';

/**
 * Uploaded files: object storage (local disk or S3), the upload route, and FilesService for the
 * domains whose objects carry files (cases' images, later news covers and market posts). See
 * docs/operations.md, "File storage".
 */
@Module({
  imports: [EnterprisesModule],
  controllers: [FilesController],
  providers: [objectStorageProvider, FilesRepository, FilesService, ImageUploadsService, FileSweeper, MultipartSetup],
  exports: [FilesService],
})
export class FilesModule {}

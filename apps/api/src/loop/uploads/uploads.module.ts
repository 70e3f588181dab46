import { Module } from '@nestjs/common';
import { UploadsController } from './uploads.controller';
import { UploadQuota } from './upload-quota';
import { UploadsService } from './uploads.service';

/** Photo uploads (needs' photos), stored in the database. */
@Module({ controllers: [UploadsController], providers: [UploadsService, UploadQuota], exports: [UploadsService] })
export class UploadsModule {}

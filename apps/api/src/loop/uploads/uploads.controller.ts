import {
  Controller,
  Get,
  Header,
  Param,
  Post,
  StreamableFile,
  UploadedFile,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { memoryStorage } from 'multer';
import { CurrentUser, Public } from '../../platform/auth/decorators';
import type { Principal } from '../../platform/auth/principal';
import { RateLimit } from '../../platform/throttle/rate-limit.guard';
import { MAX_UPLOAD_BYTES } from './image-type';
import { UploadErrorsFilter } from './upload-errors.filter';
import { UploadsService, type UploadResultDto } from './uploads.service';

@ApiTags('uploads')
@ApiBearerAuth()
@Controller('uploads')
export class UploadsController {
  constructor(private readonly uploads: UploadsService) {}

  @Post()
  @RateLimit({ UPLOAD_IP: 'ip', UPLOAD_ACCOUNT: 'user' })
  @UseFilters(UploadErrorsFilter)
  @UseInterceptors(
    FileInterceptor('file', {
      storage: memoryStorage(),
      limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, parts: 20 },
    }),
  )
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiOperation({ summary: 'Upload a photo (JPG, PNG or WEBP, ≤ 5 MB); its url goes into a need’s photos' })
  upload(@CurrentUser() p: Principal, @UploadedFile() file: Express.Multer.File | undefined): Promise<UploadResultDto> {
    return this.uploads.store(p, file);
  }

  @Public()
  @Get(':id')
  @Header('Cache-Control', 'private, max-age=86400')
  @Header('X-Content-Type-Options', 'nosniff')
  @ApiOperation({ summary: 'An uploaded photo (public: image tags cannot send a token)' })
  async get(@Param('id') id: string): Promise<StreamableFile> {
    const { mime, data } = await this.uploads.read(id);
    return new StreamableFile(data, { type: mime, length: data.length });
  }
}

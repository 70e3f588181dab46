import type { UploadResultDto } from '@sbd/contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Principal } from '../../platform/auth/principal';
import { badRequest, notFound } from '../../platform/errors/app-errors';
import { UploadEntity } from './entities/upload.entity';
import { UploadQuota } from './upload-quota';
import { MAX_UPLOAD_BYTES, sniffImage, UPLOAD_TOO_LARGE_MESSAGE, UPLOAD_WRONG_TYPE_MESSAGE } from './image-type';

export type { UploadResultDto };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Photos kept in the database (uploads.data), so every API process can serve them. */
@Injectable()
export class UploadsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly quota: UploadQuota,
  ) {}

  async store(p: Principal, file: { buffer: Buffer; size: number } | undefined): Promise<UploadResultDto> {
    if (!file?.buffer?.length) throw badRequest('请选择要上传的图片', 'file');
    if (file.buffer.length > MAX_UPLOAD_BYTES) throw badRequest(UPLOAD_TOO_LARGE_MESSAGE, 'file');
    const mime = sniffImage(file.buffer);
    if (!mime) throw badRequest(UPLOAD_WRONG_TYPE_MESSAGE, 'file');
    await this.quota.assertRoom(p.userId, file.buffer.length);
    const id = randomUUID();
    await this.db.getRepository(UploadEntity).insert({
      id,
      ownerUserId: p.userId,
      mime,
      size: file.buffer.length,
      data: file.buffer,
      createdAt: new Date(),
    });
    return { id, url: `/api/uploads/${id}`, mime, size: file.buffer.length };
  }

  async read(id: string): Promise<{ mime: string; data: Buffer }> {
    if (!UUID.test(id)) throw notFound('图片不存在');
    const row = await this.db
      .getRepository(UploadEntity)
      .createQueryBuilder('u')
      .select(['u.id', 'u.mime'])
      .addSelect('u.data')
      .where('u.id = :id', { id })
      .getOne();
    if (!row) throw notFound('图片不存在');
    return { mime: row.mime, data: Buffer.isBuffer(row.data) ? row.data : Buffer.from(row.data) };
  }
}

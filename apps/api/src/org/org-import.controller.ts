import { Controller, Get, HttpCode, Param, Post, Res, UploadedFile, UseFilters, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ORG_IMPORT_MAX_BYTES, type OrgImportReport } from '@sbd/contracts';
import type { Response } from 'express';
import { memoryStorage } from 'multer';
import { CurrentUser } from '../platform/auth/decorators';
import type { Principal } from '../platform/auth/principal';
import { UploadRefusalsFilter } from '../platform/http/upload-refusals.filter';
import { IdParam } from '../platform/validation/id-param';
import { sendXlsx, XLSX_MIME } from '../platform/xlsx/xlsx';
import { ORG_IMPORT_TOO_LARGE } from './org-import-file';
import { OrgImportService } from './org-import.service';

const id = IdParam;

/** multer's refusals of an import upload, in Chinese and in the shape of a refused import. */
const ORG_IMPORT_UPLOAD_REFUSALS = new UploadRefusalsFilter<OrgImportReport>({
  file: '组织导入文件',
  tooLarge: ORG_IMPORT_TOO_LARGE,
  report: (message) => ({ total: 0, created: 0, existing: 0, rows: [], errors: [{ row: 0, column: '', message }] }),
});

/** 导入组织: the template and the multipart upload (a tag of its own: its body is a file, not JSON). */
@ApiTags('org-import')
@ApiBearerAuth()
@Controller()
export class OrgImportController {
  constructor(private readonly imports: OrgImportService) {}

  @Get('org/nodes/:id/import-template.xlsx')
  @ApiProduces(XLSX_MIME)
  @ApiOperation({ summary: 'The org import template (组织导入模板): 街道, 社区, 网格, 单位名称' })
  async importTemplate(
    @CurrentUser() p: Principal,
    @Param('id', id) nodeId: number,
    @Res() res: Response,
  ): Promise<void> {
    const file = await this.imports.template(p, nodeId);
    sendXlsx(res, file.buffer, `${file.name}组织导入模板.xlsx`, 'org-import-template.xlsx');
  }

  @Post('org/nodes/:id/import')
  @HttpCode(200)
  @UseFilters(ORG_IMPORT_UPLOAD_REFUSALS)
  @UseInterceptors(
    FileInterceptor('file', {
      storage: memoryStorage(),
      limits: { fileSize: ORG_IMPORT_MAX_BYTES, files: 1, fields: 5, parts: 10 },
    }),
  )
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiOperation({
    summary: 'Import streets, communities, grids and units (.xlsx, ≤ 5 MB, ≤ 5,000 rows) into a district or street',
    description:
      'For admins of the node (district, street, platform). Creates the nodes that do not exist yet (same type and name under the same parent) and reuses the rest: ' +
      'importing a file twice creates nothing the second time. Answers { total, created, existing, rows: [{ row, status, type, path, created, errors }], errors }. ' +
      'All or nothing: with any error nothing is created, 400 VALIDATION_FAILED "文件有N处错误，未导入任何组织" with the same report in `report`.',
  })
  importNodes(
    @CurrentUser() p: Principal,
    @Param('id', id) nodeId: number,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<OrgImportReport> {
    return this.imports.import(p, nodeId, file);
  }
}

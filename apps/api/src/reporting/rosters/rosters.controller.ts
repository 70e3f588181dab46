import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  UploadedFile,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  HONOURS_RULE,
  ROSTER_MAX_BYTES,
  Role,
  type AnnualReportDto,
  type MemberRecordsPage,
  type Page,
  type RosterEntryDto,
  type RosterDecisionResult,
  type RosterImportReport,
} from '@sbd/contracts';
import type { Response } from 'express';
import { memoryStorage } from 'multer';
import { CurrentUser, Roles } from '../../platform/auth/decorators';
import type { Principal } from '../../platform/auth/principal';
import { UploadRefusalsFilter } from '../../platform/http/upload-refusals.filter';
import { IdParam } from '../../platform/validation/id-param';
import { ReadsMayLag } from '../../platform/database/replica/reads-may-lag';
import { sendXlsx, XLSX_MIME } from '../shared/xlsx';
import { UNIT_READERS } from '../stats/stats.service';
import {
  AnnualReportQuery,
  ListRosterQuery,
  MemberRecordsFilterQuery,
  MemberRecordsQuery,
  RosterDecisionDto,
  UploadRosterQuery,
} from './dto/roster.dtos';
import { ROSTER_DECIDERS, RosterDecisionsService } from './roster-decisions.service';
import { MemberRecordsExportService } from './member-records-export.service';
import { MemberRecordsService } from './member-records.service';
import { ROSTER_TOO_LARGE } from './roster-file';
import { RostersService } from './rosters.service';

const FLAGS_DOC = [
  'Flags: not_registered (on the roster, no approved registration with the same phone and name); no_service_90_days (approved at least 90 days ago, no verified service in the last 90 days);',
  'low_satisfaction (community ratings of the member in the year: ratings ≥ 4 ÷ all < 70%, at least one rating); negative_list (≥ 2 no-shows in the year, by the task start).',
  `Honours (评先评优): ${HONOURS_RULE}`,
].join(' ');

/** multer's refusals of a roster upload, in Chinese and in the shape of a refused roster. */
const ROSTER_UPLOAD_REFUSALS = new UploadRefusalsFilter<RosterImportReport>({
  file: '名册文件',
  tooLarge: ROSTER_TOO_LARGE,
  report: (message) => ({
    imported: 0,
    total: 0,
    valid: 0,
    errors: [{ row: 0, column: '', message }],
    matched: 0,
    review: 0,
    reviews: [],
  }),
});

@ApiTags('rosters')
@ApiBearerAuth()
@Controller('units/:id')
@Roles(...UNIT_READERS)
export class RostersController {
  constructor(
    private readonly rosters: RostersService,
    private readonly records: MemberRecordsService,
    private readonly files: MemberRecordsExportService,
    private readonly decisions: RosterDecisionsService,
  ) {}

  @Get('roster/template.xlsx')
  @ApiProduces(XLSX_MIME)
  @ApiOperation({ summary: 'The roster template (单位党员名册模板): 姓名, 手机号, 党支部, 职务' })
  async template(@CurrentUser() p: Principal, @Param('id', IdParam) id: number, @Res() res: Response): Promise<void> {
    sendXlsx(res, await this.rosters.template(p, id), '单位党员名册模板.xlsx', 'roster-template.xlsx');
  }

  @Post('roster')
  @HttpCode(200)
  @Roles(Role.UnitAdmin)
  @UseFilters(ROSTER_UPLOAD_REFUSALS)
  @UseInterceptors(
    FileInterceptor('file', {
      storage: memoryStorage(),
      limits: { fileSize: ROSTER_MAX_BYTES, files: 1, fields: 5, parts: 10 },
    }),
  )
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiOperation({
    summary: 'Upload the unit roster (.xlsx, ≤ 5 MB, ≤ 20,000 rows); replaces the previous roster',
    description:
      'Every row is checked (name required ≤ 50 characters; a valid mainland mobile number, unique within the file; 党支部 ≤ 100, 职务 ≤ 50; the header must be exactly the template columns). ' +
      'Answers { imported, total, valid, errors: [{ row, column, message }], matched }. With any error and without ?confirmValidOnly=true nothing is written: 400 VALIDATION_FAILED ' +
      '"名册有N处错误，未导入任何数据" with the same report in `report`. Entries are matched to registrations by keyed phone hash and name, which marks them confirmed by the unit; ' +
      'entries sharing the phone or the optional 身份证号 with a member whose name differs only in homophones or variant characters are reported in `reviews` (待核对).',
  })
  upload(
    @CurrentUser() p: Principal,
    @Param('id', IdParam) id: number,
    @Query() q: UploadRosterQuery,
    @UploadedFile() file: Express.Multer.File | undefined,
  ): Promise<RosterImportReport> {
    return this.rosters.upload(p, id, file, q.confirmValidOnly === 'true' || q.confirmValidOnly === '1');
  }

  @Get('roster')
  @ReadsMayLag()
  @ApiOperation({
    summary: 'The unit roster in file order (keyset pagination), phones masked, with each entry’s matched registration',
  })
  list(
    @CurrentUser() p: Principal,
    @Param('id', IdParam) id: number,
    @Query() q: ListRosterQuery,
  ): Promise<Page<RosterEntryDto>> {
    return this.rosters.list(p, id, q);
  }

  @Post('roster/entries/:entryId/decision')
  @HttpCode(200)
  @Roles(...ROSTER_DECIDERS)
  @ApiOperation({
    summary: 'Confirm or reject a 待核对 pairing of a roster entry with a registered member',
    description:
      'A pairing is 待核对 when the roster row and the member share the phone or the ID number and the names differ only in homophones or variant characters ' +
      '(or share both numbers with another name). Confirmed pairs count as matched (报到率, member records, unit-confirmed); rejected ones stay unmatched. ' +
      'The decision is kept per unit, phone and name (it survives re-uploads) and audited.',
  })
  decide(
    @CurrentUser() p: Principal,
    @Param('id', IdParam) id: number,
    @Param('entryId', IdParam) entryId: number,
    @Body() body: RosterDecisionDto,
  ): Promise<RosterDecisionResult> {
    return this.decisions.decide(p, id, entryId, body);
  }

  @Get('member-records')
  @ReadsMayLag()
  @ApiOperation({
    summary:
      '报回单位: one row per roster entry or registration naming the unit, with the year’s services, hours, satisfaction, points and flags',
    description: FLAGS_DOC,
  })
  memberRecords(
    @CurrentUser() p: Principal,
    @Param('id', IdParam) id: number,
    @Query() q: MemberRecordsQuery,
  ): Promise<MemberRecordsPage> {
    return this.records.page(p, id, q);
  }

  @Get('member-records/export.xlsx')
  @ReadsMayLag()
  @ApiProduces(XLSX_MIME)
  @ApiOperation({
    summary: 'The member records as Excel: exactly the rows the same filter lists',
    description: FLAGS_DOC,
  })
  async exportRecords(
    @CurrentUser() p: Principal,
    @Param('id', IdParam) id: number,
    @Query() q: MemberRecordsFilterQuery,
    @Res() res: Response,
  ): Promise<void> {
    const file = await this.files.recordsXlsx(p, id, q);
    sendXlsx(res, file.buffer, file.filename, file.asciiName);
  }

  @Get('members/:userId/annual-report')
  @ApiOperation({ summary: '民主评议 annual report of one member of the unit (JSON)', description: FLAGS_DOC })
  annualReport(
    @CurrentUser() p: Principal,
    @Param('id', IdParam) id: number,
    @Param('userId', IdParam) userId: number,
    @Query() q: AnnualReportQuery,
  ): Promise<AnnualReportDto> {
    return this.records.annualReport(p, id, userId, q.year);
  }

  @Get('members/:userId/annual-report.xlsx')
  @ApiProduces(XLSX_MIME)
  @ApiOperation({ summary: 'The annual report as Excel' })
  async annualReportXlsx(
    @CurrentUser() p: Principal,
    @Param('id', IdParam) id: number,
    @Param('userId', IdParam) userId: number,
    @Query() q: AnnualReportQuery,
    @Res() res: Response,
  ): Promise<void> {
    const file = await this.files.annualReportXlsx(p, id, userId, q.year);
    sendXlsx(res, file.buffer, file.filename, file.asciiName);
  }

  @Get('members/:userId/annual-report.html')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @Header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'")
  @ApiProduces('text/html')
  @ApiOperation({ summary: 'The annual report as a printable page (Chinese, print CSS)' })
  async annualReportPage(
    @CurrentUser() p: Principal,
    @Param('id', IdParam) id: number,
    @Param('userId', IdParam) userId: number,
    @Query() q: AnnualReportQuery,
  ): Promise<string> {
    return this.files.annualReportPage(p, id, userId, q.year);
  }
}
